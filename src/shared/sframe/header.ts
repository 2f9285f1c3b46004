/**
 * The SFrame header (RFC 9605 §4.3): a config byte `X KKK Y CCC`, then the KID and the counter
 * (CTR) as minimal big-endian integers. A value below 8 sits in its 3 bits of the config byte (flag
 * 0); a larger one follows, its length minus one in those bits (flag 1).
 */
import { assert, encodeBigEndian, isUint64 } from './bytes.js';

/** A header read from the front of a frame. */
export interface DecodedSFrameHeader {
  /** The key ID. */
  readonly kid: bigint;
  /** The counter the nonce was made from. */
  readonly counter: bigint;
  /** Bytes the header takes at the front of the frame (1 to 17). */
  readonly length: number;
}

/** Bytes of the minimal big-endian encoding of `value` (at least 1). */
function minimalLengthBytes(value: bigint): number {
  let lengthBytes = 1;
  while (value >> BigInt(8 * lengthBytes) !== 0n) lengthBytes++;
  return lengthBytes;
}

/** Bytes `value` takes after the config byte: none when it fits the 3 bits. */
function extraLengthBytes(value: bigint): number {
  return value < 8n ? 0 : minimalLengthBytes(value);
}

/** The 4 bits of the config byte for `value`: the value itself, or the extension flag and length minus one. */
function configNibble(value: bigint, lengthBytes: number): number {
  return lengthBytes === 0 ? Number(value) : 0x08 | (lengthBytes - 1);
}

/**
 * Encodes the header of a frame sent with key `kid` and counter `counter` (RFC 9605 §4.3), in the
 * fewest bytes the RFC allows. Both must lie in 0..2^64-1; anything else is a bug and throws.
 */
export function encodeSFrameHeader(kid: bigint, counter: bigint): Uint8Array {
  assert(isUint64(kid), `KID ${kid} is not a 64-bit unsigned integer`);
  assert(isUint64(counter), `counter ${counter} is not a 64-bit unsigned integer`);
  const kidLengthBytes = extraLengthBytes(kid);
  const counterLengthBytes = extraLengthBytes(counter);
  const header = new Uint8Array(1 + kidLengthBytes + counterLengthBytes);
  header[0] = (configNibble(kid, kidLengthBytes) << 4) | configNibble(counter, counterLengthBytes);
  if (kidLengthBytes > 0) header.set(encodeBigEndian(kid, kidLengthBytes), 1);
  if (counterLengthBytes > 0) header.set(encodeBigEndian(counter, counterLengthBytes), 1 + kidLengthBytes);
  return header;
}

/** Reads the field a config nibble announces at `offset`: its value and where it ends, or `undefined`. */
function readField(bytes: Uint8Array, offset: number, nibble: number): { value: bigint; end: number } | undefined {
  if ((nibble & 0x08) === 0) return { value: BigInt(nibble), end: offset };
  const lengthBytes = (nibble & 0x07) + 1;
  if (offset + lengthBytes > bytes.length) return undefined;
  let value = 0n;
  for (let index = offset; index < offset + lengthBytes; index++) value = (value << 8n) | BigInt(bytes[index] ?? 0);
  // The RFC requires the fewest bytes; a longer form of the same value is refused, so each
  // (KID, counter) pair has exactly one header.
  if (value < 8n || minimalLengthBytes(value) !== lengthBytes) return undefined;
  return { value, end: offset + lengthBytes };
}

/**
 * Decodes the header at the front of `bytes` (RFC 9605 §4.3). Returns `undefined` when there is no
 * complete header or it is not in the minimal form the RFC requires; never throws.
 */
export function decodeSFrameHeader(bytes: Uint8Array): DecodedSFrameHeader | undefined {
  const config = bytes[0];
  if (config === undefined) return undefined;
  const kidField = readField(bytes, 1, config >> 4);
  if (kidField === undefined) return undefined;
  const counterField = readField(bytes, kidField.end, config & 0x0f);
  if (counterField === undefined) return undefined;
  return { kid: kidField.value, counter: counterField.value, length: counterField.end };
}
