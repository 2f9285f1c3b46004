/**
 * The key agreement of three participants, on Node's WebCrypto, through a relay that behaves as
 * the server's `E2eeModule` does — and then misbehaves: replays a key message, hands a private
 * message to someone else, sends a sealed message twice. The transform worker is replaced by a
 * record of the keys it was given (the browser tests run the real one).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParticipantId } from '../../../shared/ids.js';
import type { ClientMessage } from '../../../shared/protocol.js';
import { E2eeSession, type E2eeStatus } from './e2ee-session.js';
import type { EncryptedMediaPipeline } from './encrypted-pipeline.js';
import type { MediaKey } from './key-agreement.js';

/** What the worker would have been told. */
class KeyRecord {
  sending: MediaKey | undefined;
  readonly receiving = new Map<bigint, MediaKey>();
  useSendingKey(key: MediaKey): void {
    this.sending = key;
  }
  addReceivingKey(key: MediaKey): void {
    this.receiving.set(key.kid, key);
  }
  forgetKey(kid: bigint): void {
    this.receiving.delete(kid);
  }
  close(): void {}
}

interface Member {
  id: ParticipantId;
  session: E2eeSession;
  keys: KeyRecord;
  status: () => E2eeStatus | undefined;
  /** Every e2ee-key message the relay delivered to them, to replay. */
  delivered: { from: ParticipantId; wrapped: string }[];
}

/** A meeting's relay: identities to everyone, wrapped keys to their recipient. */
function relay() {
  const members = new Map<ParticipantId, Member>();
  const identities = new Map<ParticipantId, string>();
  const deliver = (from: ParticipantId, message: ClientMessage) => {
    if (message.type === 'e2ee-identity') {
      identities.set(from, message.publicKey);
      for (const [id, member] of members) {
        const list =
          id === from
            ? [...identities].filter(([other]) => other !== from).map(([participantId, publicKey]) => ({ participantId, publicKey }))
            : [{ participantId: from, publicKey: message.publicKey }];
        member.session.identitiesReceived(list);
      }
    }
    if (message.type === 'e2ee-keys') {
      for (const { to, wrapped } of message.keys) {
        const member = members.get(to);
        member?.delivered.push({ from, wrapped });
        member?.session.keyReceived(from, wrapped);
      }
    }
  };
  return {
    async join(name: string): Promise<Member> {
      const id = `p_${name.padEnd(12, name)}` as ParticipantId;
      let latest: E2eeStatus | undefined;
      const keys = new KeyRecord();
      const session = new E2eeSession(
        id,
        (message) => deliver(id, message),
        keys as unknown as EncryptedMediaPipeline,
        (status) => {
          latest = status;
        },
        (participantId) => members.has(participantId),
      );
      const member: Member = { id, session, keys, status: () => latest, delivered: [] };
      members.set(id, member);
      await session.start();
      return member;
    },
    leave(member: Member): void {
      members.delete(member.id);
      identities.delete(member.id);
      member.session.close();
      for (const other of members.values()) other.session.participantLeft(member.id);
    },
  };
}

/**
 * Lets the key agreement settle: five seconds of (fake) timers, in steps, with real turns of the
 * event loop between them for WebCrypto's work (done off the main thread) to come back.
 */
async function settle(): Promise<void> {
  for (let step = 0; step < 100; step += 1) {
    await vi.advanceTimersByTimeAsync(50);
    await new Promise((resolve) => realSetTimeout(resolve, 8));
  }
}

/** The real `setTimeout`, taken before the tests fake it. */
const realSetTimeout = globalThis.setTimeout;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the key agreement of an encrypted meeting', () => {
  it('gives each participant everyone else’s current key, and the same safety code', async () => {
    const meeting = relay();
    const [ada, bo, cy] = [await meeting.join('ada'), await meeting.join('bo'), await meeting.join('cy')];
    await settle();
    for (const member of [ada, bo, cy]) {
      const others = [ada, bo, cy].filter((other) => other !== member);
      for (const other of others) expect(member.keys.receiving.get(other.keys.sending?.kid ?? 0n)).toEqual(other.keys.sending);
    }
    const codes = [ada, bo, cy].map((member) => member.status()?.safetyCode?.join('.'));
    expect(new Set(codes).size).toBe(1);
    expect(codes[0]?.split('.')).toHaveLength(16);
  });

  it('moves everyone to keys a leaver never had, and drops the leaver’s', async () => {
    const meeting = relay();
    const [ada, bo, cy] = [await meeting.join('ada'), await meeting.join('bo'), await meeting.join('cy')];
    await settle();
    const cyHeld = new Set(cy.keys.receiving.keys());
    const cyKid = cy.keys.sending?.kid;
    meeting.leave(cy);
    await settle();
    for (const member of [ada, bo]) {
      expect(cyHeld.has(member.keys.sending?.kid ?? 0n)).toBe(false);
      expect(member.keys.receiving.has(cyKid ?? 0n)).toBe(false);
    }
    expect(ada.keys.receiving.get(bo.keys.sending?.kid ?? 0n)).toEqual(bo.keys.sending);
    // The previous keys are gone after their grace period: only the current one of each is held.
    expect([...ada.keys.receiving.keys()]).toEqual([bo.keys.sending?.kid]);
  });

  it('ignores a key message replayed by the relay, and says so', async () => {
    const meeting = relay();
    const [ada, bo] = [await meeting.join('ada'), await meeting.join('bo')];
    await settle();
    const first = bo.delivered[0];
    if (!first) throw new Error('no key delivered');
    // Move on, then replay the first key: it must not come back.
    meeting.leave(await meeting.join('cy'));
    await settle();
    const held = [...bo.keys.receiving.keys()];
    bo.session.keyReceived(first.from, first.wrapped);
    await settle();
    expect([...bo.keys.receiving.keys()]).toEqual(held);
    expect(bo.status()?.refusedKeyMessages).toBe(1);
    expect(ada.status()?.refusedKeyMessages).toBe(0);
  });

  it('opens public chat with the sender’s own key once, and private chat for its two people only', async () => {
    const meeting = relay();
    const [ada, bo, cy] = [await meeting.join('ada'), await meeting.join('bo'), await meeting.join('cy')];
    await settle();
    const everyone = await ada.session.sealChat('Hello all', null);
    expect(await bo.session.openChat(everyone, ada.id, null)).toEqual({ ok: true, text: 'Hello all' });
    expect(await bo.session.openChat(everyone, ada.id, null)).toEqual({ ok: false, reason: 'replayed' });
    expect(await cy.session.openChat(everyone, bo.id, null)).toEqual({ ok: false, reason: 'unreadable' });

    const secret = await ada.session.sealChat('Just you, Bo', bo.id);
    expect(await bo.session.openChat(secret, ada.id, bo.id)).toEqual({ ok: true, text: 'Just you, Bo' });
    expect(await ada.session.openChat(secret, ada.id, bo.id)).toEqual({ ok: true, text: 'Just you, Bo' });
    expect(await cy.session.openChat(secret, ada.id, bo.id)).toEqual({ ok: false, reason: 'unreadable' });
    expect(await cy.session.openChat(secret, ada.id, cy.id)).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('ignores identities of people not in the meeting', async () => {
    const meeting = relay();
    const ada = await meeting.join('ada');
    await settle();
    ada.session.identitiesReceived([{ participantId: 'p_ghostghostgh' as ParticipantId, publicKey: `B${'g'.repeat(86)}` }]);
    await settle();
    expect(ada.status()?.peers).toEqual([]);
    expect(ada.status()?.refusedKeyMessages).toBe(1);
  });
});
