export type { LiveParticipant, ParticipantConnection } from './live-participant.js';
export type { Failure, LiveRoom, Outcome } from './live-room.js';
export { type RegistryCounts, RoomRegistry } from './room-registry.js';
