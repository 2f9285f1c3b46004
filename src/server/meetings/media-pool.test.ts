/**
 * The media-server pool and the registry on it: where new meetings go (load for weight, region,
 * renewable power, drained and dead servers skipped), what `apply` does with the operators'
 * registrations, and failover — a meeting on a server that dies moves to another, its people told
 * to publish again, and waits for one when none is up.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../shared/protocol.js';
import { sumHandles } from '../media/janus-admin.js';
import { ManualClock } from '../platform/clock.js';
import { TypedEmitter } from '../platform/typed-emitter.js';
import { openTestStorage, type TestStorage } from '../storage/testing.js';
import { InMemoryMediaServer } from './live/in-memory-media-server.js';
import { RoomRegistry } from './live/room-registry.js';
import {
  MediaPool,
  type MediaServerMeasure,
  type MediaServerMonitor,
  type MediaServerSettings,
  type PooledMediaServer,
} from './media-pool.js';
import { meetingsMigrations } from './migrations.js';
import { localMediaServerId, type MediaServerId } from './placement.js';
import { RoomsRepository } from './rooms-repository.js';

const logger = pino({ level: 'silent' });

class Switch extends TypedEmitter<{ up: []; down: [] }> {
  fire(event: 'up' | 'down'): void {
    this.emit(event);
  }
}

/** An in-memory media server that can be taken down and brought back, as a Janus that dies and restarts. */
class SwitchableServer extends InMemoryMediaServer implements PooledMediaServer {
  isUp = true;
  started = false;
  closed = false;
  readonly lastFailure = 'connection refused';
  private readonly events = new Switch();

  on(event: 'up' | 'down', listener: () => void): () => void {
    return this.events.on(event, listener);
  }
  async start(): Promise<void> {
    this.started = true;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  goDown(): void {
    this.isUp = false;
    this.events.fire('down');
  }
  comeUp(): void {
    this.isUp = true;
    this.events.fire('up');
  }
}

/** A server's own account of its load, as its admin API would give it, set by the test. */
class ReadingMonitor implements MediaServerMonitor {
  latest: MediaServerMeasure | undefined;
  failure: string | undefined;
  started = false;
  closed = false;
  async start(): Promise<void> {
    this.started = true;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  reads(load: Partial<MediaServerMeasure>): void {
    this.latest = { ...sumHandles([], 1, 0), ...load };
  }
}

const registered = (id: string, settings: Partial<MediaServerSettings> = {}): MediaServerSettings => ({
  id: id as MediaServerId,
  name: id,
  url: `ws://${id}.example:8188`,
  apiSecret: undefined,
  adminUrl: undefined,
  adminSecret: undefined,
  weight: 1,
  region: '',
  renewable: false,
  drained: false,
  ...settings,
});

/** A pool with the given registered servers (each a `SwitchableServer`, made when `apply` connects it). */
async function poolOf(
  servers: MediaServerSettings[],
  options: { preferredRegion?: string; preferRenewable?: boolean; local?: boolean } = {},
) {
  const made = new Map<string, SwitchableServer>();
  const monitors = new Map<string, ReadingMonitor>();
  const local = new SwitchableServer();
  const pool = new MediaPool({
    local: options.local === false ? undefined : local,
    connect: (settings) => {
      const server = new SwitchableServer();
      made.set(settings.id, server);
      return server;
    },
    monitor: (settings) => {
      const monitor = new ReadingMonitor();
      monitors.set(settings.id, monitor);
      return monitor;
    },
    preferredRegion: options.preferredRegion,
    preferRenewable: options.preferRenewable ?? false,
    logger,
  });
  await pool.apply(servers);
  const server = (id: string) => {
    const found = id === localMediaServerId ? local : made.get(id);
    if (!found) throw new Error(`no server ${id}`);
    return found;
  };
  return { pool, server, made, monitors };
}

describe('choosing a media server', () => {
  it('takes the least loaded for its weight, skipping drained and dead servers and the one to avoid', async () => {
    const { pool, server } = await poolOf([registered('ms_a'), registered('ms_b', { weight: 4 }), registered('ms_c', { drained: true })], {
      local: false,
    });
    const loads: Record<string, number> = { ms_a: 2, ms_b: 6, ms_c: 0 };
    const loadOf = (id: MediaServerId) => loads[id] ?? 0;
    // 2 / 1 against 6 / 4: b is less loaded for its weight; c is drained however idle.
    expect(pool.choose(loadOf)).toBe('ms_b');
    expect(pool.choose(loadOf, 'ms_b' as MediaServerId)).toBe('ms_a');
    server('ms_b').goDown();
    expect(pool.choose(loadOf)).toBe('ms_a');
    server('ms_a').goDown();
    expect(pool.choose(loadOf)).toBeUndefined();
  });

  it('prefers the instance’s region, then renewable power, and falls back to the others when none there can take it', async () => {
    const { pool, server } = await poolOf(
      [
        registered('ms_far', { region: 'us-east', renewable: true }),
        registered('ms_near', { region: 'eu-west' }),
        registered('ms_near_green', { region: 'eu-west', renewable: true }),
      ],
      { preferredRegion: 'eu-west', preferRenewable: true, local: false },
    );
    const loads: Record<string, number> = { ms_far: 0, ms_near: 0, ms_near_green: 50 };
    const loadOf = (id: MediaServerId) => loads[id] ?? 0;
    expect(pool.choose(loadOf)).toBe('ms_near_green');
    server('ms_near_green').goDown();
    expect(pool.choose(loadOf)).toBe('ms_near');
    server('ms_near').goDown();
    expect(pool.choose(loadOf)).toBe('ms_far');
  });

  it('keeps the local server out of new meetings while it is drained', async () => {
    const { pool } = await poolOf([registered('ms_a')]);
    const idle = () => 0;
    expect(pool.choose(idle)).toBe('janus-local');
    expect(pool.setLocalDrained(true)).toBe(true);
    expect(pool.choose(idle)).toBe('ms_a');
    expect(pool.describe().map((status) => [status.id, status.local, status.drained, status.up])).toEqual([
      ['janus-local', true, true, true],
      ['ms_a', false, false, true],
    ]);
  });
});

describe('bringing the pool in line with the registrations', () => {
  it('connects new servers, follows changed settings, reconnects on a new address and closes removed ones', async () => {
    const { pool, made } = await poolOf([registered('ms_a'), registered('ms_b')], { local: false });
    const a = made.get('ms_a');
    const b = made.get('ms_b');
    expect(a?.started && b?.started).toBe(true);
    const down: string[] = [];
    pool.on('down', (id) => down.push(id));
    await pool.apply([registered('ms_a', { weight: 7, drained: true }), registered('ms_b', { url: 'ws://elsewhere.example:8188' })]);
    expect(made.get('ms_a')).toBe(a);
    expect(pool.describe().find((status) => status.id === 'ms_a')).toMatchObject({ weight: 7, drained: true });
    expect(b?.closed).toBe(true);
    expect(made.get('ms_b')).not.toBe(b);
    expect(down).toEqual(['ms_b']);
    await pool.apply([]);
    expect(a?.closed).toBe(true);
    expect(pool.describe()).toEqual([]);
    expect(down).toEqual(['ms_b', 'ms_a', 'ms_b']);
  });

  it('reads a server’s own load where it has an admin API: started with it, replaced when the address changes, closed without', async () => {
    const { pool, monitors } = await poolOf(
      [registered('ms_a', { adminUrl: 'ws://ms_a.example:7188', adminSecret: 'hush' }), registered('ms_b')],
      {
        local: false,
      },
    );
    const first = monitors.get('ms_a');
    expect(first?.started).toBe(true);
    expect(monitors.has('ms_b')).toBe(false);
    first?.reads({ rooms: 2, bitrateOutBps: 1_000 });
    expect(pool.describe().find((status) => status.id === 'ms_a')).toMatchObject({
      monitored: true,
      adminUrl: 'ws://ms_a.example:7188',
      measure: { rooms: 2, bitrateOutBps: 1_000 },
    });
    expect(pool.measured('ms_a' as MediaServerId)?.rooms).toBe(2);
    expect(JSON.stringify(pool.describe())).not.toContain('hush');

    await pool.apply([
      registered('ms_a', { adminUrl: 'ws://ms_a.example:7189' }),
      registered('ms_b', { adminUrl: 'ws://ms_b.example:7188' }),
    ]);
    expect(first?.closed).toBe(true);
    expect(monitors.get('ms_a')).not.toBe(first);
    expect(monitors.get('ms_a')?.started).toBe(true);
    expect(monitors.get('ms_b')?.started).toBe(true);
    const second = monitors.get('ms_a');
    await pool.apply([registered('ms_a'), registered('ms_b', { adminUrl: 'ws://ms_b.example:7188' })]);
    expect(second?.closed).toBe(true);
    expect(pool.describe().find((status) => status.id === 'ms_a')).toMatchObject({ monitored: false, measure: undefined });
    await pool.close();
    expect(monitors.get('ms_b')?.closed).toBe(true);
  });

  it('shows a server that cannot be reached as down, with the reason, and never its secret', async () => {
    const { pool, server } = await poolOf([registered('ms_a', { apiSecret: 'hush' })], { local: false });
    server('ms_a').goDown();
    const [status] = pool.describe();
    expect(status).toMatchObject({ id: 'ms_a', up: false, lastFailure: 'connection refused', url: 'ws://ms_a.example:8188' });
    expect(JSON.stringify(pool.describe())).not.toContain('hush');
  });
});

describe('meetings on the pool', () => {
  let storage: TestStorage;
  let rooms: RoomsRepository;
  const clock = new ManualClock();
  beforeAll(async () => {
    storage = await openTestStorage('sqlite', meetingsMigrations);
    rooms = new RoomsRepository(storage, clock);
  });
  afterAll(async () => storage?.dispose());

  const media = { audioMuted: true, videoMuted: true };
  /** A connection that keeps what it is sent. */
  const connection = () => {
    const sent: ServerMessage[] = [];
    return { sent, send: (message: ServerMessage) => sent.push(message), disconnect: () => {}, admitted: () => {} };
  };
  const offer = { type: 'offer' as const, sdp: 'v=0 offer' };

  async function meetingOn(registry: RoomRegistry, name: string) {
    const room = await rooms.create({ name, participantsMax: 5 });
    const ada = connection();
    const joined = await registry.join(room.id, { displayName: 'Ada', media }, ada);
    if (!joined.ok || joined.value.result.kind !== 'joined') throw new Error('the join failed');
    return { room, live: joined.value.room, ada, adaId: joined.value.result.participant.id };
  }

  it('counts what a server itself says it carries when that is more than Plenary’s meetings there, and only while the reading is current', async () => {
    const admin = { adminUrl: 'ws://admin.example:7188' };
    const { pool, monitors } = await poolOf([registered('ms_a', admin), registered('ms_b', admin)], { local: false });
    const registry = new RoomRegistry(pool, rooms, logger, clock);
    // Another installation's rooms on a: three rooms forwarding ten streams, none of them Plenary's meetings.
    monitors.get('ms_a')?.reads({ rooms: 3, forwardedStreams: 10 });
    monitors.get('ms_b')?.reads({ rooms: 0 });
    expect(registry.chooseMediaServer()).toBe('ms_b');
    await meetingOn(registry, 'First');
    expect(registry.mediaLoad().get('ms_b' as MediaServerId)?.rooms).toBe(1);
    // b's own account lags behind Plenary's count (one meeting): the count stands, and b is still the less loaded.
    expect(registry.chooseMediaServer()).toBe('ms_b');
    // a's reading fails: a counts what Plenary put there (nothing) and takes the next meeting.
    const a = monitors.get('ms_a');
    if (a) a.latest = undefined;
    expect(registry.chooseMediaServer()).toBe('ms_a');
    await registry.close();
  });

  it('spreads new meetings over the servers and moves a dead server’s meetings to a live one, where everyone publishes again', async () => {
    const { pool, server } = await poolOf([registered('ms_b')]);
    const registry = new RoomRegistry(pool, rooms, logger, clock);
    const first = await meetingOn(registry, 'First');
    const second = await meetingOn(registry, 'Second');
    // One meeting each: the second went to the server the first left idle.
    const firstOn = (await registry.placement.locate(first.room.id))?.mediaServerId;
    const secondOn = (await registry.placement.locate(second.room.id))?.mediaServerId;
    expect(new Set([firstOn, secondOn])).toEqual(new Set(['janus-local', 'ms_b']));
    const onB = firstOn === 'ms_b' ? first : second;
    expect((await onB.live.publish(onB.adaId, 'camera', offer)).ok).toBe(true);
    const kinds = (requests: { kind: string }[]) => requests.map((request) => request.kind).filter((kind) => kind !== 'block');
    expect(kinds(server('ms_b').requests)).toEqual(['create-room', 'open-publisher']);

    server('ms_b').goDown();
    expect(onB.ada.sent.map((message) => message.type)).toEqual(expect.arrayContaining(['media-interrupted', 'media-restored']));
    expect(await registry.placement.locate(onB.room.id)).toMatchObject({ mediaServerId: 'janus-local' });
    expect(registry.mediaAvailable(onB.room.id)).toBe(true);
    expect([...registry.mediaLoad()].map(([id, load]) => [id, load.rooms])).toEqual([['janus-local', 2]]);
    // Publishing again makes the meeting's room on the live server.
    const localBefore = server('janus-local').requests.length;
    expect((await onB.live.publish(onB.adaId, 'camera', offer)).ok).toBe(true);
    expect(kinds(server('janus-local').requests.slice(localBefore))).toEqual(['create-room', 'open-publisher']);
    await registry.close();
  });

  it('keeps a meeting waiting while no server is up, and restores it where one comes back', async () => {
    const { pool, server } = await poolOf([registered('ms_b', { drained: true })]);
    const registry = new RoomRegistry(pool, rooms, logger, clock);
    const meeting = await meetingOn(registry, 'Waiting');
    expect((await registry.placement.locate(meeting.room.id))?.mediaServerId).toBe('janus-local');
    server('ms_b').goDown();
    server('janus-local').goDown();
    expect(registry.mediaAvailable(meeting.room.id)).toBe(false);
    expect(meeting.ada.sent.at(-1)?.type).toBe('media-interrupted');
    // A drained server takes no new meetings, but a stranded one goes to whichever server is up first.
    server('ms_b').comeUp();
    expect(meeting.ada.sent.at(-1)?.type).toBe('media-restored');
    expect(await registry.placement.locate(meeting.room.id)).toMatchObject({ mediaServerId: 'ms_b' });
    await registry.close();
  });

  it('moves a dead server’s meetings to a drained server when that is the only one up, and onto a server registered later', async () => {
    const { pool, server, made } = await poolOf([registered('ms_b')]);
    pool.setLocalDrained(true);
    const registry = new RoomRegistry(pool, rooms, logger, clock);
    const meeting = await meetingOn(registry, 'Rescued');
    expect((await registry.placement.locate(meeting.room.id))?.mediaServerId).toBe('ms_b');
    server('ms_b').goDown();
    // The drained local server is better than none.
    expect(await registry.placement.locate(meeting.room.id)).toMatchObject({ mediaServerId: 'janus-local' });
    expect(meeting.ada.sent.at(-1)?.type).toBe('media-restored');
    server('janus-local').goDown();
    expect(registry.mediaAvailable(meeting.room.id)).toBe(false);
    // An operator registers another server: the meeting goes there at once.
    await pool.apply([registered('ms_b'), registered('ms_c')]);
    expect(made.get('ms_c')?.isUp).toBe(true);
    expect(await registry.placement.locate(meeting.room.id)).toMatchObject({ mediaServerId: 'ms_c' });
    expect(meeting.ada.sent.at(-1)?.type).toBe('media-restored');
    await registry.close();
  });

  it('follows a server’s new connection when its address changes, rather than the closed one', async () => {
    const { pool, server, made } = await poolOf([registered('ms_b')]);
    pool.setLocalDrained(true);
    const registry = new RoomRegistry(pool, rooms, logger, clock);
    const meeting = await meetingOn(registry, 'Readdressed');
    const before = made.get('ms_b');
    server('janus-local').goDown();
    await pool.apply([registered('ms_b', { url: 'ws://new-address.example:8188' })]);
    const after = made.get('ms_b');
    expect(after).not.toBe(before);
    expect(before?.closed).toBe(true);
    expect(registry.mediaAvailable(meeting.room.id)).toBe(true);
    expect((await meeting.live.publish(meeting.adaId, 'camera', offer)).ok).toBe(true);
    expect(after?.requests.map((request) => request.kind)).toContain('open-publisher');
    expect(before?.requests.map((request) => request.kind)).not.toContain('open-publisher');
    await registry.close();
  });

  it('destroys its meetings’ rooms on their media servers before it has closed (none left behind at shutdown)', async () => {
    const { pool, server } = await poolOf([registered('ms_b')]);
    const registry = new RoomRegistry(pool, rooms, logger, clock);
    const meeting = await meetingOn(registry, 'Closing');
    expect((await meeting.live.publish(meeting.adaId, 'camera', offer)).ok).toBe(true);
    const on = (await registry.placement.locate(meeting.room.id))?.mediaServerId ?? 'janus-local';
    const media = server(on);
    const destroyed: number[] = [];
    const destroyRoom = media.destroyRoom.bind(media);
    media.destroyRoom = async (room) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await destroyRoom(room);
      destroyed.push(room.roomNumber);
    };
    await registry.close();
    expect(destroyed).toHaveLength(1);
  });

  it('refuses a new meeting in words when every server is drained, and starts nothing', async () => {
    const { pool } = await poolOf([registered('ms_b', { drained: true })]);
    pool.setLocalDrained(true);
    const registry = new RoomRegistry(pool, rooms, logger, clock);
    const room = await rooms.create({ name: 'Refused', participantsMax: 5 });
    const joined = await registry.join(room.id, { displayName: 'Ada', media }, connection());
    expect(joined).toMatchObject({ ok: false, code: 'media_server_unavailable', message: expect.stringContaining('No media server') });
    expect(registry.counts().rooms).toBe(0);
    expect(await registry.placement.locate(room.id)).toBeUndefined();
    await registry.close();
  });
});
