import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installErrorHandlers } from '../http/errors.js';
import { bothEngines } from '../storage/testing.js';
import { ledgerHttp } from './http.js';
import { openTestLedger, type TestLedger } from './test-support.js';

const token = 'a-test-token-that-is-long-enough-0123456789';
const english = { authorization: `Bearer ${token}` };
const french = { ...english, 'accept-language': 'fr-FR,fr;q=0.9' };
const account = (id: string, lowerLimit: string) => ({
  id,
  currency: 'SOLI',
  ownerKind: 'member_organisation',
  ownerId: `org-${id}`,
  lowerLimit,
  upperLimit: '1000',
});

describe.each(bothEngines)('the ledger HTTP API speaks the request’s language (%s)', (engine) => {
  let subject: TestLedger;
  let app: FastifyInstance;
  beforeEach(async () => {
    subject = await openTestLedger(engine);
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandlers(app);
    await app.register(ledgerHttp, { ledger: subject.ledger, apiToken: token, expirySweepIntervalMs: 0 });
    await app.ready();
    expect(
      (await app.inject({ method: 'POST', url: '/api/ledger/accounts', headers: english, payload: account('alice', '-10') })).statusCode,
    ).toBe(201);
  });
  afterEach(async () => {
    await app.close();
    await subject.storage.dispose();
  });

  it.each([
    [
      'an account created again with other fields',
      'POST',
      '/api/ledger/accounts',
      account('alice', '-20'),
      409,
      'exists_with_different_fields',
      'Something with this id already exists with different fields.',
      'Un élément avec cet identifiant existe déjà, avec d’autres champs.',
    ],
    [
      'a positive lower limit',
      'POST',
      '/api/ledger/accounts',
      account('bob', '5'),
      422,
      'lower_limit_must_not_be_positive',
      'The lower limit must be zero or negative: accounts start at zero.',
      'La limite inférieure doit être nulle ou négative : les comptes commencent à zéro.',
    ],
    [
      'an unknown account',
      'GET',
      '/api/ledger/accounts/nobody',
      undefined,
      404,
      'account_not_found',
      'There is no account with this id.',
      'Aucun compte n’a cet identifiant.',
    ],
    [
      'an unknown transfer',
      'GET',
      '/api/ledger/transfers/nothing',
      undefined,
      404,
      'transfer_not_found',
      'There is no transfer with this id.',
      'Aucun virement n’a cet identifiant.',
    ],
    [
      'an unknown currency',
      'GET',
      '/api/ledger/currencies/NONE/trial-balance',
      undefined,
      404,
      'currency_not_found',
      'There is no currency with this code.',
      'Aucune monnaie n’a ce code.',
    ],
  ] as const)(
    'refuses %s in English or French, with the same code and status',
    async (_name, method, url, payload, status, code, inEnglish, inFrench) => {
      const answers = [];
      for (const headers of [english, french]) {
        const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        expect(response.statusCode).toBe(status);
        answers.push(response.json().error);
      }
      expect(answers).toEqual([
        { code, message: inEnglish },
        { code, message: inFrench },
      ]);
    },
  );
});
