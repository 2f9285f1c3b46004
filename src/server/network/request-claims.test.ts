/**
 * Payment requests left `accepting` are recovered at start-up only by the instance that claimed
 * them, or by any instance once the claim is older than the lease; the expiry notices run on the
 * network's clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { limits } from '../../shared/limits.js';
import type { TestBrowser } from '../people/testing.js';
import { signedUpPerson } from '../people/testing.js';
import { type InstanceId, InstanceIdSchema, localInstanceId } from '../platform/instance.js';
import { bothEngines } from '../storage/testing.js';
import type { NetworkTables } from './migrations.js';
import { startNetworkServices } from './network-services.js';
import { administratorEmail, approvedTrader, type NetworkTestApp, startNetworkTestApp } from './testing.js';

const dayMs = 86_400_000;
let keyCounter = 0;

describe.each(bothEngines)('payment request claims on %s', (engine) => {
  let fixture: NetworkTestApp;
  let alice: TestBrowser;
  let bob: TestBrowser;

  beforeEach(async () => {
    fixture = await startNetworkTestApp(engine);
    const admin = await signedUpPerson(fixture, administratorEmail, 'Network Admin');
    alice = await approvedTrader(fixture, admin, 'alice@acme.test', { name: 'Acme Hosting', slug: 'acme' });
    bob = await approvedTrader(fixture, admin, 'bob@bakery.test', { name: 'Bob Bakery', slug: 'bakery' });
  });
  afterEach(async () => fixture.close());

  const requestPayment = async (body: Record<string, unknown> = {}): Promise<string> => {
    const response = await bob.request('POST', '/api/network/members/bakery/requests', {
      payer: 'acme',
      amount: '9',
      description: 'Design work',
      reference: '',
      idempotencyKey: `claims-${++keyCounter}`,
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  };
  /** What a crash in the middle of accepting leaves: the request claimed by `instance`, now. */
  const leftAccepting = async (id: string, instance: InstanceId) => {
    await fixture.storage.db
      .withTables<NetworkTables>()
      .updateTable('network_requests')
      .set({ status: 'accepting', claimed_by: instance, claimed_at_ms: fixture.clock.nowMs() })
      .where('id', '=', id)
      .execute();
  };
  const statusOf = async (id: string) =>
    (
      await fixture.storage.db
        .withTables<NetworkTables>()
        .selectFrom('network_requests')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirst()
    )?.status;
  /** Another instance (or this one again, after a restart) starting on the same database. */
  const instanceStarts = (instanceId: InstanceId) => startNetworkServices({ ...fixture.network.context.dependencies, instanceId });

  it('claims a request it accepts with its instance', async () => {
    const id = await requestPayment();
    expect((await alice.request('POST', `/api/network/members/acme/requests/${id}/accept`, {})).statusCode).toBe(200);
    const row = await fixture.storage.db
      .withTables<NetworkTables>()
      .selectFrom('network_requests')
      .select(['claimed_by', 'claimed_at_ms'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.claimed_by).toBe(localInstanceId);
    expect(Number(row.claimed_at_ms)).toBe(fixture.clock.nowMs());
  });

  it('is not reopened by another instance starting while its claimer holds it, only by the claimer after a restart', async () => {
    const id = await requestPayment();
    await leftAccepting(id, localInstanceId);
    await instanceStarts(InstanceIdSchema.parse('inst_other'));
    expect(await statusOf(id)).toBe('accepting');
    // The claimer restarts under its stable id: the request was its own, its transfer never happened.
    await instanceStarts(localInstanceId);
    expect(await statusOf(id)).toBe('open');
  });

  it('is recovered by another instance once the claim is older than the lease', async () => {
    const paid = await requestPayment();
    const unpaid = await requestPayment({ amount: '4' });
    // The claimer (now dead) had transferred for one of them before it stopped.
    expect((await alice.request('POST', `/api/network/members/acme/requests/${paid}/accept`, {})).statusCode).toBe(200);
    await leftAccepting(paid, InstanceIdSchema.parse('inst_dead'));
    await leftAccepting(unpaid, InstanceIdSchema.parse('inst_dead'));
    fixture.clock.advance(limits.instanceClaimLeaseMs);
    await instanceStarts(InstanceIdSchema.parse('inst_other'));
    expect([await statusOf(paid), await statusOf(unpaid)]).toEqual(['accepting', 'accepting']);
    fixture.clock.advance(1);
    await instanceStarts(InstanceIdSchema.parse('inst_other'));
    expect([await statusOf(paid), await statusOf(unpaid)]).toEqual(['accepted', 'open']);
    const balance = (await alice.request('GET', '/api/network/members/acme/account')).json().balance;
    expect(balance).toBe('-9.00');
  });

  it('while running, recovers another instance’s lapsed claim but never its own accept under way', async () => {
    const mine = await requestPayment();
    const deadOnes = await requestPayment({ amount: '4' });
    await leftAccepting(deadOnes, InstanceIdSchema.parse('inst_dead'));
    fixture.clock.advance(limits.instanceClaimLeaseMs + 1);
    await leftAccepting(mine, localInstanceId);
    expect(await fixture.network.requests.recover({ startingUp: false })).toBe(1);
    expect([await statusOf(mine), await statusOf(deadOnes)]).toEqual(['accepting', 'open']);
    // Two instances recovering the same paid request at once: the second finds it done, and does not fail.
    const paid = await requestPayment({ amount: '2' });
    expect((await alice.request('POST', `/api/network/members/acme/requests/${paid}/accept`, {})).statusCode).toBe(200);
    await leftAccepting(paid, InstanceIdSchema.parse('inst_dead'));
    fixture.clock.advance(limits.instanceClaimLeaseMs + 1);
    await Promise.all([fixture.network.requests.recover({ startingUp: false }), fixture.network.requests.recover({ startingUp: false })]);
    expect(await statusOf(paid)).toBe('accepted');
  });

  it('tells the requester of an expired request when the clock moves past the sweep, without being asked', async () => {
    await requestPayment({ expiresInDays: 1 });
    fixture.clock.advance(dayMs);
    // The next round of the expiry sweep runs on the network's clock.
    await expect
      .poll(() => {
        fixture.clock.advance(60_000);
        return fixture.mail.messages.some((mail) => /expired unpaid/.test(mail.subject));
      })
      .toBe(true);
  });
});
