/**
 * Test fixture for the people side: the real people-side routes and services on a real database
 * (either engine), with the app's error handling, origin check, cookies and rate limits, mail
 * going to a real SMTP sink, and a `ManualClock`. No Janus: these routes never need media.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Migration } from 'kysely';
import pino from 'pino';
import { csrfHeaderName } from '../../shared/accounts-api.js';
import { limits } from '../../shared/limits.js';
import { deviceCookieName, installRequestActor, sessionCookieName, type YourDataSection } from '../accounts/index.js';
import { ClusterInstances } from '../cluster/instances.js';
import { type SmtpSink, startSmtpSink } from '../email/smtp-sink.js';
import { installErrorHandlers, sendPlatformFailure } from '../http/errors.js';
import { isSameOrigin } from '../http/origin.js';
import { httpWords } from '../http/words.js';
import { JanusAdminMonitor, JanusGateway } from '../media/index.js';
import { DatabaseRoomDirectory, MediaPool, meetingsMigrations, RoomRegistry, RoomsRepository } from '../meetings/index.js';
import { MediaServersRepository } from '../meetings/media-servers-repository.js';
import { MediaServersService } from '../operator/index.js';
import { ManualClock } from '../platform/clock.js';
import type { InstanceId } from '../platform/instance.js';
import type { StorageEngine } from '../storage/index.js';
import { openTestStorage, type TestStorage } from '../storage/testing.js';
import { createPeopleServices, type PeopleServices, peopleHttp, peopleMigrations } from './index.js';

export interface PeopleTestApp {
  app: FastifyInstance;
  storage: TestStorage;
  people: PeopleServices;
  rooms: RoomsRepository;
  clock: ManualClock;
  mail: SmtpSink;
  close(): Promise<void>;
}

/** What the people-side test app can be started with. */
export interface PeopleTestOptions {
  operatorEmails?: string[];
  /** Collects every line the app logs (from `info` up), for tests of what is logged and what never is. */
  logLines?: string[];
  oidc?: { issuer: string; clientId: string; clientSecret: string };
  /** PUBLIC_URL: links in mail start with it, and cookies are `Secure` when it is https. */
  publicUrl?: string;
  /** Migrations of further domains under test (named to sort after the people side's). */
  extraMigrations?: Record<string, Migration>;
  /** Sections further domains add to the data export (as `app.ts` adds governance's). */
  yourDataSections?: Record<string, YourDataSection>;
  /** Registers a further domain's routes on the app before it is ready. */
  extend?: (parts: {
    app: FastifyInstance;
    storage: TestStorage;
    people: PeopleServices;
    clock: ManualClock;
    rooms: RoomsRepository;
  }) => Promise<void>;
}

/** Starts the people-side app on `engine` with mail to a fresh SMTP sink. */
export async function startPeopleTestApp(engine: StorageEngine, options: PeopleTestOptions = {}): Promise<PeopleTestApp> {
  const storage = await openTestStorage(engine, { ...meetingsMigrations, ...peopleMigrations, ...options.extraMigrations });
  const mail = await startSmtpSink();
  const clock = new ManualClock(Date.UTC(2026, 2, 1, 9));
  const logLines = options.logLines;
  const logger = logLines
    ? pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) })
    : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const rooms = new RoomsRepository(storage, clock);
  // A gateway that is never started: the registry only answers "who is live" (nobody) here.
  // The local gateway is never started; registered ones really try to connect (and fail, in these tests).
  const gateway = (url: string, apiSecret?: string) =>
    new JanusGateway({ url, ...(apiSecret ? { apiSecret } : {}), logger, publisherBitrateBitsPerSecondMax: 1 });
  const pool = new MediaPool({
    local: gateway('ws://127.0.0.1:9'),
    connect: (settings) => gateway(settings.url, settings.apiSecret),
    monitor: (settings) =>
      settings.adminUrl === undefined
        ? undefined
        : new JanusAdminMonitor({ url: settings.adminUrl, secret: settings.adminSecret, intervalMs: 60_000, clock, logger }),
    logger,
  });
  const registry = new RoomRegistry(pool, rooms, logger, clock);
  const mediaServers = new MediaServersService({
    repository: new MediaServersRepository(storage, clock),
    pool,
    registry,
    clock,
    logger,
    refreshIntervalMs: limits.mediaServersRefreshIntervalMs,
  });
  const people = createPeopleServices({
    storage,
    clock,
    logger,
    rooms,
    settings: { smtpUrl: mail.url, operatorEmails: options.operatorEmails ?? [], oidc: options.oidc, publicUrl: options.publicUrl },
  });
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.addHook('onRequest', async (request, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (!isSameOrigin(request, [])) return sendPlatformFailure(reply, 'cross_origin_refused', httpWords.phrase('cross_origin_refused'));
  });
  installRequestActor(app, people.authenticator);
  await app.register(peopleHttp, {
    people,
    storage,
    rooms,
    registry,
    mediaServers,
    // A single instance, as without Redis; the meetings it holds as the database's placements say.
    instances: new ClusterInstances({
      instanceId: 'test-instance' as InstanceId,
      startedAtMs: clock.nowMs(),
      own: () => ({ participants: registry.counts().participants, relayedOut: 0, relayedIn: 0 }),
      heldByInstance: () => new DatabaseRoomDirectory(storage, clock, () => undefined).heldByInstance(),
    }),
    publicUrl: options.publicUrl,
    yourDataSections: options.yourDataSections,
  });
  await options.extend?.({ app, storage, people, clock, rooms });
  await app.ready();
  return {
    app,
    storage,
    people,
    rooms,
    clock,
    mail,
    async close() {
      await app.close();
      await people.close();
      await registry.close();
      await pool.close();
      await mail.close();
      await storage.dispose();
    },
  };
}

/**
 * A browser-like client: keeps the session and device cookies and sends the CSRF token on
 * state-changing requests; `address` is the client address its requests come from.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly address = '127.0.0.1',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (this.csrfToken && method !== 'GET' && !(csrfHeaderName in extraHeaders)) headers[csrfHeaderName] = this.csrfToken;
    const response = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.address,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    for (const set of response.cookies) {
      if (set.name !== sessionCookieName && set.name !== deviceCookieName) continue;
      if (set.value) this.cookies.set(set.name, set.value);
      else this.cookies.delete(set.name);
    }
    return response;
  }

  /** Logs in and keeps the cookie and CSRF token. */
  async logIn(email: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.request('POST', '/api/account/login', { email, password });
    if (response.statusCode === 200) this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    return response;
  }
}

/** Signs up, verifies through the real mail and logs in; returns the logged-in browser. */
export async function signedUpPerson(
  fixture: PeopleTestApp,
  email: string,
  name = 'Test Person',
  password = 'correct horse battery',
): Promise<TestBrowser> {
  const browser = new TestBrowser(fixture.app);
  const signUp = await browser.request('POST', '/api/account/signup', { email, password, name });
  if (signUp.statusCode !== 202) throw new Error(`sign-up failed: ${signUp.body}`);
  const mail = await fixture.mail.waitFor(email, /Confirm/);
  const token = new URL((mail.text.match(/https?:\/\/\S+verify\S+/) ?? [''])[0]).searchParams.get('token');
  const verified = await browser.request('POST', '/api/account/verify', { token });
  if (verified.statusCode !== 200) throw new Error(`verification failed: ${verified.body}`);
  const login = await browser.logIn(email, password);
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  return browser;
}
