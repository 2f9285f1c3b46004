/**
 * The media servers the operators registered (`media_servers`): every instance reads the same
 * rows into its `MediaPool`, so a server registered, drained or removed through one instance
 * reaches the others at their next refresh.
 */
import { nanoid } from 'nanoid';
import type { Clock } from '../platform/clock.js';
import type { Storage } from '../storage/index.js';
import type { MediaServerSettings } from './media-pool.js';
import type { MediaServersTables } from './migrations.js';
import type { MediaServerId } from './placement.js';

type Row = MediaServersTables['media_servers'];

const settingsOf = (row: Row): MediaServerSettings => ({
  id: row.id as MediaServerId,
  name: row.name,
  url: row.url,
  apiSecret: row.api_secret ?? undefined,
  adminUrl: row.admin_url ?? undefined,
  adminSecret: row.admin_secret ?? undefined,
  weight: Number(row.weight),
  region: row.region,
  renewable: Number(row.renewable) === 1,
  drained: Number(row.drained) === 1,
});

/** A new registered server's id: `ms_` and 16 random characters. */
export const newMediaServerId = (): MediaServerId => `ms_${nanoid(16)}` as MediaServerId;

export class MediaServersRepository {
  private readonly db;

  constructor(
    storage: Storage,
    private readonly clock: Clock,
  ) {
    this.db = storage.db.withTables<MediaServersTables>();
  }

  /** Every registered server, oldest first. */
  async list(): Promise<MediaServerSettings[]> {
    const rows = await this.db.selectFrom('media_servers').selectAll().orderBy('created_at_ms').orderBy('id').execute();
    return rows.map(settingsOf);
  }

  async find(id: MediaServerId): Promise<MediaServerSettings | undefined> {
    const row = await this.db.selectFrom('media_servers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? settingsOf(row) : undefined;
  }

  /** Whether a server of that name is registered (names are unique). */
  async nameTaken(name: string): Promise<boolean> {
    return (await this.db.selectFrom('media_servers').select('id').where('name', '=', name).executeTakeFirst()) !== undefined;
  }

  /** Registers a server; rejects if its name is taken meanwhile (unique constraint). */
  async insert(settings: Omit<MediaServerSettings, 'id'>): Promise<MediaServerSettings> {
    const id = newMediaServerId();
    await this.db
      .insertInto('media_servers')
      .values({
        id,
        name: settings.name,
        url: settings.url,
        api_secret: settings.apiSecret ?? null,
        admin_url: settings.adminUrl ?? null,
        admin_secret: settings.adminSecret ?? null,
        weight: settings.weight,
        region: settings.region,
        renewable: settings.renewable ? 1 : 0,
        drained: settings.drained ? 1 : 0,
        created_at_ms: this.clock.nowMs(),
      })
      .execute();
    return { ...settings, id };
  }

  /**
   * Changes a server's drain, weight, region, power or admin API (`null` stops reading it); the
   * server after, or `undefined` if there is none.
   */
  async update(
    id: MediaServerId,
    change: Partial<Pick<MediaServerSettings, 'drained' | 'weight' | 'region' | 'renewable'>> & {
      admin?: { url: string; secret: string | undefined } | null;
    },
  ): Promise<MediaServerSettings | undefined> {
    await this.db
      .updateTable('media_servers')
      .set({
        ...(change.admin === undefined ? {} : { admin_url: change.admin?.url ?? null, admin_secret: change.admin?.secret ?? null }),
        ...(change.drained === undefined ? {} : { drained: change.drained ? 1 : 0 }),
        ...(change.weight === undefined ? {} : { weight: change.weight }),
        ...(change.region === undefined ? {} : { region: change.region }),
        ...(change.renewable === undefined ? {} : { renewable: change.renewable ? 1 : 0 }),
      })
      .where('id', '=', id)
      .execute();
    return this.find(id);
  }

  /** Removes a server; whether there was one. */
  async delete(id: MediaServerId): Promise<boolean> {
    const result = await this.db.deleteFrom('media_servers').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
