/** Expected failures of meeting actions are values: a stable code and words for people. */
import type { ErrorCode } from '../../../shared/protocol.js';
import { type Failure as PlatformFailure, failure as platformFailure } from '../../platform/outcome.js';

/** A refused meeting action; its code is one of the WebSocket protocol's `ErrorCode`s. */
export type Failure = PlatformFailure<ErrorCode>;
export type Outcome<T = undefined> = ({ ok: true } & ([T] extends [undefined] ? unknown : { value: T })) | Failure;

/** Makes a failure value. */
export function failure(code: ErrorCode, message: string): Failure {
  return platformFailure(code, message);
}
