/**
 * The co-op's finances, open to its members (Open Collective's transparency, for the co-op
 * itself): income and expenses per UTC month and category over the last twelve months, in money
 * and in credits side by side, and the co-op's credit balance. Income: invoice payments
 * (`subscriptions`, money and credits) and credits other members paid the co-op through the
 * network (`network_income`). Expenses: the co-op's credit payments to suppliers through the
 * network (`network_payments`). Both: what the treasurer enters by hand (hosting paid by bank,
 * a grant…), under a category of their own words. Amounts are bigint minor units throughout.
 */
import { stringify } from 'csv-stringify/sync';
import { nanoid } from 'nanoid';
import type { Ledger } from '../ledger/index.js';
import type { CreditAccounts } from '../network/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import type { BillingDatabase } from './invoicing.js';

/** One line of the finances: what came in or went out in a month under a category. */
export interface FinanceLine {
  /** `YYYY-MM`, UTC. */
  month: string;
  direction: 'income' | 'expense';
  /** `subscriptions`, `network_income`, `network_payments`, or the treasurer's own words. */
  category: string;
  moneyMinor: bigint;
  creditMinor: bigint;
}

/** The last twelve months of the co-op's finances. */
export interface Finances {
  /** The twelve months shown, oldest first (`YYYY-MM`). */
  months: string[];
  lines: FinanceLine[];
  /** The co-op's credit balance now (credits minor units); null without a co-op trading account. */
  creditBalanceMinor: bigint | null;
  currency: string;
}

/** An entry the treasurer makes by hand. */
export interface FinanceEntry {
  /** `YYYY-MM-DD`. */
  bookedOn: string;
  direction: 'income' | 'expense';
  category: string;
  description: string;
  moneyMinor: bigint;
  creditMinor: bigint;
}

/** The twelve UTC months ending with the one containing `nowMs`, oldest first. */
export function lastTwelveMonths(nowMs: number): string[] {
  const now = new Date(nowMs);
  return Array.from({ length: 12 }, (_, index) => {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + index, 1));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

export class CoopFinances {
  constructor(
    private readonly options: {
      db: () => BillingDatabase;
      clock: Clock;
      ledger: Pick<Ledger, 'statement' | 'findAccount'>;
      creditAccounts: CreditAccounts;
      organisations: Pick<OrganisationsService, 'membershipsOf'>;
      /** The co-op's own organisation's short name, when it has one. */
      coOpOrganisation: string | undefined;
      /** Whether the person is a member of the co-op in its register (governance), besides the rule below. */
      inRegister?: ((personId: string) => Promise<boolean>) | undefined;
      currency: string;
    },
  ) {}

  /**
   * Whether the person is a member of the co-op: in its register of members (a member in person,
   * a person of a member organisation), or of the co-op's organisation, or of one that subscribes
   * or was ever invoiced.
   */
  async isMember(personId: string): Promise<boolean> {
    if (await this.options.inRegister?.(personId)) return true;
    const memberships = await this.options.organisations.membershipsOf(personId);
    if (memberships.some((membership) => membership.slug === this.options.coOpOrganisation)) return true;
    const organisationIds = memberships.map((membership) => membership.organisationId);
    if (organisationIds.length === 0) return false;
    const subscribing = await this.db
      .selectFrom('billing_subscriptions')
      .select('organisation_id')
      .where('organisation_id', 'in', organisationIds)
      .limit(1)
      .executeTakeFirst();
    if (subscribing) return true;
    const invoiced = await this.db
      .selectFrom('billing_invoices')
      .select('organisation_id')
      .where('organisation_id', 'in', organisationIds)
      .limit(1)
      .executeTakeFirst();
    return invoiced !== undefined;
  }

  private get db(): BillingDatabase {
    return this.options.db();
  }

  /** Records a treasurer's entry. */
  async addEntry(personId: string, entry: FinanceEntry): Promise<void> {
    await this.db
      .insertInto('billing_finance_entries')
      .values({
        id: `entry_${nanoid(16)}`,
        booked_on: entry.bookedOn,
        direction: entry.direction,
        category: entry.category,
        description: entry.description,
        money_minor: entry.moneyMinor,
        credit_minor: entry.creditMinor,
        recorded_by: personId,
        recorded_at_ms: this.options.clock.nowMs(),
      })
      .execute();
  }

  /** The last twelve months, by month and category. */
  async report(): Promise<Finances> {
    const months = lastTwelveMonths(this.options.clock.nowMs());
    const [first] = months;
    const fromMs = Date.parse(`${first}-01T00:00:00Z`);
    const totals = new Map<string, FinanceLine>();
    const add = (month: string, direction: FinanceLine['direction'], category: string, money: bigint, credit: bigint) => {
      if (!months.includes(month)) return;
      const key = `${month}\n${direction}\n${category}`;
      const line = totals.get(key) ?? { month, direction, category, moneyMinor: 0n, creditMinor: 0n };
      line.moneyMinor += money;
      line.creditMinor += credit;
      totals.set(key, line);
    };
    const payments = await this.db
      .selectFrom('billing_payments')
      .select(['kind', 'amount_minor', 'at_ms'])
      .where('at_ms', '>=', fromMs)
      .execute();
    for (const payment of payments) {
      const amount = BigInt(payment.amount_minor);
      add(
        monthOf(Number(payment.at_ms)),
        'income',
        'subscriptions',
        payment.kind === 'money' ? amount : 0n,
        payment.kind === 'credits' ? amount : 0n,
      );
    }
    const entries = await this.db.selectFrom('billing_finance_entries').selectAll().where('booked_on', '>=', `${first}-01`).execute();
    for (const entry of entries) {
      add(
        entry.booked_on.slice(0, 7),
        entry.direction === 'expense' ? 'expense' : 'income',
        entry.category,
        BigInt(entry.money_minor),
        BigInt(entry.credit_minor),
      );
    }
    const coOp = await this.options.creditAccounts.coOpAccount();
    let creditBalanceMinor: bigint | null = null;
    if (coOp) {
      const account = await this.options.ledger.findAccount(coOp.accountId);
      creditBalanceMinor = account ? account.creditsPosted - account.debitsPosted : null;
      await this.addNetworkMovements(coOp.accountId, fromMs, add);
    }
    const lines = [...totals.values()].sort(
      (a, b) => a.month.localeCompare(b.month) || a.direction.localeCompare(b.direction) || a.category.localeCompare(b.category),
    );
    return { months, lines, creditBalanceMinor, currency: this.options.currency };
  }

  /** The co-op account's completed movements other than invoice payments (those are counted from billing's own payments). */
  private async addNetworkMovements(
    accountId: Parameters<Ledger['statement']>[0],
    fromMs: number,
    add: (month: string, direction: FinanceLine['direction'], category: string, money: bigint, credit: bigint) => void,
  ): Promise<void> {
    let cursor: string | undefined;
    do {
      const page = await this.options.ledger.statement(accountId, {
        fromMs,
        toMs: this.options.clock.nowMs() + 1,
        cursor,
        events: ['single_phase', 'post_pending'],
      });
      if (!page) return;
      for (const line of page.lines) {
        if (line.transferId.startsWith('bill-')) continue;
        const month = monthOf(line.timestampMs);
        if (line.side === 'credit') add(month, 'income', 'network_income', 0n, line.amount);
        else add(month, 'expense', 'network_payments', 0n, line.amount);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }

  /** The report as CSV: one row per month, direction and category, amounts in major units. */
  async csv(creditScale: number): Promise<string> {
    const report = await this.report();
    const major = (minor: bigint, scale: number) => {
      const negative = minor < 0n;
      const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
      const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      return negative ? `-${text}` : text;
    };
    return stringify([
      ['month', 'direction', 'category', `money_${report.currency}`, 'credits'],
      ...report.lines.map((line) => [
        line.month,
        line.direction,
        line.category,
        major(line.moneyMinor, 2),
        major(line.creditMinor, creditScale),
      ]),
    ]);
  }
}
