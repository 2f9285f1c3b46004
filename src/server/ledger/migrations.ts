/**
 * The ledger domain's migrations (names `0100_ledger_…`; see storage's `openStorage`). Never edit
 * one that has shipped — add the next.
 */
import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

/** The hash that precedes the first journal entry. */
export const genesisHash = '0'.repeat(64);

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

async function createBalanceTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_currencies')
    .addColumn('code', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('scale', 'integer', (column) => column.notNull())
    .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('ledger_accounts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('currency_code', 'text', (column) => column.notNull().references('ledger_currencies.code'))
    .addColumn('owner_kind', 'text', (column) => column.notNull())
    .addColumn('owner_id', 'text', (column) => column.notNull())
    .addColumn('lower_limit', 'bigint')
    .addColumn('upper_limit', 'bigint')
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('debits_posted', 'bigint', (column) => column.notNull())
    .addColumn('credits_posted', 'bigint', (column) => column.notNull())
    .addColumn('debits_pending', 'bigint', (column) => column.notNull())
    .addColumn('credits_pending', 'bigint', (column) => column.notNull())
    .addColumn('created_at_ms', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('ledger_accounts_owner').on('ledger_accounts').columns(['owner_kind', 'owner_id']).execute();
  await db.schema.createIndex('ledger_accounts_currency').on('ledger_accounts').columns(['currency_code', 'id']).execute();
  await db.schema
    .createTable('ledger_account_changes')
    .addColumn('sequence', 'bigint', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('change', 'text', (column) => column.notNull())
    .addColumn('lower_limit', 'bigint')
    .addColumn('upper_limit', 'bigint')
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('changed_by', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('changed_at_ms', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('ledger_account_changes_account').on('ledger_account_changes').columns(['account_id', 'sequence']).execute();
}

async function createTransferTables(db: Kysely<unknown>): Promise<void> {
  // SQLite: tables keyed by text are WITHOUT ROWID, so each insert updates one b-tree fewer.
  const withoutRowId = sql.raw(isSqlite(db) ? 'without rowid' : '');
  await db.schema
    .createTable('ledger_transfers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('sequence', 'bigint', (column) => column.notNull().unique())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('debit_account_id', 'text', (column) => column.notNull())
    .addColumn('credit_account_id', 'text', (column) => column.notNull())
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('currency_code', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull())
    .addColumn('reference', 'text', (column) => column.notNull())
    .addColumn('pending_id', 'text')
    .addColumn('expires_at_ms', 'bigint')
    .addColumn('timestamp_ms', 'bigint', (column) => column.notNull())
    .modifyEnd(withoutRowId)
    .execute();
  await db.schema
    .createTable('ledger_pending_transfers')
    .addColumn('transfer_id', 'text', (column) => column.primaryKey())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('expires_at_ms', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('ledger_pending_transfers_due').on('ledger_pending_transfers').columns(['status', 'expires_at_ms']).execute();
  await db.schema
    .createTable('ledger_account_entries')
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('sequence', 'bigint', (column) => column.notNull())
    .addColumn('transfer_id', 'text', (column) => column.notNull())
    .addColumn('event', 'text', (column) => column.notNull())
    .addColumn('side', 'text', (column) => column.notNull())
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('posted_balance_after', 'bigint', (column) => column.notNull())
    .addColumn('debits_pending_after', 'bigint', (column) => column.notNull())
    .addColumn('credits_pending_after', 'bigint', (column) => column.notNull())
    .addColumn('timestamp_ms', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('ledger_account_entries_primary', ['account_id', 'sequence'])
    .modifyEnd(withoutRowId)
    .execute();
}

async function createJournal(db: Kysely<unknown>): Promise<void> {
  // SQLite: an INTEGER PRIMARY KEY is the rowid itself (64-bit); PostgreSQL's integer is 32-bit.
  await db.schema
    .createTable('ledger_journal')
    .addColumn('sequence', isSqlite(db) ? 'integer' : 'bigint', (column) => column.primaryKey())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('previous_hash', 'text', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull())
    .addColumn('recorded_at_ms', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('ledger_chain_head')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('sequence', 'bigint', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull())
    .execute();
  await sql`insert into ledger_chain_head (id, sequence, hash) values (1, 0, ${genesisHash})`.execute(db);
}

/** SQLite: the triggers that refuse updates and deletes of `table`. */
async function sqliteAppendOnly(db: Kysely<unknown>, table: string): Promise<void> {
  for (const operation of ['update', 'delete']) {
    await sql
      .raw(
        `create trigger ${table}_refuses_${operation} before ${operation} on ${table} begin select raise(abort, '${table} is append-only'); end`,
      )
      .execute(db);
  }
}

/** Refuses updates and deletes of the journal and of transfers inside the database itself. */
async function makeAppendOnly(db: Kysely<unknown>): Promise<void> {
  const tables = ['ledger_journal', 'ledger_transfers'];
  if (isSqlite(db)) {
    for (const table of tables) await sqliteAppendOnly(db, table);
    return;
  }
  await sql
    .raw(`create function ledger_refuse_change() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name; end $$`)
    .execute(db);
  for (const table of tables) {
    await sql
      .raw(
        `create trigger ${table}_is_append_only before update or delete on ${table} for each row execute function ledger_refuse_change()`,
      )
      .execute(db);
  }
}

/**
 * Transfers and expiries are numbered apart from the journal, which now takes one entry per batch:
 * on SQLite by a counter beside the chain head (one writer at a time anyway), on PostgreSQL by a
 * sequence, so that a batch writes its rows before it takes the chain head. Numbering goes on
 * after the last journal sequence, which is at least every number given so far.
 */
async function numberChangesApart(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) {
    await sql`alter table ledger_chain_head add column change_sequence bigint not null default 0`.execute(db);
    await sql`update ledger_chain_head set change_sequence = sequence`.execute(db);
    return;
  }
  await sql`create sequence ledger_change_sequence as bigint`.execute(db);
  await sql`select setval('ledger_change_sequence', greatest(sequence, 1), sequence > 0) from ledger_chain_head`.execute(db);
}

/**
 * Every batch rewrites the balances of the accounts it touches, scattered over the table when there
 * are many. SQLite: the table is rebuilt `WITHOUT ROWID`, so finding and rewriting an account is one
 * b-tree, not its primary-key index and then the table. PostgreSQL: pages are left half empty
 * (fillfactor 50), so a balance update fits beside the old row version and touches no index (HOT).
 */
async function keepBalanceUpdatesLocal(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) {
    await sql`alter table ledger_accounts set (fillfactor = 50)`.execute(db);
    return;
  }
  // One transaction, as for 0671: a rebuild cut short must leave the table as it was.
  await db.transaction().execute((transaction) => rebuildAccountsWithoutRowid(transaction));
}

async function rebuildAccountsWithoutRowid(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_accounts rename to ledger_accounts_before_0661`.execute(db);
  await sql`drop index ledger_accounts_owner`.execute(db);
  await sql`drop index ledger_accounts_currency`.execute(db);
  await sql`create table ledger_accounts (
      id text primary key, currency_code text not null references ledger_currencies (code), owner_kind text not null,
      owner_id text not null, lower_limit bigint, upper_limit bigint, state text not null, debits_posted bigint not null,
      credits_posted bigint not null, debits_pending bigint not null, credits_pending bigint not null, created_at_ms bigint not null
    ) without rowid`.execute(db);
  await sql`insert into ledger_accounts select id, currency_code, owner_kind, owner_id, lower_limit, upper_limit, state,
      debits_posted, credits_posted, debits_pending, credits_pending, created_at_ms from ledger_accounts_before_0661`.execute(db);
  await sql`drop table ledger_accounts_before_0661`.execute(db);
  await db.schema.createIndex('ledger_accounts_owner').on('ledger_accounts').columns(['owner_kind', 'owner_id']).execute();
  await db.schema.createIndex('ledger_accounts_currency').on('ledger_accounts').columns(['currency_code', 'id']).execute();
}

/** The balances each side of a transfer leaves, kept in its row (see `keepBalancesInTransferRows`). */
export const balanceAfterColumns = [
  'debit_posted_balance_after',
  'debit_debits_pending_after',
  'debit_credits_pending_after',
  'credit_posted_balance_after',
  'credit_debits_pending_after',
  'credit_credits_pending_after',
] as const;

/**
 * An account's history is read from the transfers themselves: each new transfer row carries the
 * balances its debit and its credit account have right after it, and two indexes find an
 * account's transfers on either side in order. A transfer then writes one row instead of one row
 * and two history rows. Rows written before stay as they were (these columns null, their history
 * in `ledger_account_entries`), and expiries, which make no transfer, still write their two
 * history rows there: transfers are never updated.
 */
async function keepBalancesInTransferRows(db: Kysely<unknown>): Promise<void> {
  for (const column of balanceAfterColumns) {
    await db.schema.alterTable('ledger_transfers').addColumn(column, 'bigint').execute();
  }
  await createTransferHistoryIndexes(db);
}

/** The indexes that find an account's transfers on either side, in order. */
async function createTransferHistoryIndexes(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('ledger_transfers_debit_history').on('ledger_transfers').columns(['debit_account_id', 'sequence']).execute();
  await db.schema
    .createIndex('ledger_transfers_credit_history')
    .on('ledger_transfers')
    .columns(['credit_account_id', 'sequence'])
    .execute();
}

/**
 * PostgreSQL: a batch's writes as one function, `ledger_write_changes`, so that its statements are
 * planned once per connection (PL/pgSQL keeps their plans) instead of at every batch — planning
 * the one `WITH` statement they were took about 1.3 ms, as long as running it. In order: the new
 * balances, the transfers, the expiries' history rows (each a JSON array of rows, keyed by column),
 * then the chain head, locked and read by a statement of its own (so as last committed), the
 * journal entry with its hash (`sha256` over the same text as `entryHash`) and the head's move.
 * Rows are read with the tables' own row types, so columns added later come along; a migration that
 * renames or drops a column these statements name must create the function again.
 */
async function writeChangesInOneCall(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) return;
  await sql
    .raw(`create function ledger_write_changes(balances json, transfers json, entries json, entry_kind text, entry_payload text,
        recorded_at_ms bigint) returns void language plpgsql as $$
      declare
        head record;
        next_hash text;
      begin
        update ledger_accounts set debits_posted = source.debits_posted, credits_posted = source.credits_posted,
            debits_pending = source.debits_pending, credits_pending = source.credits_pending
          from json_populate_recordset(null::ledger_accounts, balances) as source where ledger_accounts.id = source.id;
        insert into ledger_transfers select * from json_populate_recordset(null::ledger_transfers, transfers);
        insert into ledger_account_entries select * from json_populate_recordset(null::ledger_account_entries, entries);
        select sequence, hash into strict head from ledger_chain_head where id = 1 for update;
        next_hash := encode(sha256(convert_to(head.hash || E'\\n' || (head.sequence + 1)::text || E'\\n' || entry_kind
          || E'\\n' || recorded_at_ms::text || E'\\n' || entry_payload, 'UTF8')), 'hex');
        insert into ledger_journal (sequence, kind, payload, previous_hash, hash, recorded_at_ms)
          values (head.sequence + 1, entry_kind, entry_payload, head.hash, next_hash, recorded_at_ms);
        update ledger_chain_head set sequence = head.sequence + 1, hash = next_hash where id = 1;
      end $$`)
    .execute(db);
}

/**
 * The unique index on `ledger_transfers.sequence` goes: nothing reads transfers by their number
 * any more (statements go through the two side indexes, the verifier reads a batch's transfers by
 * id), and it cost every transfer one more b-tree insert at a random-looking place on PostgreSQL
 * and one more b-tree on SQLite. The guard it was — no number given twice — is the verifier's now
 * (`number_given_twice`). SQLite cannot drop a column's constraint, so the table is rebuilt as it
 * was without it (`WITHOUT ROWID`, the two side indexes, the append-only triggers); PostgreSQL
 * drops the constraint.
 */
async function dropTransferNumberIndex(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) {
    await sql`alter table ledger_transfers drop constraint ledger_transfers_sequence_key`.execute(db);
    return;
  }
  // One transaction: Kysely runs SQLite migrations without one (no transactional DDL, it says), and
  // a rebuild cut short (SIGKILL, a full disk mid-copy) would leave no table, or one without its
  // triggers, and a migration that fails at its first step at every start after.
  await db.transaction().execute((transaction) => rebuildTransfersWithoutNumberIndex(transaction));
}

async function rebuildTransfersWithoutNumberIndex(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_transfers rename to ledger_transfers_before_0671`.execute(db);
  await sql`create table ledger_transfers (
      id text primary key, sequence bigint not null, kind text not null, debit_account_id text not null,
      credit_account_id text not null, amount bigint not null, currency_code text not null, description text not null,
      reference text not null, pending_id text, expires_at_ms bigint, timestamp_ms bigint not null,
      debit_posted_balance_after bigint, debit_debits_pending_after bigint, debit_credits_pending_after bigint,
      credit_posted_balance_after bigint, credit_debits_pending_after bigint, credit_credits_pending_after bigint
    ) without rowid`.execute(db);
  await sql`insert into ledger_transfers select id, sequence, kind, debit_account_id, credit_account_id, amount, currency_code,
      description, reference, pending_id, expires_at_ms, timestamp_ms, debit_posted_balance_after, debit_debits_pending_after,
      debit_credits_pending_after, credit_posted_balance_after, credit_debits_pending_after, credit_credits_pending_after
      from ledger_transfers_before_0671`.execute(db);
  // Its indexes and triggers go with it, and are made again on the new table.
  await sql`drop table ledger_transfers_before_0671`.execute(db);
  await createTransferHistoryIndexes(db);
  await sqliteAppendOnly(db, 'ledger_transfers');
}

/** Currencies, accounts, transfers, per-account history, and the hash-chained journal. */
export const ledgerMigrations: Record<string, Migration> = {
  '0100_ledger_accounts_transfers_and_journal': {
    async up(db: Kysely<unknown>) {
      await createBalanceTables(db);
      await createTransferTables(db);
      await createJournal(db);
      await makeAppendOnly(db);
    },
  },
  '0660_ledger_change_numbers': {
    async up(db: Kysely<unknown>) {
      await numberChangesApart(db);
    },
  },
  '0661_ledger_balance_updates_in_place': {
    async up(db: Kysely<unknown>) {
      await keepBalanceUpdatesLocal(db);
    },
  },
  '0662_ledger_balances_in_transfer_rows': {
    async up(db: Kysely<unknown>) {
      await keepBalancesInTransferRows(db);
    },
  },
  '0663_ledger_write_changes_function': {
    async up(db: Kysely<unknown>) {
      await writeChangesInOneCall(db);
    },
  },
  '0671_ledger_transfer_numbers_unindexed': {
    async up(db: Kysely<unknown>) {
      await dropTransferNumberIndex(db);
    },
  },
};
