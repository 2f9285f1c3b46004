/**
 * Plans and subscriptions. An organisation without a subscription is on the Free plan. Upgrades
 * take effect at once, with the price difference for the rest of the period prorated to the day
 * (an adjustment the next invoice carries); downgrades and cancellations at the period's end.
 * Periods roll over lazily on every read and in the sweep (`advancePeriods`), each change guarded
 * by the row's old period so that two instances or two runs never apply it twice. Every time comes
 * from the clock.
 */
import { nanoid } from 'nanoid';
import type { MyPlansView, Plan, PlanEdit, SubscriptionView } from '../../shared/billing-api.js';
import type { RoomId } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import type { Mailer } from '../email/index.js';
import type { CurrencyCode, Ledger } from '../ledger/index.js';
import type { MeetingAllowance } from '../meetings/allowance.js';
import type { CreditAccounts } from '../network/index.js';
import type { Membership, OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, success } from '../platform/outcome.js';
import type { Storage } from '../storage/index.js';
import { CreditPayments } from './credit-payments.js';
import type { BillingResult } from './failures.js';
import { CoopFinances } from './finances.js';
import { InvoicesService } from './invoices-service.js';
import { type BilledPeriod, type BillingDatabase, type InvoiceTerms, issueInvoice } from './invoicing.js';
import type { BillingTables } from './migrations.js';
import { BillingNotices } from './notices.js';
import { dayMs, daysBetween, periodEnd, prorate } from './periods.js';
import { freePlanId, seedPlans } from './plans.js';
import { Treasury } from './treasury.js';
import { billingWords } from './words.js';

export interface BillingServiceOptions {
  storage: Storage;
  clock: Clock;
  organisations: Pick<OrganisationsService, 'membership' | 'membershipsOf' | 'findOwnedRoom' | 'organisation' | 'peopleWithRoles'>;
  /** Decimal places of the network's credits, for the seeded credit prices. */
  creditScale: number;
  /** Who invoices, in which currency, due when. */
  terms: InvoiceTerms;
  /** The network's credits: their ledger currency, and their name on invoices. */
  credit: { code: CurrencyCode; currencyName: string; scale: number };
  /** The network's trading accounts (paying in credits). */
  creditAccounts: CreditAccounts;
  /** The ledger credits move on. */
  ledger: Pick<Ledger, 'createTransfers' | 'findAccount' | 'findTransfer' | 'statement'>;
  /** Invoices, reminders and price changes go by mail. */
  mailer: Pick<Mailer, 'sendLetter'>;
  /** An absolute link to a path of the site. */
  link: (path: string) => string;
  /** The co-op's own organisation (`COOP_ORGANISATION`): its people read the co-op's finances. */
  coOpOrganisation: string | undefined;
  /** Whether a person is in the co-op's register of members (they read its finances). */
  inRegister?: ((personId: string) => Promise<boolean>) | undefined;
}

interface SubscriptionRow {
  organisationId: string;
  planId: string;
  periodStartMs: number;
  periodEndMs: number;
  nextPlanId: string | null;
  cancelAtPeriodEnd: boolean;
}

const managers = ['owner', 'admin'];

export class BillingService {
  /** The organisations' billing details and invoices. */
  readonly invoices: InvoicesService;
  /** Paying invoices in credits. */
  readonly credits: CreditPayments;
  /** Money payments: by hand and from bank statements. */
  readonly treasury: Treasury;
  /** Invoices, reminders and price changes by email. */
  readonly notices: BillingNotices;
  /** The co-op's finances, open to its members. */
  readonly finances: CoopFinances;

  constructor(private readonly options: BillingServiceOptions) {
    this.credits = new CreditPayments({
      db: () => this.db,
      clock: options.clock,
      ledger: options.ledger,
      creditAccounts: options.creditAccounts,
      credit: options.credit,
    });
    this.finances = new CoopFinances({
      db: () => this.db,
      clock: options.clock,
      ledger: options.ledger,
      creditAccounts: options.creditAccounts,
      organisations: options.organisations,
      coOpOrganisation: options.coOpOrganisation,
      inRegister: options.inRegister,
      currency: options.terms.currency,
    });
    this.notices = new BillingNotices({
      db: () => this.db,
      clock: options.clock,
      mailer: options.mailer,
      organisations: options.organisations,
      link: options.link,
      credit: options.credit,
    });
    this.treasury = new Treasury({ db: () => this.db, clock: options.clock, credits: this.credits, bank: options.terms.seller.bank });
    this.invoices = new InvoicesService({
      db: () => this.db,
      clock: options.clock,
      organisations: options.organisations,
      credit: options.credit,
      credits: this.credits,
      isTradingMember: async (organisationId) => (await options.creditAccounts.accountOf(organisationId))?.approved ?? false,
    });
  }

  /** The credits' name and decimal places, as pages show them. */
  get creditName(): { name: string; scale: number } {
    return { name: this.options.credit.currencyName, scale: this.options.credit.scale };
  }

  /**
   * The scheduler's work, safe to run twice at once or on two instances: periods roll on (each
   * new one invoiced with it), credits are reserved and posted, invoices and reminders mailed.
   * Returns how many things it did.
   */
  async runScheduledWork(): Promise<number> {
    const rolled = await this.advancePeriods();
    const credited = await this.credits.sweep();
    const mailed = await this.notices.send();
    return rolled + credited + mailed;
  }

  private get db(): BillingDatabase {
    return this.options.storage.db.withTables<BillingTables>();
  }

  private now(): number {
    return this.options.clock.nowMs();
  }

  /** Seeds Meet.coop's plans when there are none yet (a new co-op); operators edit them afterwards. */
  async ensurePlans(): Promise<void> {
    const existing = await this.db.selectFrom('billing_plans').select('id').limit(1).executeTakeFirst();
    if (existing) return;
    const now = this.now();
    await this.db.transaction().execute(async (transaction) => {
      for (const plan of seedPlans(this.options.creditScale)) {
        await transaction
          .insertInto('billing_plans')
          .values({ ...planColumns(plan), id: plan.id, position: plan.position, created_at_ms: now, updated_at_ms: now })
          .onConflict((conflict) => conflict.column('id').doNothing())
          .execute();
        await transaction
          .insertInto('billing_plan_prices')
          .values({ plan_id: plan.id, from_ms: 0, money_minor: plan.moneyPriceMinor, credit_minor: plan.creditPriceMinor })
          .onConflict((conflict) => conflict.columns(['plan_id', 'from_ms']).doNothing())
          .execute();
      }
    });
  }

  /** Every plan in order, each with the price of a period starting at `atMs` (default now). */
  async plans(atMs = this.now()): Promise<Plan[]> {
    const rows = await this.db.selectFrom('billing_plans').selectAll().orderBy('position').execute();
    const prices = await this.db
      .selectFrom('billing_plan_prices')
      .selectAll()
      .where('from_ms', '<=', atMs)
      .orderBy('from_ms', 'desc')
      .execute();
    return rows.map((row) => {
      const price = prices.find((candidate) => candidate.plan_id === row.id);
      return toPlan(row, price);
    });
  }

  /** One plan with the price of a period starting at `atMs`, if there is such a plan. */
  async plan(planId: string, atMs = this.now()): Promise<Plan | undefined> {
    return (await this.plans(atMs)).find((plan) => plan.id === planId);
  }

  /**
   * An operator's edit of a plan. A new price applies to periods that start from now on (each
   * subscriber's next one). Lower limits or another period length are refused while organisations
   * subscribe to it (`plan_has_subscribers`): what they paid for stays as it was.
   */
  async editPlan(planId: string, edit: PlanEdit): Promise<BillingResult<Plan>> {
    const current = await this.plan(planId);
    if (!current) return failure('plan_not_found', billingWords.phrase('plan_not_found'));
    const subscribers = await this.subscriberCount(planId);
    if (subscribers > 0 && planId !== freePlanId && lowersWhatWasSold(current, edit)) {
      return failure('plan_has_subscribers', billingWords.phrase('plan_has_subscribers', { plan: current.name, count: subscribers }));
    }
    if (planId === freePlanId && (edit.moneyPriceMinor !== '0' || edit.creditPriceMinor !== '0' || edit.quoted)) {
      return failure('plan_not_editable', billingWords.phrase('free_stays_free'));
    }
    const now = this.now();
    const moneyPriceMinor = BigInt(edit.moneyPriceMinor);
    const creditPriceMinor = BigInt(edit.creditPriceMinor);
    const edited: Plan = { ...current, ...edit, moneyPriceMinor, creditPriceMinor };
    await this.db.transaction().execute(async (transaction) => {
      await transaction
        .updateTable('billing_plans')
        .set({ ...planColumns(edited), updated_at_ms: now })
        .where('id', '=', planId)
        .execute();
      if (moneyPriceMinor !== current.moneyPriceMinor || creditPriceMinor !== current.creditPriceMinor) {
        await transaction
          .insertInto('billing_plan_prices')
          // From the next millisecond: a period starting at this very moment was sold at the old price.
          .values({ plan_id: planId, from_ms: now + 1, money_minor: moneyPriceMinor, credit_minor: creditPriceMinor })
          .onConflict((conflict) =>
            conflict.columns(['plan_id', 'from_ms']).doUpdateSet({ money_minor: moneyPriceMinor, credit_minor: creditPriceMinor }),
          )
          .execute();
      }
    });
    if (moneyPriceMinor !== current.moneyPriceMinor || creditPriceMinor !== current.creditPriceMinor) {
      await this.notices.announcePriceChange(current, edited);
    }
    return success(edited);
  }

  /** How many organisations subscribe to `planId` now, or move to it at their period's end. */
  async subscriberCount(planId: string): Promise<number> {
    const row = await this.db
      .selectFrom('billing_subscriptions')
      .select((expression) => expression.fn.countAll<number | string>().as('count'))
      .where((where) => where.or([where('plan_id', '=', planId), where('next_plan_id', '=', planId)]))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** The organisation's subscription as one of its members sees it (Free when it has none). */
  async subscriptionFor(personId: string, slug: string): Promise<BillingResult<SubscriptionView>> {
    const membership = await this.options.organisations.membership(personId, slug);
    if (!membership) return failure('organisation_not_found', billingWords.phrase('organisation_not_found'));
    return success(await this.view(membership.organisationId));
  }

  /**
   * Changes an organisation's plan (its owners and admins only): a first subscription starts a
   * period now; a dearer plan applies at once, the difference for the rest of the period
   * prorated to the day; a cheaper plan, or `free` (cancelling), from the period's end; the plan
   * in force again undoes a change waiting for the period's end.
   */
  async changePlan(personId: string, slug: string, planId: string): Promise<BillingResult<SubscriptionView>> {
    const membership = await this.options.organisations.membership(personId, slug);
    if (!membership) return failure('organisation_not_found', billingWords.phrase('organisation_not_found'));
    if (!managers.includes(membership.role))
      return failure('role_required', billingWords.phrase('managers_only', { organisation: membership.name }));
    const target = await this.plan(planId);
    if (!target) return failure('plan_not_found', billingWords.phrase('plan_not_found'));
    if (target.quoted) return failure('plan_quoted', billingWords.phrase('plan_quoted', { plan: target.name }));
    const changed = await this.applyChange(membership, target);
    if (!changed.ok) return changed;
    // A first subscription was invoiced just now: its credits are reserved at once when it pays in credits.
    await this.credits.sweep(membership.organisationId);
    return success(await this.view(membership.organisationId));
  }

  /**
   * Applies the change to the subscription as it is now. Each write is guarded by the row it was
   * decided on (its plan and period); when another change or a rollover got there first, the
   * change is decided again on the new row (`attempts` times at most).
   */
  private async applyChange(membership: Membership, target: Plan, attempts = 3): Promise<BillingResult<void>> {
    if (attempts === 0) throw new Error('the subscription kept changing while a change was applied');
    const again = () => this.applyChange(membership, target, attempts - 1);
    const organisationId = membership.organisationId;
    const now = this.now();
    const row = await this.subscriptionRow(organisationId);
    const unchanged = () =>
      failure('plan_unchanged', billingWords.phrase('plan_unchanged', { organisation: membership.name, plan: target.name }));
    if (!row) {
      if (target.id === freePlanId) return unchanged();
      const started = await this.db.transaction().execute(async (transaction) => {
        const inserted = await transaction
          .insertInto('billing_subscriptions')
          .values({
            organisation_id: organisationId,
            plan_id: target.id,
            period_start_ms: now,
            period_end_ms: periodEnd(now, target.period),
            next_plan_id: null,
            cancel_at_period_end: 0,
            created_at_ms: now,
            updated_at_ms: now,
          })
          .onConflict((conflict) => conflict.column('organisation_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
        await issueInvoice(transaction, this.billed(membership.organisationId, membership.name, target, now), this.options.terms, now);
        return true;
      });
      // Two first subscriptions at once: one made it, the other is told the plan is already in force or tries again.
      return started ? success(undefined) : again();
    }
    const guarded = async (values: Partial<BillingTables['billing_subscriptions']>): Promise<BillingResult<void>> => {
      const updated = await this.db
        .updateTable('billing_subscriptions')
        .set(values)
        .where('organisation_id', '=', organisationId)
        .where('period_end_ms', '=', row.periodEndMs)
        .where('plan_id', '=', row.planId)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1 ? success(undefined) : again();
    };
    if (target.id === row.planId) {
      if (!row.cancelAtPeriodEnd && row.nextPlanId === null) return unchanged();
      return guarded({ next_plan_id: null, cancel_at_period_end: 0, updated_at_ms: now });
    }
    if (target.id === freePlanId) return guarded({ next_plan_id: null, cancel_at_period_end: 1, updated_at_ms: now });
    const current = await this.plan(row.planId, row.periodStartMs);
    const targetAtPeriodStart = await this.plan(target.id, row.periodStartMs);
    if (!current || !targetAtPeriodStart) return failure('plan_not_found', billingWords.phrase('plan_not_found'));
    if (targetAtPeriodStart.moneyPriceMinor <= current.moneyPriceMinor) {
      return guarded({ next_plan_id: target.id, cancel_at_period_end: 0, updated_at_ms: now });
    }
    const days = daysBetween(now, row.periodEndMs);
    const periodDays = daysBetween(row.periodStartMs, row.periodEndMs);
    const upgraded = await this.db.transaction().execute(async (transaction) => {
      const updated = await transaction
        .updateTable('billing_subscriptions')
        .set({ plan_id: target.id, next_plan_id: null, cancel_at_period_end: 0, updated_at_ms: now })
        .where('organisation_id', '=', organisationId)
        .where('period_end_ms', '=', row.periodEndMs)
        .where('plan_id', '=', row.planId)
        .executeTakeFirst();
      // Changed meanwhile (another upgrade, a rollover): decided again below, with no adjustment here.
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await transaction
        .insertInto('billing_adjustments')
        .values({
          id: `adjustment_${nanoid(16)}`,
          organisation_id: organisationId,
          kind: 'upgrade',
          from_plan_id: current.id,
          to_plan_id: target.id,
          days,
          period_days: periodDays,
          money_minor: prorate(targetAtPeriodStart.moneyPriceMinor - current.moneyPriceMinor, days, periodDays),
          credit_minor: prorate(targetAtPeriodStart.creditPriceMinor - current.creditPriceMinor, days, periodDays),
          at_ms: now,
          invoice_id: null,
        })
        .execute();
      return true;
    });
    return upgraded ? success(undefined) : again();
  }

  /** The adjustments (prorated upgrades) no invoice carries yet, oldest first. */
  async openAdjustments(organisationId: string): Promise<
    {
      id: string;
      fromPlanId: string;
      toPlanId: string;
      days: number;
      periodDays: number;
      moneyMinor: bigint;
      creditMinor: bigint;
      atMs: number;
    }[]
  > {
    const rows = await this.db
      .selectFrom('billing_adjustments')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('invoice_id', 'is', null)
      .orderBy('at_ms')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      fromPlanId: row.from_plan_id,
      toPlanId: row.to_plan_id,
      days: row.days,
      periodDays: row.period_days,
      moneyMinor: BigInt(row.money_minor),
      creditMinor: BigInt(row.credit_minor),
      atMs: Number(row.at_ms),
    }));
  }

  /**
   * Rolls every subscription whose period has ended into the next: the waiting downgrade applies,
   * a cancelled one ends (Free from then on). Each step is guarded by the old period's end, so
   * running it twice, or on two instances at once, applies it once. Returns how many rolled.
   */
  async advancePeriods(): Promise<number> {
    const now = this.now();
    const due = await this.db.selectFrom('billing_subscriptions').select('organisation_id').where('period_end_ms', '<=', now).execute();
    const planAt = await this.catalogue();
    let rolled = 0;
    let next = 0;
    // A few organisations at a time: each is its own guarded transaction; the year's number is taken last in each.
    await Promise.all(
      Array.from({ length: Math.min(limits.billingRolloverConcurrency, due.length) }, async () => {
        while (next < due.length) {
          const organisationId = due[next++]?.organisation_id;
          if (organisationId === undefined) continue;
          const advanced = await this.advance(organisationId, now, planAt);
          rolled += advanced.rolled;
        }
      }),
    );
    return rolled;
  }

  /** Every plan at every price, read once: the plan with the price of a period starting at a time. */
  private async catalogue(): Promise<(planId: string, atMs: number) => Plan | undefined> {
    const rows = await this.db.selectFrom('billing_plans').selectAll().execute();
    const prices = await this.db.selectFrom('billing_plan_prices').selectAll().orderBy('from_ms', 'desc').execute();
    return (planId, atMs) => {
      const row = rows.find((candidate) => candidate.id === planId);
      const price = prices.find((candidate) => candidate.plan_id === planId && Number(candidate.from_ms) <= atMs);
      return row ? toPlan(row, price) : undefined;
    };
  }

  /** Rolls one subscription on until its period contains `now`: the periods rolled, and the subscription then (none after a cancellation). */
  private async advance(
    organisationId: string,
    now: number,
    planAt?: (planId: string, atMs: number) => Plan | undefined,
  ): Promise<{ rolled: number; row: SubscriptionRow | undefined }> {
    let rolled = 0;
    for (;;) {
      const row = await this.subscriptionRow(organisationId);
      if (!row || row.periodEndMs > now) return { rolled, row };
      if (row.cancelAtPeriodEnd) {
        const deleted = await this.db
          .deleteFrom('billing_subscriptions')
          .where('organisation_id', '=', organisationId)
          .where('period_end_ms', '=', row.periodEndMs)
          .executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 1) rolled += 1;
        continue;
      }
      const planId = row.nextPlanId ?? row.planId;
      const plan = planAt ? planAt(planId, row.periodEndMs) : await this.plan(planId, row.periodEndMs);
      if (!plan) throw new Error(`the plan ${planId} of organisation ${organisationId} is missing`);
      const organisation = await this.options.organisations.organisation(organisationId);
      const periodEndMs = periodEnd(row.periodEndMs, plan.period);
      const advanced = await this.db.transaction().execute(async (transaction) => {
        const updated = await transaction
          .updateTable('billing_subscriptions')
          .set({ plan_id: planId, next_plan_id: null, period_start_ms: row.periodEndMs, period_end_ms: periodEndMs, updated_at_ms: now })
          .where('organisation_id', '=', organisationId)
          .where('period_end_ms', '=', row.periodEndMs)
          .executeTakeFirst();
        // Another run rolled it first, and issued the invoice with it.
        if (Number(updated.numUpdatedRows) !== 1) return false;
        const period = { ...this.billed(organisationId, organisation?.name ?? organisationId, plan, row.periodEndMs), periodEndMs };
        await issueInvoice(transaction, period, this.options.terms, now);
        return true;
      });
      if (advanced) rolled += 1;
    }
  }

  /** The period starting at `startMs` of `plan` for an organisation, to be invoiced. */
  private billed(organisationId: string, organisationName: string, plan: Plan, startMs: number): BilledPeriod {
    return { organisationId, organisationName, plan, periodStartMs: startMs, periodEndMs: periodEnd(startMs, plan.period) };
  }

  private async subscriptionRow(organisationId: string): Promise<SubscriptionRow | undefined> {
    const row = await this.db
      .selectFrom('billing_subscriptions')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      organisationId: row.organisation_id,
      planId: row.plan_id,
      periodStartMs: Number(row.period_start_ms),
      periodEndMs: Number(row.period_end_ms),
      nextPlanId: row.next_plan_id,
      cancelAtPeriodEnd: row.cancel_at_period_end !== 0,
    };
  }

  /** The plan in force for an organisation now (its periods rolled on first), and its subscription. */
  async planInForce(organisationId: string): Promise<{ plan: Plan; subscription: SubscriptionRow | undefined }> {
    const now = this.now();
    const { row: subscription } = await this.advance(organisationId, now);
    const plan = (subscription && (await this.plan(subscription.planId, subscription.periodStartMs))) ?? (await this.freePlan());
    return { plan, subscription };
  }

  private async freePlan(): Promise<Plan> {
    const free = await this.plan(freePlanId);
    if (!free) throw new Error('the Free plan is missing: ensurePlans() was not run');
    return free;
  }

  private async view(organisationId: string): Promise<SubscriptionView> {
    const { plan, subscription } = await this.planInForce(organisationId);
    return {
      plan: planView(plan),
      periodStartMs: subscription?.periodStartMs ?? null,
      periodEndMs: subscription?.periodEndMs ?? null,
      nextPlanId: subscription ? (subscription.cancelAtPeriodEnd ? freePlanId : subscription.nextPlanId) : null,
      overdue: await this.overdueInvoice(organisationId),
    };
  }

  /** The limits that apply to every organisation of the person, and to their own rooms (Free). */
  async plansOf(personId: string): Promise<MyPlansView> {
    const free = await this.freePlan();
    const organisations = [];
    for (const membership of await this.options.organisations.membershipsOf(personId)) {
      const { plan } = await this.planInForce(membership.organisationId);
      const overdue = plan.id === freePlanId ? null : await this.overdueInvoice(membership.organisationId);
      organisations.push({
        slug: membership.slug,
        name: membership.name,
        plan: planView(overdue ? free : plan),
        subscribedPlan: overdue ? plan.name : null,
        overdue,
        manages: managers.includes(membership.role),
      });
    }
    return { organisations, personal: planView(free) };
  }

  /**
   * The oldest invoice of the organisation still unpaid `graceDays` after its due date, if any:
   * while there is one, its meetings keep to the Free plan's limits (it keeps its plan, rooms,
   * data and access; paying lifts it at once).
   */
  async overdueInvoice(organisationId: string): Promise<{ number: string; dueAtMs: number } | null> {
    const row = await this.db
      .selectFrom('billing_invoices')
      .select(['number', 'due_at_ms'])
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'open')
      .where('due_at_ms', '<', this.now() - this.options.terms.graceDays * dayMs)
      .orderBy('due_at_ms')
      .limit(1)
      .executeTakeFirst();
    return row ? { number: row.number, dueAtMs: Number(row.due_at_ms) } : null;
  }

  /**
   * What a room's meetings may do now: its organisation's plan — or Free's limits while an
   * invoice is overdue past the grace period — or Free for a room no organisation owns.
   */
  async allowanceOf(roomId: RoomId): Promise<MeetingAllowance> {
    const owned = await this.options.organisations.findOwnedRoom(roomId);
    const organisationId = owned?.organisationId ?? null;
    const inForce = organisationId ? (await this.planInForce(organisationId)).plan : await this.freePlan();
    const overdue = organisationId && inForce.id !== freePlanId ? await this.overdueInvoice(organisationId) : null;
    const plan = overdue ? await this.freePlan() : inForce;
    return {
      planName: plan.name,
      participantsMax: plan.participantsMax,
      meetingsMax: plan.meetingsMax,
      meetingMinutesMax: plan.meetingMinutesMax,
      holderKey: organisationId ? `org:${organisationId}` : `room:${roomId}`,
    };
  }
}

/** Whether `edit` takes away from subscribers what they pay for: fewer people, meetings or minutes, or another period. */
function lowersWhatWasSold(plan: Plan, edit: PlanEdit): boolean {
  const lower = (before: number | null, after: number | null) => after !== null && (before === null || after < before);
  return (
    edit.participantsMax < plan.participantsMax ||
    lower(plan.meetingsMax, edit.meetingsMax) ||
    lower(plan.meetingMinutesMax, edit.meetingMinutesMax) ||
    edit.storageMb < plan.storageMb ||
    edit.period !== plan.period
  );
}

function planColumns(plan: Omit<Plan, 'id' | 'position' | 'moneyPriceMinor' | 'creditPriceMinor'>) {
  return {
    name: plan.name,
    participants_max: plan.participantsMax,
    meetings_max: plan.meetingsMax,
    meeting_minutes_max: plan.meetingMinutesMax,
    storage_mb: plan.storageMb,
    period: plan.period,
    tax_rate_basis_points: plan.taxRateBasisPoints,
    quoted: plan.quoted ? 1 : 0,
  };
}

function toPlan(row: BillingTables['billing_plans'], price: BillingTables['billing_plan_prices'] | undefined): Plan {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    participantsMax: row.participants_max,
    meetingsMax: row.meetings_max,
    meetingMinutesMax: row.meeting_minutes_max,
    storageMb: row.storage_mb,
    period: row.period === 'year' ? 'year' : 'month',
    taxRateBasisPoints: row.tax_rate_basis_points,
    quoted: row.quoted !== 0,
    moneyPriceMinor: BigInt(price?.money_minor ?? 0),
    creditPriceMinor: BigInt(price?.credit_minor ?? 0),
  };
}

/** A plan in JSON: money as decimal strings of minor units. */
export function planView(plan: Plan): SubscriptionView['plan'] {
  const { position: _position, moneyPriceMinor, creditPriceMinor, ...rest } = plan;
  return { ...rest, moneyPriceMinor: moneyPriceMinor.toString(), creditPriceMinor: creditPriceMinor.toString() };
}
