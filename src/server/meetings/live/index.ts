export type { LiveParticipant, ParticipantConnection } from './live-participant.js';
export type { Failure, JoinRequest, JoinResult, LiveRoom, Outcome } from './live-room.js';
export { lockAllows, moderate } from './moderation.js';
export { type RegistryCounts, RoomRegistry } from './room-registry.js';
