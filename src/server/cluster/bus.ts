/**
 * What instances sharing one database say to each other, over Redis: each has a channel of its
 * own (`<prefix>instance:<id>`) that the others publish to, and a presence key
 * (`<prefix>alive:<id>`) it keeps fresh while it runs, so that the others can tell a dead
 * instance (its key expired, or it deleted it as it stopped) from one that is merely quiet.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { InstanceId } from '../platform/instance.js';
import { TypedEmitter } from '../platform/typed-emitter.js';
import { type InstanceMessage, parseInstanceMessage } from './instance-protocol.js';
import { Sealer } from './seal.js';

/** What is known of another instance: it runs, it does not (its presence is gone), or Redis cannot be asked now. */
export type Presence = 'alive' | 'gone' | 'unknown';

export interface ClusterBusOptions {
  /** `redis://…` */
  url: string;
  /** Put before every key and channel: one Redis may serve several installations (`REDIS_PREFIX`). */
  prefix: string;
  instanceId: InstanceId;
  /** The installation's `CLUSTER_SECRET`: everything put in Redis is sealed with it (`Sealer`). */
  secret: string;
  logger: Logger;
  /** How often this instance's presence is renewed; it lapses after three times that. */
  presenceIntervalMs?: number;
}

type BusEvents = {
  /** A message from another instance, already checked against the protocol. */
  message: [InstanceMessage];
  /** Whether this instance can reach Redis changed. */
  connection: [boolean];
};

/**
 * One instance's end of the bus: a connection that publishes and keeps the presence key, and one
 * that only listens (Redis requires a connection of its own for subscriptions). ioredis reconnects
 * both on its own; while Redis is away `send` fails fast (no offline queue: a message that cannot
 * go now is stale by the time it could) and `presence` answers `unknown`.
 */
export class ClusterBus extends TypedEmitter<BusEvents> {
  readonly instanceId: InstanceId;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly logger: Logger;
  private readonly presenceIntervalMs: number;
  private readonly sealer: Sealer;
  private presenceTimer: NodeJS.Timeout | undefined;
  private connected = false;
  private closed = false;
  /**
   * When Redis last failed this instance (a command refused or timed out, the connection lost).
   * Presences are not trusted for a while after: the others' renewals may have failed just the same.
   */
  private troubleAtMs = Number.NEGATIVE_INFINITY;

  constructor(options: ClusterBusOptions) {
    super();
    this.instanceId = options.instanceId;
    this.prefix = options.prefix;
    this.logger = options.logger;
    this.presenceIntervalMs = options.presenceIntervalMs ?? 1_000;
    this.sealer = new Sealer(options.secret, options.prefix);
    const connectionOptions = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      // A Redis that stopped answering (not only one that closed the connection) fails commands in a second.
      commandTimeout: 1_000,
      retryStrategy: (attempt: number) => Math.min(200 * attempt, 1_000),
    };
    this.publisher = new Redis(options.url, connectionOptions);
    // The subscribing connection runs no command but SUBSCRIBE, which must not time out while it waits.
    const { commandTimeout: _none, ...subscriberOptions } = connectionOptions;
    this.subscriber = new Redis(options.url, { ...subscriberOptions, enableOfflineQueue: true });
    for (const connection of [this.publisher, this.subscriber]) {
      // Errors come back as failed commands or presence `unknown`; the 'error' event would otherwise throw.
      connection.on('error', () => undefined);
    }
    this.publisher.on('ready', () => this.setConnected(true));
    this.publisher.on('end', () => this.setConnected(false));
    this.publisher.on('close', () => this.setConnected(false));
    this.subscriber.on('messageBuffer', (_channel: Buffer, payload: Buffer) => this.receive(payload.toString('utf8')));
  }

  private channelOf(instanceId: InstanceId): string {
    return `${this.prefix}instance:${instanceId}`;
  }

  private presenceKeyOf(instanceId: InstanceId): string {
    return `${this.prefix}alive:${instanceId}`;
  }

  /** Whether Redis answers this instance now. */
  get isConnected(): boolean {
    return this.connected;
  }

  private trouble(): void {
    this.troubleAtMs = Date.now();
  }

  private setConnected(connected: boolean): void {
    if (!connected) this.trouble();
    if (connected === this.connected || this.closed) return;
    this.connected = connected;
    if (connected) {
      this.logger.info('connected to redis');
      this.renewPresence();
    } else {
      this.logger.warn('lost redis: instances cannot reach each other until it is back');
    }
    this.emit('connection', connected);
  }

  /** Connects, listens on this instance's channel and starts keeping its presence. Rejects if Redis cannot be reached. */
  async start(): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(this.channelOf(this.instanceId));
    await this.renewPresenceNow();
    this.presenceTimer = setInterval(() => this.renewPresence(), this.presenceIntervalMs);
    this.presenceTimer.unref();
  }

  private renewPresenceNow(): Promise<unknown> {
    const key = this.presenceKeyOf(this.instanceId);
    return this.publisher.set(key, this.sealer.seal('alive', key), 'PX', this.presenceIntervalMs * 3);
  }

  private renewPresence(): void {
    if (this.closed) return;
    this.renewPresenceNow().catch(() => this.trouble());
  }

  private receive(payload: string): void {
    const opened = this.sealer.open(payload, this.channelOf(this.instanceId));
    if (opened === undefined) {
      this.logger.warn({ bytes: payload.length }, 'ignored a message not sealed for this instance with the installation’s secret');
      return;
    }
    const message = parseInstanceMessage(opened);
    if (!message) {
      this.logger.warn({ bytes: payload.length }, 'ignored a message on the instance channel that is not one');
      return;
    }
    this.emit('message', message);
  }

  /**
   * Publishes a message to another instance's channel; false when that instance does not listen,
   * or when Redis did not answer in time — then it is unknown whether the message goes through:
   * one already written is carried out if Redis wakes.
   */
  async send(to: InstanceId, message: InstanceMessage): Promise<boolean> {
    if (this.closed) return false;
    const channel = this.channelOf(to);
    try {
      return (await this.publisher.publish(channel, this.sealer.seal(JSON.stringify(message), channel))) > 0;
    } catch {
      this.trouble();
      return false;
    }
  }

  /**
   * Whether another instance runs, as far as Redis knows. `unknown` while Redis is away and for a
   * presence's lifetime after it failed this instance: the other may have failed to renew its
   * presence through the same trouble, and is not taken for dead because of it.
   */
  async presence(instanceId: InstanceId): Promise<Presence> {
    if (instanceId === this.instanceId) return 'alive';
    if (this.closed || !this.connected) return 'unknown';
    try {
      const key = this.presenceKeyOf(instanceId);
      const value = await this.publisher.get(key);
      // A value not sealed with the secret says nothing either way.
      if (value !== null) return this.sealer.open(value, key) === 'alive' ? 'alive' : 'unknown';
      return Date.now() - this.troubleAtMs < this.presenceIntervalMs * 4 ? 'unknown' : 'gone';
    } catch {
      this.trouble();
      return 'unknown';
    }
  }

  /** Sets this instance's entry in the shared table `table` (a Redis hash): what it tells every other instance. */
  async share(table: string, value: string): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.publisher.hset(`${this.prefix}${table}`, this.instanceId, this.sealer.seal(value, `${table}:${this.instanceId}`));
      return true;
    } catch {
      this.trouble();
      return false;
    }
  }

  /** Every other instance's entry in the shared table `table`; `undefined` when Redis cannot say now. */
  async shared(table: string): Promise<Map<InstanceId, string> | undefined> {
    if (this.closed) return undefined;
    try {
      const entries = await this.publisher.hgetall(`${this.prefix}${table}`);
      const opened = new Map<InstanceId, string>();
      for (const [id, sealed] of Object.entries(entries)) {
        const value = id === this.instanceId ? undefined : this.sealer.open(sealed, `${table}:${id}`);
        if (value !== undefined) opened.set(id as InstanceId, value);
      }
      return opened;
    } catch {
      this.trouble();
      return undefined;
    }
  }

  /**
   * Keeps `value` under `field` of the record `record` for `ttlMs` (the record's life restarts
   * with each write): what an instance leaves for whichever takes its work over.
   */
  async keep(record: string, field: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.closed) return false;
    const key = `${this.prefix}${record}`;
    try {
      await this.publisher
        .multi()
        .hset(key, field, this.sealer.seal(value, `${record}:${field}`))
        .pexpire(key, ttlMs)
        .exec();
      return true;
    } catch {
      this.trouble();
      return false;
    }
  }

  /** What `keep` left under `field` of `record`, if it is there, sealed with the secret and younger than `maxAgeMs`. */
  async kept(record: string, field: string, maxAgeMs: number): Promise<string | undefined> {
    if (this.closed) return undefined;
    try {
      const sealed = await this.publisher.hget(`${this.prefix}${record}`, field);
      return sealed === null ? undefined : this.sealer.open(sealed, `${record}:${field}`, Date.now(), maxAgeMs);
    } catch {
      this.trouble();
      return undefined;
    }
  }

  /** Forgets the record `record` (every field `keep` left there); whether Redis did. */
  async forget(record: string): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.publisher.del(`${this.prefix}${record}`);
      return true;
    } catch {
      this.trouble();
      return false;
    }
  }

  /** Removes this instance's entry from the shared table `table` (it stops). */
  async unshare(table: string): Promise<void> {
    await this.publisher.hdel(`${this.prefix}${table}`, this.instanceId).catch(() => undefined);
  }

  /** Stops listening and withdraws this instance's presence at once (the others need not wait for it to lapse). */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.presenceTimer);
    try {
      if (this.connected) await this.publisher.del(this.presenceKeyOf(this.instanceId));
    } catch {
      // Lapses on its own.
    }
    this.closed = true;
    this.subscriber.disconnect();
    // What was published before (the last relayed frames) goes first.
    await this.publisher.quit().catch(() => this.publisher.disconnect());
  }
}
