/**
 * Verifies the ledger from scratch: walks the journal in order, recomputes every hash, replays
 * every entry into fresh balances (checking each transfer against the rules as it goes), then
 * compares the replay with the tables. Reports the first broken entry.
 */
import { z } from 'zod';
import { inIds } from './bulk.js';
import { ChainHeadRowSchema, canonicalJson, entryHash, genesisHash } from './journal.js';
import {
  AccountPayloadSchema,
  type BalancesAfter,
  ChangesAppliedPayloadSchema,
  ChangesDigestedPayloadSchema,
  CurrencyPayloadSchema,
  LimitsChangedPayloadSchema,
  PendingExpiredPayloadSchema,
  StateChangedPayloadSchema,
  TransferPayloadSchema,
  transferDigest,
  transferIdsListed,
  transferPayload,
} from './journal-payloads.js';
import {
  AccountRowSchema,
  BalancesAfterRowSchema,
  PendingRowSchema,
  selectAccounts,
  selectTransfersWithBalances,
  TransferRowSchema,
} from './rows.js';
import { isWithinLimits, postedBalance } from './transfer-engine.js';
import { type Account, int64Max, type Transfer } from './types.js';
import type { LedgerStore } from './write-transaction.js';

/** What can be wrong, from the chain itself to the tables derived from it. */
export type VerificationProblem =
  | 'sequence_gap'
  | 'previous_hash_mismatch'
  | 'hash_mismatch'
  | 'payload_invalid'
  | 'rule_broken'
  | 'transfer_row_mismatch'
  | 'number_given_twice'
  | 'transfer_not_in_journal'
  | 'chain_head_mismatch'
  | 'account_row_mismatch'
  | 'pending_state_mismatch'
  | 'not_zero_sum';

/** The verdict: everything checked, or the first problem found (with the journal entry when it has one). */
export type VerificationReport =
  | { ok: true; entriesChecked: number; headSequence: number; headHash: string; accountsChecked: number; transfersChecked: number }
  | { ok: false; entriesChecked: number; problem: VerificationProblem; firstBrokenSequence: number | null; detail: string };

class Broken extends Error {
  constructor(
    readonly problem: VerificationProblem,
    readonly sequence: number | null,
    detail: string,
  ) {
    super(detail);
  }
}

const JournalRowSchema = z.object({
  sequence: z.union([z.number(), z.string()]).transform(Number),
  kind: z.string(),
  payload: z.string(),
  previous_hash: z.string(),
  hash: z.string(),
  recorded_at_ms: z.union([z.number(), z.string()]).transform(Number),
});
type JournalRow = z.output<typeof JournalRowSchema>;

interface Replay {
  currencies: Set<string>;
  accounts: Map<string, Account>;
  pending: Map<string, Transfer>;
  transfers: number;
  /** Every change number given so far (transfers and expiries): none may be given twice. */
  numbers: Set<number>;
}

/** A transfer as stored, with the balances its row keeps (null before migration 0662); or a row that does not read as one. */
type StoredTransfer = { transfer: Transfer; debit: BalancesAfter | null; credit: BalancesAfter | null } | { malformed: true };

/**
 * Journal entries read at a time. A batch's entry lists up to 1,000 transfers (about 300 KB when it
 * held every field, before the digests), so a page of 1,000 such entries held 300 MB at once.
 */
const pageSize = 100;
const transfersPerRead = 5000;

function rule(condition: boolean, sequence: number, detail: string): asserts condition {
  if (!condition) throw new Broken('rule_broken', sequence, detail);
}

function parsePayload<T extends z.ZodType>(schema: T, row: JournalRow): z.output<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(row.payload);
  } catch {
    throw new Broken('payload_invalid', row.sequence, 'the payload is not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success || canonicalJson(raw) !== row.payload)
    throw new Broken('payload_invalid', row.sequence, `not a valid ${row.kind} payload`);
  return parsed.data;
}

function account(replay: Replay, id: string, sequence: number): Account {
  const found = replay.accounts.get(id);
  rule(found !== undefined, sequence, `account ${id} does not exist at this point`);
  return found;
}

function move(
  target: Account,
  field: 'debitsPosted' | 'creditsPosted' | 'debitsPending' | 'creditsPending',
  amount: bigint,
  sequence: number,
) {
  target[field] += amount;
  rule(target[field] >= 0n && target[field] <= int64Max, sequence, `${field} of ${target.id} leaves the 64-bit range`);
}

function applyTransfer(replay: Replay, transfer: Transfer, sequence: number): void {
  const debit = account(replay, transfer.debitAccountId, sequence);
  const credit = account(replay, transfer.creditAccountId, sequence);
  rule(debit !== credit && transfer.amount > 0n, sequence, 'a transfer moves a positive amount between two accounts');
  rule(debit.currency === transfer.currency && credit.currency === transfer.currency, sequence, 'currencies differ');
  if (transfer.kind === 'single_phase' || transfer.kind === 'pending') {
    rule(debit.state === 'active' && credit.state === 'active', sequence, 'a transfer touches an account that is not active');
    const pending = transfer.kind === 'pending';
    move(debit, pending ? 'debitsPending' : 'debitsPosted', transfer.amount, sequence);
    move(credit, pending ? 'creditsPending' : 'creditsPosted', transfer.amount, sequence);
    if (pending) replay.pending.set(transfer.id, transfer);
  } else {
    const target = transfer.pendingId === null ? undefined : replay.pending.get(transfer.pendingId);
    rule(target !== undefined, sequence, `pending transfer ${transfer.pendingId} is not pending here`);
    rule(target.debitAccountId === debit.id && target.creditAccountId === credit.id, sequence, 'resolution on other accounts');
    rule(transfer.kind === 'post_pending' ? transfer.amount <= target.amount : transfer.amount === target.amount, sequence, 'wrong amount');
    move(debit, 'debitsPending', -target.amount, sequence);
    move(credit, 'creditsPending', -target.amount, sequence);
    if (transfer.kind === 'post_pending') {
      move(debit, 'debitsPosted', transfer.amount, sequence);
      move(credit, 'creditsPosted', transfer.amount, sequence);
    }
    replay.pending.delete(target.id);
  }
  rule(isWithinLimits(debit) && isWithinLimits(credit), sequence, 'a balance leaves its limits');
  replay.transfers += 1;
}

function claimNumber(replay: Replay, number: number, entrySequence: number): void {
  if (replay.numbers.has(number)) throw new Broken('number_given_twice', entrySequence, `change number ${number} is given twice`);
  replay.numbers.add(number);
}

function rowMismatch(transferId: string, entrySequence: number, what = 'differs from the journal'): Broken {
  return new Broken('transfer_row_mismatch', entrySequence, `the stored transfer ${transferId} ${what}`);
}

/** Checks a journal transfer (every field, entries before `changes_digested`) against its stored row, then applies it. */
function applyJournalTransfer(replay: Replay, transfer: Transfer, stored: StoredTransfer | undefined, entrySequence: number): void {
  if (stored && 'malformed' in stored) throw rowMismatch(transfer.id, entrySequence, 'is malformed');
  if (
    !stored ||
    stored.transfer.sequence !== transfer.sequence ||
    canonicalJson(transferPayload(stored.transfer)) !== canonicalJson(transferPayload(transfer))
  ) {
    throw rowMismatch(transfer.id, entrySequence);
  }
  claimNumber(replay, transfer.sequence, entrySequence);
  applyTransfer(replay, transfer, entrySequence);
  // A row written since 0662 keeps its accounts' balances (statements show them): they must be the replay's.
  if (
    (stored.debit || stored.credit) &&
    (!sameBalances(stored.debit, replay.accounts.get(transfer.debitAccountId)) ||
      !sameBalances(stored.credit, replay.accounts.get(transfer.creditAccountId)))
  )
    throw rowMismatch(transfer.id, entrySequence, 'keeps balances that differ from the replay');
}

function sameBalances(stored: BalancesAfter | null, account: Account | undefined): boolean {
  return (
    stored !== null &&
    account !== undefined &&
    stored.postedBalanceAfter === postedBalance(account) &&
    stored.debitsPendingAfter === account.debitsPending &&
    stored.creditsPendingAfter === account.creditsPending
  );
}

/**
 * A transfer of a `changes_digested` entry: its stored row must have the entry's number and
 * digest; the row is then applied, and the balances it keeps must be those of the replay.
 */
function applyDigestedTransfer(
  replay: Replay,
  change: { sequence: number; transferId: string; digest: string },
  stored: StoredTransfer | undefined,
  entrySequence: number,
): void {
  if (stored && 'malformed' in stored) throw rowMismatch(change.transferId, entrySequence, 'is malformed');
  if (!stored || stored.transfer.sequence !== change.sequence || !stored.debit || !stored.credit)
    throw rowMismatch(change.transferId, entrySequence);
  if (transferDigest(stored.transfer, stored.debit, stored.credit) !== change.digest) throw rowMismatch(change.transferId, entrySequence);
  claimNumber(replay, change.sequence, entrySequence);
  applyTransfer(replay, stored.transfer, entrySequence);
  const { debitAccountId, creditAccountId } = stored.transfer;
  if (
    !sameBalances(stored.debit, replay.accounts.get(debitAccountId)) ||
    !sameBalances(stored.credit, replay.accounts.get(creditAccountId))
  )
    throw rowMismatch(change.transferId, entrySequence, 'keeps balances that differ from the replay');
}

function expire(replay: Replay, pendingId: string, sequence: number): void {
  const target = replay.pending.get(pendingId);
  rule(target !== undefined, sequence, `pending transfer ${pendingId} is not pending here`);
  move(account(replay, target.debitAccountId, sequence), 'debitsPending', -target.amount, sequence);
  move(account(replay, target.creditAccountId, sequence), 'creditsPending', -target.amount, sequence);
  replay.pending.delete(pendingId);
}

type StoredTransfers = ReadonlyMap<string, StoredTransfer>;

/** A batch's entry (either format): its changes in order, numbered in increasing order. */
function applyChanges(replay: Replay, row: JournalRow, transfers: StoredTransfers): void {
  const { changes } =
    row.kind === 'changes_digested' ? parsePayload(ChangesDigestedPayloadSchema, row) : parsePayload(ChangesAppliedPayloadSchema, row);
  let previous = 0;
  for (const change of changes) {
    rule(change.sequence > previous, row.sequence, 'the changes of an entry are not numbered in order');
    previous = change.sequence;
    if ('transferId' in change) applyDigestedTransfer(replay, change, transfers.get(change.transferId), row.sequence);
    else if ('transfer' in change)
      applyJournalTransfer(replay, { ...change.transfer, sequence: change.sequence }, transfers.get(change.transfer.id), row.sequence);
    else {
      claimNumber(replay, change.sequence, row.sequence);
      expire(replay, change.pendingExpired, row.sequence);
    }
  }
}

function applyEntry(replay: Replay, row: JournalRow, transfers: StoredTransfers): void {
  const sequence = row.sequence;
  switch (row.kind) {
    case 'currency_created': {
      const currency = parsePayload(CurrencyPayloadSchema, row);
      rule(!replay.currencies.has(currency.code), sequence, `currency ${currency.code} created twice`);
      replay.currencies.add(currency.code);
      return;
    }
    case 'account_created': {
      const created = parsePayload(AccountPayloadSchema, row);
      rule(
        replay.currencies.has(created.currency) && !replay.accounts.has(created.id),
        sequence,
        `account ${created.id} cannot be created here`,
      );
      const zero = { debitsPosted: 0n, creditsPosted: 0n, debitsPending: 0n, creditsPending: 0n };
      replay.accounts.set(created.id, { ...created, ...zero, state: 'active' });
      return;
    }
    case 'account_limits_changed': {
      const change = parsePayload(LimitsChangedPayloadSchema, row);
      const target = account(replay, change.accountId, sequence);
      Object.assign(target, { lowerLimit: change.lowerLimit, upperLimit: change.upperLimit });
      rule(isWithinLimits(target), sequence, `the new limits of ${target.id} exclude its balance`);
      return;
    }
    case 'account_state_changed': {
      const change = parsePayload(StateChangedPayloadSchema, row);
      const target = account(replay, change.accountId, sequence);
      rule(target.state !== 'closed', sequence, `account ${target.id} changes after being closed`);
      target.state = change.state;
      return;
    }
    case 'changes_digested':
    case 'changes_applied':
      applyChanges(replay, row, transfers);
      return;
    case 'transfer_created': {
      // Before migration 0660: one entry per transfer, numbered by the entry.
      const transfer = { ...parsePayload(TransferPayloadSchema, row), sequence };
      applyJournalTransfer(replay, transfer, transfers.get(transfer.id), sequence);
      return;
    }
    case 'pending_expired':
      claimNumber(replay, sequence, sequence);
      expire(replay, parsePayload(PendingExpiredPayloadSchema, row).pendingId, sequence);
      return;
    default:
      throw new Broken('payload_invalid', sequence, `unknown entry kind ${row.kind}`);
  }
}

/** The stored transfers with these ids (with the balances their rows keep), by id, a few thousand per read. */
async function transfersByIds(store: LedgerStore, ids: readonly string[]): Promise<Map<string, StoredTransfer>> {
  const found = new Map<string, StoredTransfer>();
  for (let start = 0; start < ids.length; start += transfersPerRead) {
    const rows = await selectTransfersWithBalances(store.db)
      .where(inIds(store, 'id', ids.slice(start, start + transfersPerRead)))
      .execute();
    for (const row of rows) {
      // A row edited into something unreadable is reported where its entry is checked, not thrown.
      const transfer = TransferRowSchema.safeParse(row);
      const balances = BalancesAfterRowSchema.safeParse(row);
      if (transfer.success && balances.success) found.set(transfer.data.id, { transfer: transfer.data, ...balances.data });
      else found.set(String((row as { id: unknown }).id), { malformed: true });
    }
  }
  return found;
}

/** Checks and applies `rows` (consecutive entries); returns the last hash. */
async function walkRows(store: LedgerStore, replay: Replay, rows: readonly JournalRow[], start: { sequence: number; hash: string }) {
  let previousHash = start.hash;
  let expected = start.sequence;
  for (let first = 0; first < rows.length; ) {
    // Enough entries to name about transfersPerRead transfers, read by id.
    const ids: string[] = [];
    let end = first;
    while (end < rows.length && (end === first || ids.length < transfersPerRead)) {
      const row = rows[end];
      if (row) ids.push(...transferIdsListed(row.kind, row.payload));
      end += 1;
    }
    const transfers = await transfersByIds(store, ids);
    for (const row of rows.slice(first, end)) {
      if (row.sequence !== expected) throw new Broken('sequence_gap', expected, `entry ${expected} is missing`);
      if (row.previous_hash !== previousHash)
        throw new Broken('previous_hash_mismatch', row.sequence, 'the entry does not follow the one before');
      if (row.hash !== entryHash(previousHash, row.sequence, row.kind, row.recorded_at_ms, row.payload)) {
        throw new Broken('hash_mismatch', row.sequence, 'the entry was changed after it was written');
      }
      applyEntry(replay, row, transfers);
      previousHash = row.hash;
      expected += 1;
    }
    first = end;
  }
  return { sequence: expected, hash: previousHash };
}

async function walkJournal(store: LedgerStore, replay: Replay): Promise<{ entries: number; headSequence: number; headHash: string }> {
  let position = { sequence: 1, hash: genesisHash };
  for (;;) {
    const rows = (
      await store.db
        .selectFrom('ledger_journal')
        .selectAll()
        .where('sequence', '>=', position.sequence)
        .orderBy('sequence')
        .limit(pageSize)
        .execute()
    ).map((row) => JournalRowSchema.parse(row));
    if (rows.length === 0) return { entries: position.sequence - 1, headSequence: position.sequence - 1, headHash: position.hash };
    position = await walkRows(store, replay, rows, position);
  }
}

const accountFields = [
  'currency',
  'ownerKind',
  'ownerId',
  'lowerLimit',
  'upperLimit',
  'state',
  'debitsPosted',
  'creditsPosted',
  'debitsPending',
  'creditsPending',
] as const;

async function compareTables(store: LedgerStore, replay: Replay, head: { headSequence: number; headHash: string }): Promise<void> {
  const storedHead = ChainHeadRowSchema.parse(
    await store.db.selectFrom('ledger_chain_head').select(['sequence', 'hash']).executeTakeFirstOrThrow(),
  );
  if (storedHead.sequence !== head.headSequence || storedHead.hash !== head.headHash) {
    throw new Broken('chain_head_mismatch', head.headSequence, 'the chain head does not match the last entry');
  }
  const counted = await store.db
    .selectFrom('ledger_transfers')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(counted.count) !== replay.transfers)
    throw new Broken('transfer_not_in_journal', null, 'the transfers table holds transfers the journal lacks');
  const rows = (await selectAccounts(store.db).execute()).map((row) => AccountRowSchema.parse(row));
  if (rows.length !== replay.accounts.size)
    throw new Broken('account_row_mismatch', null, 'the accounts table and the journal list different accounts');
  const sums = new Map<string, { posted: bigint; pending: bigint }>();
  for (const row of rows) {
    const replayed = replay.accounts.get(row.id);
    const differing = accountFields.find((field) => replayed?.[field] !== row[field]);
    if (differing) throw new Broken('account_row_mismatch', null, `account ${row.id}: ${differing} differs from the journal`);
    const sum = sums.get(row.currency) ?? { posted: 0n, pending: 0n };
    sum.posted += row.creditsPosted - row.debitsPosted;
    sum.pending += row.creditsPending - row.debitsPending;
    sums.set(row.currency, sum);
  }
  for (const [currency, sum] of sums) {
    if (sum.posted !== 0n || sum.pending !== 0n) throw new Broken('not_zero_sum', null, `${currency} does not sum to zero`);
  }
  const pendingRows = (await store.db.selectFrom('ledger_pending_transfers').selectAll().where('status', '=', 'pending').execute()).map(
    (row) => PendingRowSchema.parse(row),
  );
  if (pendingRows.length !== replay.pending.size || pendingRows.some((row) => !replay.pending.has(row.transfer_id))) {
    throw new Broken('pending_state_mismatch', null, 'pending transfers differ from the journal');
  }
}

/** Verifies the chain, replays it, and checks every table and invariant against the replay. */
export async function verifyLedger(store: LedgerStore): Promise<VerificationReport> {
  const replay: Replay = { currencies: new Set(), accounts: new Map(), pending: new Map(), transfers: 0, numbers: new Set() };
  let entries = 0;
  try {
    const head = await walkJournal(store, replay);
    entries = head.entries;
    await compareTables(store, replay, head);
    const { headSequence, headHash } = head;
    return {
      ok: true,
      entriesChecked: entries,
      headSequence,
      headHash,
      accountsChecked: replay.accounts.size,
      transfersChecked: replay.transfers,
    };
  } catch (error) {
    if (!(error instanceof Broken)) throw error;
    const checked = error.sequence === null ? entries : error.sequence - 1;
    return { ok: false, entriesChecked: checked, problem: error.problem, firstBrokenSequence: error.sequence, detail: error.message };
  }
}
