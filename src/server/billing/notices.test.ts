/**
 * Billing's letters and the overdue rule, on both engines with a real SMTP sink: each invoice is
 * mailed once with its PDF, reminders go at 7 and 14 days past due, a price change reaches every
 * subscriber, and an invoice unpaid past the grace period brings meetings to Free's limits — the
 * plan, rooms and access stay — until it is paid.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoomIdSchema } from '../../shared/ids.js';
import { administratorEmail } from '../network/testing.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { type BillingTestApp, startBillingTestApp } from './testing.js';

const dayMs = 86_400_000;

describe.each(bothEngines)('billing letters and overdue invoices (%s)', (engine) => {
  let fixture: BillingTestApp;
  let alice: TestBrowser;
  let roomId: string;

  beforeEach(async () => {
    fixture = await startBillingTestApp(engine);
    alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    await alice.request('POST', '/api/orgs', { name: 'Green Bakery', slug: 'green' });
    roomId = (await alice.request('POST', '/api/orgs/green/rooms', { name: 'Main', slug: 'main' })).json().roomId;
  });
  afterEach(async () => {
    await fixture.close();
  });

  const mailTo = (to: string, subject: RegExp) =>
    fixture.mail.messages.filter((message) => message.to.includes(to) && subject.test(message.subject));
  /** Waits until `count` letters to `to` match `subject` (delivery is asynchronous), then gives them. */
  const lettersTo = async (to: string, subject: RegExp, count: number) => {
    const deadline = Date.now() + 10_000;
    while (mailTo(to, subject).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    return mailTo(to, subject);
  };
  const later = async (ms: number) => {
    fixture.clock.advance(ms);
    await alice.logIn('alice@example.org', 'correct horse battery');
  };

  it('mails each invoice once, with its PDF, and reminds at 7 and 14 days past due', async () => {
    await alice.request('PUT', '/api/orgs/green/subscription', { planId: 'level-1' });
    await Promise.all([fixture.billing.runScheduledWork(), fixture.billing.runScheduledWork()]);
    const letter = await fixture.mail.waitFor('alice@example.org', /^Invoice 2026-000001 for Green Bakery$/);
    expect(letter.text).toContain('€10.00, due on 15 March 2026');
    expect(letter.text).toContain('http://plenary.test/orgs/green/invoices/2026-000001');
    const [pdf] = letter.raw.attachments;
    expect(pdf?.filename).toBe('invoice-2026-000001.pdf');
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    await fixture.billing.runScheduledWork();
    expect(mailTo('alice@example.org', /^Invoice 2026-000001/)).toHaveLength(1);

    await later(14 * dayMs + 7 * dayMs);
    await fixture.billing.runScheduledWork();
    await fixture.billing.runScheduledWork();
    await fixture.mail.waitFor('alice@example.org', /^Reminder: invoice 2026-000001/);
    expect(mailTo('alice@example.org', /^Reminder/)).toHaveLength(1);
    await later(7 * dayMs);
    await fixture.billing.runScheduledWork();
    await fixture.billing.runScheduledWork();
    const reminders = await lettersTo('alice@example.org', /^Reminder/, 2);
    expect(reminders).toHaveLength(2);
    expect(reminders[1]?.text).toContain('€10.00 is still unpaid');
  });

  it('sends invoices to the organisation’s invoice address in its people’s language', async () => {
    await alice.request('PUT', '/api/account/language', { language: 'fr' });
    await alice.request('PUT', '/api/orgs/green/billing-profile', {
      legalName: 'Green Bakery SCOP',
      address: '',
      taxId: '',
      email: 'compta@green.test',
      language: 'fr',
      creditPayment: 'off',
    });
    await alice.request('PUT', '/api/orgs/green/subscription', { planId: 'level-2' });
    await fixture.billing.runScheduledWork();
    const letter = await fixture.mail.waitFor('compta@green.test', /^Facture 2026-000001 pour Green Bakery$/);
    expect(letter.text).toMatch(/20,00\s€, à payer au plus tard le 15 mars 2026/);
    expect(mailTo('alice@example.org', /2026-000001/)).toHaveLength(0);
  });

  it('announces a price change to every subscriber, from their next period', async () => {
    await alice.request('PUT', '/api/orgs/green/subscription', { planId: 'level-1' });
    const operator = await signedUpPerson(fixture, administratorEmail, 'Operator');
    const level1 = (await fixture.billing.plans()).find((plan) => plan.id === 'level-1');
    const edit = {
      name: 'Level 1',
      participantsMax: 10,
      meetingsMax: 1,
      meetingMinutesMax: null,
      storageMb: level1?.storageMb,
      period: 'month',
      taxRateBasisPoints: 0,
      quoted: false,
      moneyPriceMinor: '1200',
      creditPriceMinor: '1000',
    };
    expect((await operator.request('PUT', '/api/operator/plans/level-1', edit)).statusCode).toBe(200);
    const letter = await fixture.mail.waitFor('alice@example.org', /^The Level 1 plan’s price changes$/);
    expect(letter.text).toContain('€10.00 becomes €12.00 per period');
    expect(letter.text).toContain('starting on 1 April 2026');
    // A new name alone is not a price change.
    await operator.request('PUT', '/api/operator/plans/level-1', { ...edit, name: 'Level One' });
    expect(mailTo('alice@example.org', /price changes/)).toHaveLength(1);
  });

  it('brings meetings to Free’s limits while an invoice is unpaid past the grace period, and back once paid', async () => {
    await alice.request('PUT', '/api/orgs/green/subscription', { planId: 'level-2' });
    const room = RoomIdSchema.parse(roomId);
    expect((await fixture.billing.allowanceOf(room)).participantsMax).toBe(20);
    expect((await alice.request('GET', '/api/me/plans')).json()).toMatchObject({
      organisations: [
        { slug: 'green', plan: { name: 'Level 2', participantsMax: 20 }, subscribedPlan: null, overdue: null, manages: true },
      ],
      personal: { name: 'Free', participantsMax: 5 },
    });
    // Due in 14 days, then 30 days of grace: still Level 2 on the last day.
    await later(44 * dayMs - 60_000);
    expect((await fixture.billing.allowanceOf(room)).participantsMax).toBe(20);
    await later(2 * 60_000);
    expect(await fixture.billing.allowanceOf(room)).toMatchObject({ planName: 'Free', participantsMax: 5, meetingMinutesMax: 60 });
    const subscription = (await alice.request('GET', '/api/orgs/green/subscription')).json();
    expect(subscription).toMatchObject({ plan: { id: 'level-2' }, overdue: { number: '2026-000001' } });
    // The dashboard tells its hosts before their next meeting.
    expect((await alice.request('GET', '/api/me/plans')).json().organisations[0]).toMatchObject({
      plan: { name: 'Free', participantsMax: 5 },
      subscribedPlan: 'Level 2',
      overdue: { number: '2026-000001' },
    });
    // Rooms and access stay: the room is still there and the owner still reads everything.
    expect((await alice.request('GET', '/api/orgs/green')).statusCode).toBe(200);
    expect((await alice.request('GET', '/api/orgs/green/invoices')).statusCode).toBe(200);

    // The April invoice rolled in meanwhile; paying both lifts the limits.
    const treasurer = await signedUpPerson(fixture, administratorEmail, 'Treasurer');
    for (const invoice of (await alice.request('GET', '/api/orgs/green/invoices')).json().invoices) {
      const paid = await treasurer.request('POST', `/api/operator/invoices/${invoice.number}/payments`, {
        amountMinor: invoice.dueMoneyMinor,
        currency: 'EUR',
        note: 'Transfer',
      });
      expect(paid.json().paid).toBe(true);
    }
    expect((await fixture.billing.allowanceOf(room)).participantsMax).toBe(20);
    expect((await alice.request('GET', '/api/orgs/green/subscription')).json().overdue).toBeNull();
  });
});
