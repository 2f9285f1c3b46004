/** Expected failures as values: a stable code, an HTTP status and a sentence for people. */
export type Failure = { ok: false; status: number; code: string; message: string };
export type Result<T> = { ok: true; value: T } | Failure;

/** A successful result. */
export function success<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failed result with a sentence-like code such as `token_expired`. */
export function failure(status: number, code: string, message: string): Failure {
  return { ok: false, status, code, message };
}
