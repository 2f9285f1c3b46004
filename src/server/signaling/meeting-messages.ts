/**
 * What a joined participant's messages do. Each returns nothing on success (the room tells
 * whoever needs to know) or the failure to send back; authorisation is checked here and in
 * `moderate` — the browser only hides what the server would refuse.
 */
import type { ClientMessage, ServerMessage } from '../../shared/protocol.js';
import { type LiveParticipant, type LiveRoom, lockAllows, moderate, type Outcome } from '../meetings/index.js';

type Failure = Extract<Outcome, { ok: false }>;
type MeetingMessage = Exclude<ClientMessage, { type: 'join' | 'leave' | 'ping' }>;

const notAllowed = (message: string): Failure => ({ ok: false, code: 'not_allowed', message });
const rateLimited: Failure = { ok: false, code: 'rate_limited', message: 'You are doing that too often; wait a moment.' };

function mediaState(
  room: LiveRoom,
  participant: LiveParticipant,
  media: Extract<MeetingMessage, { type: 'media-state' }>['media'],
): Failure | undefined {
  if (!participant.gestureBucket.take()) return rateLimited;
  if (!media.audioMuted && participant.media.audioMuted && !lockAllows(room, participant, 'microphone')) {
    return notAllowed('The moderators have turned microphones off for viewers.');
  }
  if (!media.videoMuted && participant.media.videoMuted && !lockAllows(room, participant, 'camera')) {
    return notAllowed('The moderators have turned cameras off for viewers.');
  }
  participant.media = media;
  room.participantChanged(participant);
  return undefined;
}

function chat(room: LiveRoom, participant: LiveParticipant, message: Extract<MeetingMessage, { type: 'chat-send' }>): Failure | undefined {
  if (!lockAllows(room, participant, 'chat')) return notAllowed('The moderators have turned chat off for viewers.');
  const recipient = message.to === null ? undefined : room.participants.get(message.to);
  if (message.to !== null && (!recipient || recipient === participant)) {
    return { ok: false, code: 'participant_not_found', message: 'That participant is not in this meeting.' };
  }
  if (!participant.chatBucket.take()) return rateLimited;
  const entry = room.chat.append({
    fromId: participant.id,
    fromName: participant.displayName,
    toId: message.to,
    text: message.text,
    sentAtMs: room.clock.nowMs(),
  });
  const delivery: ServerMessage = { type: 'chat', message: entry };
  if (recipient) {
    participant.send(delivery);
    recipient.send(delivery);
  } else {
    room.broadcast(delivery);
  }
  return undefined;
}

function screenShareAllowed(room: LiveRoom, participant: LiveParticipant): Failure | undefined {
  if (!lockAllows(room, participant, 'screenShare')) return notAllowed('The moderators have turned screen sharing off for viewers.');
  if (room.settings.multipleSharers) return undefined;
  for (const other of room.participants.values()) {
    if (other !== participant && (other.publications.screen.handle || other.publications.screen.pending)) {
      return { ok: false, code: 'screen_share_taken', message: `${other.displayName} is already sharing a screen.` };
    }
  }
  return undefined;
}

/** Carries out one message of a joined participant; `reply` sends to that participant alone. */
export async function handleMeetingMessage(
  room: LiveRoom,
  participant: LiveParticipant,
  message: MeetingMessage,
  reply: (message: ServerMessage) => void,
): Promise<Failure | undefined> {
  switch (message.type) {
    case 'publish': {
      if (message.source === 'screen') {
        const refused = screenShareAllowed(room, participant);
        if (refused) return refused;
      }
      const result = await room.media.publish(participant, message.source, message.offer);
      if (!result.ok) return result;
      reply({ type: 'publish-answer', source: message.source, answer: result.value });
      return undefined;
    }
    case 'unpublish':
      await room.media.unpublish(participant, message.source);
      return undefined;
    case 'subscribe': {
      const result = await room.media.subscribe(participant, message.participantId, message.source, message.layer);
      if (!result.ok) return result;
      reply({ type: 'subscription-offer', participantId: message.participantId, source: message.source, offer: result.value });
      return undefined;
    }
    case 'subscription-answer': {
      const result = await room.media.answerSubscription(participant, message.participantId, message.source, message.answer);
      return result.ok ? undefined : result;
    }
    case 'unsubscribe':
      participant.closeSubscription(`${message.participantId}/${message.source}`);
      return undefined;
    case 'video-layer': {
      const result = await room.media.setVideoLayer(participant, message.participantId, message.source, message.layer);
      return result.ok ? undefined : result;
    }
    case 'trickle':
      await room.media.trickle(participant, message.target, message.candidate);
      return undefined;
    case 'media-state':
      return mediaState(room, participant, message.media);
    case 'chat-send':
      return chat(room, participant, message);
    case 'hand':
      if (!participant.gestureBucket.take()) return rateLimited;
      if (message.raised === (participant.handRaisedAtMs !== null)) return undefined;
      participant.handRaisedAtMs = message.raised ? room.clock.nowMs() : null;
      room.participantChanged(participant);
      return undefined;
    case 'react':
      if (!participant.gestureBucket.take()) return rateLimited;
      room.broadcast({ type: 'reaction', participantId: participant.id, reaction: message.reaction });
      return undefined;
    case 'moderate': {
      const result = moderate(room, participant, message.moderation);
      if (!result.ok) return result;
      if (result.value) reply(result.value);
      return undefined;
    }
  }
}
