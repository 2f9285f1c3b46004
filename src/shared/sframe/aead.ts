/**
 * The AEADs of the SFrame cipher suites over WebCrypto: AES-GCM with a 128-bit tag, and RFC 9605
 * §4.5.1's AES-CTR + truncated HMAC (encrypt-then-MAC). Internal: the index exports none of it.
 */
import { bufferSource, concatBytes, encodeBigEndian, equalBytesConstantTime } from './bytes.js';
import { type CipherSuite, cipherSuiteParameters } from './cipher-suites.js';

/** A WebCrypto key, named without the DOM library (the server's type check has only Node's types). */
type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** A suite's `sframe_key`, imported into WebCrypto (not extractable). */
export type AeadKey =
  | { readonly mode: 'aes-gcm'; readonly suite: CipherSuite; readonly aesKey: WebCryptoKey }
  | { readonly mode: 'aes-ctr-hmac'; readonly suite: CipherSuite; readonly aesKey: WebCryptoKey; readonly hmacKey: WebCryptoKey };

/**
 * Imports `keyBytes` (`sframe_key`, `AEAD.Nk` bytes) for `suite`. For the AES-CTR suites it is split
 * as `derive_subkeys` does: the first `Nka` bytes encrypt, the remaining `Nh` authenticate.
 */
export async function importAeadKey(suite: CipherSuite, keyBytes: Uint8Array): Promise<AeadKey> {
  const parameters = cipherSuiteParameters(suite);
  if (parameters.aesKeyBytes === undefined) {
    const aesKey = await crypto.subtle.importKey('raw', bufferSource(keyBytes), 'AES-GCM', false, ['encrypt', 'decrypt']);
    return { mode: 'aes-gcm', suite, aesKey };
  }
  const encryptionKeyBytes = keyBytes.subarray(0, parameters.aesKeyBytes);
  const authenticationKeyBytes = keyBytes.subarray(parameters.aesKeyBytes);
  const [aesKey, hmacKey] = await Promise.all([
    crypto.subtle.importKey('raw', bufferSource(encryptionKeyBytes), 'AES-CTR', false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', bufferSource(authenticationKeyBytes), { name: 'HMAC', hash: parameters.hash }, false, ['sign']),
  ]);
  return { mode: 'aes-ctr-hmac', suite, aesKey, hmacKey };
}

/** AES-CTR parameters for `nonce`: the counter block is the nonce followed by four zero bytes, its last 32 bits counting. */
function aesCtrParameters(nonce: Uint8Array) {
  return { name: 'AES-CTR', counter: concatBytes(nonce, new Uint8Array(4)), length: 32 } as const;
}

/** `compute_tag` of RFC 9605 §4.5.1: HMAC over the lengths, nonce, AAD and ciphertext, cut to `Nt` bytes. */
async function computeTag(
  key: AeadKey & { mode: 'aes-ctr-hmac' },
  nonce: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array> {
  const tagBytes = cipherSuiteParameters(key.suite).tagBytes;
  const lengths = concatBytes(
    encodeBigEndian(BigInt(aad.length), 8),
    encodeBigEndian(BigInt(ciphertext.length), 8),
    encodeBigEndian(BigInt(tagBytes), 8),
  );
  const authenticatedData = concatBytes(lengths, nonce, aad, ciphertext);
  const mac = await crypto.subtle.sign('HMAC', key.hmacKey, authenticatedData);
  return new Uint8Array(mac, 0, tagBytes);
}

/** `AEAD.Encrypt(key, nonce, aad, plaintext)`: the ciphertext with its tag appended. */
export async function aeadEncrypt(key: AeadKey, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
  if (key.mode === 'aes-gcm') {
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: bufferSource(nonce), additionalData: bufferSource(aad), tagLength: 128 },
      key.aesKey,
      bufferSource(plaintext),
    );
    return new Uint8Array(sealed);
  }
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt(aesCtrParameters(nonce), key.aesKey, bufferSource(plaintext)));
  const tag = await computeTag(key, nonce, aad, ciphertext);
  return concatBytes(ciphertext, tag);
}

/**
 * `AEAD.Decrypt(key, nonce, aad, ciphertext)`: the plaintext, or `undefined` when the tag does not
 * authenticate (a ciphertext shorter than the tag included). Never throws on hostile input.
 */
export async function aeadDecrypt(
  key: AeadKey,
  nonce: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array | undefined> {
  const tagBytes = cipherSuiteParameters(key.suite).tagBytes;
  if (ciphertext.length < tagBytes) return undefined;
  if (key.mode === 'aes-gcm') {
    try {
      const opened = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bufferSource(nonce), additionalData: bufferSource(aad), tagLength: 128 },
        key.aesKey,
        bufferSource(ciphertext),
      );
      return new Uint8Array(opened);
    } catch {
      return undefined; // WebCrypto's OperationError: the tag did not match.
    }
  }
  const innerCiphertext = ciphertext.subarray(0, ciphertext.length - tagBytes);
  const tag = ciphertext.subarray(ciphertext.length - tagBytes);
  const expectedTag = await computeTag(key, nonce, aad, innerCiphertext);
  if (!equalBytesConstantTime(tag, expectedTag)) return undefined;
  return new Uint8Array(await crypto.subtle.decrypt(aesCtrParameters(nonce), key.aesKey, bufferSource(innerCiphertext)));
}
