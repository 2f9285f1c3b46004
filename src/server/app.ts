/**
 * Builds the Fastify application from already-running services. Each domain is a plugin;
 * tests call `buildApp` and use `app.inject` or a real listener.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { limits } from '../shared/limits.js';
import { socketFrameBytesMax } from '../shared/protocol.js';
import { installRequestActor, type YourDataSection } from './accounts/index.js';
import { type BbbApi, bbbApiHttp, bbbIntegrationsHttp, bbbLandingHttp } from './bbb-api/index.js';
import { type BillingService, billingHttp, financesHttp, treasuryHttp, usageHttp } from './billing/index.js';
import type { ClusterBus } from './cluster/bus.js';
import type { ClusterInstances } from './cluster/instances.js';
import { assembliesHttp, dueProcessHttp, type Governance, governanceCalendarHttp, governanceHttp } from './governance/index.js';
import { addressKey } from './http/client-address.js';
import { installErrorHandlers, sendPlatformFailure } from './http/errors.js';
import { isSameOrigin } from './http/origin.js';
import { httpWords } from './http/words.js';
import { type Ledger, ledgerHttp } from './ledger/index.js';
import type { TurnService } from './media/index.js';
import { meetingsHttp, type RoomRegistry, type RoomsRepository } from './meetings/index.js';
import { type NetworkServices, networkHttp } from './network/index.js';
import { operationsHttp } from './operations/index.js';
import type { MediaServersService } from './operator/index.js';
import { type PeopleServices, peopleHttp } from './people/index.js';
import type { Clock } from './platform/clock.js';
import type { Leases } from './platform/leases.js';
import { withoutClientAddresses } from './privacy/index.js';
import { SignalingConnections, signalingHttp } from './signaling/index.js';
import type { SignalingRelay } from './signaling/relay.js';
import type { Storage } from './storage/index.js';

export interface AppServices {
  storage: Storage;
  registry: RoomRegistry;
  /** Signalling relayed between instances sharing the database (`REDIS_URL`), over their bus; none for a single instance. */
  relay?: SignalingRelay | undefined;
  bus?: ClusterBus | undefined;
  /** The pool of media servers, as the operators run it. */
  mediaServers: MediaServersService;
  /** The instances serving this installation (the operator console). */
  instances: Pick<ClusterInstances, 'view'>;
  /** The sweeps' leases, when several instances may share the database; without, each sweep runs here. */
  leases?: Leases | undefined;
  rooms: RoomsRepository;
  /** Accounts, organisations, scheduling and the operator console. */
  people: PeopleServices;
  ledger: Ledger;
  /** The mutual-credit network. */
  network: NetworkServices;
  /** Plans and subscriptions. */
  billing: BillingService;
  /** Members, shares, proposals and votes. */
  governance: Governance;
  /** The BigBlueButton API; absent or without a secret, `/bigbluebutton/api` is off. */
  bbbApi?: BbbApi;
  /** Whether a person is one of the co-op's operators. */
  isOperator(person: { email: string; emailVerified: boolean }): boolean;
  /** TURN credentials for browsers (see media/turn); absent: none. */
  turn?: { service: TurnService };
  /** Bearer token of the ledger's administrative API; without it that API is off. */
  ledgerApiToken?: string | undefined;
  /** Bearer token for `/metrics`; without it `/metrics` is off. */
  metricsToken?: string | undefined;
  logger: Logger;
  /** The services' clock; the background sweeps run on it. Default the system clock. */
  clock?: Clock;
  /** Configured public URL (no trailing slash); links use the request's origin when absent. */
  publicUrl?: string;
  /** Addresses or CIDR ranges of trusted reverse proxies (config `TRUST_PROXY`); none by default. */
  trustedProxies?: string[] | undefined;
  /** Folder of the built web client; when absent or missing, only the API is served. */
  webRoot?: string;
}

/**
 * The sections other domains add to a person's data export (the people side adds its own,
 * `peopleYourDataSections`): governance's.
 */
export function otherYourDataSections(services: Pick<AppServices, 'governance'>): Record<string, YourDataSection> {
  return { governance: services.governance.yourDataSection };
}

export interface PlenaryApp {
  app: FastifyInstance;
  connections: SignalingConnections;
}

/** How long browsers keep to https once told (one year, the usual value; subdomains are left to their owners). */
const hstsMaxAgeSeconds = 365 * 24 * 60 * 60;

const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:', 'mediastream:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
};

export async function buildApp(services: AppServices): Promise<PlenaryApp> {
  const app = Fastify({
    // Whoever made the logger, request logs carry no client address (privacy/log-privacy.ts).
    loggerInstance: withoutClientAddresses(services.logger) as FastifyBaseLogger,
    bodyLimit: limits.signalingMessageBytesMax,
    // Only named proxies may say who the visitor is (X-Forwarded-For); from anyone else it is ignored.
    trustProxy: services.trustedProxies && services.trustedProxies.length > 0 ? services.trustedProxies : false,
    // Request lines would repeat room ids for every poll; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);

  // HSTS only where the co-op serves https: on plain http (development, localhost) it would be ignored at best.
  const servesHttps = services.publicUrl?.startsWith('https://') ?? false;
  await app.register(helmet, {
    contentSecurityPolicy,
    strictTransportSecurity: servesHttps ? { maxAge: hstsMaxAgeSeconds, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    // One allowance per IPv4 address or IPv6 /64, not per IPv6 address (a subscriber has billions).
    keyGenerator: (request) => addressKey(request.ip),
    errorResponseBuilder: (_request, context) => ({ statusCode: context.statusCode }),
  });
  // Frames a little over the largest message get a typed `message_too_large` reply; larger ones close the socket (1009).
  await app.register(websocket, { options: { maxPayload: socketFrameBytesMax } });

  const allowedOrigins = services.publicUrl ? [new URL(services.publicUrl).origin] : [];
  app.addHook('onRequest', async (request, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (!isSameOrigin(request, allowedOrigins)) {
      return sendPlatformFailure(reply, 'cross_origin_refused', httpWords.phrase('cross_origin_refused'));
    }
  });

  // `request.actor`: who is signed in, read from the session cookie at most once per request.
  installRequestActor(app, services.people.authenticator);

  const connections = new SignalingConnections();
  await app.register(signalingHttp(connections), {
    registry: services.registry,
    allowedOrigins,
    relay: services.relay,
    // A TURN credential of each participant's own, renewed before it expires (TURN, see media/turn).
    ...(services.turn
      ? {
          iceServers: services.turn.service.iceServersFor.bind(services.turn.service),
          iceServersRefreshMs: services.turn.service.refreshIntervalMs,
          ...(services.clock ? { clock: services.clock } : {}),
        }
      : {}),
    // A BigBlueButton join link's grant: the name and role its integration gave.
    admitGrant: async (grant, roomId) => {
      const granted = await services.bbbApi?.landing.admit(grant, roomId);
      return (
        granted && { displayName: granted.displayName, granted: { role: granted.role, waits: granted.waits, external: granted.external } }
      );
    },
    // A signed-in owner of the room, or an owner or admin of its organisation, joins as moderator;
    // any signed-in person carries their person id into the meeting (an assembly's attendance).
    identify: async (request, roomId) => {
      const person = await services.people.identity.personFromRequest(request);
      if (!person) return { personId: undefined, administrator: false };
      return { personId: person.id, administrator: await services.people.identity.administersRoom(person.id, roomId) };
    },
  });
  await app.register(meetingsHttp, {
    rooms: services.rooms,
    registry: services.registry,
    publicUrl: (origin) => services.publicUrl ?? origin,
  });
  await app.register(cookie);
  await app.register(peopleHttp, {
    people: services.people,
    storage: services.storage,
    rooms: services.rooms,
    registry: services.registry,
    mediaServers: services.mediaServers,
    instances: services.instances,
    publicUrl: services.publicUrl,
    yourDataSections: otherYourDataSections(services),
  });
  await app.register(ledgerHttp, {
    ledger: services.ledger,
    apiToken: services.ledgerApiToken,
    clock: services.clock,
    leases: services.leases,
  });
  await app.register(networkHttp, { network: services.network, leases: services.leases });
  await app.register(billingHttp, { billing: services.billing, invoices: services.billing.invoices, isOperator: services.isOperator });
  await app.register(usageHttp, {
    billing: services.billing,
    organisations: services.people.organisations,
    storage: services.storage,
    clock: services.clock,
  });
  await app.register(treasuryHttp, { treasury: services.billing.treasury, isOperator: services.isOperator });
  await app.register(governanceHttp, { governance: services.governance, isOperator: services.isOperator });
  await app.register(dueProcessHttp, { governance: services.governance, isOperator: services.isOperator });
  await app.register(assembliesHttp, { governance: services.governance, isOperator: services.isOperator });
  await app.register(governanceCalendarHttp, {
    governance: services.governance,
    isOperator: services.isOperator,
    link: (path) => `${services.people.linkBase.get()}${path}`,
  });
  await app.register(financesHttp, {
    finances: services.billing.finances,
    isOperator: services.isOperator,
    credit: services.billing.creditName,
  });
  if (services.bbbApi) {
    await app.register(bbbApiHttp, { api: services.bbbApi, siteUrl: (origin) => services.publicUrl ?? origin });
    await app.register(bbbLandingHttp, { api: services.bbbApi });
    await app.register(bbbIntegrationsHttp, {
      api: services.bbbApi,
      organisations: services.people.organisations,
      siteUrl: (origin) => services.publicUrl ?? origin,
    });
  }
  await app.register(operationsHttp, {
    storage: services.storage,
    mediaServers: services.mediaServers,
    registry: services.registry,
    ...(services.bus && services.relay ? { cluster: { bus: services.bus, relay: services.relay } } : {}),
    metricsToken: services.metricsToken,
    metrics: services.bbbApi ? [services.bbbApi.metrics.calls] : [],
  });
  await registerWebClient(app, services.webRoot);
  return { app, connections };
}

async function registerWebClient(app: FastifyInstance, webRoot: string | undefined): Promise<void> {
  const indexFile = webRoot ? path.join(webRoot, 'index.html') : undefined;
  if (webRoot && indexFile && existsSync(indexFile)) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (isPage && indexFile && existsSync(indexFile)) return reply.type('text/html').sendFile('index.html');
    return sendPlatformFailure(reply, 'not_found', httpWords.phrase('not_found'));
  });
}
