import { describe, expect, it } from 'vitest';
import { decodeSFrameHeader } from './header.js';
import { deriveSFrameKey } from './key-schedule.js';
import { SFrameSender } from './sender.js';

const noMetadata = new Uint8Array(0);

async function countersOf(frames: Promise<Uint8Array>[]): Promise<(bigint | undefined)[]> {
  return (await Promise.all(frames)).map((frame) => decodeSFrameHeader(frame)?.counter);
}

describe('SFrame sender', () => {
  it('numbers the frames of a key 0, 1, 2… even when they are encrypted at the same time', async () => {
    const sender = new SFrameSender(await deriveSFrameKey(0x0004, 4n, new Uint8Array(16)));
    expect(sender.kid).toBe(4n);
    const frames = [0, 1, 2, 3].map(() => sender.encrypt(noMetadata, new Uint8Array(10)));
    expect(await countersOf(frames)).toEqual([0n, 1n, 2n, 3n]);
  });

  it('starts a new key at 0, and goes on from where a key stopped when it comes back', async () => {
    const first = await deriveSFrameKey(0x0001, 1n, new Uint8Array(16));
    const second = await deriveSFrameKey(0x0001, 2n, new Uint8Array(16).fill(1));
    const sender = new SFrameSender(first);
    await sender.encrypt(noMetadata, new Uint8Array(0));
    sender.setKey(second);
    expect(sender.kid).toBe(2n);
    expect(await countersOf([sender.encrypt(noMetadata, new Uint8Array(0))])).toEqual([0n]);
    sender.setKey(first);
    expect(await countersOf([sender.encrypt(noMetadata, new Uint8Array(0))])).toEqual([1n]);
  });

  it('never gives two senders of one key the same counter', async () => {
    const key = await deriveSFrameKey(0x0005, 1n, new Uint8Array(32));
    const one = new SFrameSender(key);
    const other = new SFrameSender(key);
    expect(await countersOf([one.encrypt(noMetadata, new Uint8Array(0)), other.encrypt(noMetadata, new Uint8Array(0))])).toEqual([0n, 1n]);
  });
});
