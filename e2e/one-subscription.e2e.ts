/**
 * One subscription PeerConnection per participant: a Chromium receives everyone else's camera
 * on a single connection that is renegotiated — never replaced — as people join and leave, and
 * always carries the right streams (synthetic participants play the others, cheaply).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SyntheticParticipant } from '../bench/synthetic/index.js';
import { decodingTiles, joinAs, newRoomUrl, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

/**
 * The page's open connections that receive media, whether the first one is the one marked before,
 * and its DTLS role (the page answers Janus as the DTLS server: `peer-connections.ts`).
 */
function receivingConnections(page: Page): Promise<{ count: number; sameAsMarked: boolean; dtlsRole: unknown }> {
  return page.evaluate(async () => {
    const scope = window as unknown as { __peerConnections: RTCPeerConnection[]; __marked?: RTCPeerConnection };
    const receiving = scope.__peerConnections.filter(
      (connection) => connection.connectionState !== 'closed' && connection.getTransceivers().some((each) => each.direction === 'recvonly'),
    );
    scope.__marked ??= receiving[0];
    const stats = receiving[0] ? [...(await receiving[0].getStats()).values()] : [];
    const transport = stats.find((entry: { type: string }) => entry.type === 'transport') as { dtlsRole?: string } | undefined;
    return { count: receiving.length, sameAsMarked: receiving[0] === scope.__marked, dtlsRole: transport?.dtlsRole };
  });
}

describe('one subscription per participant', () => {
  it('receives everyone on one connection, renegotiated as people join and leave', async () => {
    const room = await newRoomUrl(fixture.plenary);
    const page = await fixture.newPage();
    await joinAs(page, room, 'Ada');
    const people: SyntheticParticipant[] = [];
    const join = async (name: string, seed: number) => {
      const participant = await SyntheticParticipant.join({ name, room, seed });
      people.push(participant);
      return participant;
    };
    try {
      const bo = await join('Bo', 1);
      const cy = await join('Cy', 2);
      const tileOf = (participant: SyntheticParticipant) => String(participant.participantId);
      await expect.poll(() => decodingTiles(page), { timeout: 30_000, interval: 500 }).toEqual([tileOf(bo), tileOf(cy)].sort());
      expect(await receivingConnections(page)).toEqual({ count: 1, sameAsMarked: true, dtlsRole: 'server' });

      cy.close();
      await expect.poll(() => decodingTiles(page), { timeout: 20_000, interval: 500 }).toEqual([tileOf(bo)]);
      const dee = await join('Dee', 3);
      await expect.poll(() => decodingTiles(page), { timeout: 30_000, interval: 500 }).toEqual([tileOf(bo), tileOf(dee)].sort());
      // Still the one connection it started with, still the DTLS server through every renegotiation.
      expect(await receivingConnections(page)).toEqual({ count: 1, sameAsMarked: true, dtlsRole: 'server' });
    } finally {
      for (const participant of people) participant.close();
    }
  });
});
