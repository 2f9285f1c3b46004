/**
 * Test fixture for governance: the people-side app on either engine with governance's routes,
 * an operator, and two people (Alice, who runs the organisation Green Bakery, and Bob), all signed
 * in; `later` moves the clock and signs them in again.
 */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { RoomIdSchema } from '../../shared/ids.js';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, type TestBrowser } from '../people/testing.js';
import type { StorageEngine } from '../storage/index.js';
// Every migration of the domain, from its index (where each part's are merged).
import {
  assembliesHttp,
  type Governance,
  governanceCalendarHttp,
  governanceHttp,
  governanceMigrations,
  governancePersonalTables,
  startGovernance,
} from './index.js';

/** One day in milliseconds. */
export const dayMs = 86_400_000;
/** The operator's email address. */
export const operatorEmail = 'op@coop.test';
/** Every test person's password. */
export const testPassword = 'correct horse battery';

/** A running governance app and its people. */
export interface GovernanceTestApp {
  fixture: PeopleTestApp;
  governance: Governance;
  operator: TestBrowser;
  alice: TestBrowser;
  bob: TestBrowser;
  /** Moves the clock by `ms` and signs the operator, Alice and Bob in again (their sessions may have expired). */
  later(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** What the governance test app can be started with. */
export interface GovernanceTestOptions {
  /** Where every request's log goes (default: the fixture's silent logger). */
  requestLogger?: Logger;
}

/** Starts governance over HTTP on `engine`, with the operator, Alice (and Green Bakery) and Bob. */
export async function startGovernanceTestApp(engine: StorageEngine, options: GovernanceTestOptions = {}): Promise<GovernanceTestApp> {
  let governance: Governance | undefined;
  const fixture = await startPeopleTestApp(engine, {
    operatorEmails: [operatorEmail],
    extraMigrations: governanceMigrations,
    // Governance's section of the data export, as app.ts adds it (governance starts below, before any request).
    yourDataSections: {
      governance: {
        tables: governancePersonalTables,
        collect: (person) =>
          governance ? governance.yourDataSection.collect(person) : Promise.reject(new Error('governance not started')),
      },
    },
    extend: async ({ app, storage, people, clock, rooms }) => {
      const { requestLogger } = options;
      // Each request logs to `requestLogger`, through the serializers Fastify gives the app's logger (as in production).
      if (requestLogger) {
        app.setChildLoggerFactory((logger, bindings, childOptions) => {
          const serializers = (logger as unknown as Record<symbol, pino.LoggerOptions['serializers']>)[pino.symbols.serializersSym];
          return requestLogger.child(bindings, { ...childOptions, serializers: { ...serializers, ...childOptions.serializers } });
        });
      }
      governance = await startGovernance({
        storage,
        clock,
        organisations: people.organisations,
        people: {
          nameOf: async (personId) => (await people.accounts.findPerson(personId))?.name,
          idOfEmail: async (email) => (await people.accounts.findByEmail(email))?.id,
          emailOf: async (personId) => (await people.accounts.findPerson(personId))?.email ?? undefined,
        },
        mailer: people.mailer,
        link: (path) => `http://plenary.test${path}`,
        roomName: async (roomId) => {
          const parsed = RoomIdSchema.safeParse(roomId);
          return parsed.success ? (await rooms.find(parsed.data))?.name : undefined;
        },
      });
      const isOperator = (person: { email: string; emailVerified: boolean }) => person.emailVerified && person.email === operatorEmail;
      await app.register(governanceHttp, { governance, isOperator });
      await app.register(assembliesHttp, { governance, isOperator });
      await app.register(governanceCalendarHttp, { governance, isOperator, link: (path) => `http://plenary.test${path}` });
    },
  });
  if (!governance) throw new Error('governance did not start');
  const operator = await signedUpPerson(fixture, operatorEmail, 'Olu Operator');
  const alice = await signedUpPerson(fixture, 'alice@green.test', 'Alice');
  const bob = await signedUpPerson(fixture, 'bob@example.test', 'Bob');
  await alice.request('POST', '/api/orgs', { name: 'Green Bakery', slug: 'green' });
  return {
    fixture,
    governance,
    operator,
    alice,
    bob,
    async later(ms) {
      fixture.clock.advance(ms);
      for (const [browser, email] of [
        [operator, operatorEmail],
        [alice, 'alice@green.test'],
        [bob, 'bob@example.test'],
      ] as const)
        await browser.logIn(email, testPassword);
    },
    close: () => fixture.close(),
  };
}

/** A logger that keeps every line it writes in `lines` (for `requestLogger`), at `level` (default `trace`). */
export function memoryLog(level: pino.Level = 'trace'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const memory = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level }, memory), lines };
}

/**
 * Makes the organisation `slug` (unless `create` is false: it exists) a user member that `browser`
 * votes for, admitted by the operator; its member id.
 */
export async function admittedUserMember(app: GovernanceTestApp, browser: TestBrowser, slug: string, name: string, create = true) {
  if (create && (await browser.request('POST', '/api/orgs', { name, slug })).statusCode !== 201) throw new Error(`${slug} not created`);
  const applied = (
    await browser.request('POST', '/api/governance/applications', { classId: 'user', organisation: slug, commitment: '' })
  ).json<{ id: string }>();
  const admitted = (await app.operator.request('POST', `/api/governance/members/${applied.id}/admit`, {})).json<{ status: string }>();
  if (admitted.status !== 'admitted') throw new Error(`${slug} not admitted: ${JSON.stringify(admitted)}`);
  return applied.id;
}
