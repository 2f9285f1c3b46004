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
import { LocalRoomDirectory, localMediaServerId, type RoomDirectory, type RoomPlacement } from './placement.js';
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
