/**
 * Test fixture for the BigBlueButton API: its routes, an organisation's secret's routes and
 * `/metrics` beside the people side (sign-ups, organisations) on a real database (either engine),
 * a real room registry (on a Janus gateway that is never started: joins need no media), a
 * `ManualClock`, and a client that signs calls as an integration does.
 */

import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import type { RoomId } from '../../shared/ids.js';
import { JanusGateway } from '../media/index.js';
import { MediaPool, RoomRegistry, type RoomsRepository } from '../meetings/index.js';
import { MediaServersRepository } from '../meetings/media-servers-repository.js';
import { operationsHttp } from '../operations/index.js';
import { MediaServersService } from '../operator/index.js';
import { type PeopleTestApp, startPeopleTestApp } from '../people/testing.js';
import type { ManualClock } from '../platform/clock.js';
import type { StorageEngine } from '../storage/index.js';
import type { TestStorage } from '../storage/testing.js';
import { BbbApi } from './bbb-api.js';
import { type ChecksumAlgorithm, checksumAlgorithms, checksumOf } from './checksum.js';
import { bbbApiHttp } from './http.js';
import { bbbIntegrationsHttp } from './integrations-http.js';
import { bbbApiMigrations } from './migrations.js';

/** The shared secret of the test server. */
export const testSecret = 'test-secret-0123456789abcdef';
/** The bearer token of the test server's `/metrics`. */
export const testMetricsToken = 'metrics-token-0123456789abcdef-0123456789';
/** The test server's public address. */
export const testSiteUrl = 'https://meet.plenary.test';

/** A create as Moodle sends it: name, meetingID, both passwords and two metadata. */
export const mathsCreateParams: [string, string][] = [
  ['name', 'Maths 101'],
  ['meetingID', 'maths-101'],
  ['attendeePW', 'ap'],
  ['moderatorPW', 'mp'],
  ['meta_bbb-origin', 'Moodle'],
  ['meta_bbb-context', 'Maths 101, autumn term'],
];

/** A parsed answer: HTTP status, headers and the `<response>` element's children (all text). */
export interface ApiAnswer {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: string;
  response: Record<string, unknown>;
}

/** How a test call is made. */
export interface CallOptions {
  algorithm?: ChecksumAlgorithm;
  method?: 'GET' | 'POST';
  /** Sign with this secret instead of the server's. */
  secret?: string;
  /** Leave the checksum out. */
  unsigned?: boolean;
}

export interface BbbApiTestApp {
  app: FastifyInstance;
  /** The people side (sign-ups, organisations) the API runs beside. */
  people: PeopleTestApp;
  api: BbbApi;
  storage: TestStorage;
  rooms: RoomsRepository;
  registry: RoomRegistry;
  clock: ManualClock;
  /** Calls `name` with `params` (in order, duplicates kept) in the query string, signed. */
  call(name: string, params?: [string, string][], options?: CallOptions): Promise<ApiAnswer>;
  /** Sends a raw request and parses the answer. */
  send(request: { method: 'GET' | 'POST'; url: string; payload?: string; contentType?: string }): Promise<ApiAnswer>;
  /** Someone enters the room's live meeting, as a moderator (with its moderator code) or a guest; returns how they leave. */
  enter(roomId: RoomId, displayName: string, moderator: boolean): Promise<() => void>;
  close(): Promise<void>;
}

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, isArray: (name) => ['attendee', 'meeting'].includes(name) });

/** Parses an answer's XML; `{}` when it has none. */
export function parseResponse(body: string): Record<string, unknown> {
  if (!body.trimStart().startsWith('<')) return {};
  const parsed = parser.parse(body) as { response?: Record<string, unknown> };
  return parsed.response ?? {};
}

/** The query string of a call signed with `secret`. */
export function signedQuery(name: string, params: [string, string][], secret: string, algorithm: ChecksumAlgorithm = 'sha1'): string {
  const query = new URLSearchParams(params).toString();
  const checksum = checksumOf(algorithm, name, query, secret);
  return query === '' ? `checksum=${checksum}` : `${query}&checksum=${checksum}`;
}

/** Starts the API on `engine`; `settings` default to the test secret and all four algorithms. */
export async function startBbbApiTestApp(
  engine: StorageEngine,
  settings: { secret?: string | undefined; checksumAlgorithms?: readonly ChecksumAlgorithm[] } = {},
): Promise<BbbApiTestApp> {
  let parts: { api: BbbApi; registry: RoomRegistry } | undefined;
  const people = await startPeopleTestApp(engine, {
    extraMigrations: bbbApiMigrations,
    extend: async ({ app, storage, people, clock, rooms }) => {
      clock.advance(Date.UTC(2026, 10, 27, 10) - clock.nowMs());
      const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
      const gateway = new JanusGateway({ url: 'ws://127.0.0.1:9', logger, publisherBitrateBitsPerSecondMax: 1 });
      const pool = MediaPool.of(gateway, logger);
      const registry = new RoomRegistry(pool, rooms, logger, clock);
      const repository = new MediaServersRepository(storage, clock);
      const mediaServers = new MediaServersService({ repository, pool, registry, clock, logger, refreshIntervalMs: 60_000 });
      const api = new BbbApi({
        storage,
        clock,
        rooms,
        registry,
        organisations: people.organisations,
        settings: {
          secret: 'secret' in settings ? settings.secret : testSecret,
          checksumAlgorithms: settings.checksumAlgorithms ?? checksumAlgorithms,
        },
        // The tests' callback receivers listen on 127.0.0.1.
        allowPrivateCallbacks: true,
      });
      registry.roomModules.push(api.hooksModule);
      await app.register(bbbApiHttp, { api, siteUrl: () => testSiteUrl });
      await app.register(bbbIntegrationsHttp, { api, organisations: people.organisations, siteUrl: () => testSiteUrl });
      await app.register(operationsHttp, { storage, mediaServers, registry, metricsToken: testMetricsToken, metrics: [api.metrics.calls] });
      parts = { api, registry };
    },
  });
  if (!parts) throw new Error('the BigBlueButton API was not started');
  const { app, storage, rooms, clock } = people;
  const { api, registry } = parts;

  const send: BbbApiTestApp['send'] = async ({ method, url, payload, contentType }) => {
    const response = await app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload }),
      ...(contentType ? { headers: { 'content-type': contentType } } : {}),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body, response: parseResponse(response.body) };
  };
  return {
    app,
    people,
    api,
    storage,
    rooms,
    registry,
    clock,
    send,
    async call(name, params = [], options = {}) {
      const query = options.unsigned
        ? new URLSearchParams(params).toString()
        : signedQuery(name, params, options.secret ?? testSecret, options.algorithm);
      return send({ method: options.method ?? 'GET', url: `/bigbluebutton/api/${name}?${query}` });
    },
    async enter(roomId, displayName, moderator) {
      const room = await rooms.find(roomId);
      const joined = await registry.join(
        roomId,
        {
          displayName,
          media: { audioMuted: false, videoMuted: false },
          ...(moderator && room ? { accessCode: room.moderatorCode } : {}),
        },
        { send: () => {}, disconnect: () => {}, admitted: () => {} },
      );
      if (!joined.ok) throw new Error(`${displayName} could not enter: ${joined.code}`);
      const { room: live, result } = joined.value;
      return () => live.leave(result.participant.id);
    },
    async close() {
      await registry.close();
      await people.close();
    },
  };
}
