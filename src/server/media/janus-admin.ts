/**
 * What a Janus server itself says it carries, read through its admin API (WebSocket, protocol
 * `janus-admin-protocol`): every few seconds the monitor lists the sessions, their handles and
 * each handle's info, and adds up the videoroom rooms, the feeds each subscriber receives, and
 * the bytes of the last second in and out. Plenary's own counts only know Plenary's meetings;
 * this sees everything on the server (another installation's rooms too) and the media actually
 * flowing. Each reply is parsed with zod; nothing of a handle's info is kept but the sums (its
 * SDPs and candidates name people's addresses).
 */
import type { Logger } from 'pino';
import WebSocket from 'ws';
import { z } from 'zod';
import type { MediaServerMeasure, MediaServerMonitor } from '../meetings/index.js';
import type { Clock } from '../platform/clock.js';
import { repeatEvery } from '../platform/sweep.js';
import { failureMessage } from './janus-gateway.js';

/** A reply: `success` with what was asked, or `error` with Janus's code and reason. */
const ReplySchema = z.object({
  janus: z.string(),
  transaction: z.string().optional(),
  error: z.object({ code: z.number(), reason: z.string() }).optional(),
});
/** A media agent's answer to `plenary_cpu`. */
const AgentCpuSchema = z.object({ cpu: z.number().min(0).max(1_024).nullable() });
const SessionsSchema = z.object({ sessions: z.array(z.number()) });
const HandlesSchema = z.object({ handles: z.array(z.number()) });

/**
 * What is read of a handle's info (the rest is not kept). A medium's `stats` has `in` and `out`,
 * each with the last second's bytes and the NACKs, and on a simulcast publisher's video the other
 * layers nested in `in` as `video-simulcast-1` and `-2`; its `rtcp` has `main` and, for those
 * layers, `sim1` and `sim2`. Checked loosely (`sumHandles` reads numbers where they are).
 */
const HandleInfoSchema = z.object({
  info: z.object({
    plugin_specific: z
      .object({
        type: z.string().optional(),
        room: z.number().optional(),
        streams: z
          .array(z.object({ active: z.boolean().optional(), send: z.boolean().optional(), feed_id: z.number().optional() }))
          .optional(),
      })
      .optional(),
    webrtc: z
      .object({
        media: z
          .record(
            z.string(),
            z.object({ stats: z.record(z.string(), z.unknown()).optional(), rtcp: z.record(z.string(), z.unknown()).optional() }),
          )
          .optional(),
      })
      .optional(),
  }),
});
export type JanusHandleInfo = z.infer<typeof HandleInfoSchema>['info'];

/** Raised for an `error` reply (e.g. 403 for a wrong admin secret). */
export class JanusAdminError extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(`Janus refused: ${reason} (${code})`);
    this.name = 'JanusAdminError';
  }
}

/** One connection to a Janus admin API: requests matched to replies by transaction, each with a deadline. */
export class JanusAdminClient {
  private readonly pending = new Map<
    string,
    { resolve: (reply: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  private nextTransaction = 1;

  private constructor(
    private readonly socket: WebSocket,
    private readonly secret: string | undefined,
    private readonly timeoutMs: number,
  ) {
    socket.on('message', (data) => this.received(data.toString()));
    socket.on('close', () => this.failAll(new Error('the admin connection closed')));
    socket.on('error', (error) => this.failAll(error));
  }

  /** Opens a connection; rejects with the reason when the server cannot be reached in time. */
  static connect(url: string, secret: string | undefined, timeoutMs: number): Promise<JanusAdminClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, 'janus-admin-protocol', { handshakeTimeout: timeoutMs, maxPayload: 8 * 1024 * 1024 });
      const failed = (error: unknown) => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(new Error(failureMessage(error)));
      };
      socket.once('error', failed);
      socket.once('unexpected-response', (_request, response) => failed(new Error(`the server answered HTTP ${response.statusCode}`)));
      socket.once('open', () => {
        socket.removeAllListeners();
        resolve(new JanusAdminClient(socket, secret, timeoutMs));
      });
    });
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one admin request; its `success` reply, or a `JanusAdminError`. */
  request(body: Record<string, unknown>): Promise<unknown> {
    if (!this.open) return Promise.reject(new Error('the admin connection is not open'));
    const transaction = String(this.nextTransaction++);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(new Error(`no answer from the admin API within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(transaction, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ ...body, transaction, ...(this.secret === undefined ? {} : { admin_secret: this.secret }) }));
    });
  }

  close(): void {
    this.failAll(new Error('the admin connection closed'));
    this.socket.removeAllListeners();
    this.socket.on('error', () => undefined);
    this.socket.terminate();
  }

  private received(text: string): void {
    let parsed: z.infer<typeof ReplySchema>;
    try {
      parsed = ReplySchema.parse(JSON.parse(text));
    } catch {
      return;
    }
    const waiting = parsed.transaction === undefined ? undefined : this.pending.get(parsed.transaction);
    if (!waiting || parsed.transaction === undefined) return;
    this.pending.delete(parsed.transaction);
    clearTimeout(waiting.timer);
    if (parsed.janus === 'success') waiting.resolve(JSON.parse(text));
    else waiting.reject(new JanusAdminError(parsed.error?.code ?? 0, parsed.error?.reason ?? `unexpected reply ${parsed.janus}`));
  }

  private failAll(error: Error): void {
    for (const [transaction, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      this.pending.delete(transaction);
      waiting.reject(error);
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const numberIn = (value: Record<string, unknown>, key: string) => (typeof value[key] === 'number' ? (value[key] as number) : 0);

/** One direction's last-second bytes and NACKs, its simulcast layers (`video-simulcast-N`, nested in it) included. */
function directionSums(stats: unknown): { bytes: number; nacks: number } {
  if (!isObject(stats)) return { bytes: 0, nacks: 0 };
  let bytes = numberIn(stats, 'bytes_lastsec');
  let nacks = numberIn(stats, 'nacks');
  for (const [key, layer] of Object.entries(stats)) {
    if (!key.startsWith('video-simulcast') || !isObject(layer)) continue;
    bytes += numberIn(layer, 'bytes_lastsec');
    nacks += numberIn(layer, 'nacks');
  }
  return { bytes, nacks };
}

/** Adds up handles' info as they arrive, keeping only the sums. */
class HandleSums {
  private readonly rooms = new Set<number>();
  private readonly measure: MediaServerMeasure;

  constructor(sessions: number, atMs: number) {
    this.measure = {
      atMs,
      sessions,
      handles: 0,
      rooms: 0,
      forwardedStreams: 0,
      bitrateInBps: 0,
      bitrateOutBps: 0,
      packetsLost: 0,
      nacks: 0,
      cpu: undefined,
    };
  }

  add(info: JanusHandleInfo): void {
    const { measure } = this;
    measure.handles += 1;
    const plugin = info.plugin_specific;
    if (plugin?.room !== undefined && (plugin.type === 'publisher' || plugin.type === 'subscriber')) this.rooms.add(plugin.room);
    if (plugin?.type === 'subscriber') {
      const feeds = new Set<number>();
      for (const stream of plugin.streams ?? []) {
        if (stream.active !== false && stream.send !== false && stream.feed_id !== undefined) feeds.add(stream.feed_id);
      }
      measure.forwardedStreams += feeds.size;
    }
    for (const medium of Object.values(info.webrtc?.media ?? {})) {
      const received = directionSums(medium.stats?.in);
      const sent = directionSums(medium.stats?.out);
      measure.bitrateInBps += received.bytes * 8;
      measure.bitrateOutBps += sent.bytes * 8;
      measure.nacks += received.nacks + sent.nacks;
      // `main`, and `sim1`/`sim2` for a simulcast publisher's other layers.
      for (const report of Object.values(medium.rtcp ?? {})) {
        if (isObject(report)) measure.packetsLost += numberIn(report, 'lost') + numberIn(report, 'lost-by-remote');
      }
    }
  }

  result(): MediaServerMeasure {
    return { ...this.measure, rooms: this.rooms.size };
  }
}

/** Adds up the handles' info into one measure. */
export function sumHandles(infos: readonly JanusHandleInfo[], sessions: number, atMs: number): MediaServerMeasure {
  const sums = new HandleSums(sessions, atMs);
  for (const info of infos) sums.add(info);
  return sums.result();
}

/** Runs `work` over `items`, at most `limit` at a time; once one fails, the others take no new item. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A reading gives up beyond these: a server listing more is not one Plenary can read every few seconds. */
export const readingLimits = { sessionsMax: 5_000, handlesMax: 20_000 };

/**
 * Reads every session's handles once through `client` and adds them up; fails past `deadlineMs`
 * (a clock reading, `Date.now()`'s) or `readingLimits`. A handle whose info is not of the
 * expected shape (another plugin's) counts as a handle and adds nothing else.
 */
export async function measureJanus(
  client: JanusAdminClient,
  atMs: number,
  deadlineMs = Number.POSITIVE_INFINITY,
): Promise<MediaServerMeasure> {
  const { sessions } = SessionsSchema.parse(await client.request({ janus: 'list_sessions' }));
  if (sessions.length > readingLimits.sessionsMax)
    throw new Error(`the server lists ${sessions.length} sessions, more than ${readingLimits.sessionsMax}`);
  const sums = new HandleSums(sessions.length, atMs);
  let handlesSeen = 0;
  const inTime = () => {
    if (Date.now() > deadlineMs) throw new Error('reading the server took longer than its interval');
  };
  await eachLimited(sessions, 8, async (sessionId) => {
    inTime();
    // A session or handle that ends between the list and the question is skipped, not a failure.
    const listed = await client.request({ janus: 'list_handles', session_id: sessionId }).catch(gone);
    if (listed === undefined) return;
    const { handles } = HandlesSchema.parse(listed);
    handlesSeen += handles.length;
    if (handlesSeen > readingLimits.handlesMax) throw new Error(`the server lists more than ${readingLimits.handlesMax} handles`);
    await eachLimited(handles, 16, async (handleId) => {
      inTime();
      const info = await client.request({ janus: 'handle_info', session_id: sessionId, handle_id: handleId }).catch(gone);
      if (info === undefined) return;
      const parsed = HandleInfoSchema.safeParse(info);
      sums.add(parsed.success ? parsed.data.info : {});
    });
  });
  return sums.result();
}

const truncated = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** Janus's "no such session" (458) and "no such handle" (459): something that ended meanwhile. */
function gone(error: unknown): undefined {
  if (error instanceof JanusAdminError && (error.code === 458 || error.code === 459)) return undefined;
  throw error;
}

export interface JanusAdminMonitorOptions {
  /** The admin API, `ws://…/` or `wss://…`. */
  url: string;
  /** Its `admin_secret`, if it requires one. */
  secret: string | undefined;
  intervalMs: number;
  /** How long a request (or connecting) may take. */
  timeoutMs?: number;
  /** Reads the server's CPU since the last call (share of one core), when it runs on this machine. */
  cpu?: () => number | undefined;
  clock: Clock;
  logger: Logger;
}

/**
 * Reads a Janus's load through its admin API every `intervalMs`: `latest` is the last reading,
 * `failure` why the last attempt failed (cleared by the next that works). Reconnects by itself.
 */
export class JanusAdminMonitor implements MediaServerMonitor {
  private client: JanusAdminClient | undefined;
  private round: { stop(): Promise<void> } | undefined;
  private closed = false;
  private lastFailure: string | undefined;
  private measure: MediaServerMeasure | undefined;
  /** The connection on which the server said it does not know `plenary_cpu` (a Janus without agent). */
  private withoutAgent: JanusAdminClient | undefined;

  constructor(private readonly options: JanusAdminMonitorOptions) {}

  /** The last reading, while it is current (a reading that hangs leaves none after three intervals). */
  get latest(): MediaServerMeasure | undefined {
    if (this.measure && this.options.clock.nowMs() - this.measure.atMs > 3 * this.options.intervalMs) return undefined;
    return this.measure;
  }

  /** Why the last reading failed, while it does. */
  get failure(): string | undefined {
    return this.lastFailure;
  }

  /** Reads once now (resolves when done, successful or not), then every `intervalMs` until `close`. */
  async start(): Promise<void> {
    await this.read();
    if (this.closed) return;
    this.round = repeatEvery(
      this.options.intervalMs,
      () => this.read(),
      () => undefined,
      this.options.clock,
    );
  }

  /** One reading now. */
  async read(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.client?.open) {
        this.client?.close();
        this.client = undefined;
        this.client = await JanusAdminClient.connect(this.options.url, this.options.secret, this.options.timeoutMs ?? 2_000);
        if (this.closed) return this.client.close();
      }
      const localCpu = this.options.cpu?.();
      const measured = await measureJanus(this.client, this.options.clock.nowMs(), Date.now() + this.options.intervalMs);
      this.measure = { ...measured, cpu: this.options.cpu ? localCpu : await this.agentCpu(this.client) };
      if (this.lastFailure !== undefined) this.options.logger.info('the media server’s admin API answers again');
      this.lastFailure = undefined;
    } catch (error) {
      // Janus's reason or a parse error can be long: enough of it to tell what went wrong.
      const reason = truncated(failureMessage(error), 200);
      if (reason !== this.lastFailure) this.options.logger.warn({ reason }, 'reading the media server’s load through its admin API failed');
      this.lastFailure = reason;
      // A reading that is no longer current says nothing: the server may carry much more or nothing now.
      this.measure = undefined;
      if (error instanceof JanusAdminError) return;
      this.client?.close();
      this.client = undefined;
    }
  }

  /**
   * The CPU a media agent beside a remote Janus tells (`scripts/media-agent.ts`, which stands
   * in front of its admin API); a plain Janus does not know the question (457) and, like a server
   * answering it with something else, is not asked again on this connection.
   */
  private async agentCpu(client: JanusAdminClient): Promise<number | undefined> {
    if (this.withoutAgent === client) return undefined;
    let reply: unknown;
    try {
      reply = await client.request({ janus: 'plenary_cpu' });
    } catch (error) {
      if (!(error instanceof JanusAdminError && error.code === 457)) throw error;
    }
    const parsed = AgentCpuSchema.safeParse(reply);
    // An answer of another shape is as good as none: the server's load was read all the same.
    if (!parsed.success) this.withoutAgent = client;
    return parsed.success ? (parsed.data.cpu ?? undefined) : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    // The connection first: a reading under way fails at once instead of being waited for.
    this.client?.close();
    this.client = undefined;
    await this.round?.stop();
  }
}
