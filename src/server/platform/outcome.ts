/**
 * Expected failures as values: a stable, sentence-like code and words for people. Services return
 * them without an HTTP status; each domain maps its codes to statuses at its HTTP edge.
 */

/** A refused operation; `Code` is the domain's union of codes (any string by default). */
export type Failure<Code extends string = string> = { ok: false; code: Code; message: string };

/** A value, or a named failure. */
export type Result<T, Code extends string = string> = { ok: true; value: T } | Failure<Code>;

/** A successful result. */
export function success<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failed result with a sentence-like code such as `token_expired`. */
export function failure<const Code extends string>(code: Code, message: string): Failure<Code> {
  return { ok: false, code, message };
}
