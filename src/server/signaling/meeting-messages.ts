/**
 * Routes a joined participant's messages to the room's commands. Nothing is decided here: the
 * room checks roles, locks and rates and answers with an outcome; this turns a successful
 * outcome into the reply the protocol defines, if any, and hands a failure back to be sent.
 */
import type { ParticipantId } from '../../shared/ids.js';
import type { ClientMessage, ServerMessage } from '../../shared/protocol.js';
import type { Failure, LiveRoom } from '../meetings/index.js';

/**
 * A message a joined participant sends during the meeting: every client message but `join`,
 * `leave` and `ping`, which the connection handles itself.
 */
export type MeetingMessage = Exclude<ClientMessage, { type: 'join' | 'leave' | 'ping' }>;

/** The messages room modules handle: those of a type no core command has (today the chat's). */
type ModuleMessage = Parameters<LiveRoom['handleModuleMessage']>[1];

/** The messages the room's core commands handle. */
type CoreCommandMessage = Exclude<MeetingMessage, ModuleMessage>;

/**
 * Carries out one message of joined participant `participantId`; `reply` sends to that
 * participant alone. A core command's type goes to that command; every other type goes to the
 * room module that claims it (`malformed_message` if none does).
 */
export async function routeMeetingMessage(
  room: LiveRoom,
  participantId: ParticipantId,
  message: MeetingMessage,
  reply: (message: ServerMessage) => void,
): Promise<Failure | undefined> {
  switch (message.type) {
    case 'publish': {
      const published = await room.publish(participantId, message.source, message.offer);
      if (published.ok) reply({ type: 'publish-answer', source: message.source, answer: published.value });
      return published.ok ? undefined : published;
    }
    case 'subscribe': {
      // The offer follows as `subscription-offer` once the subscription is negotiated.
      const subscribed = room.subscribe(participantId, message.participantId, message.source, message.layer);
      return subscribed.ok ? undefined : subscribed;
    }
    case 'moderate': {
      const moderated = room.moderate(participantId, message.moderation);
      if (moderated.ok && moderated.value) reply(moderated.value);
      return moderated.ok ? undefined : moderated;
    }
    case 'unpublish':
    case 'subscription-answer':
    case 'unsubscribe':
    case 'video-layer':
    case 'trickle':
    case 'media-state':
    case 'connection-quality':
    case 'speaking':
    case 'hand':
    case 'react': {
      const outcome = await command(room, participantId, message);
      return outcome.ok ? undefined : outcome;
    }
    default: {
      // Any other type (a type the protocol gains for a module, `chat-send` today) is a module's.
      const handled = await room.handleModuleMessage(participantId, message);
      if (handled.ok && handled.value) reply(handled.value);
      return handled.ok ? undefined : handled;
    }
  }
}

/** The core commands whose success needs no reply. */
function command(
  room: LiveRoom,
  participantId: ParticipantId,
  message: Exclude<CoreCommandMessage, { type: 'publish' | 'subscribe' | 'moderate' }>,
) {
  switch (message.type) {
    case 'unpublish':
      return room.unpublish(participantId, message.source);
    case 'subscription-answer':
      return room.answerSubscription(participantId, message.answer);
    case 'unsubscribe':
      return room.unsubscribe(participantId, message.participantId, message.source);
    case 'video-layer':
      return room.setVideoLayer(participantId, message.participantId, message.source, message.layer);
    case 'trickle':
      return room.trickle(participantId, message.target, message.candidate);
    case 'media-state':
      return room.setMedia(participantId, message.media);
    case 'connection-quality':
      return room.reportNetwork(participantId, message.quality);
    case 'speaking':
      return room.reportSpeaking(participantId, message.speaking);
    case 'hand':
      return room.raiseHand(participantId, message.raised);
    case 'react':
      return room.react(participantId, message.reaction);
  }
}
