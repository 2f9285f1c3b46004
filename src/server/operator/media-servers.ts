/**
 * The media-server pool as the operators run it: register a Janus, drain or undrain one (no new
 * meetings; those on it finish), change its weight, region or power, remove one that carries
 * nothing. Registered servers live in the database; every instance brings its pool in line with
 * them at start, after each change made through it, and every `refreshIntervalMs`. This
 * instance's own Janus (`janus-local`) is not registered: its drain is kept in memory, as it
 * is this instance's alone.
 */
import type { Logger } from 'pino';
import type { OperatorFailureCode } from '../../shared/failure-codes.js';
import type { MediaServerChange, MediaServerView, NewMediaServer } from '../../shared/media-servers-api.js';
import { localMediaServerId, type MediaPool, type MediaServerId, type RoomRegistry } from '../meetings/index.js';
import type { MediaServersRepository } from '../meetings/media-servers-repository.js';
import type { Clock } from '../platform/clock.js';
import { failure, type Result, success } from '../platform/outcome.js';
import { repeatEvery } from '../platform/sweep.js';
import { operatorWords } from './words.js';

export interface MediaServersServiceOptions {
  repository: MediaServersRepository;
  pool: MediaPool;
  registry: RoomRegistry;
  clock: Clock;
  logger: Logger;
  /** How often the pool is brought in line with the database (changes made through other instances). */
  refreshIntervalMs: number;
}

type Refusal = Extract<
  OperatorFailureCode,
  'media_server_not_found' | 'media_server_name_taken' | 'media_server_in_use' | 'media_server_local' | 'media_server_not_drained'
>;

export class MediaServersService {
  private refreshing: { stop(): Promise<void> } | undefined;
  /** The refresh under way: refreshes run one after another, so an older list never undoes a newer one. */
  private lastRefresh: Promise<void> = Promise.resolve();

  constructor(private readonly options: MediaServersServiceOptions) {}

  /** Reads the registered servers into the pool now. */
  async refresh(): Promise<void> {
    const next = this.lastRefresh.catch(() => undefined).then(async () => this.options.pool.apply(await this.options.repository.list()));
    this.lastRefresh = next;
    await next;
  }

  /** Refreshes now, then every `refreshIntervalMs` until `stop`. */
  async start(): Promise<void> {
    await this.refresh();
    this.refreshing = repeatEvery(
      this.options.refreshIntervalMs,
      () => this.refresh(),
      (error) => this.options.logger.error({ err: error }, 'reading the media servers failed'),
      this.options.clock,
    );
  }

  async stop(): Promise<void> {
    await this.refreshing?.stop();
  }

  /** Every media server of the pool with its state and what this instance's meetings put on it. */
  list(): MediaServerView[] {
    const loads = this.options.registry.mediaLoad();
    return this.options.pool.describe().map((status) => {
      const load = loads.get(status.id);
      return {
        id: status.id,
        name: status.name,
        url: status.url ?? null,
        local: status.local,
        weight: status.weight,
        region: status.region,
        renewable: status.renewable,
        drained: status.drained,
        up: status.up,
        lastFailure: status.lastFailure ?? null,
        rooms: load?.rooms ?? 0,
        participants: load?.participants ?? 0,
        publishedStreams: load?.publishedStreams ?? 0,
        forwardedStreams: load?.forwardedStreams ?? 0,
        adminUrl: status.adminUrl ?? null,
        measured: status.measure ? { ...status.measure, cpu: status.measure.cpu ?? null } : null,
        adminFailure: status.monitorFailure ?? null,
      };
    });
  }

  private view(id: MediaServerId): MediaServerView | undefined {
    return this.list().find((server) => server.id === id);
  }

  /** Registers a media server; the pool starts connecting to it at once. */
  async add(input: NewMediaServer): Promise<Result<MediaServerView, Refusal>> {
    const { repository } = this.options;
    const refused = () => failure('media_server_name_taken', operatorWords.phrase('media_server_name_taken', { name: input.name }));
    if (await repository.nameTaken(input.name)) return refused();
    let added: Awaited<ReturnType<MediaServersRepository['insert']>>;
    try {
      added = await repository.insert({
        ...input,
        apiSecret: input.apiSecret,
        adminUrl: input.adminUrl,
        adminSecret: input.adminSecret,
        drained: false,
      });
    } catch (error) {
      // Two operators registering the same name at once: the unique constraint decides.
      if (await repository.nameTaken(input.name)) return refused();
      throw error;
    }
    this.options.logger.info({ mediaServerId: added.id, url: added.url }, 'a media server was registered');
    await this.refresh();
    const view = this.view(added.id);
    if (!view) throw new Error(`the media server ${added.id} did not reach the pool`);
    return success(view);
  }

  /** Drains, undrains or re-weighs one; this instance's own takes only a drain. */
  async change(id: MediaServerId, change: MediaServerChange): Promise<Result<MediaServerView, Refusal>> {
    if (id === localMediaServerId) {
      const { drained, ...rest } = change;
      if (Object.values(rest).some((value) => value !== undefined) || drained === undefined)
        return failure('media_server_local', operatorWords.phrase('media_server_local'));
      this.options.pool.setLocalDrained(drained);
    } else {
      const { admin, ...rest } = change;
      const changed = await this.options.repository.update(id, {
        ...rest,
        ...(admin === undefined ? {} : { admin: admin && { url: admin.url, secret: admin.secret } }),
      });
      if (!changed) return notFound();
      await this.refresh();
    }
    // Never the admin secret: only whether one was given.
    const { admin, ...logged } = change;
    this.options.logger.info(
      {
        mediaServerId: id,
        change: { ...logged, ...(admin === undefined ? {} : { admin: admin && { url: admin.url, secret: admin.secret !== undefined } }) },
      },
      'a media server was changed',
    );
    const view = this.view(id);
    return view ? success(view) : notFound();
  }

  /**
   * Removes a registered server that is drained (so no meeting can be placed on it meanwhile) and
   * carries no meeting of this instance; other instances move theirs off it at their next refresh.
   */
  async remove(id: MediaServerId): Promise<Result<undefined, Refusal>> {
    if (id === localMediaServerId) return failure('media_server_local', operatorWords.phrase('media_server_local'));
    const server = await this.options.repository.find(id);
    if (!server) return notFound();
    if (!server.drained)
      return failure('media_server_not_drained', operatorWords.phrase('media_server_not_drained', { name: server.name }));
    const rooms = this.options.registry.mediaLoad().get(id)?.rooms ?? 0;
    if (rooms > 0) return failure('media_server_in_use', operatorWords.phrase('media_server_in_use', { name: server.name, rooms }));
    await this.options.repository.delete(id);
    this.options.logger.info({ mediaServerId: id }, 'a media server was removed');
    await this.refresh();
    return success(undefined);
  }
}

const notFound = () => failure('media_server_not_found', operatorWords.phrase('media_server_not_found'));
