/**
 * Moderator actions. The server decides: every action checks the actor's role here, and a
 * viewer or guest gets `not_allowed` with nothing changed. Nobody is unmuted remotely: a
 * moderator can only ask.
 */
import type { Moderation, ServerMessage } from '../../../shared/protocol.js';
import type { LiveParticipant } from './live-participant.js';
import type { LiveRoom } from './live-room.js';
import { failure, type Outcome } from './outcome.js';

/** A reply for the actor alone (e.g. the chat export), if the action has one. */
type Reply = ServerMessage | undefined;

function target(room: LiveRoom, participantId: string): Outcome<LiveParticipant> {
  const participant = room.participants.get(participantId as LiveParticipant['id']);
  return participant ? { ok: true, value: participant } : failure('participant_not_found', 'That participant is not in this meeting.');
}

function notify(
  participant: LiveParticipant,
  notice: 'muted' | 'ask-unmute' | 'camera-off' | 'hand-lowered' | 'role-changed',
  by: LiveParticipant,
): void {
  participant.send({ type: 'moderation', notice, byName: by.displayName });
}

function setRole(room: LiveRoom, actor: LiveParticipant, moderation: Extract<Moderation, { action: 'set-role' }>): Outcome<Reply> {
  const found = target(room, moderation.participantId);
  if (!found.ok) return found;
  const participant = found.value;
  if (participant.role === moderation.role) return { ok: true, value: undefined };
  if (participant.isModerator) {
    const moderators = [...room.participants.values()].filter((other) => other.isModerator).length;
    if (moderators <= 1) return failure('last_moderator', 'A meeting always keeps at least one moderator.');
  }
  participant.role = moderation.role;
  notify(participant, 'role-changed', actor);
  room.participantChanged(participant);
  if (participant.isModerator) room.sendLobbyToModerators();
  return { ok: true, value: undefined };
}

function mute(room: LiveRoom, actor: LiveParticipant, participant: LiveParticipant): void {
  if (participant.media.audioMuted) return;
  participant.media = { ...participant.media, audioMuted: true };
  notify(participant, 'muted', actor);
  room.participantChanged(participant);
}

function remove(room: LiveRoom, participant: LiveParticipant, ban: boolean): void {
  if (ban && participant.clientId) room.ban(participant.clientId);
  participant.send({ type: 'removed', banned: ban });
  participant.connection?.disconnect();
  participant.close();
}

function admit(room: LiveRoom, participantId: string | null): Outcome<Reply> {
  if (participantId === null) {
    for (const waitingId of [...room.lobby.keys()]) room.admit(waitingId);
    return { ok: true, value: undefined };
  }
  const admitted = room.admit(participantId as LiveParticipant['id']);
  return admitted ? { ok: true, value: undefined } : failure('participant_not_found', 'Nobody with that id is waiting.');
}

/** Carries out `moderation` by `actor` in `room`, or says why not. */
export function moderate(room: LiveRoom, actor: LiveParticipant, moderation: Moderation): Outcome<Reply> {
  if (!actor.isModerator) return failure('not_allowed', 'Only moderators can do that.');
  const done: Outcome<Reply> = { ok: true, value: undefined };
  switch (moderation.action) {
    case 'set-role':
      return setRole(room, actor, moderation);
    case 'mute':
    case 'ask-unmute':
    case 'camera-off':
    case 'remove':
    case 'lower-hand': {
      const found = target(room, moderation.participantId);
      if (!found.ok) return found;
      const participant = found.value;
      if (moderation.action === 'mute') mute(room, actor, participant);
      if (moderation.action === 'ask-unmute' && participant.media.audioMuted) notify(participant, 'ask-unmute', actor);
      if (moderation.action === 'camera-off' && !participant.media.videoMuted) {
        participant.media = { ...participant.media, videoMuted: true };
        notify(participant, 'camera-off', actor);
        room.participantChanged(participant);
      }
      if (moderation.action === 'remove') {
        if (participant === actor) return failure('not_allowed', 'Use Leave to leave the meeting.');
        remove(room, participant, moderation.ban);
      }
      if (moderation.action === 'lower-hand' && participant.handRaisedAtMs !== null) {
        participant.handRaisedAtMs = null;
        notify(participant, 'hand-lowered', actor);
        room.participantChanged(participant);
      }
      return done;
    }
    case 'mute-all':
      // Everyone except the presenters (whoever shares a screen) and the moderator who asked.
      for (const participant of room.participants.values()) {
        if (participant !== actor && !participant.publications.screen.live) mute(room, actor, participant);
      }
      return done;
    case 'lower-all-hands':
      for (const participant of room.participants.values()) {
        if (participant.handRaisedAtMs === null) continue;
        participant.handRaisedAtMs = null;
        room.participantChanged(participant);
      }
      return done;
    case 'lock-settings':
      room.changeSettings({ lockedForViewers: moderation.locked });
      applyLocks(room);
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
      return room.deny(moderation.participantId, moderation.reason)
        ? done
        : failure('participant_not_found', 'Nobody with that id is waiting.');
    case 'end-meeting':
      room.end();
      return done;
    case 'export-chat':
      return { ok: true, value: { type: 'chat-export', text: room.chat.exportPublic(room.room.name) } };
  }
}

/** Newly locked settings take effect at once: locked microphones and cameras go off, locked screens stop. */
function applyLocks(room: LiveRoom): void {
  const locked = room.settings.lockedForViewers;
  for (const participant of room.participants.values()) {
    if (participant.isModerator) continue;
    const media = {
      audioMuted: participant.media.audioMuted || locked.microphone,
      videoMuted: participant.media.videoMuted || locked.camera,
    };
    if (media.audioMuted !== participant.media.audioMuted || media.videoMuted !== participant.media.videoMuted) {
      participant.media = media;
      room.participantChanged(participant);
    }
    if (locked.screenShare && participant.publications.screen.handle) void room.media.unpublish(participant, 'screen');
  }
}

/** Whether a viewer or guest may do something the moderators can lock. */
export function lockAllows(room: LiveRoom, participant: LiveParticipant, what: 'microphone' | 'camera' | 'chat' | 'screenShare'): boolean {
  return participant.isModerator || !room.settings.lockedForViewers[what];
}
