/**
 * What every instance's meetings put on the media servers they share (the registered ones), so
 * that each places a new meeting on the server least loaded by all of them, and the operator
 * console shows the whole load of each, whichever instance it is asked. Each instance writes its
 * own figures into one Redis hash every couple of seconds, with the time; entries older than three
 * rounds (an instance that died) are left out. A supervised Janus (`janus-local`) is each
 * instance's own and never shared.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { addLoads, type MediaServerLoad } from '../meetings/live/index.js';
import { localMediaServerId, type MediaServerId } from '../meetings/placement.js';
import type { InstanceId } from '../platform/instance.js';
import type { ClusterBus } from './bus.js';

const table = 'media-load';

const LoadSchema = z.object({
  rooms: z.number().int().min(0),
  participants: z.number().int().min(0),
  publishedStreams: z.number().int().min(0),
  forwardedStreams: z.number().int().min(0),
});
/** What an instance says of itself, for the operator console (absent from an instance of an older version). */
const InstanceSummarySchema = z.object({
  startedAtMs: z.number(),
  participants: z.number().int().min(0),
  relayedOut: z.number().int().min(0),
  relayedIn: z.number().int().min(0),
});
export type InstanceSummary = z.infer<typeof InstanceSummarySchema>;

const EntrySchema = z.object({
  atMs: z.number(),
  instance: InstanceSummarySchema.optional(),
  servers: z.record(z.string().max(100), LoadSchema),
  /** The breakout rooms open on that instance (they are held where their main meeting is). */
  breakouts: z.array(z.string().max(100)).max(10_000).default([]),
});

/** An instance as it last said itself over Redis. */
export interface HeardInstance {
  atMs: number;
  summary: InstanceSummary | undefined;
}

export class SharedLoad {
  /** What this instance says of itself each round (the operator console's list of instances). */
  summary: () => InstanceSummary | undefined = () => undefined;
  private others = new Map<MediaServerId, MediaServerLoad>();
  private heard = new Map<InstanceId, HeardInstance>();
  private breakoutHolders = new Map<string, InstanceId>();
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    private readonly bus: ClusterBus,
    /** What this instance's meetings put on each media server now. */
    private readonly ownLoad: () => Map<MediaServerId, MediaServerLoad>,
    /** The breakout rooms open here now. */
    private readonly ownBreakouts: () => Iterable<string>,
    private readonly logger: Logger,
    private readonly intervalMs = 2_000,
  ) {
    this.timer = setInterval(() => void this.round(), intervalMs);
    this.timer.unref();
  }

  /** What the other instances' meetings put on a media server, as they last said. */
  ofOthers(id: MediaServerId): MediaServerLoad | undefined {
    return this.others.get(id);
  }

  /**
   * The instance holding a breakout room, as the others last said; asked afresh when none is known
   * (the room may have opened since the last round).
   */
  async holderOfBreakout(roomId: string): Promise<InstanceId | undefined> {
    if (!this.breakoutHolders.has(roomId)) await this.round();
    return this.breakoutHolders.get(roomId);
  }

  /** Every instance that said its figures lately (this one included), fresh or not: an entry stays until its instance stops cleanly. */
  get instances(): ReadonlyMap<InstanceId, HeardInstance> {
    return this.heard;
  }

  /** Tells the others this instance's load and breakout rooms and reads theirs; one round at a time (a round asked during one waits for it). */
  round(): Promise<void> {
    if (this.running) {
      // What changed since the round under way began goes out in the next, right after it.
      this.queued ??= this.running.then(() => {
        this.queued = undefined;
        return this.round();
      });
      return this.queued;
    }
    this.running = this.roundNow().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async roundNow(): Promise<void> {
    const servers: Record<string, MediaServerLoad> = {};
    for (const [id, load] of this.ownLoad()) if (id !== localMediaServerId) servers[id] = load;
    const instance = this.summary();
    await this.bus.share(
      table,
      JSON.stringify({ atMs: Date.now(), ...(instance ? { instance } : {}), servers, breakouts: [...this.ownBreakouts()] }),
    );
    const entries = await this.bus.shared(table);
    // Redis away: the last figures stand until it is back.
    if (!entries) return;
    const others = new Map<MediaServerId, MediaServerLoad>();
    const breakoutHolders = new Map<string, InstanceId>();
    const heard = new Map<InstanceId, HeardInstance>();
    const freshSinceMs = Date.now() - 3 * this.intervalMs;
    for (const [instanceId, value] of entries) {
      let parsed: z.infer<typeof EntrySchema> | undefined;
      try {
        parsed = EntrySchema.parse(JSON.parse(value));
      } catch {
        this.logger.warn({ instanceId }, 'ignored a media load entry that is not one');
        continue;
      }
      heard.set(instanceId, { atMs: parsed.atMs, summary: parsed.instance });
      if (parsed.atMs < freshSinceMs) continue;
      for (const roomId of parsed.breakouts) breakoutHolders.set(roomId, instanceId);
      for (const [id, load] of Object.entries(parsed.servers)) {
        const serverId = id as MediaServerId;
        if (serverId === localMediaServerId) continue;
        const sum = others.get(serverId);
        others.set(serverId, sum ? addLoads(sum, load) : load);
      }
    }
    this.others = others;
    this.breakoutHolders = breakoutHolders;
    this.heard = heard;
  }

  /** Stops sharing and withdraws this instance's figures. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.bus.unshare(table);
  }
}
