import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomId } from '../../shared/ids.js';
import type { ServerMessage } from '../../shared/protocol.js';
import { JanusGateway } from '../media/index.js';
import { ManualClock } from '../platform/clock.js';
import { InstanceIdSchema } from '../platform/instance.js';
import { bothEngines, openTestStorage, type TestStorage } from '../storage/testing.js';
import { RoomRegistry } from './live/room-registry.js';
import { MediaPool } from './media-pool.js';
import { meetingsMigrations } from './migrations.js';
import {
  DatabaseRoomDirectory,
  LocalRoomDirectory,
  localMediaServerId,
  type MediaServerId,
  type RoomDirectory,
  type RoomPlacement,
} from './placement.js';
import { newRoomId, RoomsRepository } from './rooms-repository.js';

const here = InstanceIdSchema.parse('inst_here');
const there = InstanceIdSchema.parse('inst_there');
const logger = pino({ level: 'silent' });

describe('LocalRoomDirectory', () => {
  it('places a room once, on the asking instance and the local media server, until its holder releases it', async () => {
    const clock = new ManualClock(5_000);
    const directory = new LocalRoomDirectory(clock);
    const roomId = newRoomId();
    expect(await directory.locate(roomId)).toBeUndefined();
    const placed = await directory.place(roomId, here);
    expect(placed).toEqual({ roomId, instanceId: here, mediaServerId: localMediaServerId, placedAtMs: 5_000 });
    expect(await directory.place(roomId, there)).toEqual(placed);
    await directory.release(roomId, there);
    expect(await directory.locate(roomId)).toEqual(placed);
    await directory.release(roomId, here);
    expect(await directory.locate(roomId)).toBeUndefined();
  });
});

/** A joiner's connection that keeps nothing. */
const connection = { send: (_message: ServerMessage) => {}, disconnect: () => {}, admitted: () => {} };

describe.each(bothEngines)('the registry consults placement (%s)', (engine) => {
  let storage: TestStorage;
  let rooms: RoomsRepository;
  const clock = new ManualClock();
  // Never started: joining without publishing does not touch the media server.
  const gateway = new JanusGateway({ url: 'ws://127.0.0.1:9', logger, publisherBitrateBitsPerSecondMax: 1 });

  beforeAll(async () => {
    storage = await openTestStorage(engine, meetingsMigrations);
    rooms = new RoomsRepository(storage, clock, { instanceId: here });
  });
  afterAll(async () => storage?.dispose());

  it('answers for a room that is live here, and forgets it when the meeting ends', async () => {
    const registry = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock, undefined, new LocalRoomDirectory(clock));
    const room = await rooms.create({ name: 'Placed', participantsMax: 5 });
    expect(await registry.placement.locate(room.id)).toBeUndefined();
    const joined = await registry.join(room.id, { displayName: 'Ada', media: { audioMuted: true, videoMuted: true } }, connection);
    expect(joined.ok).toBe(true);
    expect(await registry.placement.locate(room.id)).toMatchObject({
      roomId: room.id,
      instanceId: here,
      mediaServerId: localMediaServerId,
    });
    await registry.close();
    expect(await registry.placement.locate(room.id)).toBeUndefined();
  });

  it('does not start a meeting here when the directory holds the room elsewhere', async () => {
    const elsewhere: RoomDirectory = {
      place: async (roomId: RoomId): Promise<RoomPlacement> => ({
        roomId,
        instanceId: there,
        mediaServerId: localMediaServerId,
        placedAtMs: 0,
      }),
      locate: async () => undefined,
      move: async () => undefined,
      release: async () => {},
    };
    const registry = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock, undefined, elsewhere);
    const room = await rooms.create({ name: 'Held there', participantsMax: 5 });
    const joined = await registry.join(room.id, { displayName: 'Ada', media: { audioMuted: true, videoMuted: true } }, connection);
    expect(joined).toMatchObject({ ok: false, code: 'media_server_unavailable' });
    expect(registry.find(room.id)).toBeUndefined();
    expect(await rooms.listMeetings(room.id)).toEqual([]);
    await registry.close();
  });
});

describe.each(bothEngines)('DatabaseRoomDirectory (%s)', (engine) => {
  let storage: TestStorage;
  let rooms: RoomsRepository;
  const clock = new ManualClock(1_000_000);
  const gateway = new JanusGateway({ url: 'ws://127.0.0.1:9', logger, publisherBitrateBitsPerSecondMax: 1 });
  const directory = (choice = localMediaServerId) => new DatabaseRoomDirectory(storage, clock, () => choice, 60_000);

  beforeAll(async () => {
    storage = await openTestStorage(engine, meetingsMigrations);
    rooms = new RoomsRepository(storage, clock, { instanceId: here });
  });
  afterAll(async () => storage?.dispose());

  it('gives a room to the first instance that places it, tells the others where it is, and lets its holder move and release it', async () => {
    const { id } = await rooms.create({ name: 'Shared', participantsMax: 5 });
    const placed = await directory().place(id, here);
    expect(placed).toMatchObject({ roomId: id, instanceId: here, mediaServerId: localMediaServerId });
    expect(await directory('ms_other' as MediaServerId).place(id, there)).toEqual(placed);
    expect(await directory().move(id, there, 'ms_other' as MediaServerId)).toBeUndefined();
    expect(await directory().move(id, here, 'ms_other' as MediaServerId)).toMatchObject({ instanceId: here, mediaServerId: 'ms_other' });
    await directory().release(id, there);
    expect(await directory().locate(id)).toMatchObject({ instanceId: here });
    await directory().release(id, here);
    expect(await directory().locate(id)).toBeUndefined();
  });

  it('lets another instance take a room over once its holder stopped renewing the claim (died), not before', async () => {
    const { id } = await rooms.create({ name: 'Abandoned', participantsMax: 5 });
    await directory().place(id, here);
    clock.advance(50_000);
    await directory().renew(here, [id]);
    clock.advance(50_000);
    expect((await directory().place(id, there)).instanceId).toBe(here);
    expect(await directory().heldByInstance()).toEqual(new Map([[here, 1]]));
    clock.advance(10_001);
    // A lapsed claim counts for nobody (the operator console's meetings per instance).
    expect(await directory().heldByInstance()).toEqual(new Map());
    expect((await directory().place(id, there)).instanceId).toBe(there);
    expect(await directory().heldByInstance()).toEqual(new Map([[there, 1]]));
    expect((await directory().locate(id))?.instanceId).toBe(there);
  });

  it('takes a room over at once from an instance known to be gone (its presence lapsed), and only from that one', async () => {
    const { id } = await rooms.create({ name: 'Orphaned', participantsMax: 5 });
    const gone = new Set<string>();
    const knowing = new DatabaseRoomDirectory(
      storage,
      clock,
      () => localMediaServerId,
      60_000,
      async (instanceId) => gone.has(instanceId),
    );
    await knowing.place(id, here);
    expect((await knowing.place(id, there)).instanceId).toBe(here);
    gone.add('inst_elsewhere');
    expect((await knowing.place(id, there)).instanceId).toBe(here);
    gone.add(here);
    expect((await knowing.place(id, there)).instanceId).toBe(there);
    expect((await knowing.locate(id))?.instanceId).toBe(there);
  });

  it('gives back, when it renews, what an instance claims without holding a meeting there (a previous run’s)', async () => {
    const [{ id: live }, { id: stale }] = [
      await rooms.create({ name: 'Live', participantsMax: 5 }),
      await rooms.create({ name: 'Stale', participantsMax: 5 }),
    ];
    await directory().place(live, here);
    await directory().place(stale, here);
    await directory().renew(here, [live]);
    expect(await directory().locate(live)).toMatchObject({ instanceId: here });
    expect(await directory().locate(stale)).toBeUndefined();
    await directory().renew(here, []);
    expect(await directory().locate(live)).toBeUndefined();
  });

  it('gives a room to exactly one of many instances placing it at once', async () => {
    const { id } = await rooms.create({ name: 'Raced', participantsMax: 5 });
    const instances = Array.from({ length: 8 }, (_, index) => InstanceIdSchema.parse(`inst_racer${index}`));
    const answers = await Promise.all(instances.map((instance) => directory().place(id, instance)));
    expect(new Set(answers.map((answer) => answer.instanceId)).size).toBe(1);
  });

  it('keeps two instances’ registries from holding two separate meetings in one room', async () => {
    const room = await rooms.create({ name: 'One meeting', participantsMax: 5 });
    const roomsThere = new RoomsRepository(storage, clock, { instanceId: there });
    const first = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock, undefined, directory());
    const second = new RoomRegistry(MediaPool.of(gateway, logger), roomsThere, logger, clock, undefined, directory());
    const media = { audioMuted: true, videoMuted: true };
    expect((await first.join(room.id, { displayName: 'Ada', media }, connection)).ok).toBe(true);
    const refused = await second.join(room.id, { displayName: 'Bo', media }, connection);
    expect(refused).toMatchObject({
      ok: false,
      code: 'media_server_unavailable',
      message: expect.stringContaining('another server'),
      heldBy: here,
    });
    expect(second.find(room.id)).toBeUndefined();
    // When the first instance's meeting ends, the room is free for whichever instance starts the next.
    await first.close();
    expect((await second.join(room.id, { displayName: 'Bo', media }, connection)).ok).toBe(true);
    expect(await directory().locate(room.id)).toMatchObject({ instanceId: there });
    await second.close();
  });

  it('ends the meeting of a room another instance took over while this one was taken for dead: its people reconnect there', async () => {
    const room = await rooms.create({ name: 'Taken over', participantsMax: 5 });
    const gone = new Set<string>();
    const knowing = () =>
      new DatabaseRoomDirectory(
        storage,
        clock,
        () => localMediaServerId,
        60_000,
        async (id) => gone.has(id),
      );
    const registry = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock, undefined, knowing());
    let disconnected = 0;
    const watched = { ...connection, disconnect: () => (disconnected += 1) };
    expect((await registry.join(room.id, { displayName: 'Ada', media: { audioMuted: true, videoMuted: true } }, watched)).ok).toBe(true);
    // Nothing taken: renewing keeps the room.
    expect(await knowing().renew(here, registry.liveRoomIds())).toEqual([]);
    // This instance is taken for dead (its presence lapsed) and another takes the room over.
    gone.add(here);
    expect((await knowing().place(room.id, there)).instanceId).toBe(there);
    const taken = await knowing().renew(here, registry.liveRoomIds());
    expect(taken).toEqual([room.id]);
    registry.handOver(taken);
    expect(registry.find(room.id)).toBeUndefined();
    expect(disconnected).toBe(1);
    // Its placement stays the new holder's.
    await registry.close();
    expect(await knowing().locate(room.id)).toMatchObject({ instanceId: there });
  });

  it('sends a join with a breakout ticket for a breakout room held by another instance there, and refuses one nobody holds', async () => {
    const registry = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock, undefined, directory());
    registry.breakoutHolder = async (roomId) => (roomId === 'brkn-held-else' ? there : undefined);
    const media = { audioMuted: true, videoMuted: true };
    const ticket = 'a-breakout-ticket-of-22-chars';
    expect(
      await registry.join('brkn-held-else' as RoomId, { displayName: 'Ada', media, breakoutTicket: ticket }, connection),
    ).toMatchObject({
      ok: false,
      heldBy: there,
    });
    const unknown = await registry.join('brkn-held-none' as RoomId, { displayName: 'Ada', media, breakoutTicket: ticket }, connection);
    expect(unknown).toMatchObject({ ok: false, code: 'breakout_ticket_invalid' });
    expect('heldBy' in unknown).toBe(false);
    await registry.close();
  });

  it('claims again a room it holds whose placement is gone (taken over, then released elsewhere): one meeting, here', async () => {
    const { id } = await rooms.create({ name: 'Released elsewhere', participantsMax: 5 });
    await directory().place(id, here);
    await directory().release(id, here);
    expect(await directory().renew(here, [id])).toEqual([]);
    expect(await directory().locate(id)).toMatchObject({ instanceId: here });
    expect((await directory().place(id, there)).instanceId).toBe(here);
  });
});
