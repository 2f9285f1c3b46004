/**
 * Test fixture for the network: the real people-side app plus the ledger and the network routes,
 * on a real database (either engine), with mail to a real SMTP sink and a `ManualClock`. The
 * network administrator is `admin@network.test`.
 */

import type { Migration } from 'kysely';
import type { CurrencyCode } from '../ledger/index.js';
import { Ledger, ledgerMigrations } from '../ledger/index.js';
import { type PeopleTestApp, type PeopleTestOptions, signedUpPerson, startPeopleTestApp, type TestBrowser } from '../people/testing.js';
import type { StorageEngine } from '../storage/index.js';
import type { NetworkDependencies } from './context.js';
import { networkHttp } from './http.js';
import { networkMigrations } from './migrations.js';
import { type NetworkServices, startNetworkServices } from './network-services.js';

export const administratorEmail = 'admin@network.test';

export interface NetworkTestApp extends PeopleTestApp {
  ledger: Ledger;
  network: NetworkServices;
}

export interface NetworkTestOptions {
  coOpOrganisation?: string;
  /** More migrations (another domain's tables) and routes, added once the network runs. */
  extraMigrations?: Record<string, Migration>;
  /** Told of suspensions and reinstatements (the co-op's due process). */
  onStatusChange?: NetworkDependencies['onStatusChange'];
  extend?: (parts: Parameters<NonNullable<PeopleTestOptions['extend']>>[0] & { ledger: Ledger; network: NetworkServices }) => Promise<void>;
}

/** Starts the app with the network: currency `CREDIT` ("credits", 2 places), default credit limit 500.00. */
export async function startNetworkTestApp(engine: StorageEngine, options: NetworkTestOptions = {}): Promise<NetworkTestApp> {
  let ledger: Ledger | undefined;
  let network: NetworkServices | undefined;
  const fixture = await startPeopleTestApp(engine, {
    operatorEmails: [administratorEmail],
    extraMigrations: { ...ledgerMigrations, ...networkMigrations, ...options.extraMigrations },
    extend: async ({ app, storage, people, clock, rooms }) => {
      ledger = new Ledger(storage, clock);
      network = await startNetworkServices({
        storage,
        clock,
        ledger,
        organisations: people.organisations,
        findPerson: (personId) => people.accounts.findPerson(personId),
        mailer: people.mailer,
        link: (path) => `http://plenary.test${path}`,
        isAdministrator: (person) => person.emailVerified && person.email === administratorEmail,
        administratorEmails: [administratorEmail],
        settings: {
          currency: { code: 'CREDIT' as CurrencyCode, name: 'credits', scale: 2 },
          defaultCreditLimitMinor: 50_000n,
          coOpOrganisation: options.coOpOrganisation,
        },
        onStatusChange: (change) => options.onStatusChange?.(change) ?? Promise.resolve(),
      });
      await app.register(networkHttp, { network });
      await options.extend?.({ app, storage, people, clock, rooms, ledger, network });
    },
  });
  if (!ledger || !network) throw new Error('the network was not started');
  return { ...fixture, ledger, network };
}

let keyCounter = 0;

/** A fresh idempotency key, as the browser makes one per payment or request form. */
export function newIdempotencyKey(): string {
  return `key-${Date.now()}-${++keyCounter}`;
}

const profile = { description: '', location: 'Leeds', website: '', contact: '', showBalance: false };

/** Signs up a person whose new business `slug` applies to the network and is approved by `administrator`. */
export async function approvedTrader(
  fixture: NetworkTestApp,
  administrator: TestBrowser,
  email: string,
  business: { name: string; slug: string },
  profileChanges: Partial<typeof profile> = {},
): Promise<TestBrowser> {
  const trader = await signedUpPerson(fixture, email, `${business.name} trader`);
  const applied = await trader.request('POST', '/api/network/applications', { business, profile: { ...profile, ...profileChanges } });
  if (applied.statusCode !== 201) throw new Error(`application failed: ${applied.body}`);
  const approved = await administrator.request('POST', `/api/network/admin/members/${business.slug}/approve`, {});
  if (approved.statusCode !== 200) throw new Error(`approval failed: ${approved.body}`);
  return trader;
}
