/**
 * The bus between instances against a Redis of this test's own (a real `redis-server`), which the
 * test stops answering (SIGSTOP), kills and starts again: instances are told apart from dead ones
 * only when Redis can say so, and everything works again once it is back — relayed browsers whose
 * frames were lost meanwhile join again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../media/index.js';
import { localMediaServerId, type MediaServerId } from '../meetings/placement.js';
import { newRoomId } from '../meetings/rooms-repository.js';
import { type InstanceId, InstanceIdSchema } from '../platform/instance.js';
import type { SignalingConnection } from '../signaling/connection.js';
import { type RelayedSocket, SignalingRelay } from '../signaling/relay.js';
import { ClusterBus } from './bus.js';
import type { InstanceMessage } from './instance-protocol.js';
import { SharedLoad } from './shared-load.js';

let folder: string;
let port: number;
let redis: ChildProcess | undefined;
const buses: ClusterBus[] = [];
const relays: SignalingRelay[] = [];

/** Starts redis-server on `port`; false if it exited first (another process took the port meanwhile). */
async function startRedis(): Promise<boolean> {
  const started = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder],
    { stdio: 'ignore' },
  );
  redis = started;
  let exited = false;
  started.once('exit', () => {
    exited = true;
  });
  const probe = bus('inst_probe');
  try {
    for (let attempt = 0; ; attempt += 1) {
      if (
        await probe.start().then(
          () => true,
          () => false,
        )
      )
        return true;
      if (exited) return false;
      if (attempt >= 100) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await probe.close();
  }
}

function bus(id: string, secret = 'the-bus-tests-cluster-secret-000000'): ClusterBus {
  const made = new ClusterBus({
    url: `redis://127.0.0.1:${port}`,
    prefix: 'bus-test:',
    instanceId: InstanceIdSchema.parse(id),
    secret,
    logger: pino({ level: 'silent' }),
    presenceIntervalMs: 200,
  });
  buses.push(made);
  return made;
}

/** The messages a bus receives. */
function inbox(of: ClusterBus): InstanceMessage[] {
  const received: InstanceMessage[] = [];
  of.on('message', (message) => received.push(message));
  return received;
}

const gone = (instanceId: InstanceId, session = 'session-0001'): InstanceMessage => ({
  type: 'relay-gone',
  session,
  from: instanceId,
  lost: false,
});

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'plenary-bus-'));
  // A free port can be taken by another test file between finding it and redis-server binding it: try another.
  for (let tries = 0; ; tries += 1) {
    port = await findFreePort();
    if (await startRedis()) break;
    if (tries >= 4) throw new Error('redis-server found no free port');
  }
});

afterEach(async () => {
  redis?.kill('SIGCONT');
  for (const relay of relays.splice(0)) relay.close();
  await Promise.all(buses.splice(0).map((one) => one.close()));
});

afterAll(() => {
  redis?.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

describe('ClusterBus', () => {
  it('carries messages to one instance’s channel and tells running instances from stopped ones', async () => {
    const [ada, grace] = [bus('inst_ada'), bus('inst_grace')];
    await Promise.all([ada.start(), grace.start()]);
    const received = inbox(grace);
    expect(await ada.send(grace.instanceId, gone(ada.instanceId))).toBe(true);
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toEqual(gone(ada.instanceId));

    expect(await ada.presence(grace.instanceId)).toBe('alive');
    expect(await ada.presence(InstanceIdSchema.parse('inst_never'))).toBe('gone');
    // A stopping instance withdraws its presence at once.
    await grace.close();
    expect(await ada.presence(grace.instanceId)).toBe('gone');
  });

  it('says nothing is known while Redis does not answer, fails sends quickly, and works again once it answers', async () => {
    const [ada, grace] = [bus('inst_ada'), bus('inst_grace')];
    await Promise.all([ada.start(), grace.start()]);
    const received = inbox(grace);
    redis?.kill('SIGSTOP');
    const startedMs = Date.now();
    expect(await ada.send(grace.instanceId, gone(ada.instanceId))).toBe(false);
    expect(Date.now() - startedMs).toBeLessThan(5_000);
    expect(await ada.presence(grace.instanceId)).toBe('unknown');
    // Long enough for every presence to lapse in Redis's own clock.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    redis?.kill('SIGCONT');
    // Right after, the others' presences are not trusted to be gone: they may not have been renewed through the same trouble.
    expect(await ada.presence(grace.instanceId)).not.toBe('gone');
    await expect.poll(() => ada.presence(grace.instanceId), { timeout: 5_000 }).toBe('alive');
    // ioredis only stopped waiting for the send made while Redis was stopped: Redis carries it out when it wakes, so look for this one.
    expect(await ada.send(grace.instanceId, gone(ada.instanceId, 'session-0002'))).toBe(true);
    await expect.poll(() => received.map((message) => (message.type === 'relay-gone' ? message.session : ''))).toContain('session-0002');
  });

  it('has the relayed browsers whose frames were lost while Redis did not answer join again once it does, their places kept', async () => {
    const [edgeBus, holderBus] = [bus('inst_edge'), bus('inst_holder')];
    await Promise.all([edgeBus.start(), holderBus.start()]);
    const logger = pino({ level: 'silent' });
    const [edge, holder] = [new SignalingRelay(edgeBus, logger, 100), new SignalingRelay(holderBus, logger, 100)];
    relays.push(edge, holder);
    // The holder's side of the browser: its socket, and whether its connection was told the browser stopped answering.
    const served: { socket: RelayedSocket | undefined; lost: number; frames: string[] } = { socket: undefined, lost: 0, frames: [] };
    holder.serve((socket) => {
      served.socket = socket;
      socket.on('message', (data: Buffer) => served.frames.push(data.toString()));
      const lost = () => {
        served.lost += 1;
      };
      return { lost } as unknown as SignalingConnection;
    });
    const browser = { received: [] as string[], closed: [] as [number, string, boolean][] };
    const forwarding = await edge.forward(
      holderBus.instanceId,
      '{"type":"join"}',
      { roomId: newRoomId(), identity: { personId: undefined, administrator: false }, granted: undefined, language: 'en', host: undefined },
      { send: (frame) => browser.received.push(frame), close: (...closed) => browser.closed.push(closed) },
    );
    await expect.poll(() => served.frames).toEqual(['{"type":"join"}']);
    served.socket?.send('{"type":"joined"}');
    await expect.poll(() => browser.received).toEqual(['{"type":"joined"}']);

    redis?.kill('SIGSTOP');
    // A chat line from the browser and a message for it: their sends fail (Redis may still carry them out once it wakes).
    forwarding?.frame('{"type":"chat-send"}');
    served.socket?.send('{"type":"chat"}');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(browser.closed).toEqual([]);
    redis?.kill('SIGCONT');
    // Back: the browser is asked to join again at once (1012), and the holder keeps its place for the resume.
    await expect.poll(() => browser.closed, { timeout: 10_000 }).toEqual([[1012, 'messages were lost; join again', true]]);
    await expect.poll(() => served.lost, { timeout: 10_000 }).toBe(1);
    expect(edge.counts).toEqual({ forwarded: 0, hosted: 0 });
    expect(holder.counts).toEqual({ forwarded: 0, hosted: 0 });
  });

  it.each([
    { resuming: false, kept: 0 },
    { resuming: true, kept: 1 },
  ])(
    'has the holder let go of a browser whose join (resuming: $resuming) was sent while Redis did not answer, once it does',
    async ({ resuming, kept }) => {
      const [edgeBus, holderBus] = [bus('inst_edge'), bus('inst_holder')];
      await Promise.all([edgeBus.start(), holderBus.start()]);
      const logger = pino({ level: 'silent' });
      const [edge, holder] = [new SignalingRelay(edgeBus, logger, 100), new SignalingRelay(holderBus, logger, 100)];
      relays.push(edge, holder);
      const served = { opened: 0, closed: 0, lost: 0 };
      holder.serve((socket) => {
        served.opened += 1;
        socket.on('close', () => {
          served.closed += 1;
        });
        const lost = () => {
          served.lost += 1;
        };
        return { lost } as unknown as SignalingConnection;
      });
      redis?.kill('SIGSTOP');
      const forwarding = await edge.forward(
        holderBus.instanceId,
        '{"type":"join"}',
        {
          roomId: newRoomId(),
          identity: { personId: undefined, administrator: false },
          granted: undefined,
          language: 'en',
          host: undefined,
          resuming,
        },
        { send: () => undefined, close: () => undefined },
      );
      // The edge tells its browser the join could not go through…
      expect(forwarding).toBeUndefined();
      redis?.kill('SIGCONT');
      // …but Redis carries it out once it wakes: the holder seats the browser, then lets it go — a new participant as one that
      // left (not kept through the reconnection grace with nobody behind it), a resumed one as one whose connection dropped,
      // its place kept for the browser's next try.
      await expect.poll(() => served.opened, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => served.closed, { timeout: 10_000 }).toBe(1);
      expect(served.lost).toBe(kept);
      expect(holder.counts).toEqual({ forwarded: 0, hosted: 0 });
    },
  );

  it('sends a relayed browser to try again when the holder never answers its join, and forwards nothing more for it', async () => {
    const [edgeBus, holderBus] = [bus('inst_edge'), bus('inst_holder')];
    await Promise.all([edgeBus.start(), holderBus.start()]);
    // The holder is alive on the bus but its relay never answers (its `relay-open` was lost, or it hangs).
    const heard = inbox(holderBus);
    const edge = new SignalingRelay(edgeBus, pino({ level: 'silent' }), 100, 500);
    relays.push(edge);
    const closed: [number, string, boolean][] = [];
    const forwarding = await edge.forward(
      holderBus.instanceId,
      '{"type":"join"}',
      { roomId: newRoomId(), identity: { personId: undefined, administrator: false }, granted: undefined, language: 'en', host: undefined },
      { send: () => undefined, close: (...args) => closed.push(args) },
    );
    expect(forwarding).toBeDefined();
    expect(edge.counts.forwarded).toBe(1);
    await expect.poll(() => closed, { timeout: 5_000 }).toEqual([[1012, 'meeting moved', true]]);
    expect(edge.counts.forwarded).toBe(0);
    forwarding?.frame('{"type":"chat-send"}');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard.map((message) => message.type)).toEqual(['relay-open']);
  });

  it('reconnects, listens again and renews its presence when Redis restarts', async () => {
    const [ada, grace] = [bus('inst_ada'), bus('inst_grace')];
    await Promise.all([ada.start(), grace.start()]);
    const received = inbox(grace);
    redis?.kill('SIGKILL');
    await expect.poll(() => ada.isConnected, { timeout: 5_000 }).toBe(false);
    expect(await ada.presence(grace.instanceId)).toBe('unknown');
    expect(await startRedis()).toBe(true);
    await expect.poll(() => ada.isConnected && grace.isConnected, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => ada.presence(grace.instanceId), { timeout: 5_000 }).toBe('alive');
    await expect
      .poll(
        async () => {
          await ada.send(grace.instanceId, gone(ada.instanceId));
          return received.length;
        },
        { timeout: 5_000 },
      )
      .toBeGreaterThan(0);
  });
});

describe('SharedLoad', () => {
  it('adds up what every other instance puts on a shared media server, never on another’s own Janus, says who holds which breakout room, and forgets a stopped one', async () => {
    const [ada, grace] = [bus('inst_ada'), bus('inst_grace')];
    await Promise.all([ada.start(), grace.start()]);
    const shared = 'ms_sharedsharedshared' as MediaServerId;
    const load = { rooms: 2, participants: 7, publishedStreams: 5, forwardedStreams: 12 };
    const logger = pino({ level: 'silent' });
    const adaLoad = new SharedLoad(
      ada,
      () =>
        new Map([
          [shared, load],
          [localMediaServerId, load],
        ]),
      () => ['brk-room-0001'],
      logger,
    );
    const graceLoad = new SharedLoad(
      grace,
      () => new Map(),
      () => [],
      logger,
    );
    try {
      await adaLoad.round();
      await graceLoad.round();
      expect(graceLoad.ofOthers(shared)).toEqual(load);
      expect(graceLoad.ofOthers(localMediaServerId)).toBeUndefined();
      // Where a breakout room is held: the instance holding its main meeting.
      expect(await graceLoad.holderOfBreakout('brk-room-0001')).toBe(ada.instanceId);
      expect(await graceLoad.holderOfBreakout('brk-room-0002')).toBeUndefined();
      // An instance never counts its own figures twice.
      await adaLoad.round();
      expect(adaLoad.ofOthers(shared)).toBeUndefined();
      await adaLoad.close();
      await graceLoad.round();
      expect(graceLoad.ofOthers(shared)).toBeUndefined();
    } finally {
      await Promise.all([adaLoad.close(), graceLoad.close()]);
    }
  });
});
