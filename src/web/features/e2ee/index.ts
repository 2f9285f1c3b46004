/**
 * End-to-end encryption of a meeting in the browser: SFrame frames through encoded transforms,
 * keys agreed between browsers. Loaded only when a meeting is encrypted (`canEncryptMedia`, in
 * `support.ts`, is loaded up front).
 */
import type { ParticipantId } from '../../../shared/ids.js';
import type { ClientMessage } from '../../../shared/protocol.js';
import { E2eeSession, type E2eeStatus } from './e2ee-session.js';
import { EncryptedMediaPipeline } from './encrypted-pipeline.js';
import type { WorkerReport } from './worker-protocol.js';

export type { E2eeStatus } from './e2ee-session.js';
export type { WorkerReport } from './worker-protocol.js';

/** An encrypted meeting's session and the pipeline its media goes through. */
export interface Encryption {
  session: E2eeSession;
  pipeline: EncryptedMediaPipeline;
}

/**
 * Our side of an encrypted meeting: the transform worker and the key agreement, not started yet
 * (`session.start()` makes and announces our identity and first media key, so that whoever
 * receives the messages must hold the session first). `onStatus` hears of keys and safety codes,
 * `onReport` of frames.
 */
export function createEncryption(options: {
  selfId: ParticipantId;
  send: (message: ClientMessage) => void;
  onStatus: (status: E2eeStatus) => void;
  onReport: (report: WorkerReport) => void;
  /** Whether someone is in the meeting as far as the page knows. */
  isParticipant: (participantId: ParticipantId) => boolean;
}): Encryption {
  const pipeline = new EncryptedMediaPipeline(options.onReport);
  return { session: new E2eeSession(options.selfId, options.send, pipeline, options.onStatus, options.isParticipant), pipeline };
}
