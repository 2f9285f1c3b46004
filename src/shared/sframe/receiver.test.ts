import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes, uint64Max } from './bytes.js';
import { type CipherSuite, cipherSuites } from './cipher-suites.js';
import { deriveSFrameKey } from './key-schedule.js';
import { SFrameReceiver } from './receiver.js';
import { SFrameSender } from './sender.js';
import { sframeEncrypt } from './sframe.js';
import { sframeVectors } from './test-vectors.js';

const baseKey = hexToBytes('101112131415161718191a1b1c1d1e1f');
const noMetadata = new Uint8Array(0);

async function receiverWith(suite: CipherSuite, kid: bigint, replayWindowFrames?: number) {
  const key = await deriveSFrameKey(suite, kid, baseKey);
  const receiver = new SFrameReceiver(replayWindowFrames === undefined ? {} : { replayWindowFrames });
  receiver.setKey(key);
  return { key, receiver };
}

describe('SFrame receiver', () => {
  it.each(sframeVectors.map((vector) => [vector.suite, vector] as const))(
    'decrypts the RFC 9605 Appendix C.3 vector of suite %i',
    async (_suite, vector) => {
      const receiver = new SFrameReceiver();
      receiver.setKey(await deriveSFrameKey(vector.suite, vector.kid, hexToBytes(vector.baseKey)));
      const result = await receiver.decrypt(hexToBytes(vector.metadata), hexToBytes(vector.ciphertext));
      expect(result).toEqual({ ok: true, kid: vector.kid, counter: vector.counter, plaintext: hexToBytes(vector.plaintext) });
    },
  );

  it('never gives a plaintext for a frame with any single bit flipped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cipherSuites),
        fc.bigInt({ min: 0n, max: uint64Max }),
        fc.bigInt({ min: 0n, max: uint64Max }),
        fc.uint8Array({ maxLength: 16 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.nat(),
        async (suite, kid, counter, metadata, plaintext, bitChoice) => {
          const { key, receiver } = await receiverWith(suite, kid);
          const frame = await sframeEncrypt(key, counter, metadata, plaintext);
          const bit = bitChoice % (frame.length * 8);
          const flipped = Uint8Array.from(frame);
          flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
          const result = await receiver.decrypt(metadata, flipped);
          expect(result.ok).toBe(false);
          expect(['authentication_failed', 'malformed_header', 'unknown_key']).toContain(!result.ok && result.reason);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a frame sent with other metadata as authentication_failed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cipherSuites),
        fc.uint8Array({ maxLength: 16 }),
        fc.uint8Array({ maxLength: 16 }),
        fc.uint8Array({ maxLength: 32 }),
        async (suite, sentMetadata, receivedMetadata, plaintext) => {
          fc.pre(sentMetadata.join() !== receivedMetadata.join());
          const { key, receiver } = await receiverWith(suite, 9n);
          const frame = await sframeEncrypt(key, 0n, sentMetadata, plaintext);
          expect(await receiver.decrypt(receivedMetadata, frame)).toEqual({ ok: false, reason: 'authentication_failed' });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses a frame it already accepted as replayed, however the frames before it arrived', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cipherSuites),
        fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 30 }),
        async (suite, order) => {
          const { key, receiver } = await receiverWith(suite, 300n);
          const frames = await Promise.all(
            order.map((counter) => sframeEncrypt(key, BigInt(counter), noMetadata, new Uint8Array([counter]))),
          );
          const accepted = new Set<number>();
          for (const [index, frame] of frames.entries()) {
            const counter = order[index] ?? -1;
            const result = await receiver.decrypt(noMetadata, frame);
            expect(result.ok).toBe(!accepted.has(counter));
            if (!result.ok) expect(result.reason).toBe('replayed');
            accepted.add(counter);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('accepts one of two copies of a frame decrypted at the same time', async () => {
    const { key, receiver } = await receiverWith(0x0004, 1n);
    const frame = await sframeEncrypt(key, 5n, noMetadata, new Uint8Array([1, 2]));
    const results = await Promise.all([receiver.decrypt(noMetadata, frame), receiver.decrypt(noMetadata, frame)]);
    expect(results.map((result) => (result.ok ? 'ok' : result.reason)).sort()).toEqual(['ok', 'replayed']);
  });

  it('refuses a frame older than the window, and accepts late frames within it once', async () => {
    const { key, receiver } = await receiverWith(0x0001, 1n, 4);
    const frame = (counter: bigint) => sframeEncrypt(key, counter, noMetadata, new Uint8Array(0));
    expect((await receiver.decrypt(noMetadata, await frame(10n))).ok).toBe(true);
    expect(await receiver.decrypt(noMetadata, await frame(6n))).toEqual({ ok: false, reason: 'replayed' });
    expect((await receiver.decrypt(noMetadata, await frame(7n))).ok).toBe(true);
    expect(await receiver.decrypt(noMetadata, await frame(7n))).toEqual({ ok: false, reason: 'replayed' });
  });

  it('moves the window only for frames that authenticate', async () => {
    const { key, receiver } = await receiverWith(0x0004, 1n, 4);
    const genuine = await sframeEncrypt(key, 0n, noMetadata, new Uint8Array([7]));
    const forged = await sframeEncrypt(await deriveSFrameKey(0x0004, 1n, new Uint8Array(16)), 1000n, noMetadata, new Uint8Array([7]));
    expect(await receiver.decrypt(noMetadata, forged)).toEqual({ ok: false, reason: 'authentication_failed' });
    expect((await receiver.decrypt(noMetadata, genuine)).ok).toBe(true);
  });

  it('tells frames with no header, or with a KID it has no key for, apart', async () => {
    const { receiver } = await receiverWith(0x0004, 1n);
    expect(await receiver.decrypt(noMetadata, new Uint8Array(0))).toEqual({ ok: false, reason: 'malformed_header' });
    expect(await receiver.decrypt(noMetadata, new Uint8Array([0x88]))).toEqual({ ok: false, reason: 'malformed_header' });
    expect(await receiver.decrypt(noMetadata, new Uint8Array([0x20, 1, 2, 3]))).toEqual({ ok: false, reason: 'unknown_key' });
    expect(await receiver.decrypt(noMetadata, new Uint8Array([0x10, 1, 2, 3]))).toEqual({ ok: false, reason: 'authentication_failed' });
  });

  it('never throws on arbitrary bytes', async () => {
    const receivers = await Promise.all(cipherSuites.map((suite) => receiverWith(suite, BigInt(suite))));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...receivers),
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ maxLength: 8 }),
        async ({ receiver }, frame, metadata) => {
          const result = await receiver.decrypt(metadata, frame);
          expect(result.ok).toBe(false);
        },
      ),
    );
  });

  it('keeps keys by KID: set, replaced, removed', async () => {
    const { key, receiver } = await receiverWith(0x0004, 1n);
    const sender = new SFrameSender(key);
    const first = await sender.encrypt(noMetadata, new Uint8Array([1]));
    expect(receiver.hasKey(1n)).toBe(true);
    expect((await receiver.decrypt(noMetadata, first)).ok).toBe(true);
    receiver.setKey(key); // the same key again keeps its window
    expect(await receiver.decrypt(noMetadata, first)).toEqual({ ok: false, reason: 'replayed' });
    receiver.removeKey(1n);
    expect(receiver.hasKey(1n)).toBe(false);
    expect(await receiver.decrypt(noMetadata, first)).toEqual({ ok: false, reason: 'unknown_key' });
    const rotated = await deriveSFrameKey(0x0004, 1n, new Uint8Array(16).fill(9));
    receiver.setKey(rotated);
    expect(await receiver.decrypt(noMetadata, first)).toEqual({ ok: false, reason: 'authentication_failed' });
    expect((await receiver.decrypt(noMetadata, await new SFrameSender(rotated).encrypt(noMetadata, new Uint8Array(0)))).ok).toBe(true);
  });
});
