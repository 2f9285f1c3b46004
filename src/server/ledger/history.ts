/**
 * An account's history, read where it is kept: a transfer's row carries the balances its debit and
 * its credit account have right after it (migration 0662), found through the indexes on
 * (debit_account_id, sequence) and (credit_account_id, sequence); expiries, and every movement
 * written before 0662, are rows of `ledger_account_entries`. Each query takes the three in one
 * statement (so one snapshot), each part an index range scan with its own order and limit.
 */
import { type Kysely, sql } from 'kysely';
import type { LedgerDatabase } from './tables.js';
import type { AccountId } from './types.js';
import type { LedgerStore } from './write-transaction.js';

type LedgerDb = Kysely<LedgerDatabase>;
type Side = 'debit' | 'credit';

/** Which lines of an account's history a page holds. */
export interface HistoryFilter {
  accountId: AccountId;
  fromMs: number;
  toMs: number;
  /** Lines after this sequence (oldest first) or before it (newest first). */
  cursor: number | undefined;
  newestFirst: boolean;
  limit: number;
  side: Side | undefined;
  counterpartyAccountId: AccountId | undefined;
  events: readonly string[] | undefined;
}

const other = (side: Side): Side => (side === 'debit' ? 'credit' : 'debit');
const text = (column: string) => sql<string>`cast(${sql.ref(column)} as text)`;

/** One side's lines from the transfer rows that carry their balances. */
function transferSideLines(db: LedgerDb, side: Side, filter: HistoryFilter) {
  return db
    .selectFrom('ledger_transfers')
    .select(['sequence', 'timestamp_ms', 'id as transfer_id', 'kind as event'])
    .select([
      sql.lit(side).as('side'),
      text('amount').as('amount'),
      text(`${side}_posted_balance_after`).as('posted_balance_after'),
      text(`${side}_debits_pending_after`).as('debits_pending_after'),
      text(`${side}_credits_pending_after`).as('credits_pending_after'),
    ])
    .select(['debit_account_id', 'credit_account_id', 'description', 'reference'])
    .where(`${side}_account_id`, '=', filter.accountId)
    .where(`${side}_posted_balance_after`, 'is not', null)
    .where('timestamp_ms', '>=', filter.fromMs)
    .where('timestamp_ms', '<', filter.toMs)
    .$if(filter.cursor !== undefined, (select) => select.where('sequence', filter.newestFirst ? '<' : '>', filter.cursor ?? 0))
    .$if(filter.events !== undefined, (select) => select.where('kind', 'in', [...(filter.events ?? [])]))
    .$if(filter.counterpartyAccountId !== undefined, (select) =>
      select.where(`${other(side)}_account_id`, '=', filter.counterpartyAccountId ?? ''),
    )
    .orderBy('sequence', filter.newestFirst ? 'desc' : 'asc')
    .limit(filter.limit);
}

/** Lines from history rows: expiries, and movements written before migration 0662. */
function entryLines(db: LedgerDb, filter: HistoryFilter) {
  return db
    .selectFrom('ledger_account_entries as entry')
    .innerJoin('ledger_transfers as transfer', 'transfer.id', 'entry.transfer_id')
    .select(['entry.sequence', 'entry.timestamp_ms', 'entry.transfer_id', 'entry.event', 'entry.side'])
    .select([
      text('entry.amount').as('amount'),
      text('entry.posted_balance_after').as('posted_balance_after'),
      text('entry.debits_pending_after').as('debits_pending_after'),
      text('entry.credits_pending_after').as('credits_pending_after'),
    ])
    .select(['transfer.debit_account_id', 'transfer.credit_account_id', 'transfer.description', 'transfer.reference'])
    .where('entry.account_id', '=', filter.accountId)
    .where('entry.timestamp_ms', '>=', filter.fromMs)
    .where('entry.timestamp_ms', '<', filter.toMs)
    .$if(filter.cursor !== undefined, (select) => select.where('entry.sequence', filter.newestFirst ? '<' : '>', filter.cursor ?? 0))
    .$if(filter.side !== undefined, (select) => select.where('entry.side', '=', filter.side ?? 'debit'))
    .$if(filter.events !== undefined, (select) => select.where('entry.event', 'in', [...(filter.events ?? [])]))
    .$if(filter.counterpartyAccountId !== undefined, (select) =>
      select.where((eb) =>
        eb.or([
          eb.and([eb('entry.side', '=', 'debit'), eb('transfer.credit_account_id', '=', filter.counterpartyAccountId ?? '')]),
          eb.and([eb('entry.side', '=', 'credit'), eb('transfer.debit_account_id', '=', filter.counterpartyAccountId ?? '')]),
        ]),
      ),
    )
    .orderBy('entry.sequence', filter.newestFirst ? 'desc' : 'asc')
    .limit(filter.limit);
}

/**
 * Up to `filter.limit` lines of an account's history in sequence order, as raw rows (amounts as
 * text; the caller parses them): each movement with the balances right after it, the transfer's
 * accounts, description and reference.
 */
export async function historyLines(store: LedgerStore, filter: HistoryFilter): Promise<unknown[]> {
  const sides: Side[] = filter.side === undefined ? ['debit', 'credit'] : [filter.side];
  const parts = [...sides.map((side) => transferSideLines(store.db, side, filter)), entryLines(store.db, filter)];
  const union = sql.join(
    parts.map((part, index) => sql`select * from (${part}) as ${sql.raw(`part${index}`)}`),
    sql` union all `,
  );
  const { rows } = await sql`${union} order by sequence ${sql.raw(filter.newestFirst ? 'desc' : 'asc')} limit ${filter.limit}`.execute(
    store.db,
  );
  return rows;
}

/** The posted balance of `accountId` after its last movement before `beforeMs`, as text; undefined when it had none. */
export async function postedBalanceBefore(store: LedgerStore, accountId: AccountId, beforeMs: number): Promise<string | undefined> {
  const sideParts = (['debit', 'credit'] as const).map((side) =>
    store.db
      .selectFrom('ledger_transfers')
      .select(['sequence', 'timestamp_ms', text(`${side}_posted_balance_after`).as('balance')])
      .where(`${side}_account_id`, '=', accountId)
      .where(`${side}_posted_balance_after`, 'is not', null)
      .where('timestamp_ms', '<', beforeMs)
      .orderBy('timestamp_ms', 'desc')
      .orderBy('sequence', 'desc')
      .limit(1),
  );
  const entryPart = store.db
    .selectFrom('ledger_account_entries')
    .select(['sequence', 'timestamp_ms', text('posted_balance_after').as('balance')])
    .where('account_id', '=', accountId)
    .where('timestamp_ms', '<', beforeMs)
    .orderBy('timestamp_ms', 'desc')
    .orderBy('sequence', 'desc')
    .limit(1);
  const union = sql.join(
    [...sideParts, entryPart].map((part, index) => sql`select * from (${part}) as ${sql.raw(`part${index}`)}`),
    sql` union all `,
  );
  const { rows } = await sql<{ balance: string }>`${union} order by timestamp_ms desc, sequence desc limit 1`.execute(store.db);
  return rows[0]?.balance;
}
