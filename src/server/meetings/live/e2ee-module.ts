/**
 * The key agreement of an end-to-end encrypted meeting, as a room module: a relay that cannot
 * read what it relays. Each browser announces an ECDH public key; the module hands it to the
 * others and hands the newcomer theirs. Each browser then wraps its own media key for each other
 * participant (a secret only the two of them can derive) and the module delivers each wrapped key
 * to its recipient alone. The server never holds a key it could use: trust in the public keys it
 * relays is checked by the participants themselves, by comparing the meeting's safety code.
 */
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import { TokenBucket } from '../../platform/token-bucket.js';
import { meetingsWords } from '../words.js';
import type { ParticipantView } from './live-participant.js';
import { failure } from './outcome.js';
import type { ModuleMessage, ModuleOutcome, RoomModule, RoomModuleContext } from './room-module.js';

/**
 * The relay of an encrypted meeting's keys (named `e2ee`, claiming `e2ee-identity` and
 * `e2ee-keys`), added by `RoomCore` to meetings of rooms with end-to-end encryption only: in
 * any other meeting those messages are `malformed_message` (nothing handles them).
 */
export class E2eeModule implements RoomModule {
  readonly name = 'e2ee';
  readonly messageTypes = ['e2ee-identity', 'e2ee-keys'] as const;
  /** Each admitted participant's announced public key. */
  readonly #identities = new Map<ParticipantId, string>();
  /** Each admitted participant's allowance of announcements and of key messages. */
  readonly #rates = new Map<ParticipantId, { identities: TokenBucket; keys: TokenBucket }>();

  constructor(private readonly context: RoomModuleContext) {}

  onJoin(participant: ParticipantView): void {
    this.#rates.set(participant.id, {
      identities: new TokenBucket(limits.e2eeIdentitiesPerSecondMax, limits.e2eeIdentityBurst),
      keys: new TokenBucket(limits.e2eeKeysPerSecondMax, limits.e2eeKeysBurst),
    });
  }

  onLeave(participant: ParticipantView): void {
    // The others learn of it from `participant-left` and move to new keys themselves.
    this.#identities.delete(participant.id);
    this.#rates.delete(participant.id);
  }

  handle(actor: ParticipantView, message: ModuleMessage): ModuleOutcome {
    const rates = this.#rates.get(actor.id);
    if (message.type === 'e2ee-identity') {
      if (!rates?.identities.take()) return failure('rate_limited', meetingsWords.phrase('too_often'));
      return this.#announce(actor, message.publicKey);
    }
    if (message.type === 'e2ee-keys') {
      if (!rates?.keys.take()) return failure('rate_limited', meetingsWords.phrase('too_often'));
      return this.#deliver(actor, message.keys);
    }
    return failure('malformed_message', meetingsWords.phrase('e2ee_unhandled'));
  }

  /** Records the actor's public key, tells everyone else, and answers with everyone else's. */
  #announce(actor: ParticipantView, publicKey: string): ModuleOutcome {
    this.#identities.set(actor.id, publicKey);
    this.context.broadcast({ type: 'e2ee-identities', identities: [{ participantId: actor.id, publicKey }] }, actor.id);
    const others = [...this.#identities]
      .filter(([participantId]) => participantId !== actor.id && this.context.participant(participantId) !== undefined)
      .map(([participantId, key]) => ({ participantId, publicKey: key }));
    return { ok: true, value: { type: 'e2ee-identities', identities: others } };
  }

  /**
   * Hands each wrapped key to its recipient. The sender must have announced a key first; a
   * recipient who left or never announced one is skipped (they may have left a moment ago).
   */
  #deliver(actor: ParticipantView, keys: readonly { to: ParticipantId; wrapped: string }[]): ModuleOutcome {
    if (!this.#identities.has(actor.id)) return failure('not_allowed', meetingsWords.phrase('e2ee_identity_first'));
    const handed = new Set<ParticipantId>();
    for (const { to, wrapped } of keys) {
      // One key per recipient per message: a list naming someone a hundred times reaches them once.
      if (to === actor.id || handed.has(to) || !this.#identities.has(to)) continue;
      handed.add(to);
      this.context.send(to, { type: 'e2ee-key', from: actor.id, wrapped });
    }
    return { ok: true, value: undefined };
  }

  close(): void {
    this.#identities.clear();
    this.#rates.clear();
  }
}
