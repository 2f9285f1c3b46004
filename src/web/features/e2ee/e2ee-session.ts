/**
 * One participant's side of an encrypted meeting's key agreement: announces our public key, agrees
 * pair keys with each other participant (`key-agreement.ts`), makes our media key and hands it to
 * each of them, installs the keys they hand us in the transform worker, and moves to a new media
 * key whenever someone joins (they cannot decrypt what was said before) or leaves (they cannot
 * decrypt what is said after). Knows nothing of the page: `MeetingController` feeds it messages.
 *
 * Against a relay that misbehaves: a KID is accepted once, from one participant, ever (a wrapped
 * key replayed or a KID taken over is refused, so a replay window cannot be reset); a peer's
 * previous key is dropped a few seconds after their next one; identities are taken only for people
 * on the roster; sealed chat is opened only with its sender's own keys and only once.
 */
import type { E2eeIdentity } from '../../../shared/e2ee-protocol.js';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { ClientMessage } from '../../../shared/protocol.js';
import { openChatText, openPrivateText, sealChatText, sealPrivateText } from './chat-seal.js';
import type { EncryptedMediaPipeline } from './encrypted-pipeline.js';
import {
  createIdentity,
  derivePairKeys,
  type Identity,
  type MediaKey,
  newMediaKey,
  type PairKeys,
  unwrapMediaKey,
  wrapMediaKey,
} from './key-agreement.js';
import { safetyCode } from './safety-code.js';

/** What the page shows of the encryption. */
export interface E2eeStatus {
  /** Everyone's public keys agreed so far, as the safety code (indexes into `safetyEmoji`); `undefined` before ours exists. */
  safetyCode: number[] | undefined;
  /** The KID our media goes out under now. */
  sendingKid: bigint | undefined;
  /** Each other participant and the latest media key KID they handed us (`undefined`: none yet). */
  peers: { participantId: ParticipantId; kid: bigint | undefined }[];
  /** Key messages that did not authenticate, were malformed or replayed, ignored. */
  refusedKeyMessages: number;
}

/** A sealed chat message opened, or why it could not be. */
export type OpenedChat = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'replayed' };

interface Peer {
  publicKey: string;
  /** Pair keys once derived; `undefined` inside when their public key was malformed. */
  keys: Promise<PairKeys | undefined>;
  /** The KIDs of the media keys they handed us that we still hold, oldest first. */
  kids: bigint[];
}

/** How long after handing out a new media key we start using it, so that everyone has it first. */
const keySwitchDelayMs = 700;
/** Joins and leaves this close together share one new key… */
const rotationDebounceMs = 150;
/** …but a new key is never put off longer than this by a stream of them. */
const rotationDelayMaxMs = 1_000;
/** How long a peer's previous key still decrypts once their next one arrived (frames in flight across the switch). */
const previousKeyGraceMs = 3_000;
/** KIDs remembered as used, so none is accepted twice (beyond this many, the oldest are forgotten). */
const usedKidsRememberedMax = 4_096;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

export class E2eeSession {
  #identity: Identity | undefined;
  readonly #peers = new Map<ParticipantId, Peer>();
  /** The key our media goes out under, and the one handed out that will replace it. */
  #sendingKey: MediaKey | undefined;
  #nextKey: MediaKey | undefined;
  /** Every media key we hold by KID, with whose it is — our own last two, and those others handed us. */
  readonly #keysByKid = new Map<bigint, { key: MediaKey; owner: ParticipantId }>();
  /** Every KID seen (ours included), oldest first: a KID is never accepted twice. */
  readonly #usedKids = new Set<bigint>();
  readonly #ownKids: bigint[] = [];
  /** Sealed chat already opened (a relay could send one again). */
  readonly #openedChat = new Set<string>();
  #refused = 0;
  #rotationTimer: ReturnType<typeof setTimeout> | undefined;
  #rotationFirstAskedAtMs: number | undefined;
  /** Rotations, key deliveries and chat opening, one after another, in the order they came. */
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    private readonly selfId: ParticipantId,
    private readonly send: (message: ClientMessage) => void,
    private readonly pipeline: EncryptedMediaPipeline,
    private readonly onStatus: (status: E2eeStatus) => void,
    /** Whether someone is in the meeting as far as the page knows (identities of others are ignored). */
    private readonly isParticipant: (participantId: ParticipantId) => boolean,
  ) {}

  /** Makes our identity and first media key, and announces the identity. */
  async start(): Promise<void> {
    this.#identity = await createIdentity();
    if (this.#closed) return;
    this.#useOwnKey(newMediaKey());
    this.send({ type: 'e2ee-identity', publicKey: this.#identity.publicKey });
    await this.#report();
  }

  /**
   * Our connection came back as the same participant: what was said meanwhile is lost. Forget
   * whoever left, announce ourselves again (everyone hands us their current key, and we learn of
   * newcomers), and move to a new key.
   */
  resumed(participantIds: readonly ParticipantId[]): void {
    const present = new Set(participantIds);
    for (const participantId of [...this.#peers.keys()]) if (!present.has(participantId)) this.participantLeft(participantId);
    if (this.#identity) this.send({ type: 'e2ee-identity', publicKey: this.#identity.publicKey });
    this.#scheduleRotation();
  }

  /** Others' public keys (all of them in answer to ours, then each newcomer's, and anyone's announced again). */
  identitiesReceived(identities: readonly E2eeIdentity[]): void {
    const identity = this.#identity;
    if (!identity) return;
    let someoneNew = false;
    for (const { participantId, publicKey } of identities) {
      if (participantId === this.selfId) continue;
      if (!this.isParticipant(participantId)) {
        this.#refuse(`an identity for ${participantId}, who is not in the meeting`);
        continue;
      }
      const known = this.#peers.get(participantId);
      if (known?.publicKey === publicKey) {
        // Announced again after their connection came back: they lost what we sent meanwhile.
        this.#enqueue(() => this.#handCurrentKeyTo(participantId));
        continue;
      }
      for (const kid of known?.kids ?? []) this.#forget(kid);
      const keys = derivePairKeys(identity, this.selfId, participantId, publicKey).then((derived) => {
        if (!derived) this.#refuse(`the public key of ${participantId} is not a P-256 point`);
        return derived;
      });
      this.#peers.set(participantId, { publicKey, keys, kids: [] });
      someoneNew = true;
    }
    if (someoneNew) this.#scheduleRotation();
  }

  /** A media key another participant wrapped for us. */
  keyReceived(from: ParticipantId, wrapped: string): void {
    this.#enqueue(async () => {
      const peer = this.#peers.get(from);
      const pair = await peer?.keys;
      const key = peer && pair ? await unwrapMediaKey(wrapped, pair.inbound, from, this.selfId) : undefined;
      if (!peer || this.#peers.get(from) !== peer) return; // They left meanwhile.
      if (!key) return this.#refuse(`a key message from ${from} that did not authenticate`);
      const held = this.#keysByKid.get(key.kid);
      if (held?.owner === from && sameBytes(held.key.baseKey, key.baseKey)) return; // Handed again (after a reconnection): already installed.
      if (this.#usedKids.has(key.kid)) return this.#refuse(`a key message from ${from} with a KID already used`);
      this.#remember(key.kid);
      this.#keysByKid.set(key.kid, { key, owner: from });
      this.pipeline.addReceivingKey(key, from);
      const previous = [...peer.kids];
      peer.kids.push(key.kid);
      setTimeout(() => {
        for (const kid of previous) {
          if (this.#peers.get(from) !== peer || !peer.kids.includes(kid)) continue;
          peer.kids.splice(peer.kids.indexOf(kid), 1);
          this.#forget(kid);
        }
      }, previousKeyGraceMs);
    });
  }

  /** Someone left: their keys go, and we move to a key they never had. */
  participantLeft(participantId: ParticipantId): void {
    const peer = this.#peers.get(participantId);
    if (!peer) return;
    this.#peers.delete(participantId);
    for (const kid of peer.kids) this.#forget(kid);
    this.#scheduleRotation();
  }

  /**
   * Seals a chat message (`chat-seal.ts`): to everyone with our newest media key (the one everyone
   * here has or is about to have), to one person with our pair's chat key.
   */
  async sealChat(text: string, to: ParticipantId | null): Promise<string> {
    if (to !== null) {
      const pair = await this.#peers.get(to)?.keys;
      if (!pair) throw new Error('no keys agreed with them yet');
      return sealPrivateText(pair.chatOutbound, text, this.selfId, to);
    }
    const key = this.#nextKey ?? this.#sendingKey;
    if (!key) throw new Error('no media key yet');
    return sealChatText(key, text, this.selfId, to);
  }

  /**
   * Opens a sealed chat message, after the key messages that came before it: a public one with a
   * key of its sender's own, a private one with the pair's chat key (ours to them, theirs to us).
   */
  openChat(sealed: string, from: ParticipantId, to: ParticipantId | null): Promise<OpenedChat> {
    return new Promise((resolve) => {
      this.#enqueue(async () => {
        if (this.#openedChat.has(sealed)) return resolve({ ok: false, reason: 'replayed' });
        const text = await this.#open(sealed, from, to);
        if (text === undefined) return resolve({ ok: false, reason: 'unreadable' });
        if (this.#openedChat.size >= limits.chatMessagesPerMeetingMax) this.#openedChat.clear();
        this.#openedChat.add(sealed);
        resolve({ ok: true, text });
      }, false);
    });
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#rotationTimer);
    this.pipeline.close();
  }

  async #open(sealed: string, from: ParticipantId, to: ParticipantId | null): Promise<string | undefined> {
    if (to === null) {
      return openChatText(sealed, from, null, (kid) => {
        const held = this.#keysByKid.get(kid);
        return held?.owner === from ? held.key : undefined;
      });
    }
    if (from === this.selfId) {
      const pair = await this.#peers.get(to)?.keys;
      return pair ? openPrivateText(sealed, pair.chatOutbound, from, to) : undefined;
    }
    if (to !== this.selfId) return undefined;
    const pair = await this.#peers.get(from)?.keys;
    return pair ? openPrivateText(sealed, pair.chatInbound, from, to) : undefined;
  }

  #scheduleRotation(): void {
    const now = Date.now();
    this.#rotationFirstAskedAtMs ??= now;
    const delay = Math.min(rotationDebounceMs, Math.max(0, this.#rotationFirstAskedAtMs + rotationDelayMaxMs - now));
    clearTimeout(this.#rotationTimer);
    this.#rotationTimer = setTimeout(() => {
      this.#rotationFirstAskedAtMs = undefined;
      this.#enqueue(() => this.#rotate());
    }, delay);
  }

  /** A new media key: wrapped for everyone here now, then used once they have had time to install it (outside the queue). */
  async #rotate(): Promise<void> {
    const key = newMediaKey();
    this.#remember(key.kid);
    const keys = await this.#wrapFor(key, [...this.#peers.keys()]);
    if (this.#closed) return;
    this.#nextKey = key;
    if (keys.length === 0) return this.#useOwnKey(key);
    this.send({ type: 'e2ee-keys', keys });
    setTimeout(() => {
      if (this.#closed || this.#nextKey !== key) return;
      this.#useOwnKey(key);
      void this.#report();
    }, keySwitchDelayMs);
  }

  /** Hands our current key (and the next one, if a switch is under way) to one participant again. */
  async #handCurrentKeyTo(participantId: ParticipantId): Promise<void> {
    for (const key of [this.#sendingKey, this.#nextKey]) {
      if (!key || this.#closed) continue;
      const keys = await this.#wrapFor(key, [participantId]);
      if (keys.length > 0) this.send({ type: 'e2ee-keys', keys });
    }
  }

  async #wrapFor(key: MediaKey, participantIds: ParticipantId[]): Promise<{ to: ParticipantId; wrapped: string }[]> {
    const keys: { to: ParticipantId; wrapped: string }[] = [];
    for (const participantId of participantIds) {
      const pair = await this.#peers.get(participantId)?.keys;
      if (pair) keys.push({ to: participantId, wrapped: await wrapMediaKey(key, pair.outbound, this.selfId, participantId) });
    }
    return keys;
  }

  #useOwnKey(key: MediaKey): void {
    if (this.#nextKey === key) this.#nextKey = undefined;
    this.#sendingKey = key;
    this.#remember(key.kid);
    this.#keysByKid.set(key.kid, { key, owner: this.selfId });
    this.#ownKids.push(key.kid);
    for (const old of this.#ownKids.splice(0, Math.max(0, this.#ownKids.length - 2))) this.#keysByKid.delete(old);
    this.pipeline.useSendingKey(key);
  }

  #remember(kid: bigint): void {
    this.#usedKids.add(kid);
    if (this.#usedKids.size > usedKidsRememberedMax) {
      const oldest = this.#usedKids.values().next().value;
      if (oldest !== undefined) this.#usedKids.delete(oldest);
    }
  }

  #forget(kid: bigint): void {
    this.#keysByKid.delete(kid);
    this.pipeline.forgetKey(kid);
  }

  /** Runs `task` after the ones before it; then reports the status unless told not to. */
  #enqueue(task: () => Promise<void>, report = true): void {
    this.#queue = this.#queue
      .then(task)
      .then(() => (report ? this.#report() : undefined))
      .catch((error: unknown) => console.error('end-to-end encryption', error));
  }

  #refuse(why: string): void {
    this.#refused += 1;
    console.warn(`end-to-end encryption: ignored ${why}`);
    void this.#report();
  }

  async #report(): Promise<void> {
    const identity = this.#identity;
    if (!identity || this.#closed) return;
    const everyone = [...this.#peers].map(([participantId, peer]) => ({ participantId, publicKey: peer.publicKey }));
    everyone.push({ participantId: this.selfId, publicKey: identity.publicKey });
    this.onStatus({
      safetyCode: await safetyCode(everyone),
      sendingKid: this.#sendingKey?.kid,
      peers: [...this.#peers].map(([participantId, peer]) => ({ participantId, kid: peer.kids.at(-1) })),
      refusedKeyMessages: this.#refused,
    });
  }
}
