/**
 * Chat as a room module: public and private messages, each participant's rate, the log (kept in
 * memory for the life of the meeting only) and the moderators' export of its public part.
 */

import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { ChatMessage } from '../../../shared/protocol.js';
import { TokenBucket } from '../../platform/token-bucket.js';
import { meetingsWords } from '../words.js';
import { ChatLog } from './chat-log.js';
import type { ParticipantView } from './live-participant.js';
import { failure } from './outcome.js';
import type { ModuleMessage, ModuleOutcome, RoomModule, RoomModuleContext } from './room-module.js';

/**
 * The chat of one live room, made by `RoomCore` for every room (named `chat`, claiming
 * `chat-send`). Each admitted participant may send `limits.chatMessagesPerSecondMax` messages a
 * second with bursts of `limits.chatBurstMessages`; the log lives only as long as the meeting.
 */
export class ChatModule implements RoomModule {
  readonly name = 'chat';
  readonly messageTypes = ['chat-send'] as const;
  readonly #log = new ChatLog();
  /** Each admitted participant's chat rate (kept across a resumed connection). */
  readonly #rates = new Map<ParticipantId, TokenBucket>();

  constructor(
    private readonly context: RoomModuleContext,
    /** Told of each message posted to the public chat, once everyone got it (the room tells its other modules). */
    private readonly onPublicMessage: (message: ChatMessage) => void = () => {},
    /** The meeting is end-to-end encrypted: participants' messages must come sealed, and there is nothing to export. */
    private readonly encrypted = false,
  ) {}

  onJoin(participant: ParticipantView): void {
    this.#rates.set(participant.id, new TokenBucket(limits.chatMessagesPerSecondMax, limits.chatBurstMessages));
  }

  onLeave(participant: ParticipantView): void {
    this.#rates.delete(participant.id);
  }

  handle(actor: ParticipantView, message: ModuleMessage): ModuleOutcome {
    if (message.type !== 'chat-send') return failure('malformed_message', meetingsWords.phrase('chat_unhandled'));
    if (message.sealed !== undefined && this.encrypted) return this.send(actor, message.to, message.sealed, true);
    if (message.text !== undefined && !this.encrypted) return this.send(actor, message.to, message.text);
    return failure('not_allowed', meetingsWords.phrase(this.encrypted ? 'chat_must_be_sealed' : 'chat_not_sealed'));
  }

  /**
   * Sends `text` from `actor` to everyone (`to` null) or to one participant: refused while chat
   * is locked for viewers (`not_allowed`), to someone not here or to oneself
   * (`participant_not_found`), and beyond the chat rate (`rate_limited`).
   */
  send(actor: ParticipantView, to: ParticipantId | null, text: string, sealed = false): ModuleOutcome {
    const recipient = to === null ? undefined : this.context.participant(to);
    if (to !== null && (!recipient || recipient.id === actor.id)) {
      return failure('participant_not_found', meetingsWords.phrase('participant_not_here'));
    }
    const refused =
      recipient === undefined
        ? this.context.lockRefusal(actor, 'chat')
        : // Private messages: off when the room switched them off; a locked viewer may still write to a moderator.
          this.context.lockRefusal(recipient.isModerator ? recipient : actor, 'privateChat');
    if (refused) return refused;
    if (!this.#rates.get(actor.id)?.take()) return failure('rate_limited', meetingsWords.phrase('too_often'));
    const entry = this.#log.append({
      fromId: actor.id,
      fromName: actor.displayName,
      toId: to,
      text,
      ...(sealed ? { sealed } : {}),
      sentAtMs: this.context.clock.nowMs(),
    });
    if (recipient) {
      this.context.send(actor.id, { type: 'chat', message: entry });
      this.context.send(recipient.id, { type: 'chat', message: entry });
    } else {
      this.context.broadcast({ type: 'chat', message: entry });
      this.onPublicMessage(entry);
    }
    return { ok: true, value: undefined };
  }

  /**
   * Posts `text` to the public chat from outside the meeting, under `fromName` (an integration's
   * `sendChatMessage`): refused while the room has the public chat switched off (`not_allowed`).
   * The text must already be valid chat text.
   */
  announce(fromName: string, text: string): ModuleOutcome {
    if (!this.context.featureOn('chat')) return failure('not_allowed', meetingsWords.phrase('chat_disabled'));
    const entry = this.#log.append({ fromId: null, fromName, toId: null, text, sentAtMs: this.context.clock.nowMs() });
    this.context.broadcast({ type: 'chat', message: entry });
    this.onPublicMessage(entry);
    return { ok: true, value: undefined };
  }

  /** The messages `participantId` may read: public ones, and private ones to or from them. */
  visibleTo(participantId: ParticipantId): ChatMessage[] {
    return this.#log.visibleTo(participantId);
  }

  /** The public chat as plain text, for a moderator's download; `undefined` in an encrypted meeting (the server cannot read it). */
  exportPublic(): string | undefined {
    if (this.encrypted) return undefined;
    return this.#log.exportPublic(this.context.roomName(), this.context.clock.nowMs());
  }

  close(): void {
    this.#rates.clear();
  }
}
