/**
 * A meeting as the API reference shows it: the elements of `create`'s answer, and the fuller
 * ones of `getMeetingInfo` and `getMeetings` with its attendees from the live room registry
 * (role, whether their microphone and camera are published, counts).
 */
import type { ParticipantView, RoomRegistry } from '../meetings/index.js';
import type { BbbApi } from './bbb-api.js';
import type { BbbMeeting } from './meetings-store.js';
import { createDateText, type XmlContent, type XmlElements } from './xml.js';

/** The elements of `create`'s answer. */
export function createdMeetingXml(meeting: BbbMeeting, hasUserJoined: boolean): XmlElements {
  return {
    meetingID: meeting.meetingId,
    internalMeetingID: meeting.internalId,
    parentMeetingID: 'bbb-none',
    attendeePW: meeting.attendeePassword,
    moderatorPW: meeting.moderatorPassword,
    createTime: meeting.createTimeMs,
    voiceBridge: meeting.settings.voiceBridge,
    dialNumber: '',
    createDate: createDateText(meeting.createTimeMs),
    hasUserJoined,
    duration: meeting.settings.durationMinutes,
    hasBeenForciblyEnded: meeting.endedAtMs !== null,
  };
}

/** Who is in a meeting now, as `getMeetingInfo` counts them. */
interface Presence {
  attendees: XmlContent[];
  participantCount: number;
  listenerCount: number;
  voiceParticipantCount: number;
  videoCount: number;
  moderatorCount: number;
}

function attendeeXml(participant: ParticipantView): XmlElements {
  const hasVideo = participant.publishing && !participant.media.videoMuted;
  return {
    // The integration's userID (or the one its join generated); Plenary's own id for anyone else.
    userID: participant.external?.userId ?? participant.id,
    fullName: participant.displayName,
    role: participant.isModerator ? 'MODERATOR' : 'VIEWER',
    isPresenter: false,
    isListeningOnly: !participant.publishing,
    hasJoinedVoice: participant.publishing,
    hasVideo,
    clientType: 'HTML5',
    customdata: participant.external && Object.keys(participant.external.data).length > 0 ? { ...participant.external.data } : '',
  };
}

function presenceIn(meeting: BbbMeeting, registry: RoomRegistry): Presence {
  const live = meeting.endedAtMs === null ? registry.find(meeting.roomId) : undefined;
  const participants = live && !live.closed ? [...live.participants.values()] : [];
  const count = (test: (participant: ParticipantView) => boolean) => participants.filter(test).length;
  return {
    attendees: participants.map(attendeeXml),
    participantCount: participants.length,
    listenerCount: count((participant) => !participant.publishing),
    voiceParticipantCount: count((participant) => participant.publishing),
    videoCount: count((participant) => participant.publishing && !participant.media.videoMuted),
    moderatorCount: count((participant) => participant.isModerator),
  };
}

/** The elements of one meeting in `getMeetingInfo` (and each `<meeting>` of `getMeetings`). */
export function meetingInfoXml(meeting: BbbMeeting, api: BbbApi): XmlElements {
  const presence = presenceIn(meeting, api.registry);
  const running = presence.participantCount > 0;
  return {
    meetingName: meeting.name,
    meetingID: meeting.meetingId,
    internalMeetingID: meeting.internalId,
    createTime: meeting.createTimeMs,
    createDate: createDateText(meeting.createTimeMs),
    voiceBridge: meeting.settings.voiceBridge,
    dialNumber: '',
    attendeePW: meeting.attendeePassword,
    moderatorPW: meeting.moderatorPassword,
    running,
    duration: meeting.settings.durationMinutes,
    hasUserJoined: api.hasUserJoined(meeting),
    recording: false,
    hasBeenForciblyEnded: meeting.endedAtMs !== null,
    startTime: meeting.createTimeMs,
    endTime: meeting.endedAtMs ?? 0,
    participantCount: presence.participantCount,
    listenerCount: presence.listenerCount,
    voiceParticipantCount: presence.voiceParticipantCount,
    videoCount: presence.videoCount,
    maxUsers: meeting.settings.maxParticipants,
    moderatorCount: presence.moderatorCount,
    attendees: presence.attendees.length > 0 ? { attendee: presence.attendees } : '',
    metadata: Object.keys(meeting.metadata).length > 0 ? { ...meeting.metadata } : '',
    isBreakout: false,
  };
}
