/** The governance domain's database, as its services see it. */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { AssemblyTables } from './assemblies-migrations.js';
import type { SanctionTables } from './due-process-migrations.js';
import type { EarlyCloseTables } from './early-close-migrations.js';
import type { GovernanceTables } from './migrations.js';
import type { NoticeTables } from './notices-migrations.js';

/** The tables governance reads and writes, and the organisations it names (slug, name). */
export type GovernanceDatabase = Kysely<
  Database &
    GovernanceTables &
    SanctionTables &
    NoticeTables &
    AssemblyTables &
    EarlyCloseTables & { organisations: { id: string; slug: string; name: string; created_at_ms: number | string } }
>;
