/**
 * Plans and subscriptions over HTTP on both engines, on a clock the tests move: what each plan
 * costs and allows, first subscriptions, upgrades at once (prorated), downgrades and
 * cancellations at the period's end, operators' edits, and the allowance the meeting server asks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoomIdSchema } from '../../shared/ids.js';
import { administratorEmail } from '../network/testing.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import type { BillingService } from './billing-service.js';
import { periodEnd, prorate } from './periods.js';
import { type BillingTestApp, startBillingTestApp } from './testing.js';

const dayMs = 86_400_000;

describe('billing periods', () => {
  it('end on the same day of the next month or year, or that month’s last day', () => {
    expect(new Date(periodEnd(Date.UTC(2026, 0, 31, 9), 'month')).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(new Date(periodEnd(Date.UTC(2028, 0, 31, 9), 'month')).toISOString()).toBe('2028-02-29T09:00:00.000Z');
    expect(new Date(periodEnd(Date.UTC(2026, 11, 15), 'month')).toISOString()).toBe('2027-01-15T00:00:00.000Z');
    expect(new Date(periodEnd(Date.UTC(2028, 1, 29), 'year')).toISOString()).toBe('2029-02-28T00:00:00.000Z');
  });

  it('prorate in whole minor units, rounding half up, never a float', () => {
    expect(prorate(1000n, 15, 30)).toBe(500n);
    expect(prorate(1000n, 1, 3)).toBe(333n);
    expect(prorate(1000n, 2, 3)).toBe(667n);
    expect(prorate(1000n, 0, 30)).toBe(0n);
    expect(prorate(10n ** 18n, 31, 31)).toBe(10n ** 18n);
  });
});

describe.each(bothEngines)('plans and subscriptions (%s)', (engine) => {
  let fixture: BillingTestApp;
  let billing: BillingService;
  let alice: TestBrowser;
  let roomId: string;

  beforeEach(async () => {
    fixture = await startBillingTestApp(engine);
    billing = fixture.billing;
    alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    expect((await alice.request('POST', '/api/orgs', { name: 'Green Bakery', slug: 'green' })).statusCode).toBe(201);
    roomId = (await alice.request('POST', '/api/orgs/green/rooms', { name: 'Main', slug: 'main' })).json().roomId;
  });
  afterEach(async () => {
    await fixture.close();
  });

  /** Moves the clock on; Alice logs in again (sessions last less than a billing period). */
  const later = async (ms: number) => {
    fixture.clock.advance(ms);
    await alice.logIn('alice@example.org', 'correct horse battery');
  };
  const subscription = async (browser = alice) => (await browser.request('GET', '/api/orgs/green/subscription')).json();
  const change = (planId: string, browser = alice) => browser.request('PUT', '/api/orgs/green/subscription', { planId });

  it('offers Meet.coop’s levels, prices in euro cents and credits, to anyone', async () => {
    const plans = (await fixture.app.inject({ method: 'GET', url: '/api/plans' })).json().plans;
    expect(
      plans.map((plan: { id: string; participantsMax: number; moneyPriceMinor: string }) => [
        plan.id,
        plan.participantsMax,
        plan.moneyPriceMinor,
      ]),
    ).toEqual([
      ['free', 5, '0'],
      ['level-1', 10, '1000'],
      ['level-2', 20, '2000'],
      ['level-3', 50, '4500'],
      ['multi-room', 100, '10000'],
      ['custom', 100, '0'],
    ]);
    expect(plans[0]).toMatchObject({ meetingMinutesMax: 60, meetingsMax: 1, creditPriceMinor: '0' });
    expect(plans[3]).toMatchObject({ creditPriceMinor: '4500', period: 'month' });
    expect(plans[5]).toMatchObject({ quoted: true });
    // Seeding again changes nothing.
    await billing.ensurePlans();
    expect((await billing.plans()).length).toBe(6);
  });

  it('starts on Free; a room of the organisation, and one of nobody’s, meet under Free', async () => {
    expect(await subscription()).toMatchObject({ plan: { id: 'free' }, periodStartMs: null, nextPlanId: null });
    expect(await billing.allowanceOf(RoomIdSchema.parse(roomId))).toMatchObject({
      planName: 'Free',
      participantsMax: 5,
      meetingMinutesMax: 60,
      meetingsMax: 1,
      holderKey: expect.stringMatching(/^org:/),
    });
    const lone = await fixture.rooms.create({ name: 'Quick', participantsMax: 20 });
    expect(await billing.allowanceOf(lone.id)).toMatchObject({ planName: 'Free', participantsMax: 5, holderKey: `room:${lone.id}` });
  });

  it('subscribes, upgrades at once with the rest of the period prorated, and downgrades and cancels at the period’s end', async () => {
    const start = fixture.clock.nowMs();
    const first = await change('level-1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ plan: { id: 'level-1' }, periodStartMs: start, periodEndMs: periodEnd(start, 'month') });
    expect((await billing.allowanceOf(RoomIdSchema.parse(roomId))).participantsMax).toBe(10);

    // Ten days in (of a 31-day March), Level 3: at once, 21 days of the €35 difference.
    fixture.clock.advance(10 * dayMs);
    expect((await change('level-3')).json()).toMatchObject({ plan: { id: 'level-3' }, nextPlanId: null });
    expect((await billing.allowanceOf(RoomIdSchema.parse(roomId))).participantsMax).toBe(50);
    const organisationId = (
      await fixture.people.organisations.membership((await alice.request('GET', '/api/account/session')).json().person.id, 'green')
    )?.organisationId;
    const [adjustment] = await billing.openAdjustments(organisationId ?? '');
    expect(adjustment).toMatchObject({
      fromPlanId: 'level-1',
      toPlanId: 'level-3',
      days: 21,
      periodDays: 31,
      moneyMinor: 2371n,
      creditMinor: 2371n,
    });

    // Down to Level 2: from the period's end; Level 3 until then.
    expect((await change('level-2')).json()).toMatchObject({ plan: { id: 'level-3' }, nextPlanId: 'level-2' });
    expect((await change('level-2')).json()).toMatchObject({ nextPlanId: 'level-2' });
    await later(21 * dayMs);
    expect((await subscription()).plan.id).toBe('level-2');
    expect((await subscription()).periodStartMs).toBe(periodEnd(start, 'month'));

    // Cancelling: Level 2 until the end, then Free, with no subscription left.
    expect((await change('free')).json()).toMatchObject({ plan: { id: 'level-2' }, nextPlanId: 'free' });
    // Changing one's mind before the end keeps the plan.
    expect((await change('level-2')).json()).toMatchObject({ plan: { id: 'level-2' }, nextPlanId: null });
    expect((await change('level-2')).json().error.code).toBe('plan_unchanged');
    expect((await change('free')).statusCode).toBe(200);
    await later(40 * dayMs);
    expect(await billing.advancePeriods()).toBe(1);
    expect(await billing.advancePeriods()).toBe(0);
    expect(await subscription()).toMatchObject({ plan: { id: 'free' }, periodStartMs: null });
    expect((await change('free')).json().error.code).toBe('plan_unchanged');
  });

  it('records one upgrade when two are asked at once', async () => {
    await change('level-1');
    fixture.clock.advance(5 * dayMs);
    const answers = await Promise.all([change('level-3'), change('level-3')]);
    // One upgrades; the other finds the plan already in force.
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const session = (await alice.request('GET', '/api/account/session')).json();
    const membership = await fixture.people.organisations.membership(session.person.id, 'green');
    expect(await billing.openAdjustments(membership?.organisationId ?? '')).toHaveLength(1);
  });

  it('lets only owners and admins change the plan, members see it, and strangers learn nothing', async () => {
    const bob = await signedUpPerson(fixture, 'bob@example.org', 'Bob');
    expect((await change('level-1', bob)).json().error.code).toBe('organisation_not_found');
    expect((await bob.request('GET', '/api/orgs/green/subscription')).statusCode).toBe(404);
    await alice.request('POST', '/api/orgs/green/invitations', { email: 'carol@example.org', role: 'member' });
    const carol = await signedUpPerson(fixture, 'carol@example.org', 'Carol');
    const link = (await fixture.mail.waitFor('carol@example.org', /invites you/)).text.match(/token=([\w-]+)/)?.[1];
    expect((await carol.request('POST', '/api/invitations/accept', { token: link })).statusCode).toBe(200);
    expect((await subscription(carol)).plan.id).toBe('free');
    const refused = await change('level-1', carol);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({
      code: 'role_required',
      message: 'Only the owners and admins of Green Bakery can change its plan.',
    });
    const signedOut = await fixture.app.inject({ method: 'PUT', url: '/api/orgs/green/subscription', payload: { planId: 'level-1' } });
    expect(signedOut.statusCode).toBe(401);
    expect((await subscription()).plan.id).toBe('free');
  });

  it('refuses unknown and quoted plans and malformed requests, and changes nothing', async () => {
    expect((await change('platinum')).json().error.code).toBe('plan_not_found');
    const quoted = await change('custom');
    expect(quoted.statusCode).toBe(409);
    expect(quoted.json().error.code).toBe('plan_quoted');
    for (const body of [
      {},
      { planId: '' },
      { planId: 'LEVEL-1' },
      { planId: 1 },
      { planId: 'level-1', extra: true },
      { planId: 'x'.repeat(41) },
    ]) {
      const refused = await alice.request('PUT', '/api/orgs/green/subscription', body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('invalid_request');
    }
    const french = await alice.request('PUT', '/api/orgs/green/subscription', { planId: 'custom' }, { 'accept-language': 'fr' });
    expect(french.json().error.message).toBe(
      'Le prix de la formule Custom est établi sur devis par la coopérative : demandez un devis à ses opérateurs.',
    );
    expect((await subscription()).plan.id).toBe('free');
  });

  it('lets operators reprice a plan from each subscriber’s next period, but not take away what subscribers pay for', async () => {
    const operator = await signedUpPerson(fixture, administratorEmail, 'Operator');
    await change('level-1');
    const level1 = (await billing.plans()).find((plan) => plan.id === 'level-1');
    const edit = {
      name: 'Level 1',
      participantsMax: 10,
      meetingsMax: 1,
      meetingMinutesMax: null,
      storageMb: 1_000,
      period: 'month',
      taxRateBasisPoints: 2_000,
      quoted: false,
      moneyPriceMinor: '1200',
      creditPriceMinor: '1100',
    };
    expect((await alice.request('PUT', '/api/operator/plans/level-1', edit)).json().error.code).toBe('operator_only');
    const repriced = await operator.request('PUT', '/api/operator/plans/level-1', edit);
    expect(repriced.json()).toMatchObject({ moneyPriceMinor: '1200', creditPriceMinor: '1100', taxRateBasisPoints: 2_000 });
    // The period under way keeps its price; the next one costs the new one.
    const current = await subscription();
    expect(current.plan.moneyPriceMinor).toBe(level1?.moneyPriceMinor.toString());
    await later(32 * dayMs);
    await operator.logIn(administratorEmail, 'correct horse battery');
    expect((await subscription()).plan.moneyPriceMinor).toBe('1200');

    const fewer = await operator.request('PUT', '/api/operator/plans/level-1', { ...edit, participantsMax: 8 });
    expect(fewer.statusCode).toBe(409);
    expect(fewer.json().error).toMatchObject({ code: 'plan_has_subscribers' });
    expect((await operator.request('PUT', '/api/operator/plans/level-1', { ...edit, period: 'year' })).json().error.code).toBe(
      'plan_has_subscribers',
    );
    // More is always fine.
    expect((await operator.request('PUT', '/api/operator/plans/level-1', { ...edit, participantsMax: 12 })).statusCode).toBe(200);
    expect((await billing.allowanceOf(RoomIdSchema.parse(roomId))).participantsMax).toBe(12);
    // Free stays free; nonsense is refused by the schema.
    const free = { ...edit, name: 'Free', participantsMax: 5, meetingMinutesMax: 60, storageMb: 0, taxRateBasisPoints: 0 };
    expect((await operator.request('PUT', '/api/operator/plans/free', free)).json().error.code).toBe('plan_not_editable');
    for (const bad of [
      { moneyPriceMinor: '-1' },
      { moneyPriceMinor: '12.5' },
      { moneyPriceMinor: 1200 },
      { creditPriceMinor: '1e3' },
      { participantsMax: 1 },
      { taxRateBasisPoints: 10_001 },
      { period: 'week' },
    ]) {
      expect((await operator.request('PUT', '/api/operator/plans/level-1', { ...edit, ...bad })).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await operator.request('PUT', '/api/operator/plans/none', edit)).json().error.code).toBe('plan_not_found');
  });
});
