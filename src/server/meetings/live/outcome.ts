/** Expected failures of meeting actions are values: a stable code and words for people. */
import type { ErrorCode } from '../../../shared/protocol.js';

export type Failure = { ok: false; code: ErrorCode; message: string };
export type Outcome<T = undefined> = ({ ok: true } & ([T] extends [undefined] ? unknown : { value: T })) | Failure;

/** Makes a failure value. */
export function failure(code: ErrorCode, message: string): Failure {
  return { ok: false, code, message };
}
