/**
 * The ledger's rules, with no database: given the locked accounts and the transfers a batch
 * refers to, decide each transfer's result and compute the new balances. The repository loads
 * the state, calls `applyBatch`, and writes what it returns, all in one database transaction.
 */
import { strict as assert } from 'node:assert';
import { limits } from '../../shared/limits.js';
import {
  type Account,
  type AccountId,
  int64Max,
  type NewTransferRequest,
  type PendingStatus,
  type ResolutionRequest,
  type Transfer,
  type TransferFailureCode,
  type TransferId,
  type TransferRequest,
  type TransferResult,
} from './types.js';

/** A pending transfer's resolution state and deadline. */
export interface PendingState {
  status: PendingStatus;
  expiresAtMs: number;
}

/** What a batch sees: locked accounts and the transfers it refers to (mutated as it applies). */
export interface BatchState {
  nowMs: number;
  accounts: Map<AccountId, Account>;
  transfers: Map<TransferId, Transfer>;
  pendingStates: Map<TransferId, PendingState>;
}

/** One line of an account's history: the movement and the balances right after it. */
export interface AccountEntry {
  accountId: AccountId;
  transferId: TransferId;
  event: 'single_phase' | 'pending' | 'post_pending' | 'void_pending' | 'pending_expired';
  side: 'debit' | 'credit';
  amount: bigint;
  postedBalanceAfter: bigint;
  debitsPendingAfter: bigint;
  creditsPendingAfter: bigint;
}

/** A change to write: a new transfer (or an expiry), its account lines and any pending-state change. */
export interface AppliedChange {
  kind: 'transfer' | 'pending_expired';
  /** The new transfer, or for an expiry the pending transfer that expired. */
  transfer: Transfer;
  entries: AccountEntry[];
  pendingChange: { transferId: TransferId; status: PendingStatus; expiresAtMs: number } | null;
}

/** The outcome of a batch: one result per request, and the changes to write (none when a linked batch fails). */
export interface BatchOutcome {
  results: TransferResult[];
  changes: AppliedChange[];
}

/** Posted balance: credits − debits. */
export function postedBalance(account: Account): bigint {
  return account.creditsPosted - account.debitsPosted;
}

/** True when the account's balance stays within its limits whatever its pending transfers become. */
export function isWithinLimits(account: Account): boolean {
  const lowest = postedBalance(account) - account.debitsPending;
  const highest = postedBalance(account) + account.creditsPending;
  if (account.lowerLimit !== null && lowest < account.lowerLimit) return false;
  if (account.upperLimit !== null && highest > account.upperLimit) return false;
  return true;
}

type Movement = { debitsPosted: bigint; creditsPosted: bigint; debitsPending: bigint; creditsPending: bigint };
const noMovement: Movement = { debitsPosted: 0n, creditsPosted: 0n, debitsPending: 0n, creditsPending: 0n };

function moved(account: Account, movement: Movement): Account {
  return {
    ...account,
    debitsPosted: account.debitsPosted + movement.debitsPosted,
    creditsPosted: account.creditsPosted + movement.creditsPosted,
    debitsPending: account.debitsPending + movement.debitsPending,
    creditsPending: account.creditsPending + movement.creditsPending,
  };
}

function overflow(account: Account): TransferFailureCode | null {
  if (account.debitsPosted > int64Max) return 'overflows_debits_posted';
  if (account.creditsPosted > int64Max) return 'overflows_credits_posted';
  if (account.debitsPending > int64Max) return 'overflows_debits_pending';
  if (account.creditsPending > int64Max) return 'overflows_credits_pending';
  return null;
}

function entry(account: Account, transferId: TransferId, event: AccountEntry['event'], side: AccountEntry['side'], amount: bigint) {
  return {
    accountId: account.id,
    transferId,
    event,
    side,
    amount,
    postedBalanceAfter: postedBalance(account),
    debitsPendingAfter: account.debitsPending,
    creditsPendingAfter: account.creditsPending,
  } satisfies AccountEntry;
}

type Applied = { change: AppliedChange; debit: Account; credit: Account };
type Evaluation = { failure: TransferFailureCode } | { replay: Transfer } | Applied;

function sameNewTransfer(existing: Transfer, request: NewTransferRequest): boolean {
  const timeoutMs = request.kind === 'pending' ? (request.timeoutMs ?? limits.ledgerPendingTimeoutMsDefault) : null;
  const existingTimeoutMs = existing.expiresAtMs === null ? null : existing.expiresAtMs - existing.timestampMs;
  return (
    existing.kind === request.kind &&
    existing.debitAccountId === request.debitAccountId &&
    existing.creditAccountId === request.creditAccountId &&
    existing.amount === request.amount &&
    existing.currency === request.currency &&
    existing.description === request.description &&
    existing.reference === request.reference &&
    existingTimeoutMs === timeoutMs
  );
}

function evaluateNew(state: BatchState, request: NewTransferRequest): Evaluation {
  if (request.debitAccountId === request.creditAccountId) return { failure: 'accounts_must_be_different' };
  if (request.amount === 0n) return { failure: 'amount_must_not_be_zero' };
  const existing = state.transfers.get(request.id);
  if (existing) return sameNewTransfer(existing, request) ? { replay: existing } : { failure: 'exists_with_different_fields' };
  const debitBefore = state.accounts.get(request.debitAccountId);
  if (!debitBefore) return { failure: 'debit_account_not_found' };
  const creditBefore = state.accounts.get(request.creditAccountId);
  if (!creditBefore) return { failure: 'credit_account_not_found' };
  if (debitBefore.currency !== creditBefore.currency) return { failure: 'accounts_must_have_the_same_currency' };
  if (request.currency !== debitBefore.currency) return { failure: 'transfer_currency_must_match_accounts' };
  if (debitBefore.state === 'closed' || creditBefore.state === 'closed') return { failure: 'account_closed' };
  if (debitBefore.state === 'frozen' || creditBefore.state === 'frozen') return { failure: 'account_frozen' };
  const pending = request.kind === 'pending';
  const debit = moved(debitBefore, { ...noMovement, [pending ? 'debitsPending' : 'debitsPosted']: request.amount });
  const credit = moved(creditBefore, { ...noMovement, [pending ? 'creditsPending' : 'creditsPosted']: request.amount });
  const overflowed = overflow(debit) ?? overflow(credit);
  if (overflowed) return { failure: overflowed };
  if (!isWithinLimits(debit)) return { failure: 'exceeds_credit_limit' };
  if (!isWithinLimits(credit)) return { failure: 'exceeds_upper_limit' };
  const expiresAtMs = pending ? state.nowMs + (request.timeoutMs ?? limits.ledgerPendingTimeoutMsDefault) : null;
  const transfer: Transfer = {
    id: request.id,
    kind: request.kind,
    debitAccountId: request.debitAccountId,
    creditAccountId: request.creditAccountId,
    amount: request.amount,
    currency: request.currency,
    description: request.description,
    reference: request.reference,
    pendingId: null,
    expiresAtMs,
    timestampMs: state.nowMs,
    sequence: 0,
  };
  const entries = [
    entry(debit, request.id, request.kind, 'debit', request.amount),
    entry(credit, request.id, request.kind, 'credit', request.amount),
  ];
  const pendingChange = expiresAtMs === null ? null : { transferId: request.id, status: 'pending' as const, expiresAtMs };
  return { change: { kind: 'transfer', transfer, entries, pendingChange }, debit, credit };
}

function pendingProblem(state: BatchState, pendingId: TransferId): TransferFailureCode | Transfer {
  const pending = state.transfers.get(pendingId);
  if (!pending) return 'pending_transfer_not_found';
  if (pending.kind !== 'pending') return 'pending_transfer_not_pending';
  const pendingState = state.pendingStates.get(pendingId);
  assert(pendingState, `pending transfer ${pendingId} has no pending state`);
  if (pendingState.status === 'posted') return 'pending_transfer_already_posted';
  if (pendingState.status === 'voided') return 'pending_transfer_already_voided';
  if (pendingState.status === 'expired' || state.nowMs >= pendingState.expiresAtMs) return 'pending_transfer_expired';
  return pending;
}

function evaluateResolution(state: BatchState, request: ResolutionRequest): Evaluation {
  const requestedAmount = request.kind === 'post_pending' ? request.amount : undefined;
  if (requestedAmount === 0n) return { failure: 'amount_must_not_be_zero' };
  const existing = state.transfers.get(request.id);
  if (existing) {
    const target = state.transfers.get(request.pendingId);
    const same =
      existing.kind === request.kind &&
      existing.pendingId === request.pendingId &&
      existing.amount === (requestedAmount ?? target?.amount) &&
      existing.description === request.description &&
      existing.reference === request.reference;
    return same ? { replay: existing } : { failure: 'exists_with_different_fields' };
  }
  const pending = pendingProblem(state, request.pendingId);
  if (typeof pending === 'string') return { failure: pending };
  const amount = requestedAmount ?? pending.amount;
  if (amount > pending.amount) return { failure: 'exceeds_pending_transfer_amount' };
  const debitBefore = state.accounts.get(pending.debitAccountId);
  const creditBefore = state.accounts.get(pending.creditAccountId);
  assert(debitBefore && creditBefore, 'the accounts of a pending transfer are locked with it');
  assert(debitBefore.state !== 'closed' && creditBefore.state !== 'closed', 'an account with pending transfers cannot be closed');
  const posting = request.kind === 'post_pending';
  if (posting && (debitBefore.state === 'frozen' || creditBefore.state === 'frozen')) return { failure: 'account_frozen' };
  const posted = posting ? amount : 0n;
  const debit = moved(debitBefore, { ...noMovement, debitsPending: -pending.amount, debitsPosted: posted });
  const credit = moved(creditBefore, { ...noMovement, creditsPending: -pending.amount, creditsPosted: posted });
  const overflowed = overflow(debit) ?? overflow(credit);
  if (overflowed) return { failure: overflowed };
  assert(isWithinLimits(debit) && isWithinLimits(credit), 'resolving a reservation never leaves the limits it was checked against');
  const transfer: Transfer = {
    ...pending,
    id: request.id,
    kind: request.kind,
    amount,
    description: request.description,
    reference: request.reference,
    pendingId: pending.id,
    expiresAtMs: null,
    timestampMs: state.nowMs,
    sequence: 0,
  };
  const entries = [entry(debit, request.id, request.kind, 'debit', amount), entry(credit, request.id, request.kind, 'credit', amount)];
  const expiresAtMs = state.pendingStates.get(pending.id)?.expiresAtMs ?? 0;
  const pendingChange = { transferId: pending.id, status: posting ? ('posted' as const) : ('voided' as const), expiresAtMs };
  return { change: { kind: 'transfer', transfer, entries, pendingChange }, debit, credit };
}

function commit(state: BatchState, evaluation: Applied): void {
  state.accounts.set(evaluation.debit.id, evaluation.debit);
  state.accounts.set(evaluation.credit.id, evaluation.credit);
  state.transfers.set(evaluation.change.transfer.id, evaluation.change.transfer);
  const pendingChange = evaluation.change.pendingChange;
  if (pendingChange)
    state.pendingStates.set(pendingChange.transferId, { status: pendingChange.status, expiresAtMs: pendingChange.expiresAtMs });
}

/**
 * Applies `requests` in order to `state`. Unlinked, each succeeds or fails alone; linked, the
 * first failure fails them all (`linked_event_failed` for the others) and no change is returned.
 */
export function applyBatch(state: BatchState, requests: readonly TransferRequest[], linked: boolean): BatchOutcome {
  const results: TransferResult[] = [];
  const changes: AppliedChange[] = [];
  for (const [index, request] of requests.entries()) {
    const evaluation = 'pendingId' in request ? evaluateResolution(state, request) : evaluateNew(state, request);
    if ('failure' in evaluation) {
      if (linked) {
        const failed = requests.map((other, otherIndex) => ({
          id: other.id,
          result: otherIndex === index ? evaluation.failure : ('linked_event_failed' as const),
        }));
        return { results: failed, changes: [] };
      }
      results.push({ id: request.id, result: evaluation.failure });
    } else if ('replay' in evaluation) {
      results.push({ id: request.id, result: 'ok', replayed: true, transfer: evaluation.replay });
    } else {
      commit(state, evaluation);
      changes.push(evaluation.change);
      results.push({ id: request.id, result: 'ok', replayed: false, transfer: evaluation.change.transfer });
    }
  }
  return { results, changes };
}

/** Releases an expired reservation. The caller checked that it is pending and due. */
export function expirePending(state: BatchState, pending: Transfer): AppliedChange {
  const pendingState = state.pendingStates.get(pending.id);
  assert(pendingState?.status === 'pending' && state.nowMs >= pendingState.expiresAtMs, 'only a due pending transfer expires');
  const debitBefore = state.accounts.get(pending.debitAccountId);
  const creditBefore = state.accounts.get(pending.creditAccountId);
  assert(debitBefore && creditBefore, 'the accounts of a pending transfer are locked with it');
  const debit = moved(debitBefore, { ...noMovement, debitsPending: -pending.amount });
  const credit = moved(creditBefore, { ...noMovement, creditsPending: -pending.amount });
  state.accounts.set(debit.id, debit);
  state.accounts.set(credit.id, credit);
  state.pendingStates.set(pending.id, { status: 'expired', expiresAtMs: pendingState.expiresAtMs });
  return {
    kind: 'pending_expired',
    transfer: pending,
    entries: [
      entry(debit, pending.id, 'pending_expired', 'debit', pending.amount),
      entry(credit, pending.id, 'pending_expired', 'credit', pending.amount),
    ],
    pendingChange: { transferId: pending.id, status: 'expired', expiresAtMs: pendingState.expiresAtMs },
  };
}
