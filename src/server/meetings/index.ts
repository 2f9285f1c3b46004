/** The meetings domain: persistent rooms, meeting records, and the registry of live meetings. */

export { type AllowanceOf, type MeetingAllowance, unlimitedAllowance } from './allowance.js';
export { type MeetingsHttpOptions, meetingsHttp } from './http.js';
export {
  type ExternalIdentity,
  type Failure,
  type FeedRequest,
  type JoinResult,
  type LiveRoom,
  type MediaServer,
  type MeetingEndReason,
  type ModuleMessage,
  type ModuleOutcome,
  type Outcome,
  type ParticipantConnection,
  type ParticipantView,
  type RegistryCounts,
  type RoomModule,
  type RoomModuleContext,
  type RoomModuleFactory,
  RoomRegistry,
  type SubscribedStream,
  type SubscriptionOffer,
} from './live/index.js';
export {
  MediaPool,
  type MediaServerMeasure,
  type MediaServerMonitor,
  type MediaServerSettings,
  type MediaServerStatus,
  type PooledMediaServer,
} from './media-pool.js';
export { type MeetingUsageTables, meetingsMigrations } from './migrations.js';
export {
  DatabaseRoomDirectory,
  LocalRoomDirectory,
  localMediaServerId,
  type MediaServerId,
  type RoomDirectory,
  type RoomPlacement,
} from './placement.js';
export { type MeetingRecord, newModeratorCode, newRoomId, type Room, type RoomSettings, RoomsRepository } from './rooms-repository.js';
