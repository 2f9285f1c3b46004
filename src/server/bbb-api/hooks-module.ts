/**
 * The room module every live room gets from this domain (silent in rooms not held through the
 * API). For the room's open API meeting it tells hooks who joins and leaves, each participant's
 * microphone, camera, hand and screen as they change, and the public chat; it ends the meeting at
 * its `duration`, and ends the API's meeting when the live one is ended inside Plenary.
 */
import type { Logger } from 'pino';
import type { ParticipantId, RoomId } from '../../shared/ids.js';
import type { ChatMessage } from '../../shared/protocol.js';
import type { ParticipantView, RoomModule, RoomModuleFactory } from '../meetings/index.js';
import { type HookEvent, type HookMeeting, type HookUser, hookMeeting } from './hooks.js';
import type { BbbMeeting } from './meetings-store.js';

/** What the module needs of the API. */
export interface HooksModuleOptions {
  /** The open API meeting held in a room, if any (looked up once per live room). */
  findOpenInRoom(roomId: RoomId): Promise<BbbMeeting | undefined>;
  /** Sends an event to the meeting's hooks. */
  emit(event: HookEvent): void;
  /** Ends the API's meeting (the live room is ended already). */
  end(meeting: BbbMeeting): Promise<void>;
  logger: Logger;
}

/**
 * What hooks were told of a participant: microphone in the meeting (their camera publication,
 * which carries it, is live), microphone muted, camera seen (live and not muted), hand up, screen
 * shared.
 */
export interface ReportedState {
  voice: boolean;
  muted: boolean;
  camera: boolean;
  hand: boolean;
  screen: boolean;
}

/** Someone with no microphone, camera or screen in the meeting (and no hand up). */
const streamsOff: ReportedState = { voice: false, muted: true, camera: false, hand: false, screen: false };

/** What hooks would be told of `participant` now. */
export function reportedStateOf(participant: ParticipantView): ReportedState {
  return {
    voice: participant.publishing,
    muted: participant.media.audioMuted,
    camera: participant.publishing && !participant.media.videoMuted,
    hand: participant.handRaisedAtMs !== null,
    screen: participant.sharingScreen,
  };
}

/** What hooks are told of a participant: their ids (the integration's `userID`, else the participant's own), name and role. */
export function hookUser(participant: ParticipantView): HookUser {
  return {
    participantId: participant.id,
    externalUserId: participant.external?.userId ?? participant.id,
    name: participant.displayName,
    role: participant.isModerator ? 'MODERATOR' : 'VIEWER',
  };
}

/**
 * The events that take hooks from `before` to `after` for `user`: microphone in, mute (only while
 * the microphone is in, as in BigBlueButton's voice conference), camera, microphone out, hand,
 * screen. The camera's stream is named `<participant id>_camera` (BigBlueButton's stream ids
 * also begin with the user's id).
 */
export function userChanges(meeting: HookMeeting, user: HookUser, before: ReportedState, after: ReportedState): HookEvent[] {
  const events: HookEvent[] = [];
  if (after.voice && !before.voice) events.push({ id: 'user-audio-voice-enabled', meeting, user, muted: after.muted });
  if (after.voice && before.voice && after.muted !== before.muted)
    events.push({ id: after.muted ? 'user-audio-muted' : 'user-audio-unmuted', meeting, user });
  if (after.camera !== before.camera) {
    const stream = `${user.participantId}_camera`;
    events.push({ id: after.camera ? 'user-cam-broadcast-start' : 'user-cam-broadcast-end', meeting, user, stream });
  }
  if (before.voice && !after.voice) events.push({ id: 'user-audio-voice-disabled', meeting, user });
  if (after.hand !== before.hand) events.push({ id: 'user-raise-hand-changed', meeting, user, raised: after.hand });
  if (after.screen !== before.screen)
    events.push({ id: after.screen ? 'meeting-screenshare-started' : 'meeting-screenshare-stopped', meeting, user });
  return events;
}

const sameState = (one: ReportedState, other: ReportedState) =>
  one.voice === other.voice &&
  one.muted === other.muted &&
  one.camera === other.camera &&
  one.hand === other.hand &&
  one.screen === other.screen;

/**
 * Makes the hooks module of one live room. The room's open API meeting is looked up once (again
 * only after a failed lookup), and every event waits on that one lookup, so they go out in the
 * order they happened. Once the meeting is ended on purpose, nothing more is told.
 */
export function hooksModule(options: HooksModuleOptions): RoomModuleFactory<RoomModule> {
  return (context) => {
    /** What each participant's hooks were last told of them. */
    const reported = new Map<ParticipantId, ReportedState>();
    let lookup: Promise<HookMeeting | undefined> | undefined;
    let ended = false;

    const meetingOfRoom = (): Promise<HookMeeting | undefined> => {
      if (lookup) return lookup;
      const found: Promise<HookMeeting | undefined> = options
        .findOpenInRoom(context.roomId())
        .then((meeting) => {
          if (!meeting) return undefined;
          // The meeting's `duration` ends it on time, with the warning a plan's limit gives (the sweep is the backstop).
          const { durationMinutes } = meeting.settings;
          if (durationMinutes > 0) context.endAt(meeting.createTimeMs + durationMinutes * 60_000);
          return hookMeeting(meeting);
        })
        .catch((error: unknown) => {
          options.logger.error({ err: error }, 'an API meeting could not be looked up');
          if (lookup === found) lookup = undefined;
          return undefined;
        });
      lookup = found;
      return found;
    };
    /** Sends the events `make` gives for the room's meeting, after those asked for before. */
    const tell = (make: (meeting: HookMeeting) => HookEvent[]) => {
      if (ended) return;
      void meetingOfRoom().then((meeting) => {
        if (meeting) for (const event of make(meeting)) options.emit(event);
      });
    };
    return {
      name: 'bbb-hooks',
      messageTypes: [],
      onJoin: (participant) => {
        reported.set(participant.id, reportedStateOf(participant));
        const user = hookUser(participant);
        tell((meeting) => [{ id: 'user-joined', meeting, user }]);
      },
      onParticipantChanged: (participant) => {
        const before = reported.get(participant.id);
        const after = reportedStateOf(participant);
        if (!before || sameState(before, after)) return;
        reported.set(participant.id, after);
        const user = hookUser(participant);
        tell((meeting) => userChanges(meeting, user, before, after));
      },
      // Their microphone, camera and screen stop as they leave (as a BigBlueButton user's do; a raised hand is not lowered), then they left.
      onLeave: (participant) => {
        const before = reported.get(participant.id) ?? streamsOff;
        reported.delete(participant.id);
        const user = hookUser(participant);
        tell((meeting) => [
          ...userChanges(meeting, user, before, { ...streamsOff, hand: before.hand }),
          { id: 'user-left', meeting, user },
        ]);
      },
      onChatMessage: (message: ChatMessage) => {
        const from = message.fromId === null ? undefined : context.participant(message.fromId);
        const sender = from ? hookUser(from) : null;
        const text = { messageId: message.messageId, text: message.text, sender, senderName: message.fromName, sentAtMs: message.sentAtMs };
        tell((meeting) => [{ id: 'chat-group-message-sent', meeting, message: text }]);
      },
      // A moderator ended it for everyone (or its plan's time ran out): the API's meeting ends now, as BigBlueButton's does.
      onEnded: () => {
        ended = true;
        void options
          .findOpenInRoom(context.roomId())
          .then((meeting) => meeting && options.end(meeting))
          .catch((error: unknown) => options.logger.error({ err: error }, 'an API meeting could not be ended'));
      },
      handle: () => ({ ok: true, value: undefined }),
      close: () => {
        ended = true;
        reported.clear();
      },
    };
  };
}
