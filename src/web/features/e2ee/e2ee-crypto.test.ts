/**
 * The browser's end-to-end cryptography, run on Node's WebCrypto (the same API): key agreement
 * between two participants, wrapped media keys that only their recipient can open, frames that
 * keep the codec's header in clear but authenticated, and safety codes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParticipantId } from '../../../shared/ids.js';
import { openChatText, sealChatText } from './chat-seal.js';
import { FrameDecryptor, FrameEncryptor } from './frame-crypto.js';
import { createIdentity, derivePairKeys, fromBase64Url, newMediaKey, toBase64Url, unwrapMediaKey, wrapMediaKey } from './key-agreement.js';
import { safetyCode, safetyCodeLength } from './safety-code.js';

const ada = 'p_adaAdaAdaAda' as ParticipantId;
const bo = 'p_boBoBoBoBoBo' as ParticipantId;
const cy = 'p_cyCyCyCyCyCy' as ParticipantId;

async function pair() {
  const [adaIdentity, boIdentity, cyIdentity] = await Promise.all([createIdentity(), createIdentity(), createIdentity()]);
  const adaToBo = await derivePairKeys(adaIdentity, ada, bo, boIdentity.publicKey);
  const boFromAda = await derivePairKeys(boIdentity, bo, ada, adaIdentity.publicKey);
  const cyFromAda = await derivePairKeys(cyIdentity, cy, ada, adaIdentity.publicKey);
  if (!adaToBo || !boFromAda || !cyFromAda) throw new Error('pair keys not derived');
  return { adaIdentity, boIdentity, adaToBo, boFromAda, cyFromAda };
}

describe('key agreement', () => {
  it('announces a 65-byte P-256 public key in the form the server accepts', async () => {
    const identity = await createIdentity();
    expect(identity.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(fromBase64Url(identity.publicKey)?.[0]).toBe(4); // uncompressed point
  });

  it('hands a media key from one participant to another, and to nobody else', async () => {
    const { adaToBo, boFromAda, cyFromAda } = await pair();
    const key = newMediaKey();
    const wrapped = await wrapMediaKey(key, adaToBo.outbound, ada, bo);
    expect(wrapped).toHaveLength(70);
    expect(await unwrapMediaKey(wrapped, boFromAda.inbound, ada, bo)).toEqual(key);
    // Cy cannot open it, nor can Bo if the server says it came from someone else or was for someone else.
    expect(await unwrapMediaKey(wrapped, cyFromAda.inbound, ada, cy)).toBeUndefined();
    expect(await unwrapMediaKey(wrapped, boFromAda.inbound, cy, bo)).toBeUndefined();
    expect(await unwrapMediaKey(wrapped, boFromAda.outbound, bo, ada)).toBeUndefined();
  });

  it('ignores a tampered, truncated or malformed wrapped key', async () => {
    const { adaToBo, boFromAda } = await pair();
    const wrapped = await wrapMediaKey(newMediaKey(), adaToBo.outbound, ada, bo);
    const bytes = fromBase64Url(wrapped) ?? new Uint8Array();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), async (bit) => {
        const flipped = bytes.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        expect(await unwrapMediaKey(toBase64Url(flipped), boFromAda.inbound, ada, bo)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
    for (const bad of [wrapped.slice(0, -4), `${wrapped}AAAA`, 'not base64url!', '', 'A']) {
      expect(await unwrapMediaKey(bad, boFromAda.inbound, ada, bo)).toBeUndefined();
    }
  });

  it('refuses a public key that is not a point on the curve', async () => {
    const identity = await createIdentity();
    const notAPoint = toBase64Url(new Uint8Array(65).fill(7));
    expect(await derivePairKeys(identity, ada, bo, notAPoint)).toBeUndefined();
    expect(await derivePairKeys(identity, ada, bo, 'short')).toBeUndefined();
  });

  it('makes a new KID and base key each time', () => {
    const keys = Array.from({ length: 50 }, () => newMediaKey());
    expect(new Set(keys.map((key) => key.kid)).size).toBe(50);
    for (const key of keys) expect(key.kid).toBeLessThan(2n ** 48n);
  });
});

describe('frames', () => {
  const videoKeyFrame = Uint8Array.from({ length: 200 }, (_, index) => (index * 7) & 255);

  it('keeps the codec header in clear and encrypts the rest, and the receiver restores the frame', async () => {
    const key = newMediaKey();
    const sender = new FrameEncryptor();
    expect(await sender.encrypt(videoKeyFrame, 'video-key')).toBeUndefined(); // no key: never sent in clear
    await sender.setKey(key);
    const sent = await sender.encrypt(videoKeyFrame, 'video-key');
    if (!sent) throw new Error('not encrypted');
    expect([...sent.subarray(0, 10)]).toEqual([...videoKeyFrame.subarray(0, 10)]);
    const hex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(hex(sent)).not.toContain(hex(videoKeyFrame.subarray(10, 40)));
    const receiver = new FrameDecryptor();
    expect(await receiver.decrypt(sent, 'video-key')).toEqual({ ok: false, reason: 'unknown_key' });
    await receiver.addKey(key);
    expect(await receiver.decrypt(sent, 'video-key')).toEqual({ ok: true, frame: videoKeyFrame, kid: key.kid });
  });

  it('drops a frame whose clear header or ciphertext was changed, a replayed frame, and frames of a forgotten key', async () => {
    const key = newMediaKey();
    const sender = new FrameEncryptor();
    await sender.setKey(key);
    const receiver = new FrameDecryptor();
    await receiver.addKey(key);
    const sent = (await sender.encrypt(videoKeyFrame, 'video-delta')) ?? new Uint8Array();
    for (const index of [0, 2, 20, sent.length - 1]) {
      const changed = sent.slice();
      changed[index] = (changed[index] ?? 0) ^ 0x10;
      expect(await receiver.decrypt(changed, 'video-delta')).toMatchObject({ ok: false });
    }
    expect(await receiver.decrypt(sent, 'video-delta')).toMatchObject({ ok: true });
    expect(await receiver.decrypt(sent, 'video-delta')).toEqual({ ok: false, reason: 'replayed' });
    // The same key handed again keeps its replay window: the replay stays refused.
    await receiver.addKey({ kid: key.kid, baseKey: key.baseKey.slice() });
    expect(await receiver.decrypt(sent, 'video-delta')).toEqual({ ok: false, reason: 'replayed' });
    receiver.removeKey(key.kid);
    const later = await sender.encrypt(videoKeyFrame, 'video-delta');
    if (!later) throw new Error('not encrypted');
    expect(await receiver.decrypt(later, 'video-delta')).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
  });

  it('refuses a frame on a stream its KID does not belong to before decrypting it, so it still plays where it belongs', async () => {
    const key = newMediaKey();
    const sender = new FrameEncryptor();
    await sender.setKey(key);
    const receiver = new FrameDecryptor();
    await receiver.addKey(key);
    const sent = await sender.encrypt(videoKeyFrame, 'video-key');
    if (!sent) throw new Error('not encrypted');
    expect(await receiver.decrypt(sent, 'video-key', () => false)).toEqual({ ok: false, reason: 'wrong_sender' });
    expect(await receiver.decrypt(sent, 'video-key', (kid) => kid === key.kid)).toMatchObject({ ok: true, kid: key.kid });
  });

  it('round-trips any audio frame of at least its one clear byte, and sends no shorter one', async () => {
    const key = newMediaKey();
    const sender = new FrameEncryptor();
    await sender.setKey(key);
    const receiver = new FrameDecryptor();
    await receiver.addKey(key);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (frame) => {
        const sent = (await sender.encrypt(frame, 'audio')) ?? new Uint8Array();
        expect(await receiver.decrypt(sent, 'audio')).toEqual({ ok: true, frame: Uint8Array.from(frame), kid: key.kid });
      }),
      { numRuns: 50 },
    );
    expect(await sender.encrypt(new Uint8Array(), 'audio')).toBeUndefined();
    expect(await sender.encrypt(new Uint8Array(9), 'video-key')).toBeUndefined();
  });
});

describe('sealed chat', () => {
  it('opens only with the sender’s key, as sent: not readdressed, not from someone else, not altered', async () => {
    const key = newMediaKey();
    const keyOf = (kid: bigint) => (kid === key.kid ? key : undefined);
    const text = 'Vote yes on motion 3 — ça va ✓';
    const sealed = await sealChatText(key, text, ada, null);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('motion');
    expect(await openChatText(sealed, ada, null, keyOf)).toBe(text);
    expect(await openChatText(sealed, ada, bo, keyOf)).toBeUndefined();
    expect(await openChatText(sealed, bo, null, keyOf)).toBeUndefined();
    expect(await openChatText(sealed, ada, null, () => undefined)).toBeUndefined();
    const bytes = fromBase64Url(sealed) ?? new Uint8Array();
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(await openChatText(toBase64Url(bytes), ada, null, keyOf)).toBeUndefined();
    expect(await openChatText('short', ada, null, keyOf)).toBeUndefined();
  });
});

describe('safety codes', () => {
  it('is the same for everyone holding the same keys, in any order, and changes with any key or person', async () => {
    const identities = [
      { participantId: ada, publicKey: (await createIdentity()).publicKey },
      { participantId: bo, publicKey: (await createIdentity()).publicKey },
    ];
    const code = await safetyCode(identities);
    expect(code).toHaveLength(safetyCodeLength);
    for (const index of code) expect(index).toBeGreaterThanOrEqual(0);
    expect(await safetyCode([...identities].reverse())).toEqual(code);
    const swapped = [identities[0], { participantId: bo, publicKey: (await createIdentity()).publicKey }].filter(
      (each) => each !== undefined,
    );
    expect(await safetyCode(swapped)).not.toEqual(code);
    expect(await safetyCode([...identities, { participantId: cy, publicKey: (await createIdentity()).publicKey }])).not.toEqual(code);
  });
});
