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
import type { ClusterBus } from './bus.js';

const table = 'media-load';

const LoadSchema = z.object({
  rooms: z.number().int().min(0),
  participants: z.number().int().min(0),
  publishedStreams: z.number().int().min(0),
  forwardedStreams: z.number().int().min(0),
});
const EntrySchema = z.object({
  atMs: z.number(),
  servers: z.record(z.string().max(100), LoadSchema),
});

export class SharedLoad {
  private others = new Map<MediaServerId, MediaServerLoad>();
  private readonly timer: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly bus: ClusterBus,
    /** What this instance's meetings put on each media server now. */
    private readonly ownLoad: () => Map<MediaServerId, MediaServerLoad>,
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

  /** Tells the others this instance's load and reads theirs; one round at a time. */
  async round(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const servers: Record<string, MediaServerLoad> = {};
      for (const [id, load] of this.ownLoad()) if (id !== localMediaServerId) servers[id] = load;
      await this.bus.share(table, JSON.stringify({ atMs: Date.now(), servers }));
      const entries = await this.bus.shared(table);
      // Redis away: the last figures stand until it is back.
      if (!entries) return;
      const others = new Map<MediaServerId, MediaServerLoad>();
      const freshSinceMs = Date.now() - 3 * this.intervalMs;
      for (const [instanceId, value] of entries) {
        let parsed: z.infer<typeof EntrySchema> | undefined;
        try {
          parsed = EntrySchema.parse(JSON.parse(value));
        } catch {
          this.logger.warn({ instanceId }, 'ignored a media load entry that is not one');
          continue;
        }
        if (parsed.atMs < freshSinceMs) continue;
        for (const [id, load] of Object.entries(parsed.servers)) {
          const serverId = id as MediaServerId;
          if (serverId === localMediaServerId) continue;
          const sum = others.get(serverId);
          others.set(serverId, sum ? addLoads(sum, load) : load);
        }
      }
      this.others = others;
    } finally {
      this.running = false;
    }
  }

  /** Stops sharing and withdraws this instance's figures. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.bus.unshare(table);
  }
}
