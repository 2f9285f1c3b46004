/**
 * Key derivation of RFC 9605 §4.4.2 (`derive_key_salt`) with WebCrypto's HKDF, and the opaque
 * `SFrameKey` that carries the result.
 */
import { type AeadKey, importAeadKey } from './aead.js';
import { assert, bufferSource, concatBytes, encodeBigEndian, isUint64 } from './bytes.js';
import { type CipherSuite, cipherSuiteParameters, isCipherSuite } from './cipher-suites.js';

/**
 * A key ready to encrypt or decrypt frames: `sframe_key` and `sframe_salt` derived from a base key
 * for one KID and one cipher suite. The key material inside is opaque and not extractable; only
 * `deriveSFrameKey` makes these (an object built by hand is refused).
 */
export interface SFrameKey {
  /** The key ID every frame sealed with this key carries in its header. */
  readonly kid: bigint;
  /** The cipher suite the key was derived for. */
  readonly suite: CipherSuite;
}

/** The raw outputs of `derive_key_salt`, for tests and debugging: never hand these to application code. */
export interface SFrameKeyMaterial {
  /** `sframe_secret = HKDF-Extract("", base_key)`, `Hash.Nh` bytes. */
  readonly secret: Uint8Array;
  /** `sframe_key`, `AEAD.Nk` bytes. */
  readonly key: Uint8Array;
  /** `sframe_salt`, `AEAD.Nn` bytes. */
  readonly salt: Uint8Array;
}

/** What an `SFrameKey` holds out of sight. */
export interface SFrameKeyInternals {
  readonly aeadKey: AeadKey;
  readonly salt: Uint8Array;
}

const internalsByKey = new WeakMap<SFrameKey, SFrameKeyInternals>();

const textEncoder = new TextEncoder();

/** `"SFrame 1.0 Secret <purpose> " + KID (8 bytes) + cipher_suite (2 bytes)`. */
export function sframeLabel(purpose: 'key' | 'salt', kid: bigint, suite: CipherSuite): Uint8Array<ArrayBuffer> {
  return concatBytes(textEncoder.encode(`SFrame 1.0 Secret ${purpose} `), encodeBigEndian(kid, 8), encodeBigEndian(BigInt(suite), 2));
}

function checkInputs(suite: CipherSuite, kid: bigint, baseKey: Uint8Array): void {
  assert(isCipherSuite(suite), `cipher suite ${suite} is not implemented`);
  assert(isUint64(kid), `KID ${kid} is not a 64-bit unsigned integer`);
  assert(baseKey.length > 0, 'the base key is empty');
}

/** `sframe_key` and `sframe_salt` by HKDF with an empty salt, as `derive_key_salt` does. */
async function expandKeyAndSalt(suite: CipherSuite, kid: bigint, baseKey: Uint8Array): Promise<{ key: Uint8Array; salt: Uint8Array }> {
  const parameters = cipherSuiteParameters(suite);
  const hkdfKey = await crypto.subtle.importKey('raw', bufferSource(baseKey), 'HKDF', false, ['deriveBits']);
  const expand = async (purpose: 'key' | 'salt', lengthBytes: number) => {
    const info = sframeLabel(purpose, kid, suite);
    const algorithm = { name: 'HKDF', hash: parameters.hash, salt: new Uint8Array(0), info };
    return new Uint8Array(await crypto.subtle.deriveBits(algorithm, hkdfKey, lengthBytes * 8));
  };
  const [key, salt] = await Promise.all([expand('key', parameters.keyBytes), expand('salt', parameters.nonceBytes)]);
  return { key, salt };
}

/**
 * Derives `sframe_key` and `sframe_salt` for `kid` from `baseKey` under `suite` (RFC 9605 §4.4.2
 * `derive_key_salt`) and imports them. The same base key must never serve two senders, nor both
 * sending and receiving (§4.4.1). Throws (a bug) when `kid` is outside 0..2^64-1 or `baseKey` is empty.
 */
export async function deriveSFrameKey(suite: CipherSuite, kid: bigint, baseKey: Uint8Array): Promise<SFrameKey> {
  checkInputs(suite, kid, baseKey);
  const { key, salt } = await expandKeyAndSalt(suite, kid, baseKey);
  const aeadKey = await importAeadKey(suite, key);
  key.fill(0);
  const sframeKey: SFrameKey = Object.freeze({ kid, suite });
  internalsByKey.set(sframeKey, { aeadKey, salt });
  return sframeKey;
}

/**
 * The raw bytes `deriveSFrameKey` would derive, `sframe_secret` included: for checking the RFC's
 * test vectors. Application code uses `deriveSFrameKey`, which keeps the key out of reach.
 */
export async function deriveSFrameKeyMaterial(suite: CipherSuite, kid: bigint, baseKey: Uint8Array): Promise<SFrameKeyMaterial> {
  checkInputs(suite, kid, baseKey);
  const parameters = cipherSuiteParameters(suite);
  // HKDF-Extract with an empty salt is HMAC keyed with Nh zero bytes (RFC 5869 §2.2); WebCrypto refuses empty HMAC keys.
  const extractKey = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(parameters.hashBytes),
    { name: 'HMAC', hash: parameters.hash },
    false,
    ['sign'],
  );
  const secret = new Uint8Array(await crypto.subtle.sign('HMAC', extractKey, bufferSource(baseKey)));
  const { key, salt } = await expandKeyAndSalt(suite, kid, baseKey);
  return { secret, key, salt };
}

/** The hidden material of `key`. A key `deriveSFrameKey` did not make is a bug, and throws. */
export function sframeKeyInternals(key: SFrameKey): SFrameKeyInternals {
  const internals = internalsByKey.get(key);
  assert(internals !== undefined, 'this SFrameKey was not made by deriveSFrameKey');
  return internals;
}
