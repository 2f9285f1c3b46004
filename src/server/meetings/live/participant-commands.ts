/**
 * What participants do to themselves: microphone and camera, hands, reactions, and the check
 * before sharing a screen. Each returns an outcome; the room tells whoever needs to know.
 */

import type { MediaState, Reaction } from '../../../shared/protocol.js';
import { meetingsWords } from '../words.js';
import type { LiveParticipant } from './live-participant.js';
import { type Failure, failure, type Outcome } from './outcome.js';
import type { RoomCore } from './room-core.js';

const rateLimited = (): Failure => failure('rate_limited', meetingsWords.phrase('too_often'));

/** Turns one's microphone or camera on or off; turning on what the moderators locked is `not_allowed`. */
export function setMedia(room: RoomCore, participant: LiveParticipant, media: MediaState): Outcome {
  if (!participant.takeGesture()) return rateLimited();
  const turnsOn = {
    microphone: !media.audioMuted && participant.media.audioMuted,
    camera: !media.videoMuted && participant.media.videoMuted,
  };
  const refused =
    (turnsOn.microphone ? room.lockRefusal(participant, 'microphone') : undefined) ??
    (turnsOn.camera ? room.lockRefusal(participant, 'camera') : undefined);
  if (refused) return refused;
  participant.setMedia(media);
  room.participantChanged(participant);
  return { ok: true };
}

/**
 * The browser heard its own microphone start or stop carrying speech. Only a live, unmuted
 * microphone is heard speaking (`LiveParticipant.speaking`): a claim made before the media flows
 * counts once it does (the summary then says so), one made while muted — by oneself or by a
 * moderator, whose mute Janus enforces — is forgotten by the mute. Everyone hears of a change in
 * the room's next `speaking` batch.
 */
export function reportSpeaking(room: RoomCore, participant: LiveParticipant, speaking: boolean): Outcome {
  if (!participant.takeSpeakingReport()) return rateLimited();
  const before = participant.speaking;
  participant.setSpeaking(speaking);
  if (participant.speaking !== before) room.speakingChanged(participant);
  return { ok: true };
}

/** Raises or lowers one's hand; a raised hand keeps its place in the queue (the time it went up). */
export function raiseHand(room: RoomCore, participant: LiveParticipant, raised: boolean): Outcome {
  if (!participant.takeGesture()) return rateLimited();
  if (raised === (participant.handRaisedAtMs !== null)) return { ok: true };
  const refused = raised ? room.featureRefusal('raiseHand') : undefined;
  if (refused) return refused;
  participant.setHand(raised ? room.clock.nowMs() : null);
  room.participantChanged(participant);
  return { ok: true };
}

/** Shows a reaction to everyone. */
export function react(room: RoomCore, participant: LiveParticipant, reaction: Reaction): Outcome {
  if (!participant.takeGesture()) return rateLimited();
  const refused = room.featureRefusal('reactions');
  if (refused) return refused;
  room.broadcast({ type: 'reaction', participantId: participant.id, reaction });
  return { ok: true };
}

/**
 * Whether `participant` may start sharing a screen: not while locked for viewers, and — unless
 * the moderators allow several — not while someone else shares (or is starting to).
 */
export function screenShareAllowed(room: RoomCore, participant: LiveParticipant): Outcome {
  const refused = room.lockRefusal(participant, 'screenShare');
  if (refused) return refused;
  if (room.settings.multipleSharers) return { ok: true };
  for (const other of room.participants.values()) {
    const screen = other.publication('screen');
    if (other !== participant && (screen.handle || screen.pending)) {
      return failure('screen_share_taken', meetingsWords.phrase('screen_share_taken', { name: other.displayName }));
    }
  }
  return { ok: true };
}
