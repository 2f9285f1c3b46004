export type { ExternalIdentity, ParticipantConnection, ParticipantView } from './live-participant.js';
export type { Failure, JoinRequest, JoinResult, LiveRoom, Outcome, WaitingView, Welcome } from './live-room.js';
export type {
  FeedRequest,
  MediaPublisher,
  MediaServer,
  MediaStreamEvents,
  MediaSubscription,
  SubscribedStream,
  SubscriptionOffer,
} from './media-server.js';
export type { PresentationDocument, PresentationModule } from './presentation-module.js';
export type {
  MeetingEndReason,
  ModuleMessage,
  ModuleMessageType,
  ModuleOutcome,
  RoomModule,
  RoomModuleContext,
  RoomModuleFactory,
} from './room-module.js';
export { addLoads, type MediaServerLoad, type RegistryCounts, RoomRegistry } from './room-registry.js';
