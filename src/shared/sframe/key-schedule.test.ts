import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bytes.js';
import { cipherSuiteParameters } from './cipher-suites.js';
import { deriveSFrameKey, deriveSFrameKeyMaterial, sframeKeyInternals, sframeLabel } from './key-schedule.js';
import { sframeVectors } from './test-vectors.js';

describe('SFrame key derivation', () => {
  it.each(sframeVectors.map((vector) => [cipherSuiteParameters(vector.suite).name, vector] as const))(
    'gives the labels of RFC 9605 Appendix C.3 for %s',
    (_name, vector) => {
      expect(bytesToHex(sframeLabel('key', vector.kid, vector.suite))).toBe(vector.keyLabel);
      expect(bytesToHex(sframeLabel('salt', vector.kid, vector.suite))).toBe(vector.saltLabel);
    },
  );

  it.each(sframeVectors.map((vector) => [cipherSuiteParameters(vector.suite).name, vector] as const))(
    'derives the secret, key and salt of RFC 9605 Appendix C.3 for %s',
    async (_name, vector) => {
      const material = await deriveSFrameKeyMaterial(vector.suite, vector.kid, hexToBytes(vector.baseKey));
      expect(bytesToHex(material.secret)).toBe(vector.secret);
      expect(bytesToHex(material.key)).toBe(vector.key);
      expect(bytesToHex(material.salt)).toBe(vector.salt);
    },
  );

  it('makes a key that carries its KID and suite and keeps the salt it derived', async () => {
    const vector = sframeVectors[3];
    if (vector === undefined) throw new Error('the RFC has a vector for each suite');
    const key = await deriveSFrameKey(vector.suite, vector.kid, hexToBytes(vector.baseKey));
    expect(key).toMatchObject({ kid: vector.kid, suite: vector.suite });
    expect(Object.isFrozen(key)).toBe(true);
    expect(bytesToHex(sframeKeyInternals(key).salt)).toBe(vector.salt);
  });

  it('refuses a key it did not derive, a KID out of range and an empty base key (bugs in the caller)', async () => {
    expect(() => sframeKeyInternals({ kid: 1n, suite: 0x0004 })).toThrow();
    await expect(deriveSFrameKey(0x0004, 1n << 64n, new Uint8Array(16))).rejects.toThrow();
    await expect(deriveSFrameKey(0x0004, 1n, new Uint8Array(0))).rejects.toThrow();
  });
});
