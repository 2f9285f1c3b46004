import { describe, expect, it } from 'vitest';
import { aeadDecrypt, aeadEncrypt, importAeadKey } from './aead.js';
import { bytesToHex, hexToBytes } from './bytes.js';
import { cipherSuiteParameters } from './cipher-suites.js';
import { aesCtrHmacVectors } from './test-vectors.js';

const cases = aesCtrHmacVectors.map((vector) => [cipherSuiteParameters(vector.suite).name, vector] as const);

describe('AES-CTR with HMAC (RFC 9605 §4.5.1)', () => {
  it('splits each vector key into the encryption and authentication subkeys of Appendix C.2', () => {
    for (const vector of aesCtrHmacVectors) {
      const aesKeyBytes = cipherSuiteParameters(vector.suite).aesKeyBytes ?? 0;
      expect(vector.key.slice(0, 2 * aesKeyBytes)).toBe(vector.encryptionKey);
      expect(vector.key.slice(2 * aesKeyBytes)).toBe(vector.authenticationKey);
    }
  });

  it.each(cases)('encrypts the Appendix C.2 vector of %s byte for byte', async (_name, vector) => {
    const key = await importAeadKey(vector.suite, hexToBytes(vector.key));
    const ciphertext = await aeadEncrypt(key, hexToBytes(vector.nonce), hexToBytes(vector.aad), hexToBytes(vector.plaintext));
    expect(bytesToHex(ciphertext)).toBe(vector.ciphertext);
  });

  it.each(cases)('decrypts the Appendix C.2 vector of %s, and refuses it with another AAD', async (_name, vector) => {
    const key = await importAeadKey(vector.suite, hexToBytes(vector.key));
    const opened = await aeadDecrypt(key, hexToBytes(vector.nonce), hexToBytes(vector.aad), hexToBytes(vector.ciphertext));
    expect(opened === undefined ? undefined : bytesToHex(opened)).toBe(vector.plaintext);
    expect(await aeadDecrypt(key, hexToBytes(vector.nonce), new Uint8Array(0), hexToBytes(vector.ciphertext))).toBeUndefined();
  });

  it.each(cases)('refuses a %s ciphertext shorter than its tag', async (_name, vector) => {
    const key = await importAeadKey(vector.suite, hexToBytes(vector.key));
    const tagBytes = cipherSuiteParameters(vector.suite).tagBytes;
    expect(await aeadDecrypt(key, hexToBytes(vector.nonce), hexToBytes(vector.aad), new Uint8Array(tagBytes - 1))).toBeUndefined();
  });
});
