import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes, uint64Max } from './bytes.js';
import { cipherSuiteParameters, cipherSuites } from './cipher-suites.js';
import { encodeSFrameHeader } from './header.js';
import { deriveSFrameKey, sframeKeyInternals } from './key-schedule.js';
import { sframeDecrypt, sframeEncrypt, sframeNonce } from './sframe.js';
import { sframeVectors } from './test-vectors.js';

const cases = sframeVectors.map((vector) => [cipherSuiteParameters(vector.suite).name, vector] as const);
const baseKey = hexToBytes('000102030405060708090a0b0c0d0e0f');

describe('SFrame encryption (RFC 9605 §4.4)', () => {
  it('has an Appendix C.3 vector for every suite', () => {
    expect(sframeVectors.map((vector) => vector.suite)).toEqual(cipherSuites);
  });

  it.each(cases)('forms the nonce and AAD of the Appendix C.3 vector of %s', async (_name, vector) => {
    const key = await deriveSFrameKey(vector.suite, vector.kid, hexToBytes(vector.baseKey));
    expect(bytesToHex(sframeNonce(sframeKeyInternals(key).salt, vector.counter))).toBe(vector.nonce);
    expect(bytesToHex(concatBytes(encodeSFrameHeader(vector.kid, vector.counter), hexToBytes(vector.metadata)))).toBe(vector.aad);
  });

  it.each(cases)('encrypts the Appendix C.3 vector of %s byte for byte', async (_name, vector) => {
    const key = await deriveSFrameKey(vector.suite, vector.kid, hexToBytes(vector.baseKey));
    const frame = await sframeEncrypt(key, vector.counter, hexToBytes(vector.metadata), hexToBytes(vector.plaintext));
    expect(bytesToHex(frame)).toBe(vector.ciphertext);
  });

  it.each(cases)('decrypts the Appendix C.3 vector of %s', async (_name, vector) => {
    const key = await deriveSFrameKey(vector.suite, vector.kid, hexToBytes(vector.baseKey));
    const result = await sframeDecrypt(key, hexToBytes(vector.metadata), hexToBytes(vector.ciphertext));
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect({ kid: result.kid, counter: result.counter, plaintext: bytesToHex(result.plaintext) }).toEqual({
      kid: vector.kid,
      counter: vector.counter,
      plaintext: vector.plaintext,
    });
  });

  it.each(cipherSuites)('round-trips an empty frame under suite %i, adding only the header and the tag', async (suite) => {
    const key = await deriveSFrameKey(suite, 3n, baseKey);
    const frame = await sframeEncrypt(key, 0n, new Uint8Array(0), new Uint8Array(0));
    expect(frame.length).toBe(1 + cipherSuiteParameters(suite).tagBytes);
    const result = await sframeDecrypt(key, new Uint8Array(0), frame);
    expect(result.ok && result.plaintext.length).toBe(0);
  });

  it('round-trips the largest KID and counter, 2^64-1, in a 17-byte header', async () => {
    const key = await deriveSFrameKey(0x0005, uint64Max, baseKey);
    const frame = await sframeEncrypt(key, uint64Max, new Uint8Array([1]), new Uint8Array([2, 3]));
    expect(bytesToHex(frame.subarray(0, 17))).toBe(`ff${'ff'.repeat(16)}`);
    expect(await sframeDecrypt(key, new Uint8Array([1]), frame)).toMatchObject({ ok: true, kid: uint64Max, counter: uint64Max });
  });

  it('decrypts whatever it encrypts, under any suite, KID, counter, metadata and plaintext', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cipherSuites),
        fc.bigInt({ min: 0n, max: uint64Max }),
        fc.bigInt({ min: 0n, max: uint64Max }),
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ maxLength: 300 }),
        async (suite, kid, counter, metadata, plaintext) => {
          const key = await deriveSFrameKey(suite, kid, baseKey);
          const frame = await sframeEncrypt(key, counter, metadata, plaintext);
          const result = await sframeDecrypt(key, metadata, frame);
          expect(result).toEqual({ ok: true, kid, counter, plaintext });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses a frame whose header names another KID as unknown_key', async () => {
    const key = await deriveSFrameKey(0x0004, 1n, baseKey);
    const other = await deriveSFrameKey(0x0004, 2n, baseKey);
    const frame = await sframeEncrypt(other, 0n, new Uint8Array(0), new Uint8Array([1]));
    expect(await sframeDecrypt(key, new Uint8Array(0), frame)).toEqual({ ok: false, reason: 'unknown_key' });
  });
});
