/**
 * The BigBlueButton API's checksum: the hex digest of the call name, the query string without its
 * `checksum` parameter, and the shared secret, one after the other. Which digest was used is read
 * from the checksum's length (40, 64, 96 or 128 hex digits: SHA-1, SHA-256, SHA-384, SHA-512), and
 * only the algorithms the operator accepts count (`BBB_API_CHECKSUM_ALGORITHMS`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Every algorithm BigBlueButton knows, in the order it lists them. */
export const checksumAlgorithms = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
/** One of `checksumAlgorithms`. */
export type ChecksumAlgorithm = (typeof checksumAlgorithms)[number];

const hexDigitsOf: Record<ChecksumAlgorithm, number> = { sha1: 40, sha256: 64, sha384: 96, sha512: 128 };

/** The algorithm whose hex digest has `length` digits, if any. */
export function algorithmOfLength(length: number): ChecksumAlgorithm | undefined {
  return checksumAlgorithms.find((algorithm) => hexDigitsOf[algorithm] === length);
}

/** The checksum of `call` with `signedQuery` (the query string without `checksum`) under `secret`, in lower-case hex. */
export function checksumOf(algorithm: ChecksumAlgorithm, call: string, signedQuery: string, secret: string): string {
  return createHash(algorithm).update(`${call}${signedQuery}${secret}`, 'utf8').digest('hex');
}

/**
 * The raw query string with every `checksum=…` pair taken out, the rest exactly as sent (the
 * checksum covers the characters the client wrote, not a re-encoding of them).
 */
export function queryWithoutChecksum(rawQuery: string): string {
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '' && pair.split('=', 1)[0] !== 'checksum')
    .join('&');
}

/** Why a checksum was refused: no algorithm of its length is accepted, or it does not match. */
export type ChecksumVerdict = 'valid' | 'algorithm_not_accepted' | 'mismatch';

/**
 * Checks `provided` (hex, any case) for `call` and `signedQuery` against `secret`, with the
 * algorithm its length names, if `accepted` includes it; the comparison takes the same time
 * wherever the digests differ.
 */
export function verifyChecksum(input: {
  call: string;
  signedQuery: string;
  provided: string;
  secret: string;
  accepted: readonly ChecksumAlgorithm[];
}): ChecksumVerdict {
  const algorithm = algorithmOfLength(input.provided.length);
  if (!algorithm || !input.accepted.includes(algorithm)) return 'algorithm_not_accepted';
  if (!/^[0-9a-fA-F]+$/.test(input.provided)) return 'mismatch';
  const expected = Buffer.from(checksumOf(algorithm, input.call, input.signedQuery, input.secret), 'utf8');
  const given = Buffer.from(input.provided.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'mismatch';
}

/** A secret a checksum may be made with, and whose it is (an organisation's id; null: the operator's). */
export interface ChecksumSecret {
  owner: string | null;
  secret: string;
}

/**
 * Which of `secrets` made `provided`, if any: the verdict, and the owner of the matching secret.
 * BigBlueButton's checksum names no key, so every secret is tried; the digest of call name and
 * query string is computed once and only the secret is hashed for each (a copy of the hash's
 * state: SHA-1 and SHA-2 read their input in order), so each further secret costs one or two
 * compression rounds. Every secret is compared, in constant time, even after a match, so the time
 * taken says nothing of which secret matched or how far down the list it is.
 */
export function matchChecksum(input: {
  call: string;
  signedQuery: string;
  provided: string;
  secrets: readonly ChecksumSecret[];
  accepted: readonly ChecksumAlgorithm[];
}): { verdict: ChecksumVerdict; owner: string | null } {
  const algorithm = algorithmOfLength(input.provided.length);
  if (!algorithm || !input.accepted.includes(algorithm)) return { verdict: 'algorithm_not_accepted', owner: null };
  if (!/^[0-9a-fA-F]+$/.test(input.provided)) return { verdict: 'mismatch', owner: null };
  const given = Buffer.from(input.provided.toLowerCase(), 'hex');
  const prefix = createHash(algorithm).update(`${input.call}${input.signedQuery}`, 'utf8');
  let match: ChecksumSecret | undefined;
  for (const candidate of input.secrets) {
    const expected = prefix.copy().update(candidate.secret, 'utf8').digest();
    if (timingSafeEqual(given, expected) && match === undefined) match = candidate;
  }
  return match ? { verdict: 'valid', owner: match.owner } : { verdict: 'mismatch', owner: null };
}

/** Parses a comma-separated list such as `sha256,sha512`; undefined when a name is unknown or the list is empty. */
export function parseChecksumAlgorithms(list: string): ChecksumAlgorithm[] | undefined {
  const names = list
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 0) return undefined;
  const known = names.filter((name): name is ChecksumAlgorithm => (checksumAlgorithms as readonly string[]).includes(name));
  return known.length === names.length ? [...new Set(known)] : undefined;
}
