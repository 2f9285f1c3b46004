/**
 * One participant's side of an encrypted meeting's key agreement: announces our public key, agrees
 * pair keys with each other participant (`key-agreement.ts`), makes our media key and hands it to
 * each of them, installs the keys they hand us in the transform worker, and moves to a new media
 * key whenever someone joins (they cannot decrypt what was said before) or leaves (they cannot
 * decrypt what is said after). Knows nothing of the page: `MeetingController` feeds it messages.
 */
import type { E2eeIdentity } from '../../../shared/e2ee-protocol.js';
import type { ParticipantId } from '../../../shared/ids.js';
import type { ClientMessage } from '../../../shared/protocol.js';
import { openChatText, sealChatText } from './chat-seal.js';
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
  /** Key messages that did not authenticate or were malformed, ignored. */
  refusedKeyMessages: number;
}

interface Peer {
  publicKey: string;
  /** Pair keys once derived; `undefined` inside when their public key was malformed. */
  keys: Promise<PairKeys | undefined>;
  /** The KIDs of the media keys they handed us, oldest first (at most `keysKeptPerPeer`). */
  kids: bigint[];
}

/** How long after handing out a new media key we start using it, so that everyone has it first. */
const keySwitchDelayMs = 700;
/** Joins and leaves this close together share one new key. */
const rotationDebounceMs = 150;
/** A peer's media keys we keep (their current and the one before: frames in flight during a switch). */
const keysKeptPerPeer = 2;

export class E2eeSession {
  #identity: Identity | undefined;
  readonly #peers = new Map<ParticipantId, Peer>();
  #sendingKey: MediaKey | undefined;
  /** Every media key we hold by KID — our own last ones and those others handed us — for opening chat. */
  readonly #keysByKid = new Map<bigint, MediaKey>();
  /** Our own KIDs, oldest first (at most `keysKeptPerPeer`). */
  readonly #ownKids: bigint[] = [];
  #refused = 0;
  #rotationTimer: ReturnType<typeof setTimeout> | undefined;
  /** Rotations and key deliveries, one after another. */
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    private readonly selfId: ParticipantId,
    private readonly send: (message: ClientMessage) => void,
    private readonly pipeline: EncryptedMediaPipeline,
    private readonly onStatus: (status: E2eeStatus) => void,
  ) {}

  /** Makes our identity and first media key, and announces the identity. */
  async start(): Promise<void> {
    this.#identity = await createIdentity();
    if (this.#closed) return;
    this.#useOwnKey(newMediaKey());
    this.send({ type: 'e2ee-identity', publicKey: this.#identity.publicKey });
    await this.#report();
  }

  /** Others' public keys (all of them in answer to ours, then each newcomer's). */
  identitiesReceived(identities: readonly E2eeIdentity[]): void {
    const identity = this.#identity;
    if (!identity) return;
    for (const { participantId, publicKey } of identities) {
      if (participantId === this.selfId || this.#peers.get(participantId)?.publicKey === publicKey) continue;
      const keys = derivePairKeys(identity, this.selfId, participantId, publicKey).then((derived) => {
        if (!derived) this.#refuse(`the public key of ${participantId} is not a P-256 point`);
        return derived;
      });
      this.#peers.set(participantId, { publicKey, keys, kids: [] });
    }
    this.#scheduleRotation();
  }

  /** A media key another participant wrapped for us. */
  keyReceived(from: ParticipantId, wrapped: string): void {
    this.#enqueue(async () => {
      const peer = this.#peers.get(from);
      const keys = await peer?.keys;
      const key = peer && keys ? await unwrapMediaKey(wrapped, keys.inbound, from, this.selfId) : undefined;
      if (!peer || !key) return this.#refuse(`a key message from ${from} did not authenticate`);
      this.pipeline.addReceivingKey(key);
      this.#keysByKid.set(key.kid, key);
      peer.kids.push(key.kid);
      for (const old of peer.kids.splice(0, Math.max(0, peer.kids.length - keysKeptPerPeer))) this.#forget(old);
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

  /** Seals a chat message with our current media key (`chat-seal.ts`). */
  sealChat(text: string, to: ParticipantId | null): Promise<string> {
    const key = this.#sendingKey;
    if (!key) return Promise.reject(new Error('no media key yet'));
    return sealChatText(key, text, this.selfId, to);
  }

  /** Opens a sealed chat message; `undefined` when we hold no key for it or it does not authenticate. */
  openChat(sealed: string, from: ParticipantId, to: ParticipantId | null): Promise<string | undefined> {
    return openChatText(sealed, from, to, (kid) => this.#keysByKid.get(kid));
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#rotationTimer);
    this.pipeline.close();
  }

  #scheduleRotation(): void {
    clearTimeout(this.#rotationTimer);
    this.#rotationTimer = setTimeout(() => this.#enqueue(() => this.#rotate()), rotationDebounceMs);
  }

  /** A new media key: wrapped for everyone here now, then used once they have had time to install it. */
  async #rotate(): Promise<void> {
    const key = newMediaKey();
    const keys: { to: ParticipantId; wrapped: string }[] = [];
    for (const [participantId, peer] of this.#peers) {
      const pair = await peer.keys;
      if (pair) keys.push({ to: participantId, wrapped: await wrapMediaKey(key, pair.outbound, this.selfId, participantId) });
    }
    if (this.#closed) return;
    if (keys.length > 0) this.send({ type: 'e2ee-keys', keys });
    await new Promise((resolve) => setTimeout(resolve, keys.length > 0 ? keySwitchDelayMs : 0));
    if (this.#closed) return;
    this.#useOwnKey(key);
  }

  #useOwnKey(key: MediaKey): void {
    this.#sendingKey = key;
    this.#keysByKid.set(key.kid, key);
    this.#ownKids.push(key.kid);
    for (const old of this.#ownKids.splice(0, Math.max(0, this.#ownKids.length - keysKeptPerPeer))) this.#keysByKid.delete(old);
    this.pipeline.useSendingKey(key);
  }

  #forget(kid: bigint): void {
    this.#keysByKid.delete(kid);
    this.pipeline.forgetKey(kid);
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue
      .then(task)
      .then(() => this.#report())
      .catch((error: unknown) => console.error('end-to-end encryption', error));
  }

  #refuse(why: string): void {
    this.#refused += 1;
    console.warn(`end-to-end encryption: ignored ${why}`);
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
