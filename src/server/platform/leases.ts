/**
 * Leases in the database, so that background work runs on one instance at a time when several
 * share a database: each round of a sweep first takes (or keeps) the sweep's lease; the instance
 * that holds it runs the round, the others skip theirs. A lease lapses `ttlMs` after it was last
 * taken, so when its holder dies another instance takes over within that time.
 */
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { Storage } from '../storage/index.js';
import type { Clock } from './clock.js';
import type { InstanceId } from './instance.js';

/** Table `scheduler_leases` (0640); use with `db.withTables<LeaseTables>()`. */
export type LeaseTables = {
  scheduler_leases: {
    /** The sweep's name, e.g. `billing-periods`. */
    name: string;
    /** The instance holding it. */
    holder: string;
    /** When it lapses unless its holder takes it again, in milliseconds since the epoch. */
    expires_at_ms: number | string;
  };
};

export const leaseMigrations: Record<string, Migration> = {
  '0640_platform_scheduler_leases': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('scheduler_leases')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('holder', 'text', (column) => column.notNull())
        .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
};

export class Leases {
  private readonly db;

  constructor(
    storage: Storage,
    private readonly clock: Clock,
    /** Who takes the leases: this instance. */
    readonly holder: InstanceId,
  ) {
    this.db = storage.db.withTables<LeaseTables>();
  }

  /**
   * Takes the lease `name` for `ttlMs` if nobody holds it, or if this instance does, or if its
   * holder let it lapse; whether this instance holds it now. One statement, so that of two
   * instances asking at once exactly one gets it.
   */
  async take(name: string, ttlMs: number): Promise<boolean> {
    const nowMs = this.clock.nowMs();
    const result = await this.db
      .insertInto('scheduler_leases')
      .values({ name, holder: this.holder, expires_at_ms: nowMs + ttlMs })
      .onConflict((conflict) =>
        conflict
          .column('name')
          .doUpdateSet({ holder: this.holder, expires_at_ms: nowMs + ttlMs })
          .where((where) =>
            where.or([
              where('scheduler_leases.holder', '=', this.holder),
              where('scheduler_leases.expires_at_ms', '<=', sql<number>`${nowMs}`),
            ]),
          ),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Gives the lease back (at shutdown), so that another instance need not wait for it to lapse. */
  async release(name: string): Promise<void> {
    await this.db.deleteFrom('scheduler_leases').where('name', '=', name).where('holder', '=', this.holder).execute();
  }
}
