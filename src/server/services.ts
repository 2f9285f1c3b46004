/**
 * The composition root: opens storage, starts (or connects to) Janus, and wires the
 * domains together. `stop()` undoes it all in reverse order.
 */

import path from 'node:path';
import type { Logger } from 'pino';
import { type RoomId, RoomIdSchema } from '../shared/ids.js';
import { bbbApiLimits, limits } from '../shared/limits.js';
import { parseAmount } from '../shared/network-api.js';
import { BbbApi } from './bbb-api/index.js';
import { BillingService, invoiceTermsOf } from './billing/index.js';
import { ClusterBus } from './cluster/bus.js';
import { ClusterInstances } from './cluster/instances.js';
import { ResumeStore } from './cluster/resume-store.js';
import { SharedLoad } from './cluster/shared-load.js';
import type { Config } from './config/index.js';
import { type Governance, startGovernance } from './governance/index.js';
import { type CurrencyCode, Ledger } from './ledger/index.js';
import {
  chooseIceInterface,
  JanusAdminMonitor,
  JanusGateway,
  type LocalJanus,
  type RunningTurn,
  startLocalJanus,
  startTurn,
} from './media/index.js';
import {
  DatabaseRoomDirectory,
  localMediaServerId,
  MediaPool,
  type MediaServerSettings,
  RoomRegistry,
  RoomsRepository,
  unlimitedAllowance,
} from './meetings/index.js';
import { MediaServersRepository } from './meetings/media-servers-repository.js';
import { allMigrations } from './migrations.js';
import { creditAccounts, type NetworkServices, type NetworkSettings, startNetworkServices } from './network/index.js';
import { MediaServersService } from './operator/index.js';
import { createPeopleServices, type PeopleServices, peopleExpiredRowsForgetters } from './people/index.js';
import { type Clock, systemClock } from './platform/clock.js';
import { defaultInstanceId, type InstanceId, InstanceIdSchema } from './platform/instance.js';
import { Leases } from './platform/leases.js';
import { ProcessCpuMeter } from './platform/process-cpu.js';
import { repeatEvery } from './platform/sweep.js';
import { clientAddressesForgetter, startExpiredRowsSweep } from './privacy/index.js';
import { SignalingRelay } from './signaling/relay.js';
import { openStorage, type Storage } from './storage/index.js';

export interface Services {
  /** Where time comes from; every sweep and expiry runs on it (tests pass a `ManualClock`). */
  clock: Clock;
  /**
   * This instance's stable id (`INSTANCE_ID`, default from the host and data directory): the
   * meetings it opens and the payment requests it accepts carry it (see ARCHITECTURE.md).
   */
  instanceId: InstanceId;
  storage: Storage;
  /** This instance's own media server (the supervised Janus, or `JANUS_WS_URL`). */
  gateway: JanusGateway;
  /** Every media server meetings are placed on: the own one and those the operators registered. */
  mediaPool: MediaPool;
  mediaServers: MediaServersService;
  /** The instances serving this installation (the operator console). */
  instances: ClusterInstances;
  /** The sweeps' leases (several instances on one database run each sweep once per round). */
  leases: Leases;
  registry: RoomRegistry;
  rooms: RoomsRepository;
  /** Accounts, organisations, scheduling, operator console; `people.identity` tells who is signed in. */
  people: PeopleServices;
  /** The mutual-credit ledger. */
  ledger: Ledger;
  /** The mutual-credit network: trading members, directory, payments, requests. */
  network: NetworkServices;
  /** Plans and subscriptions, and what each room's meetings may do. */
  billing: BillingService;
  /** Members, shares, proposals and votes. */
  governance: Governance;
  /** The BigBlueButton API's meetings (`BBB_API_SECRET`; off without it). */
  bbbApi: BbbApi;
  /** Whether a person is one of the co-op's operators (`OPERATOR_EMAILS`, with a verified email). */
  isOperator(person: { email: string; emailVerified: boolean }): boolean;
  /** The supervised Janus, when Plenary runs its own. */
  localJanus: LocalJanus | undefined;
  /** TURN (`TURN`): the credentials browsers are given, and the supervised coturn with `local`. */
  turn: RunningTurn;
  /** The bus between instances sharing the database (`REDIS_URL`); none for a single instance. */
  bus: ClusterBus | undefined;
  /** Signalling relayed to and from the other instances, over the bus. */
  relay: SignalingRelay | undefined;
  /** Stops everything, Janus included. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts every service the configuration asks for. `overrides.storage` (tests) is used
 * instead of opening one, and is closed by `stop()` all the same.
 */
export async function startServices(
  config: Config,
  logger: Logger,
  overrides: { clock?: Clock; storage?: Storage; reconnectGraceMs?: number; instanceId?: InstanceId } = {},
): Promise<Services> {
  const clock = overrides.clock ?? systemClock;
  const instanceId =
    overrides.instanceId ?? (config.INSTANCE_ID ? InstanceIdSchema.parse(config.INSTANCE_ID) : defaultInstanceId(config.DATA_DIR));
  const storage =
    overrides.storage ??
    (await openStorage(
      config.DATABASE_URL
        ? { engine: 'postgres', url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }
        : { engine: 'sqlite', file: path.join(config.DATA_DIR, 'plenary.sqlite') },
      allMigrations,
    ));
  if (config.REDIS_URL && storage.engine !== 'postgres')
    throw new Error('REDIS_URL is for several instances sharing one PostgreSQL database: set DATABASE_URL too');
  if (config.REDIS_URL && !config.CLUSTER_SECRET)
    throw new Error(
      'REDIS_URL needs CLUSTER_SECRET (at least 32 characters, the same on every instance): what instances say to each other is sealed with it',
    );
  // Several instances: each tells the others it runs, and relays the browsers of meetings another holds.
  const bus = config.REDIS_URL
    ? new ClusterBus({
        url: config.REDIS_URL,
        prefix: config.REDIS_PREFIX,
        instanceId,
        secret: config.CLUSTER_SECRET ?? '',
        logger: logger.child({ component: 'cluster' }),
      })
    : undefined;
  await bus?.start();
  const relay = bus && new SignalingRelay(bus, logger.child({ component: 'relay' }));
  const rooms = new RoomsRepository(storage, clock, { instanceId });
  const abandoned = await rooms.endAbandonedMeetings();
  if (abandoned > 0) logger.info({ meetings: abandoned, instanceId }, 'closed meetings left open by an earlier run');
  // Sweeps that several instances sharing the database must run once each round hold a lease.
  const leases = new Leases(storage, clock, instanceId);
  const people = createPeopleServices({
    storage,
    clock,
    logger,
    leases,
    rooms,
    settings: {
      publicUrl: config.PUBLIC_URL,
      smtpUrl: config.SMTP_URL,
      mailFrom: config.MAIL_FROM,
      operatorEmails: config.OPERATOR_EMAILS,
      oidc: oidcSettings(config),
    },
  });
  await people.mailer.logUnsent();
  const isOperator = (person: { email: string; emailVerified: boolean }) =>
    person.emailVerified && config.OPERATOR_EMAILS.includes(person.email);
  const ledger = new Ledger(storage, clock);
  let governance: Governance | undefined;
  const network = await startNetworkServices({
    storage,
    clock,
    ledger,
    organisations: people.organisations,
    findPerson: (personId) => people.accounts.findPerson(personId),
    mailer: people.mailer,
    link: (path) => `${people.linkBase.get()}${path}`,
    isAdministrator: isOperator,
    administratorEmails: config.OPERATOR_EMAILS,
    settings: networkSettings(config),
    instanceId,
    // Every suspension and reinstatement goes into the co-op's log, open to appeal (governance, started below).
    onStatusChange: async (change) => {
      await governance?.dueProcess.record({
        scope: 'network',
        organisationId: change.organisationId,
        subject: change.memberName,
        suspended: change.suspended,
        reason: change.reason,
        byPersonId: change.byPersonId,
      });
    },
  });

  let localJanus: LocalJanus | undefined;
  let janusUrl = config.JANUS_WS_URL;
  let apiSecret = config.JANUS_API_SECRET;
  let admin = config.JANUS_ADMIN_WS_URL ? { url: config.JANUS_ADMIN_WS_URL, secret: config.JANUS_ADMIN_SECRET } : undefined;
  const iceInterface = config.ICE_INTERFACE ?? chooseIceInterface();
  const turn = await startTurn(config, { clock, logger, mediaInterface: iceInterface });
  if (!janusUrl) {
    if (!iceInterface) {
      logger.warn('no non-loopback network interface: media cannot flow until one exists (set ICE_INTERFACE)');
    }
    localJanus = await startLocalJanus({
      dataDirectory: config.DATA_DIR,
      binary: config.JANUS_BINARY,
      iceInterface: iceInterface ?? 'lo',
      rtpPortRange: config.RTP_PORT_RANGE,
      turn: turn.janusTurn,
      logger,
    });
    janusUrl = localJanus.url;
    apiSecret = localJanus.apiSecret;
    admin = { url: localJanus.adminUrl, secret: localJanus.adminSecret };
    logger.info({ iceInterface }, 'supervising a local janus');
  }
  const gateway = new JanusGateway({
    url: janusUrl,
    ...(apiSecret ? { apiSecret } : {}),
    logger: logger.child({ component: 'janus-gateway' }),
    publisherBitrateBitsPerSecondMax: limits.publisherBitrateBitsPerSecondMax,
  });
  const billing = new BillingService({
    storage,
    clock,
    organisations: people.organisations,
    creditScale: config.NETWORK_CURRENCY_SCALE,
    terms: invoiceTermsOf(config),
    credit: { code: network.context.currency.code, currencyName: config.NETWORK_CURRENCY_NAME, scale: config.NETWORK_CURRENCY_SCALE },
    creditAccounts: creditAccounts(network.context),
    ledger,
    mailer: people.mailer,
    link: (path) => `${people.linkBase.get()}${path}`,
    coOpOrganisation: config.COOP_ORGANISATION,
    inRegister: async (personId) => governance !== undefined && (await governance.members.membersOf(personId)).length > 0,
  });
  await billing.ensurePlans();
  await gateway.start();
  // Each server's own account of its load (Janus's admin API), where Plenary has it; the CPU only of the Janus it supervises.
  const monitor = (settings: { url: string; secret: string | undefined }, mediaServerId: string, cpu?: ProcessCpuMeter) =>
    new JanusAdminMonitor({
      url: settings.url,
      secret: settings.secret,
      intervalMs: limits.mediaServerMonitorIntervalMs,
      ...(cpu ? { cpu: () => cpu.read() } : {}),
      clock,
      logger: logger.child({ component: 'janus-admin', mediaServerId }),
    });
  const localCpu = localJanus && new ProcessCpuMeter(() => localJanus?.supervisor.pid);
  // The first reading counts from here, so that the first measure has a CPU figure.
  localCpu?.read();
  const localMonitor = admin && monitor(admin, localMediaServerId, localCpu);
  await localMonitor?.start();
  // Each meeting goes to the least loaded media server of the pool: this instance's own and the
  // registered ones (each a gateway of its own); one instance holds the meetings it starts.
  const mediaPool = new MediaPool({
    local: gateway,
    localMonitor,
    monitor: (settings) =>
      settings.adminUrl === undefined ? undefined : monitor({ url: settings.adminUrl, secret: settings.adminSecret }, settings.id),
    connect: (settings: MediaServerSettings) =>
      new JanusGateway({
        url: settings.url,
        ...(settings.apiSecret ? { apiSecret: settings.apiSecret } : {}),
        logger: logger.child({ component: 'janus-gateway', mediaServerId: settings.id }),
        publisherBitrateBitsPerSecondMax: limits.publisherBitrateBitsPerSecondMax,
      }),
    preferredRegion: config.MEDIA_REGION,
    preferRenewable: config.MEDIA_PREFER_RENEWABLE === 'on',
    logger: logger.child({ component: 'media-pool' }),
  });
  // A room where a general assembly is convened or open counts against no plan: every member may attend, for as long as it takes.
  const planAllowance = async (roomId: RoomId) =>
    (await governance?.assemblies.inRoom(roomId)) ? unlimitedAllowance(roomId) : billing.allowanceOf(roomId);
  // Placements live in the database: of instances sharing it, the first to start a room's meeting holds it.
  // A room whose instance is known dead (its presence on the bus is gone) is taken over at once.
  const directory: DatabaseRoomDirectory = new DatabaseRoomDirectory(
    storage,
    clock,
    () => registry.chooseMediaServer(),
    limits.instanceClaimLeaseMs,
    async (holder) => (await bus?.presence(holder)) === 'gone',
  );
  // What a previous run of this instance left claimed is given back before anyone joins.
  await directory.renew(instanceId, []);
  const registry: RoomRegistry = new RoomRegistry(mediaPool, rooms, logger, clock, overrides.reconnectGraceMs, directory, (roomId) =>
    config.PLAN_LIMITS === 'on' ? planAllowance(roomId) : unlimitedAllowance(roomId),
  );
  // Of the media servers instances share, each counts what the others' meetings put there too.
  // So do the breakout rooms each holds: a join with a breakout ticket that reaches another instance is relayed to it.
  const sharedLoad =
    bus &&
    new SharedLoad(
      bus,
      () => registry.ownMediaLoad(),
      () => registry.openBreakouts,
      logger.child({ component: 'shared-load' }),
    );
  if (sharedLoad) {
    registry.othersLoad = (id) => sharedLoad.ofOthers(id);
    registry.breakoutHolder = (roomId) => sharedLoad.holderOfBreakout(roomId);
    registry.breakoutsChanged = () => void sharedLoad.round();
  }
  // If this instance stops, whichever holds a room of its next lets its people in as the same participants.
  if (bus) {
    registry.continuity = new ResumeStore(bus);
    // What could not be kept or forgotten while Redis was away is tried every few seconds, and at once when it is back.
    bus.on('connection', (connected) => {
      if (connected) registry.keepEveryoneAgain();
    });
  }
  // The instances serving this installation, for the operator console; each tells the others its own figures.
  const instances = new ClusterInstances({
    instanceId,
    startedAtMs: clock.nowMs(),
    own: () => ({
      participants: registry.counts().participants,
      relayedOut: relay?.counts.forwarded ?? 0,
      relayedIn: relay?.counts.hosted ?? 0,
    }),
    heldByInstance: () => directory.heldByInstance(),
    cluster: bus && sharedLoad ? { bus, sharedLoad } : undefined,
  });
  if (sharedLoad) sharedLoad.summary = () => instances.summary();
  const mediaServers = new MediaServersService({
    repository: new MediaServersRepository(storage, clock),
    pool: mediaPool,
    registry,
    clock,
    logger: logger.child({ component: 'media-servers' }),
    refreshIntervalMs: limits.mediaServersRefreshIntervalMs,
  });
  await mediaServers.start();
  registry.breakoutMinuteMs = config.BREAKOUT_MINUTE_MS;
  // Subscriptions roll into their next period (a waiting downgrade applies, a cancelled one ends) even when nobody looks.
  governance = await startGovernance({
    storage,
    clock,
    organisations: people.organisations,
    reinstate: (_scope, organisationId, reason) => network.membership.reinstateByVote(organisationId, reason),
    people: {
      nameOf: async (personId) => (await people.accounts.findPerson(personId))?.name,
      idOfEmail: async (email) => (await people.accounts.findByEmail(email))?.id,
      emailOf: async (personId) => (await people.accounts.findPerson(personId))?.email ?? undefined,
    },
    mailer: people.mailer,
    link: (path) => `${people.linkBase.get()}${path}`,
    roomName: async (roomId) => {
      const parsed = RoomIdSchema.safeParse(roomId);
      return parsed.success ? (await rooms.find(parsed.data))?.name : undefined;
    },
    logger: logger.child({ domain: 'governance' }),
  });
  // A general assembly can be held in any live meeting (silent until one is convened in its room).
  registry.roomModules.push(governance.assemblyModule);
  // No meeting starts or is joined in the rooms of an organisation suspended from meetings (due process).
  registry.joinRefusal = async (roomId) => {
    const owned = await people.organisations.findOwnedRoom(roomId);
    return owned?.organisationId ? governance?.dueProcess.meetingsRefusal(owned.organisationId) : undefined;
  };
  const bbbApi = new BbbApi({
    storage,
    clock,
    rooms,
    registry,
    organisations: people.organisations,
    settings: { secret: config.BBB_API_SECRET, checksumAlgorithms: config.BBB_API_CHECKSUM_ALGORITHMS },
    allowPrivateCallbacks: config.BBB_API_PRIVATE_CALLBACKS === 'on',
    logger: logger.child({ domain: 'bbb-api' }),
  });
  // Hooks registered through the BigBlueButton API hear who joins and leaves its meetings.
  if (config.BBB_API_SECRET) registry.roomModules.push(bbbApi.hooksModule);
  const billingPeriods = repeatEvery(
    limits.billingSweepIntervalMs,
    async () => {
      await ledger.expirePendingTransfers();
      await billing.runScheduledWork();
      await governance.runScheduledWork();
    },
    (error) => logger.error({ err: error }, 'rolling subscriptions into their next period failed'),
    clock,
    { leases, name: 'billing-periods' },
  );

  // While this instance runs, its claims on the meetings it holds stay fresh (see endAbandonedMeetings),
  // and what a dead instance left — meetings and payment requests whose claims lapsed — is cleaned up
  // without waiting for some instance to restart.
  // Rooms another instance took over while this one was taken for dead: their people go there.
  const renewPlacements = async () => registry.handOver(await directory.renew(instanceId, registry.liveRoomIds()));
  // Back in touch with Redis after losing it: the others may have taken this one for dead meanwhile.
  bus?.on('connection', (connected) => {
    if (connected) renewPlacements().catch((error: unknown) => logger.error({ err: error }, 'renewing the room placements failed'));
  });
  const claimRenewal = repeatEvery(
    limits.instanceClaimRenewIntervalMs,
    async () => {
      await rooms.renewMeetingClaims();
      await renewPlacements();
      await rooms.endAbandonedMeetings({ startingUp: false });
      await network.requests.recover({ startingUp: false });
    },
    (error) => logger.error({ err: error }, 'renewing the claims on this instance’s meetings failed'),
    clock,
  );
  // BigBlueButton meetings end on their own as BigBlueButton's do: nobody came, everyone left, or their duration ran out.
  const bbbMeetingsSweep = repeatEvery(
    bbbApiLimits.sweepIntervalMs,
    async () => {
      await bbbApi.endIdleMeetings();
    },
    (error) => logger.error({ err: error }, 'ending idle BigBlueButton API meetings failed'),
    clock,
  );
  // Client addresses kept in the database (login failures by address) go after PRIVACY_ADDRESS_RETENTION_DAYS;
  // rows that stopped working (expired sessions, used links…) once past their keeping time,
  // letters PRIVACY_SENT_MAIL_RETENTION_DAYS after they were sent.
  const expiredRows = startExpiredRowsSweep({
    clock,
    leases,
    forgetters: [
      clientAddressesForgetter(config.PRIVACY_ADDRESS_RETENTION_DAYS, [
        (beforeMs) => people.accounts.forgetClientAddressesBefore(beforeMs),
      ]),
      ...peopleExpiredRowsForgetters(people, { sentMailRetentionDays: config.PRIVACY_SENT_MAIL_RETENTION_DAYS }),
    ],
    logger: logger.child({ domain: 'privacy' }),
  });
  let stopped = false;
  return {
    clock,
    instanceId,
    storage,
    gateway,
    mediaPool,
    mediaServers,
    instances,
    leases,
    registry,
    rooms,
    people,
    ledger,
    network,
    billing,
    governance,
    bbbApi,
    isOperator,
    localJanus,
    turn,
    bus,
    relay,
    async stop() {
      if (stopped) return;
      stopped = true;
      await expiredRows.stop();
      await bbbMeetingsSweep.stop();
      await claimRenewal.stop();
      await billingPeriods.stop();
      await mediaServers.stop();
      await registry.close();
      relay?.close();
      await sharedLoad?.close();
      await bus?.close();
      await mediaPool.close();
      await localMonitor?.close();
      await gateway.close();
      await localJanus?.supervisor.stop();
      await turn.localCoturn?.supervisor.stop();
      await people.close();
      await storage.close();
    },
  };
}

/** Single-sign-on settings when all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set; a partial set is an error. */
function oidcSettings(config: Config): { issuer: string; clientId: string; clientSecret: string; name?: string } | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_NAME: name } = config;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret)
    throw new Error('single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  return { issuer, clientId, clientSecret, ...(name ? { name } : {}) };
}

/** The network's currency and default credit limit from the configuration. */
function networkSettings(config: Config): NetworkSettings {
  const scale = config.NETWORK_CURRENCY_SCALE;
  const limit = parseAmount(config.NETWORK_DEFAULT_CREDIT_LIMIT, scale);
  if (!limit.ok)
    throw new Error(`NETWORK_DEFAULT_CREDIT_LIMIT: ${limit.problem.replaceAll('_', ' ')} (the currency has ${scale} decimal places)`);
  return {
    currency: { code: config.NETWORK_CURRENCY as CurrencyCode, name: config.NETWORK_CURRENCY_NAME, scale },
    defaultCreditLimitMinor: limit.minorUnits,
    coOpOrganisation: config.COOP_ORGANISATION,
  };
}
