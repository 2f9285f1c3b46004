import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installErrorHandlers } from '../http/errors.js';
import { bothEngines } from '../storage/testing.js';
import { ledgerHttp } from './http.js';
import { openTestLedger, type TestLedger } from './test-support.js';

const token = 'a-test-token-that-is-long-enough-0123456789';
const auth = { authorization: `Bearer ${token}` };

async function buildApp(subject: TestLedger, apiToken: string | undefined): Promise<FastifyInstance> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);
  await app.register(ledgerHttp, { ledger: subject.ledger, apiToken, expirySweepIntervalMs: 0 });
  await app.ready();
  return app;
}

const account = (id: string, lowerLimit = '-1000', upperLimit: string | null = '1000') => ({
  id,
  currency: 'SOLI',
  ownerKind: 'member_organisation',
  ownerId: `org-${id}`,
  lowerLimit,
  upperLimit,
});
const transfer = (id: string, amount: unknown, more: Record<string, unknown> = {}) => ({
  kind: 'single_phase',
  id,
  debitAccountId: 'alice',
  creditAccountId: 'bob',
  amount,
  currency: 'SOLI',
  ...more,
});

describe.each(bothEngines)('the ledger HTTP API on %s', (engine) => {
  let subject: TestLedger;
  let app: FastifyInstance;
  beforeEach(async () => {
    subject = await openTestLedger(engine);
    app = await buildApp(subject, token);
    for (const id of ['alice', 'bob']) {
      const response = await app.inject({ method: 'POST', url: '/api/ledger/accounts', headers: auth, payload: account(id) });
      expect(response.statusCode).toBe(201);
    }
  });
  afterEach(async () => {
    await app.close();
    await subject.storage.dispose();
  });

  const ledgerUntouched = async () => {
    const response = await app.inject({ method: 'GET', url: '/api/ledger/currencies/SOLI/trial-balance', headers: auth });
    expect(response.json()).toMatchObject({ totals: { debitsPosted: '0', debitsPending: '0' }, balanced: true });
    const journal = await subject.ledger.verify();
    expect(journal).toMatchObject({ ok: true, transfersChecked: 0 });
  };

  it('refuses requests without the token, with a wrong token, and when no token is configured', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/ledger/currencies' })).statusCode).toBe(401);
    const wrong = await app.inject({ method: 'GET', url: '/api/ledger/currencies', headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({ error: { code: 'invalid_api_token', message: expect.any(String) } });
    const disabled = await buildApp(subject, undefined);
    const refused = await disabled.inject({ method: 'GET', url: '/api/ledger/currencies', headers: auth });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ledger_api_disabled');
    await disabled.close();
  });

  it('creates transfers with amounts as strings and returns named results', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/ledger/transfers',
      headers: auth,
      payload: { transfers: [transfer('t1', '250'), transfer('t2', '5000')] },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.results[0]).toMatchObject({ id: 't1', result: 'ok', replayed: false, transfer: { amount: '250' } });
    expect(body.results[1]).toEqual({ id: 't2', result: 'exceeds_credit_limit' });
    const alice = await app.inject({ method: 'GET', url: '/api/ledger/accounts/alice', headers: auth });
    expect(alice.json()).toMatchObject({ debitsPosted: '250', postedBalance: '-250' });
  });

  it.each([
    ['negative', '-5'],
    ['fractional', '1.5'],
    ['a JSON number', 5],
    ['beyond 2^63', '9223372036854775808'],
    ['not numeric', 'ten'],
    ['empty', ''],
    ['with leading zeros', '007'],
  ])('refuses a %s amount with 400 and leaves the ledger untouched', async (_name, amount) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/ledger/transfers',
      headers: auth,
      payload: { transfers: [transfer('t1', amount)] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    await ledgerUntouched();
  });

  it.each([
    ['a lone high surrogate in the description', { description: 'rent \ud800' }],
    ['a lone low surrogate in the reference', { reference: '\udc00INV-7' }],
    ['reversed surrogates', { description: '\udc00\ud800' }],
  ])('refuses %s with 400 and leaves the ledger untouched', async (_name, more) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/ledger/transfers',
      headers: auth,
      payload: { transfers: [transfer('t1', '5', more)] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('half of a character') });
    await ledgerUntouched();
  });

  it('answers a zero amount and an unknown account with named results and leaves the ledger untouched', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/ledger/transfers',
      headers: auth,
      payload: {
        transfers: [transfer('t1', '0'), transfer('t2', '1', { creditAccountId: 'nobody' }), transfer('t3', '1', { currency: 'EUR' })],
      },
    });
    expect(response.json().results.map((result: { result: string }) => result.result)).toEqual([
      'amount_must_not_be_zero',
      'credit_account_not_found',
      'transfer_currency_must_match_accounts',
    ]);
    await ledgerUntouched();
  });

  it('refuses malformed ids with 400', async () => {
    const badTransfer = await app.inject({
      method: 'POST',
      url: '/api/ledger/transfers',
      headers: auth,
      payload: { transfers: [transfer('../x', '1')] },
    });
    expect(badTransfer.statusCode).toBe(400);
    const badAccount = await app.inject({ method: 'GET', url: '/api/ledger/accounts/%20drop', headers: auth });
    expect(badAccount.statusCode).toBe(400);
    const badCreate = await app.inject({ method: 'POST', url: '/api/ledger/accounts', headers: auth, payload: account('') });
    expect(badCreate.statusCode).toBe(400);
    await ledgerUntouched();
  });

  it('refuses a batch above the schema limit, and a batch of 100,000, with a 4xx', async () => {
    const overLimit = Array.from({ length: 1001 }, (_, index) => transfer(`t${index}`, '1'));
    const response = await app.inject({ method: 'POST', url: '/api/ledger/transfers', headers: auth, payload: { transfers: overLimit } });
    expect(response.statusCode).toBe(400);
    const huge = Array.from({ length: 100_000 }, (_, index) => transfer(`t${index}`, '1'));
    const hugeResponse = await app.inject({ method: 'POST', url: '/api/ledger/transfers', headers: auth, payload: { transfers: huge } });
    expect(hugeResponse.statusCode).toBeGreaterThanOrEqual(400);
    expect(hugeResponse.statusCode).toBeLessThan(500);
    expect(hugeResponse.json().error.code).toBe('request_too_large');
    await ledgerUntouched();
  });

  it('maps account refusals to stable codes', async () => {
    const again = await app.inject({ method: 'POST', url: '/api/ledger/accounts', headers: auth, payload: account('alice') });
    expect(again.statusCode).toBe(200);
    const different = await app.inject({ method: 'POST', url: '/api/ledger/accounts', headers: auth, payload: account('alice', '-5') });
    expect(different.statusCode).toBe(409);
    expect(different.json().error.code).toBe('exists_with_different_fields');
    const positive = await app.inject({ method: 'POST', url: '/api/ledger/accounts', headers: auth, payload: account('carol', '5') });
    expect(positive.json().error.code).toBe('lower_limit_must_not_be_positive');
    const missing = await app.inject({ method: 'GET', url: '/api/ledger/accounts/carol', headers: auth });
    expect(missing.statusCode).toBe(404);
    const limits = await app.inject({
      method: 'PUT',
      url: '/api/ledger/accounts/alice/limits',
      headers: auth,
      payload: { lowerLimit: '-2000', upperLimit: null, changedBy: 'admin@coop', reason: 'two years of trading' },
    });
    expect(limits.json()).toMatchObject({ lowerLimit: '-2000', upperLimit: null });
    const changes = await app.inject({ method: 'GET', url: '/api/ledger/accounts/alice/changes', headers: auth });
    expect(changes.json().changes).toMatchObject([{ changedBy: 'admin@coop', reason: 'two years of trading', lowerLimit: '-2000' }]);
  });

  it('serves a paginated statement, its CSV, a transfer lookup, the verification and the OpenAPI description', async () => {
    for (const id of ['t1', 't2', 't3']) {
      await app.inject({
        method: 'POST',
        url: '/api/ledger/transfers',
        headers: auth,
        payload: { transfers: [transfer(id, '100', { description: `pay, "${id}"` })] },
      });
      subject.clock.advance(1000);
    }
    const first = await app.inject({ method: 'GET', url: '/api/ledger/accounts/alice/statement?limit=2', headers: auth });
    expect(first.json()).toMatchObject({
      openingPostedBalance: '0',
      lines: [{ transferId: 't1', postedBalanceAfter: '-100' }, { transferId: 't2' }],
    });
    const second = await app.inject({
      method: 'GET',
      url: `/api/ledger/accounts/alice/statement?limit=2&cursor=${first.json().nextCursor}`,
      headers: auth,
    });
    expect(second.json()).toMatchObject({
      lines: [{ transferId: 't3', postedBalanceAfter: '-300', counterpartyAccountId: 'bob' }],
      nextCursor: null,
    });
    const fromMs = subject.clock.nowMs() - 2000;
    const period = await app.inject({ method: 'GET', url: `/api/ledger/accounts/alice/statement?fromMs=${fromMs}`, headers: auth });
    expect(period.json()).toMatchObject({ openingPostedBalance: '-100', lines: [{ transferId: 't2' }, { transferId: 't3' }] });
    const csv = await app.inject({ method: 'GET', url: '/api/ledger/accounts/alice/statement.csv', headers: auth });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body.trim().split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[3]).toContain(',t3,single_phase,debit,100,1.00,-3.00,0.00,0.00,bob,"pay, ""t3""",');
    const lookup = await app.inject({ method: 'GET', url: '/api/ledger/transfers/t2', headers: auth });
    expect(lookup.json()).toMatchObject({ transfer: { id: 't2', amount: '100' }, pendingStatus: null });
    const verification = await app.inject({ method: 'GET', url: '/api/ledger/verification', headers: auth });
    expect(verification.json()).toMatchObject({ ok: true, transfersChecked: 3 });
    const unknownCurrency = await app.inject({ method: 'GET', url: '/api/ledger/currencies/EUR/trial-balance', headers: auth });
    expect(unknownCurrency.json().error.code).toBe('currency_not_found');
    const openapi = await app.inject({ method: 'GET', url: '/api/ledger/openapi.json', headers: auth });
    expect(openapi.json().paths['/api/ledger/transfers'].post.requestBody).toBeDefined();
  });
});
