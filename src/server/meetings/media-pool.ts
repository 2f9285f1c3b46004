/**
 * The pool of media servers (Janus) this instance places meetings on: its own (the supervised
 * Janus, or `JANUS_WS_URL`) and those the operators registered (`media_servers`). Each member is
 * a connection that reconnects by itself and says when it goes `down` and comes back `up`; the
 * pool passes those on with the member's id, chooses where a new meeting goes (`choose`) and
 * describes its members for the operator console. Nothing here knows rooms: the registry
 * counts the load it puts on each member and moves meetings off one that dies.
 */
import type { Logger } from 'pino';
import { TypedEmitter } from '../platform/typed-emitter.js';
import type { MediaServer } from './live/media-server.js';
import { localMediaServerId, type MediaServerId } from './placement.js';

/** What the pool needs of each member: a media server that says whether it is connected. */
export interface PooledMediaServer extends MediaServer {
  readonly isUp: boolean;
  /** Why the last attempt to reach it failed, while it is down (for the operator console). */
  readonly lastFailure?: string | undefined;
  on(event: 'up' | 'down', listener: () => void): () => void;
  /** Starts connecting (resolves after the first attempt, successful or not). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** What a media server itself says it carries (Janus's admin API): the sums of one reading, and when it was taken. */
export interface MediaServerMeasure {
  atMs: number;
  sessions: number;
  handles: number;
  /** Distinct videoroom rooms with a publisher or subscriber on the server. */
  rooms: number;
  /** Feeds being sent to subscribers: for each subscriber handle, the distinct feeds among its active streams. */
  forwardedStreams: number;
  /** Bits per second received from publishers over the last second. */
  bitrateInBps: number;
  /** Bits per second sent to subscribers over the last second. */
  bitrateOutBps: number;
  /** Packets lost as the server's RTCP reports them (its own and its peers'), summed over live handles. */
  packetsLost: number;
  /** NACKs received and sent, summed over live handles. */
  nacks: number;
  /** Its CPU since the last reading, as a share of one core: known only for a Janus this machine runs (the supervised one). */
  cpu: number | undefined;
}

/** Reads a media server's own account of its load every few seconds (`media/janus-admin.ts`). */
export interface MediaServerMonitor {
  /** The last reading, while readings work. */
  readonly latest: MediaServerMeasure | undefined;
  /** Why the last reading failed, while they do. */
  readonly failure: string | undefined;
  /** Reads once (resolves after that attempt, successful or not), then keeps reading until `close`. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A registered media server as the operators set it up (`media_servers`). */
export interface MediaServerSettings {
  id: MediaServerId;
  name: string;
  /** Its WebSocket API, `ws://…` or `wss://…`. */
  url: string;
  /** Its `api_secret`, if it requires one. */
  apiSecret: string | undefined;
  /** Its admin API (`ws://…`), through which its own load is read; `undefined`: not read. */
  adminUrl: string | undefined;
  /** The admin API's `admin_secret`, if it requires one. */
  adminSecret: string | undefined;
  /** How much it carries compared with the others (1–100): load is divided by it. */
  weight: number;
  /** Where it runs (e.g. `eu-west`), or '' for nowhere in particular. */
  region: string;
  /** Whether it runs on renewable power. */
  renewable: boolean;
  /** Drained: it takes no new meetings; those on it carry on until they end. */
  drained: boolean;
}

/** One member as the operator console shows it (never its secret). */
export interface MediaServerStatus {
  id: MediaServerId;
  name: string;
  url: string | undefined;
  local: boolean;
  weight: number;
  region: string;
  renewable: boolean;
  drained: boolean;
  up: boolean;
  lastFailure: string | undefined;
  /** Its admin API's address, when its load is read there (`undefined` for the local one, whose is Plenary's own). */
  adminUrl: string | undefined;
  /** Whether its load is read through its admin API. */
  monitored: boolean;
  /** The last reading of its admin API, while readings work. */
  measure: MediaServerMeasure | undefined;
  /** Why reading its admin API fails, while it does. */
  monitorFailure: string | undefined;
}

export type MediaPoolEvents = {
  /** A member lost its connection (or was removed): every handle on it is gone. */
  down: [MediaServerId];
  /** A member is connected again (or newly added and connected). */
  up: [MediaServerId];
  /** Members were added, removed, drained or undrained (`apply`, `setLocalDrained`). */
  changed: [];
};

interface Member {
  settings: MediaServerSettings;
  server: PooledMediaServer;
  monitor: MediaServerMonitor | undefined;
  local: boolean;
  unsubscribe: (() => void)[];
}

export interface MediaPoolOptions {
  /** This instance's own media server, if it has one (`janus-local`). */
  local?: PooledMediaServer | undefined;
  /** What reads the own one's load, if its admin API is known (started and closed by whoever made it). */
  localMonitor?: MediaServerMonitor | undefined;
  /** Makes the connection to a registered media server (not started). */
  connect: (settings: MediaServerSettings) => PooledMediaServer;
  /** Makes what reads a registered server's load through its admin API (not started); none without. */
  monitor?: (settings: MediaServerSettings) => MediaServerMonitor | undefined;
  /** Meetings go to a member of this region when one can take them (`MEDIA_REGION`). */
  preferredRegion?: string | undefined;
  /** Among those, to one that runs on renewable power when one can (`MEDIA_PREFER_RENEWABLE`). */
  preferRenewable?: boolean;
  logger: Logger;
}

/** Settings that, when changed, need a new connection. */
const connectionChanged = (before: MediaServerSettings, after: MediaServerSettings) =>
  before.url !== after.url || before.apiSecret !== after.apiSecret;
/** Settings that, when changed, need a new monitor. */
const adminChanged = (before: MediaServerSettings, after: MediaServerSettings) =>
  before.adminUrl !== after.adminUrl || before.adminSecret !== after.adminSecret;

export class MediaPool extends TypedEmitter<MediaPoolEvents> {
  private readonly members = new Map<MediaServerId, Member>();
  private closed = false;

  constructor(private readonly options: MediaPoolOptions) {
    super();
    this.onListenerError = (error, event) => options.logger.error({ err: error, event }, 'media pool listener failed');
    if (options.local) {
      this.add(
        {
          id: localMediaServerId,
          name: 'local',
          url: '',
          apiSecret: undefined,
          adminUrl: undefined,
          adminSecret: undefined,
          weight: 1,
          region: options.preferredRegion ?? '',
          renewable: false,
          drained: false,
        },
        options.local,
        true,
        options.localMonitor,
      );
    }
  }

  /** A pool of one: the given server as the local member (tests, and installations of one Janus). */
  static of(server: PooledMediaServer, logger: Logger): MediaPool {
    return new MediaPool({
      local: server,
      connect: () => {
        throw new Error('this pool takes no registered media servers');
      },
      logger,
    });
  }

  private add(settings: MediaServerSettings, server: PooledMediaServer, local: boolean, monitor?: MediaServerMonitor): void {
    const member: Member = { settings, server, monitor, local, unsubscribe: [] };
    member.unsubscribe.push(
      server.on('up', () => this.emit('up', settings.id)),
      server.on('down', () => this.emit('down', settings.id)),
    );
    this.members.set(settings.id, member);
  }

  private async remove(member: Member): Promise<void> {
    for (const unsubscribe of member.unsubscribe) unsubscribe();
    this.members.delete(member.settings.id);
    const wasUp = member.server.isUp;
    await member.monitor?.close().catch(() => undefined);
    await member.server.close().catch(() => undefined);
    if (wasUp) this.emit('down', member.settings.id);
  }

  /**
   * Brings the registered members in line with `registered` (read from the database): connects
   * new ones, follows changed settings (a new URL or secret is a new connection: the old one goes
   * `down`), and closes those no longer registered. The local member is left alone.
   */
  async apply(registered: readonly MediaServerSettings[]): Promise<void> {
    if (this.closed) return;
    const wanted = new Map(registered.map((settings) => [settings.id, settings]));
    for (const member of [...this.members.values()]) {
      if (member.local) continue;
      const settings = wanted.get(member.settings.id);
      if (!settings || connectionChanged(member.settings, settings)) await this.remove(member);
      else {
        if (adminChanged(member.settings, settings)) {
          const old = member.monitor;
          member.monitor = undefined;
          await old?.close().catch(() => undefined);
          // Closed meanwhile: no monitor is started that nobody would close.
          if (this.closed) return;
          member.monitor = this.startMonitor(settings);
        }
        member.settings = settings;
      }
      if (this.closed) return;
    }
    for (const settings of wanted.values()) {
      if (this.members.has(settings.id) || settings.id === localMediaServerId) continue;
      const server = this.options.connect(settings);
      this.add(settings, server, false, this.startMonitor(settings));
      // Its `up` event tells the registry once it is reachable; one that never is stays down, with its reason.
      void server
        .start()
        .catch((error: unknown) => this.options.logger.warn({ err: error, mediaServerId: settings.id }, 'media server start failed'));
    }
    this.emit('changed');
  }

  /** Makes a registered server's monitor and starts it; it keeps reading (and retrying) until closed. */
  private startMonitor(settings: MediaServerSettings): MediaServerMonitor | undefined {
    const monitor = settings.adminUrl === undefined ? undefined : this.options.monitor?.(settings);
    void monitor
      ?.start()
      .catch((error: unknown) => this.options.logger.warn({ err: error, mediaServerId: settings.id }, 'media server monitor start failed'));
    return monitor;
  }

  /** What the member's admin API said at its last reading, while readings work. */
  measured(id: MediaServerId): MediaServerMeasure | undefined {
    return this.members.get(id)?.monitor?.latest;
  }

  /** The member's connection, if it is in the pool. */
  server(id: MediaServerId): PooledMediaServer | undefined {
    return this.members.get(id)?.server;
  }

  isUp(id: MediaServerId): boolean {
    return this.members.get(id)?.server.isUp ?? false;
  }

  /** Whether any member is connected. */
  get anyUp(): boolean {
    for (const member of this.members.values()) if (member.server.isUp) return true;
    return false;
  }

  /** Drains (or undrains) this instance's own media server; kept in memory, as the server is this instance's. */
  setLocalDrained(drained: boolean): boolean {
    const member = this.members.get(localMediaServerId);
    if (!member) return false;
    member.settings = { ...member.settings, drained };
    this.emit('changed');
    return true;
  }

  /**
   * Where a new meeting goes: among the members that are up and not drained (and not `except`),
   * those of the preferred region if any can, then those on renewable power if preferred and any
   * can, then the least loaded for its weight (`loadOf` counts what the registry put there); ties
   * go to the lower id. `undefined` when none can take it.
   */
  choose(loadOf: (id: MediaServerId) => number, except?: MediaServerId): MediaServerId | undefined {
    let candidates = [...this.members.values()].filter(
      (member) => member.server.isUp && !member.settings.drained && member.settings.id !== except,
    );
    const narrow = (keep: (member: Member) => boolean) => {
      const kept = candidates.filter(keep);
      if (kept.length > 0) candidates = kept;
    };
    const region = this.options.preferredRegion;
    if (region) narrow((member) => member.settings.region === region);
    if (this.options.preferRenewable) narrow((member) => member.settings.renewable);
    let best: { id: MediaServerId; score: number } | undefined;
    for (const member of candidates) {
      const score = loadOf(member.settings.id) / member.settings.weight;
      const id = member.settings.id;
      if (!best || score < best.score || (score === best.score && id < best.id)) best = { id, score };
    }
    return best?.id;
  }

  /**
   * Where a meeting starting now goes: `choose`'s answer, or while no server that takes meetings
   * is up, one that is not drained all the same (the local one first) — the meeting starts and
   * its people wait for the media, as when a lone Janus restarts. `undefined` only when every
   * server is drained (or there is none).
   */
  chooseForNewMeeting(loadOf: (id: MediaServerId) => number): MediaServerId | undefined {
    const chosen = this.choose(loadOf);
    if (chosen !== undefined) return chosen;
    const waiting = [...this.members.values()]
      .filter((member) => !member.settings.drained)
      .sort((a, b) => Number(b.local) - Number(a.local) || a.settings.id.localeCompare(b.settings.id));
    return waiting[0]?.settings.id;
  }

  /**
   * Where a meeting goes whose server died: `choose`'s answer, or else the least loaded server
   * that is up even if drained (a drained server is better than none). Never `except`.
   */
  chooseForRescue(loadOf: (id: MediaServerId) => number, except: MediaServerId): MediaServerId | undefined {
    const chosen = this.choose(loadOf, except);
    if (chosen !== undefined) return chosen;
    let best: { id: MediaServerId; score: number } | undefined;
    for (const member of this.members.values()) {
      const id = member.settings.id;
      if (!member.server.isUp || id === except) continue;
      const score = loadOf(id) / member.settings.weight;
      if (!best || score < best.score || (score === best.score && id < best.id)) best = { id, score };
    }
    return best?.id;
  }

  /** Every member, for the operator console: the local one first, then by name. */
  describe(): MediaServerStatus[] {
    return [...this.members.values()]
      .sort((a, b) => Number(b.local) - Number(a.local) || a.settings.name.localeCompare(b.settings.name))
      .map(({ settings, server, local, monitor }) => ({
        id: settings.id,
        name: settings.name,
        url: local ? undefined : settings.url,
        local,
        weight: settings.weight,
        region: settings.region,
        renewable: settings.renewable,
        drained: settings.drained,
        up: server.isUp,
        lastFailure: server.isUp ? undefined : server.lastFailure,
        adminUrl: local ? undefined : settings.adminUrl,
        monitored: monitor !== undefined,
        measure: monitor?.latest,
        monitorFailure: monitor?.failure,
      }));
  }

  /** Closes every registered member's connection (the local one belongs to whoever made it). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const member of [...this.members.values()]) {
      for (const unsubscribe of member.unsubscribe) unsubscribe();
      if (!member.local) {
        await member.monitor?.close().catch(() => undefined);
        await member.server.close().catch(() => undefined);
      }
    }
    this.members.clear();
    this.removeAllListeners();
  }
}
