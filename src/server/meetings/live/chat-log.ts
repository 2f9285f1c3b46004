/**
 * A meeting's chat, kept in memory for the life of the meeting only (never written to disk).
 * Private messages are seen by their two participants only and never exported.
 */
import { nanoid } from 'nanoid';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { ChatMessage } from '../../../shared/protocol.js';

export class ChatLog {
  private readonly messages: ChatMessage[] = [];

  /** Adds a message; the oldest are dropped beyond `limits.chatMessagesPerMeetingMax`. */
  append(input: Omit<ChatMessage, 'messageId'>): ChatMessage {
    const message: ChatMessage = { messageId: nanoid(12), ...input };
    this.messages.push(message);
    if (this.messages.length > limits.chatMessagesPerMeetingMax) this.messages.shift();
    return message;
  }

  /** The messages `participantId` may read: public ones, and private ones to or from them. */
  visibleTo(participantId: ParticipantId): ChatMessage[] {
    return this.messages.filter((message) => message.toId === null || message.toId === participantId || message.fromId === participantId);
  }

  /** The public chat as plain text, one line per message, for a moderator's download made at `nowMs`. */
  exportPublic(roomName: string, nowMs: number): string {
    const lines = this.messages
      .filter((message) => message.toId === null)
      .map((message) => `[${new Date(message.sentAtMs).toISOString()}] ${message.fromName}: ${message.text.replaceAll('\n', '\n    ')}`);
    return `Chat of "${roomName}", exported ${new Date(nowMs).toISOString()}\n\n${lines.join('\n')}\n`;
  }
}
