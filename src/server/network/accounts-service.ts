/**
 * Reading members' accounts: balance, available credit, a filtered statement and its CSV, and
 * the network overview for administrators. The co-op's own account is open to every participant
 * (its finances are public to the network); any other account only to its people and administrators.
 */
import { stringify } from 'csv-stringify/sync';
import { limits, networkLimits } from '../../shared/limits.js';
import type { AccountView, AdminMemberView, NetworkOverview, StatementLineView, StatementQueryInput } from '../../shared/network-api.js';
import type { Account, AccountId, StatementLine } from '../ledger/index.js';
import { failure, success } from '../platform/outcome.js';
import { spreadsheetSafe } from '../platform/spreadsheet.js';
import { zonedTimeToUtcMs } from '../scheduling/index.js';
import { type Actor, type NetworkContext, networkFailures } from './context.js';
import type { NetworkResult } from './failures.js';
import { type Member, memberSummary } from './members.js';
import { availableOf } from './payments-service.js';
import { networkWords, statusPhrase } from './words.js';

const dayMs = 86_400_000;

/** What a statement shows: completed payments, not reservations (pending transfers and their ends). */
const settledEvents = ['single_phase', 'post_pending'] as const;

/** The day after `date` (`YYYY-MM-DD`). */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
}

/** [fromMs, toMs) of a statement query: whole days in the viewer's time zone (UTC if none), `to` included. */
function period(query: StatementQueryInput, nowMs: number): { fromMs: number; toMs: number } {
  const timeZone = query.timeZone ?? 'UTC';
  const fromMs = query.from ? zonedTimeToUtcMs(`${query.from}T00:00`, timeZone) : 0;
  const toMs = query.to ? zonedTimeToUtcMs(`${nextDay(query.to)}T00:00`, timeZone) : nowMs + 1;
  return { fromMs, toMs };
}

/** Statements, CSV and the overview. */
export class AccountsService {
  constructor(private readonly context: NetworkContext) {}

  private async readable(actor: Actor, slug: string): Promise<NetworkResult<{ member: Member; accountId: AccountId }>> {
    const member = await this.context.members.bySlug(slug);
    if (!member) return networkFailures.memberNotFound();
    const mayRead =
      actor.administrator ||
      this.context.accessTo(actor, member) !== undefined ||
      (member.coOp && member.status !== 'applied' && (await this.context.isParticipant(actor)));
    if (!mayRead) return networkFailures.memberNotFound();
    const accountId = this.context.accountIdOf(member);
    if (!accountId) return failure('not_approved', statusPhrase('no_account_yet', member));
    return success({ member, accountId });
  }

  /** Balance, limits and one page of the statement, filtered. */
  async account(actor: Actor, slug: string, query: StatementQueryInput): Promise<NetworkResult<AccountView>> {
    const found = await this.readable(actor, slug);
    if (!found.ok) return found;
    const { member, accountId } = found.value;
    const account = await this.findAccount(accountId);
    const page = await this.lines(accountId, query, networkLimits.statementLinesPerPageMax, 'newest');
    const balance = account.creditsPosted - account.debitsPosted;
    const available = availableOf(account);
    return success({
      member: memberSummary(member),
      currency: this.context.currency,
      balance: this.context.format(balance),
      available: this.context.format(available ?? balance),
      creditLimit: this.context.format(account.lowerLimit === null ? 0n : -account.lowerLimit),
      balanceLimit: account.upperLimit === null ? null : this.context.format(account.upperLimit),
      sold: this.context.format(account.creditsPosted),
      bought: this.context.format(account.debitsPosted),
      lines: page.lines,
      nextCursor: page.nextCursor,
    });
  }

  private async findAccount(accountId: AccountId): Promise<Account> {
    const account = await this.context.dependencies.ledger.findAccount(accountId);
    if (!account) throw new Error(`the ledger account ${accountId} of a member is missing`);
    return account;
  }

  /**
   * Up to `count` statement lines matching the filters, in `order`, and the cursor after the last
   * one read. Pages on screen run newest first; the CSV export runs oldest first, as accounts do.
   */
  private async lines(
    accountId: AccountId,
    query: StatementQueryInput,
    count: number,
    order: 'oldest' | 'newest',
  ): Promise<{ lines: StatementLineView[]; nextCursor: string | null }> {
    const counterparty = query.counterparty ? await this.context.members.bySlug(query.counterparty) : undefined;
    const counterpartyAccount = counterparty && this.context.accountIdOf(counterparty);
    if (query.counterparty && !counterpartyAccount) return { lines: [], nextCursor: null };
    const lines: StatementLine[] = [];
    let cursor = query.cursor;
    // The ledger filters; each page it returns is all wanted lines, so this reads no more than asked.
    do {
      const page = await this.context.dependencies.ledger.statement(accountId, {
        ...period(query, this.context.nowMs()),
        cursor,
        limit: Math.min(count - lines.length, limits.ledgerStatementLinesPerPageMax),
        order,
        side: query.direction === undefined ? undefined : query.direction === 'in' ? 'credit' : 'debit',
        counterpartyAccountId: counterpartyAccount || undefined,
        events: settledEvents,
      });
      if (!page) throw new Error(`the statement of ${accountId} is missing`);
      lines.push(...page.lines);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && lines.length < count);
    // Only the members these lines name are read.
    const byAccount = await this.context.members.byAccounts([...new Set(lines.map((line) => line.counterpartyAccountId))]);
    return { lines: lines.map((line) => this.lineView(line, byAccount)), nextCursor: cursor ?? null };
  }

  private lineView(line: StatementLine, byAccount: Map<string, Member>): StatementLineView {
    const counterparty = byAccount.get(line.counterpartyAccountId);
    return {
      sequence: line.sequence,
      atMs: line.timestampMs,
      transferId: line.transferId,
      direction: line.side === 'credit' ? 'in' : 'out',
      amount: this.context.format(line.amount),
      balanceAfter: this.context.format(line.postedBalanceAfter),
      counterparty: counterparty ? { slug: counterparty.slug, name: counterparty.name } : null,
      description: line.description,
      reference: line.reference,
    };
  }

  /** The filtered statement as CSV (UTF-8, CRLF), with amounts signed from the member's side. */
  async statementCsv(actor: Actor, slug: string, query: StatementQueryInput): Promise<NetworkResult<{ filename: string; csv: string }>> {
    const found = await this.readable(actor, slug);
    if (!found.ok) return found;
    const { lines } = await this.lines(found.value.accountId, { ...query, cursor: undefined }, limits.ledgerStatementCsvLinesMax, 'oldest');
    const csv = stringify(
      lines.map((line) => [
        new Date(line.atMs).toISOString(),
        line.direction,
        spreadsheetSafe(line.counterparty?.name ?? ''),
        spreadsheetSafe(line.description),
        spreadsheetSafe(line.reference),
        line.direction === 'in' ? line.amount : `-${line.amount}`,
        line.balanceAfter,
        line.transferId,
      ]),
      {
        header: true,
        columns: ['time', 'direction', 'counterparty', 'description', 'reference', 'amount', 'balance_after', 'transfer_id'],
        record_delimiter: 'windows',
      },
    );
    return success({ filename: `${found.value.member.slug}-statement.csv`, csv });
  }

  /** The network overview; administrators only. */
  async overview(actor: Actor): Promise<NetworkResult<NetworkOverview>> {
    if (!actor.administrator) return networkFailures.administratorRequired();
    const members = await this.context.members.list();
    const trial = await this.context.dependencies.ledger.trialBalance(this.context.currency.code);
    const accounts = new Map(trial.accounts.map((account) => [account.id as string, account]));
    const applicants = new Map<string, string>();
    for (const id of new Set(members.map((member) => member.appliedBy))) {
      const person = await this.context.dependencies.findPerson(id);
      if (person) applicants.set(id, person.email ? `${person.name} <${person.email}>` : person.name);
    }
    const unknown = networkWords.in(actor.language, 'unknown_applicant');
    const views = members.map((member) =>
      this.adminView(member, member.accountId ? accounts.get(member.accountId) : undefined, applicants.get(member.appliedBy) ?? unknown),
    );
    const now = new Date(this.context.nowMs());
    const yearAgo = Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1);
    const turnover = await this.context.dependencies.ledger.turnoverByMonth(this.context.currency.code, yearAgo);
    const count = (status: Member['status']) => members.filter((member) => member.status === status).length;
    return success({
      currency: this.context.currency,
      counts: { applied: count('applied'), approved: count('approved'), declined: count('declined'), suspended: count('suspended') },
      turnoverByMonth: turnover.map((month) => ({
        month: month.month,
        amount: this.context.format(month.amount),
        payments: month.transfers,
      })),
      applications: views.filter((view) => view.status === 'applied'),
      members: views.filter((view) => view.status === 'approved' || view.status === 'suspended'),
      nearLimit: views.filter(
        (view) => view.status === 'approved' && view.limitUsed !== null && view.limitUsed >= networkLimits.nearLimitShare,
      ),
    });
  }

  private adminView(member: Member, account: Account | undefined, appliedBy: string): AdminMemberView {
    const balance = account ? account.creditsPosted - account.debitsPosted : null;
    const creditLimit = account?.lowerLimit == null ? null : -account.lowerLimit;
    const used = balance !== null && account ? -(balance - account.debitsPending) : 0n;
    return {
      ...memberSummary(member),
      appliedAtMs: member.appliedAtMs,
      appliedBy,
      description: member.description,
      balance: balance === null ? null : this.context.format(balance),
      creditLimit: creditLimit === null ? null : this.context.format(creditLimit),
      limitUsed: creditLimit === null || creditLimit === 0n ? null : Math.max(0, Number((used * 10_000n) / creditLimit) / 10_000),
      reason: member.reason,
    };
  }
}
