import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomIdSchema } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import { ManualClock } from '../platform/clock.js';
import { InstanceIdSchema } from '../platform/instance.js';
import { bothEngines, openTestStorage, type TestStorage } from '../storage/testing.js';
import { meetingsMigrations } from './migrations.js';
import { newRoomId, RoomsRepository } from './rooms-repository.js';

describe('newRoomId', () => {
  it('makes distinct, well-formed, unguessable ids', () => {
    const ids = new Set(Array.from({ length: 2_000 }, () => newRoomId()));
    expect(ids.size).toBe(2_000);
    for (const id of ids) expect(RoomIdSchema.safeParse(id).success).toBe(true);
  });
});

describe.each(bothEngines)('RoomsRepository on %s', (engine) => {
  let storage: TestStorage;
  let rooms: RoomsRepository;
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 9, 0));

  beforeAll(async () => {
    storage = await openTestStorage(engine, meetingsMigrations);
    rooms = new RoomsRepository(storage, clock);
  });
  afterAll(async () => storage?.dispose());

  it('creates a room and finds it again by id', async () => {
    const room = await rooms.create({ name: 'Weekly circle', participantsMax: 12 });
    expect(await rooms.find(room.id)).toEqual(room);
    expect(room.createdAtMs).toBe(clock.nowMs());
  });

  it('keeps a room’s notes, replaces them, and forgets them', async () => {
    const room = await rooms.create({ name: 'Notes kept', participantsMax: 5 });
    expect(await rooms.keptNotes(room.id)).toBeUndefined();
    await rooms.keepNotes(room.id, 'AQID');
    await rooms.keepNotes(room.id, 'BAUG');
    expect(await rooms.keptNotes(room.id)).toBe('BAUG');
    await rooms.forgetNotes(room.id);
    await rooms.forgetNotes(room.id);
    expect(await rooms.keptNotes(room.id)).toBeUndefined();
  });

  it('finds nothing for an unknown id', async () => {
    expect(await rooms.find(newRoomId())).toBeUndefined();
  });

  it('records a meeting with its peak attendance and end, newest first', async () => {
    const room = await rooms.create({ name: 'Assembly', participantsMax: 50 });
    const first = await rooms.startMeeting(room.id);
    await rooms.recordAttendance(first.id, 3);
    await rooms.recordAttendance(first.id, 2);
    clock.advance(60_000);
    await rooms.endMeeting(first.id);
    clock.advance(60_000);
    await rooms.endMeeting(first.id);
    const second = await rooms.startMeeting(room.id);
    const meetings = await rooms.listMeetings(room.id);
    expect(meetings.map((meeting) => meeting.id)).toEqual([second.id, first.id]);
    expect(meetings[1]).toMatchObject({ participantsPeak: 3, endedAtMs: first.startedAtMs + 60_000 });
    expect(meetings[0]).toMatchObject({ endedAtMs: null });
  });

  it('closes meetings a crash left open', async () => {
    const room = await rooms.create({ name: 'Crashed', participantsMax: 5 });
    await rooms.startMeeting(room.id);
    expect(await rooms.endAbandonedMeetings()).toBeGreaterThanOrEqual(1);
    expect((await rooms.listMeetings(room.id))[0]?.endedAtMs).toBe(clock.nowMs());
    expect(await rooms.endAbandonedMeetings()).toBe(0);
  });

  describe('two instances sharing the database', () => {
    const instanceA = InstanceIdSchema.parse('inst_a');
    const instanceB = InstanceIdSchema.parse('inst_b');
    const endedAt = async (roomId: Parameters<RoomsRepository['listMeetings']>[0]) => (await rooms.listMeetings(roomId))[0]?.endedAtMs;

    it('at start-up, one instance does not end the other one’s meetings, only its own from a previous run', async () => {
      const onA = new RoomsRepository(storage, clock, { instanceId: instanceA });
      const room = await rooms.create({ name: 'Held on A', participantsMax: 5 });
      await onA.startMeeting(room.id);
      // B starts (or restarts) while A holds the meeting.
      await new RoomsRepository(storage, clock, { instanceId: instanceB }).endAbandonedMeetings();
      expect(await endedAt(room.id)).toBeNull();
      // A crashed and starts again under its stable id: the meeting was its own.
      clock.advance(1_000);
      await new RoomsRepository(storage, clock, { instanceId: instanceA }).endAbandonedMeetings();
      expect(await endedAt(room.id)).toBe(clock.nowMs());
    });

    it('ends a meeting whose claim is older than the lease (its instance is presumed dead), not one kept renewed', async () => {
      const onA = new RoomsRepository(storage, clock, { instanceId: instanceA });
      const onB = new RoomsRepository(storage, clock, { instanceId: instanceB });
      const lapsed = await rooms.create({ name: 'A died', participantsMax: 5 });
      const renewed = await rooms.create({ name: 'B lives', participantsMax: 5 });
      await onA.startMeeting(lapsed.id);
      await onB.startMeeting(renewed.id);
      clock.advance(limits.instanceClaimLeaseMs / 2);
      expect(await onB.renewMeetingClaims()).toBe(1);
      clock.advance(limits.instanceClaimLeaseMs / 2 + 1);
      // A third instance starts: A's claim lapsed a moment ago, B renewed within the lease.
      await new RoomsRepository(storage, clock, { instanceId: InstanceIdSchema.parse('inst_c') }).endAbandonedMeetings();
      expect(await endedAt(lapsed.id)).toBe(clock.nowMs());
      expect(await endedAt(renewed.id)).toBeNull();
      await onB.endMeeting((await rooms.listMeetings(renewed.id))[0]?.id ?? '');
    });

    it('while running, ends a dead instance’s lapsed meetings but never its own live ones, however old', async () => {
      const onA = new RoomsRepository(storage, clock, { instanceId: instanceA });
      const onB = new RoomsRepository(storage, clock, { instanceId: instanceB });
      const deadOnes = await rooms.create({ name: 'A died', participantsMax: 5 });
      const mine = await rooms.create({ name: 'B holds it', participantsMax: 5 });
      await onA.startMeeting(deadOnes.id);
      await onB.startMeeting(mine.id);
      clock.advance(limits.instanceClaimLeaseMs / 2);
      // B's own sweep, inside the lease: nothing has lapsed, and its own meeting is never its to end.
      expect(await onB.endAbandonedMeetings({ startingUp: false })).toBe(0);
      await onB.renewMeetingClaims();
      clock.advance(limits.instanceClaimLeaseMs / 2 + 1);
      expect(await onB.endAbandonedMeetings({ startingUp: false })).toBe(1);
      expect(await endedAt(deadOnes.id)).toBe(clock.nowMs());
      expect(await endedAt(mine.id)).toBeNull();
      await onB.endMeeting((await rooms.listMeetings(mine.id))[0]?.id ?? '');
    });

    it('ends meetings opened before claims existed, whoever starts', async () => {
      const room = await rooms.create({ name: 'Unclaimed', participantsMax: 5 });
      await storage.db
        .insertInto('meetings')
        .values({ id: 'before-claims', room_id: room.id, started_at_ms: clock.nowMs(), ended_at_ms: null })
        .execute();
      await new RoomsRepository(storage, clock, { instanceId: instanceB }).endAbandonedMeetings();
      expect(await endedAt(room.id)).toBe(clock.nowMs());
    });
  });

  it('upgrades a database migrated before instance claims (new migrations sort after every applied one)', async () => {
    const { allMigrations } = await import('../migrations.js');
    const { openStorage } = await import('../storage/index.js');
    const before = Object.fromEntries(
      Object.entries(allMigrations).filter(([name]) => !['0304_network_request_claims', '0305_meetings_instance_claims'].includes(name)),
    );
    expect(Object.keys(before)).toHaveLength(Object.keys(allMigrations).length - 2);
    const old = await openTestStorage(engine, before);
    try {
      const upgraded = await openStorage(old.location.engine === 'sqlite' ? old.location : { ...old.location, poolSize: 1 }, allMigrations);
      await upgraded.close();
    } finally {
      await old.dispose();
    }
  });

  it('keeps rooms across a reopen of the database', async () => {
    const room = await rooms.create({ name: 'Persistent', participantsMax: 5 });
    const { openStorage } = await import('../storage/index.js');
    const reopened = await openStorage(
      storage.location.engine === 'sqlite' ? storage.location : { ...storage.location, poolSize: 1 },
      meetingsMigrations,
    );
    try {
      expect(await new RoomsRepository(reopened, clock).find(room.id)).toEqual(room);
    } finally {
      await reopened.close();
    }
  });
});
