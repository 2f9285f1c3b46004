/**
 * Routes a joined participant's messages to the room's commands. Nothing is decided here: the
 * room checks roles, locks and rates and answers with an outcome; this turns a successful
 * outcome into the reply the protocol defines, if any, and hands a failure back to be sent.
 */
import type { ParticipantId } from '../../shared/ids.js';
import type { ClientMessage, ServerMessage } from '../../shared/protocol.js';
import type { Failure, LiveRoom } from '../meetings/index.js';

export type MeetingMessage = Exclude<ClientMessage, { type: 'join' | 'leave' | 'ping' }>;

/** Carries out one message of joined participant `participantId`; `reply` sends to that participant alone. */
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
      const subscribed = await room.subscribe(participantId, message.participantId, message.source, message.layer);
      if (subscribed.ok)
        reply({ type: 'subscription-offer', participantId: message.participantId, source: message.source, offer: subscribed.value });
      return subscribed.ok ? undefined : subscribed;
    }
    case 'moderate': {
      const moderated = room.moderate(participantId, message.moderation);
      if (moderated.ok && moderated.value) reply(moderated.value);
      return moderated.ok ? undefined : moderated;
    }
    case 'chat-send': {
      const sent = room.sendChat(participantId, message.to, message.text);
      if (sent.ok && sent.value) reply(sent.value);
      return sent.ok ? undefined : sent;
    }
    default: {
      const outcome = await command(room, participantId, message);
      return outcome.ok ? undefined : outcome;
    }
  }
}

/** The commands whose success needs no reply. */
function command(
  room: LiveRoom,
  participantId: ParticipantId,
  message: Exclude<MeetingMessage, { type: 'publish' | 'subscribe' | 'moderate' | 'chat-send' }>,
) {
  switch (message.type) {
    case 'unpublish':
      return room.unpublish(participantId, message.source);
    case 'subscription-answer':
      return room.answerSubscription(participantId, message.participantId, message.source, message.answer);
    case 'unsubscribe':
      return room.unsubscribe(participantId, message.participantId, message.source);
    case 'video-layer':
      return room.setVideoLayer(participantId, message.participantId, message.source, message.layer);
    case 'trickle':
      return room.trickle(participantId, message.target, message.candidate);
    case 'media-state':
      return room.setMedia(participantId, message.media);
    case 'hand':
      return room.raiseHand(participantId, message.raised);
    case 'react':
      return room.react(participantId, message.reaction);
  }
}
