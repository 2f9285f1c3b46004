/**
 * Moderator commands. The server decides: every action checks the actor's role here, and a
 * viewer or guest gets `not_allowed` with nothing changed. Nobody is unmuted remotely: a
 * moderator can only ask. Ending the meeting is the room's own (`LiveRoom.moderate`).
 */

import type { ParticipantId } from '../../../shared/ids.js';
import type { LockedSettings, Moderation, ServerMessage } from '../../../shared/protocol.js';
import { meetingsWords } from '../words.js';
import type { LiveParticipant } from './live-participant.js';
import { failure, type Outcome } from './outcome.js';
import type { RoomCore } from './room-core.js';

/** A reply for the actor alone (e.g. the chat export), if the action has one. */
export type ModerationReply = ServerMessage | undefined;

const done: Outcome<ModerationReply> = { ok: true, value: undefined };

function target(room: RoomCore, participantId: ParticipantId): Outcome<LiveParticipant> {
  const participant = room.participants.get(participantId);
  return participant ? { ok: true, value: participant } : failure('participant_not_found', meetingsWords.phrase('participant_not_here'));
}

function notify(
  participant: LiveParticipant,
  notice: 'muted' | 'ask-unmute' | 'camera-off' | 'hand-lowered' | 'role-changed',
  by: LiveParticipant,
): void {
  participant.send({ type: 'moderation', notice, byName: by.displayName });
}

/** Makes someone a moderator or a viewer; the last moderator cannot step down (`last_moderator`). */
function changeRole(
  room: RoomCore,
  actor: LiveParticipant,
  participant: LiveParticipant,
  role: 'moderator' | 'viewer',
): Outcome<ModerationReply> {
  if (participant.role === role) return done;
  if (participant.isModerator) {
    const moderators = [...room.participants.values()].filter((other) => other.isModerator).length;
    if (moderators <= 1) return failure('last_moderator', meetingsWords.phrase('last_moderator'));
  }
  participant.setRole(role);
  notify(participant, 'role-changed', actor);
  room.participantChanged(participant);
  if (participant.isModerator) room.sendLobbyToModerators();
  return done;
}

function mute(room: RoomCore, actor: LiveParticipant, participant: LiveParticipant): void {
  if (participant.media.audioMuted) return;
  participant.setMedia({ ...participant.media, audioMuted: true });
  notify(participant, 'muted', actor);
  room.participantChanged(participant);
}

function turnCameraOff(room: RoomCore, actor: LiveParticipant, participant: LiveParticipant): void {
  if (participant.media.videoMuted) return;
  participant.setMedia({ ...participant.media, videoMuted: true });
  notify(participant, 'camera-off', actor);
  room.participantChanged(participant);
}

function lowerHand(room: RoomCore, participant: LiveParticipant, actor?: LiveParticipant): void {
  if (participant.handRaisedAtMs === null) return;
  participant.setHand(null);
  if (actor) notify(participant, 'hand-lowered', actor);
  room.participantChanged(participant);
}

/** Removes someone (and keeps their browser out if `ban`); nobody removes themselves. */
function remove(room: RoomCore, actor: LiveParticipant, participant: LiveParticipant, ban: boolean): Outcome<ModerationReply> {
  if (participant === actor) return failure('not_allowed', meetingsWords.phrase('use_leave'));
  if (ban && participant.clientId) room.banned.add(participant.clientId);
  participant.send({ type: 'removed', banned: ban });
  participant.disconnect();
  participant.close();
  return done;
}

/** Newly locked settings take effect at once: locked microphones and cameras go off, locked screens stop. */
function lockSettings(room: RoomCore, locked: LockedSettings): void {
  room.changeSettings({ lockedForViewers: locked });
  for (const participant of room.participants.values()) {
    if (participant.isModerator) continue;
    const media = {
      audioMuted: participant.media.audioMuted || locked.microphone,
      videoMuted: participant.media.videoMuted || locked.camera,
    };
    if (media.audioMuted !== participant.media.audioMuted || media.videoMuted !== participant.media.videoMuted) {
      participant.setMedia(media);
      room.participantChanged(participant);
    }
    if (locked.screenShare && participant.publication('screen').handle) void room.media.unpublish(participant, 'screen');
  }
}

/** Admits one person from the waiting room, or everyone (`null`). */
function admit(room: RoomCore, participantId: ParticipantId | null): Outcome<ModerationReply> {
  if (participantId !== null) return withReply(room.admit(participantId));
  for (const waitingId of [...room.lobby.keys()]) room.admit(waitingId);
  return done;
}

const withReply = (outcome: Outcome): Outcome<ModerationReply> => (outcome.ok ? done : outcome);

type OnParticipant = Extract<Moderation, { action: 'set-role' | 'mute' | 'ask-unmute' | 'camera-off' | 'remove' | 'lower-hand' }>;

/** What acts on one participant. */
function onParticipant(room: RoomCore, actor: LiveParticipant, moderation: OnParticipant): Outcome<ModerationReply> {
  const found = target(room, moderation.participantId);
  if (!found.ok) return found;
  const participant = found.value;
  switch (moderation.action) {
    case 'set-role':
      return changeRole(room, actor, participant, moderation.role);
    case 'mute':
      mute(room, actor, participant);
      return done;
    case 'ask-unmute':
      if (participant.media.audioMuted) notify(participant, 'ask-unmute', actor);
      return done;
    case 'camera-off':
      turnCameraOff(room, actor, participant);
      return done;
    case 'remove':
      return remove(room, actor, participant, moderation.ban);
    case 'lower-hand':
      lowerHand(room, participant, actor);
      return done;
  }
}

/**
 * Carries out `moderation` by `actor`, or says why not. `end-meeting` is left to the caller
 * (the room closes itself).
 */
export function moderate(
  room: RoomCore,
  actor: LiveParticipant,
  moderation: Exclude<Moderation, { action: 'end-meeting' }>,
): Outcome<ModerationReply> {
  if (!actor.isModerator) return failure('not_allowed', meetingsWords.phrase('moderators_only'));
  switch (moderation.action) {
    case 'set-role':
    case 'mute':
    case 'ask-unmute':
    case 'camera-off':
    case 'remove':
    case 'lower-hand':
      return onParticipant(room, actor, moderation);
    case 'mute-all':
      // Everyone except the presenters (whoever shares a screen) and the moderator who asked.
      for (const participant of room.participants.values()) {
        if (participant !== actor && !participant.sharingScreen) mute(room, actor, participant);
      }
      return done;
    case 'lower-all-hands':
      for (const participant of room.participants.values()) lowerHand(room, participant);
      return done;
    case 'lock-settings':
      lockSettings(room, moderation.locked);
      return done;
    case 'lock-room':
      room.changeSettings({ roomLocked: moderation.locked });
      return done;
    case 'allow-multiple-sharers':
      room.changeSettings({ multipleSharers: moderation.allowed });
      return done;
    case 'admit':
      return admit(room, moderation.participantId);
    case 'deny':
      return withReply(room.deny(moderation.participantId, moderation.reason));
    case 'export-chat': {
      const text = room.chat.exportPublic();
      if (text === undefined) return failure('not_allowed', meetingsWords.phrase('chat_export_encrypted'));
      return { ok: true, value: { type: 'chat-export', text } };
    }
  }
}
