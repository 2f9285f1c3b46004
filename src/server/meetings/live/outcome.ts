/** Expected failures of meeting actions are values: a stable code and words for people. */
import type { ErrorCode } from '../../../shared/protocol.js';
import { type Failure as PlatformFailure, failure as platformFailure } from '../../platform/outcome.js';
import type { Phrase } from '../../platform/words.js';

/** A refused meeting action; its code is one of the WebSocket protocol's `ErrorCode`s. */
export type Failure = PlatformFailure<ErrorCode>;
export type Outcome<T = undefined> = ({ ok: true } & ([T] extends [undefined] ? unknown : { value: T })) | Failure;

/** Makes a failure value, its words from the meetings catalogue (`meetings/words.ts`). */
export function failure(code: ErrorCode, words: Phrase): Failure {
  return platformFailure(code, words);
}
