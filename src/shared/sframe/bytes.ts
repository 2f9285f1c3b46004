/** Byte helpers shared by the SFrame modules (internal: not exported from the index). */

/**
 * Fails loudly on an impossible state (a bug), never on hostile input: those come back as values.
 * Works in browsers and workers, where `node:assert` does not exist.
 */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`sframe: ${message}`);
}

/** Largest value a KID or a counter may take: 2^64 - 1. */
export const uint64Max = (1n << 64n) - 1n;

/** Whether `value` fits the 64-bit unsigned integers SFrame carries for KIDs and counters. */
export function isUint64(value: bigint): boolean {
  return value >= 0n && value <= uint64Max;
}

/** The bytes of `parts` one after the other, in a new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let lengthBytes = 0;
  for (const part of parts) lengthBytes += part.length;
  const joined = new Uint8Array(lengthBytes);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** `value` as a `lengthBytes`-byte big-endian integer; it must fit. */
export function encodeBigEndian(value: bigint, lengthBytes: number): Uint8Array<ArrayBuffer> {
  assert(value >= 0n && value >> BigInt(8 * lengthBytes) === 0n, `${value} does not fit in ${lengthBytes} bytes`);
  const encoded = new Uint8Array(lengthBytes);
  let rest = value;
  for (let index = lengthBytes - 1; index >= 0; index--) {
    encoded[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return encoded;
}

/**
 * `bytes` typed as WebCrypto wants its input (a view over a plain `ArrayBuffer`). The same array when
 * it already is one; a copy when it views a `SharedArrayBuffer`, which WebCrypto refuses.
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

/** Whether `left` and `right` hold the same bytes, taking a time that depends only on their lengths. */
export function equalBytesConstantTime(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}

/** `hex` (pairs of hex digits, no separators) as bytes; for test vectors and debugging. */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  assert(hex.length % 2 === 0 && /^[0-9a-f]*$/i.test(hex), 'not an even run of hex digits');
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(hex.slice(2 * index, 2 * index + 2), 16);
  return bytes;
}

/** `bytes` as lower-case hex; for test vectors and debugging. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
