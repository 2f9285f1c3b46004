/**
 * Synthetic participants for benchmarks and tests: Node clients that join a Plenary room through
 * its real signalling protocol and publish a generated camera and microphone with `@roamhq/wrtc`.
 *
 * `@roamhq/wrtc` crashes when a process that used it exits on its own: close every participant,
 * then end the process with `process.exit`.
 */
export { defaultVideoFormat, type SpeakingSchedule, type VideoFormat } from './generated-media.js';
export { addRtp, noRtp, type RtpTotals } from './media-connection.js';
export { type JoinTimings, SyntheticParticipant, type SyntheticParticipantOptions } from './participant.js';
export { type RoomAddress, roomAddressOf } from './signaling.js';
