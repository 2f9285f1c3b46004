/** The meetings domain: persistent rooms, meeting records, and the registry of live meetings. */
export { type MeetingsHttpOptions, meetingsHttp } from './http.js';
export { type LiveParticipant, type LiveRoom, type Outcome, type ParticipantConnection, RoomRegistry } from './live/index.js';
export { meetingsMigrations } from './migrations.js';
export { type MeetingRecord, newRoomId, type Room, RoomsRepository } from './rooms-repository.js';
