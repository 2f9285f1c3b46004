/**
 * The registry's part of a meeting's life: which joins start a live room and a meeting record,
 * and that nothing stays open once everyone has gone. A gateway that is never started: joining
 * without publishing does not touch the media server.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantId, RoomId } from '../../../shared/ids.js';
import type { Role, ServerMessage } from '../../../shared/protocol.js';
import { JanusGateway } from '../../media/index.js';
import { ManualClock } from '../../platform/clock.js';
import { openTestStorage, type TestStorage } from '../../storage/testing.js';
import type { MeetingAllowance } from '../allowance.js';
import { MediaPool } from '../media-pool.js';
import { meetingsMigrations } from '../migrations.js';
import { type Room, RoomsRepository } from '../rooms-repository.js';
import { type ParticipantContinuity, RoomRegistry } from './room-registry.js';

const logger = pino({ level: 'silent' });
const media = { audioMuted: true, videoMuted: true };
const clock = new ManualClock();
let storage: TestStorage;
let rooms: RoomsRepository;

beforeAll(async () => {
  storage = await openTestStorage('sqlite', meetingsMigrations);
  rooms = new RoomsRepository(storage, clock);
});
afterAll(async () => storage?.dispose());

/** A joiner's connection that keeps nothing. */
const connection = () => ({ send: (_message: ServerMessage) => {}, disconnect: () => {}, admitted: () => {} });

async function registryWithRoom(settings: Partial<Room> = {}) {
  const gateway = new JanusGateway({ url: 'ws://127.0.0.1:9', logger, publisherBitrateBitsPerSecondMax: 1 });
  const registry = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock);
  const room = await rooms.create({ name: 'Registry', participantsMax: 5, ...settings });
  return { registry, room };
}

describe('the registry', () => {
  it('refuses every join while its join refusal says so (an organisation suspended from meetings), and starts nothing', async () => {
    const { registry, room } = await registryWithRoom();
    let suspended = true;
    registry.joinRefusal = async () =>
      suspended ? { ok: false, code: 'organisation_suspended', message: 'Suspended from meetings.' } : undefined;
    expect(await registry.join(room.id, { displayName: 'Ada', media }, connection())).toMatchObject({
      ok: false,
      code: 'organisation_suspended',
    });
    expect(registry.counts().rooms).toBe(0);
    expect(await registry.placement.locate(room.id)).toBeUndefined();
    suspended = false;
    expect(await registry.join(room.id, { displayName: 'Ada', media }, connection())).toMatchObject({ ok: true });
    await registry.close();
  });

  it('leaves no live room, placement or meeting record behind a refused join', async () => {
    const { registry, room } = await registryWithRoom({ viewerCode: 'orchard' });
    for (const accessCode of ['apple', 'pear', 'plum']) {
      const joined = await registry.join(room.id, { displayName: 'Wrong', media, accessCode }, connection());
      expect(joined).toMatchObject({ ok: false, code: 'access_code_wrong' });
    }
    expect(registry.find(room.id)).toBeUndefined();
    expect(registry.counts().rooms).toBe(0);
    expect(await registry.placement.locate(room.id)).toBeUndefined();
    await registry.close();
    expect(await rooms.listMeetings(room.id)).toEqual([]);
  });

  it('refuses a join still on its way when the shutdown begins, and leaves no room, placement or meeting record', async () => {
    const { registry, room } = await registryWithRoom();
    const joining = registry.join(room.id, { displayName: 'Late', media }, connection());
    await registry.close();
    expect(await joining).toMatchObject({ ok: false, code: 'media_server_unavailable' });
    expect(registry.find(room.id)).toBeUndefined();
    expect(registry.counts().rooms).toBe(0);
    expect(await registry.placement.locate(room.id)).toBeUndefined();
    expect(await rooms.listMeetings(room.id)).toEqual([]);
  });

  it('closes the meeting, releases its placement and ends its record when its only, waiting, guest leaves', async () => {
    const { registry, room } = await registryWithRoom({ waitingRoom: true });
    const joined = await registry.join(room.id, { displayName: 'Guy', media }, connection());
    if (!joined.ok) throw new Error(joined.code);
    expect(joined.value.result.kind).toBe('waiting');
    joined.value.room.leave(joined.value.result.participant.id);
    expect(registry.counts().rooms).toBe(0);
    await registry.close();
    expect(await registry.placement.locate(room.id)).toBeUndefined();
    const [record, ...others] = await rooms.listMeetings(room.id);
    expect(others).toEqual([]);
    expect(record?.endedAtMs).toBe(clock.nowMs());
  });
});

/** Where participants are kept for another instance, failing like a Redis that does not answer while `failing`. */
class FlakyContinuity implements ParticipantContinuity {
  failing = false;
  readonly kept = new Map<string, Map<string, { participantId: ParticipantId; role: Role }>>();
  async remember(roomId: RoomId, resumeToken: string, entry: { participantId: ParticipantId; role: Role }): Promise<boolean> {
    if (this.failing) return false;
    this.kept.set(roomId, new Map(this.kept.get(roomId)).set(resumeToken, entry));
    return true;
  }
  async forgetRoom(roomId: RoomId): Promise<boolean> {
    if (this.failing) return false;
    this.kept.delete(roomId);
    return true;
  }
  async find(): Promise<undefined> {
    return undefined;
  }
}

describe('the registry while its participants cannot be kept for another instance (Redis away)', () => {
  it('keeps them again as they are now once it can, and forgets a meeting that ended meanwhile', async () => {
    const { registry, room } = await registryWithRoom();
    const continuity = new FlakyContinuity();
    registry.continuity = continuity;
    continuity.failing = true;
    const ada = await registry.join(room.id, { displayName: 'Ada', media, accessCode: room.moderatorCode }, connection());
    const grace = await registry.join(room.id, { displayName: 'Grace', media }, connection());
    if (!ada.ok || ada.value.result.kind !== 'joined' || !grace.ok || grace.value.result.kind !== 'joined') throw new Error('joins failed');
    const [adaId, graceId] = [ada.value.result.participant.id, grace.value.result.participant.id];
    // Grace is made a moderator while nothing can be written.
    const live = ada.value.room;
    expect(live.moderate(adaId, { action: 'set-role', participantId: graceId, role: 'moderator' }).ok).toBe(true);
    await Promise.resolve();
    expect(continuity.kept.size).toBe(0);
    // Still failing at the first retry; written at the next, as they are now.
    clock.advance(2_000);
    await Promise.resolve();
    continuity.failing = false;
    clock.advance(2_000);
    await expect
      .poll(() => [...(continuity.kept.get(room.id)?.values() ?? [])].map((entry) => [entry.participantId, entry.role]))
      .toEqual([
        [adaId, 'moderator'],
        [graceId, 'moderator'],
      ]);

    // The meeting ends for good while nothing can be written: forgotten at a retry once it can.
    continuity.failing = true;
    live.leave(adaId);
    live.leave(graceId);
    await expect.poll(() => registry.find(room.id)).toBeUndefined();
    expect(continuity.kept.has(room.id)).toBe(true);
    continuity.failing = false;
    clock.advance(2_000);
    await expect.poll(() => continuity.kept.has(room.id)).toBe(false);
    await registry.close();
  });
});

describe('the registry under a plan', () => {
  const plan = (overrides: Partial<MeetingAllowance> = {}): MeetingAllowance => ({
    planName: 'Free',
    participantsMax: 2,
    meetingsMax: 1,
    meetingMinutesMax: 60,
    holderKey: 'org:green',
    ...overrides,
  });

  it('refuses a join over the plan’s people, naming the plan, and counts an upgrade at once', async () => {
    let allowance = plan();
    const gateway = new JanusGateway({ url: 'ws://127.0.0.1:9', logger, publisherBitrateBitsPerSecondMax: 1 });
    const registry = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock, 1_000, undefined, async () => allowance);
    const room = await rooms.create({ name: 'Plan', participantsMax: 20 });
    for (const name of ['One', 'Two']) expect((await registry.join(room.id, { displayName: name, media }, connection())).ok).toBe(true);
    const third = await registry.join(room.id, { displayName: 'Three', media }, connection());
    expect(third).toMatchObject({ ok: false, code: 'plan_participants_limit' });
    expect(third.ok ? '' : third.message).toBe('This meeting has reached its plan’s limit: the Free plan allows 2 people at once.');
    expect(registry.find(room.id)?.participants.size).toBe(2);
    allowance = plan({ planName: 'Level 1', participantsMax: 10 });
    expect((await registry.join(room.id, { displayName: 'Three', media }, connection())).ok).toBe(true);
    await registry.close();
  });

  it('refuses a second meeting at once in the same holder’s rooms, started together or not, and allows it once the first ends', async () => {
    const gateway = new JanusGateway({ url: 'ws://127.0.0.1:9', logger, publisherBitrateBitsPerSecondMax: 1 });
    const registry = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock, 1_000, undefined, async () =>
      plan({ participantsMax: 5 }),
    );
    const [first, second, third] = await Promise.all([1, 2, 3].map((n) => rooms.create({ name: `Room ${n}`, participantsMax: 5 })));
    if (!first || !second || !third) throw new Error('rooms not made');
    const together = await Promise.all([first, second].map((room) => registry.join(room.id, { displayName: 'Ada', media }, connection())));
    expect(together.filter((joined) => joined.ok)).toHaveLength(1);
    expect(together.find((joined) => !joined.ok)).toMatchObject({ code: 'plan_meetings_limit' });
    const refused = await registry.join(third.id, { displayName: 'Bob', media }, connection());
    expect(refused.ok ? '' : refused.message).toBe(
      'The Free plan allows 1 meeting at once, and that many are being held in its rooms now.',
    );
    expect(registry.counts().rooms).toBe(1);
    const held = together.find((joined) => joined.ok);
    if (!held?.ok) throw new Error('no meeting held');
    held.value.room.close();
    expect((await registry.join(third.id, { displayName: 'Bob', media }, connection())).ok).toBe(true);
    await registry.close();
  });
});
