/**
 * The people side of Plenary, composed: email, accounts, organisations, scheduling and the
 * operator console. `createPeopleServices` builds the services (services.ts calls it);
 * `peopleHttp` registers every route (app.ts registers it).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Language } from '../../shared/languages.js';
import {
  AccountsService,
  Authenticator,
  accountsHttp,
  accountsMigrations,
  OidcLogin,
  type OidcSettings,
  type YourDataSection,
  yourDataHttp,
} from '../accounts/index.js';
import type { ClusterInstances } from '../cluster/instances.js';
import { emailMigrations, Mailer } from '../email/index.js';
import type { RoomRegistry, RoomsRepository } from '../meetings/index.js';
import { type LiveMeetingLoad, type MediaServersService, operatorHttp, operatorMigrations } from '../operator/index.js';
import {
  Identity,
  OrganisationsService,
  organisationsFailureStatus,
  organisationsHttp,
  organisationsMigrations,
} from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import type { Leases } from '../platform/leases.js';
import { type ExpiredRowsForgetter, keptForDays } from '../privacy/index.js';
import { SchedulingService, schedulingHttp, schedulingMigrations } from '../scheduling/index.js';
import type { Storage } from '../storage/index.js';

/** Migrations of every people-side domain (names `0200_accounts_…` onwards). */
export const peopleMigrations = {
  ...emailMigrations,
  ...accountsMigrations,
  ...organisationsMigrations,
  ...schedulingMigrations,
  ...operatorMigrations,
};

export interface PeopleSettings {
  /** PUBLIC_URL; links in emails use it, else `http://localhost:<port>`. */
  publicUrl?: string | undefined;
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  operatorEmails?: readonly string[] | undefined;
  /** Single sign-on by OpenID Connect; all three of issuer, client id and secret, or none. */
  oidc?: (OidcSettings & { name?: string | undefined }) | undefined;
}

/** The running people-side services. */
export interface PeopleServices {
  mailer: Mailer;
  accounts: AccountsService;
  authenticator: Authenticator;
  organisations: OrganisationsService;
  scheduling: SchedulingService;
  /** For other domains: who is signed in, and who administers a room. */
  identity: Identity;
  /** Single sign-on, when configured. */
  singleSignOn: { login: OidcLogin; name: string } | undefined;
  /** The base of absolute links in emails; set once the server listens. */
  linkBase: { get: () => string };
  clock: Clock;
  close(): Promise<void>;
}

/** Builds the people-side services over `storage`. */
export function createPeopleServices(dependencies: {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  rooms: RoomsRepository;
  settings: PeopleSettings;
  /** With several instances on one database: unsent mail is retried by one of them at a time. */
  leases?: Leases | undefined;
}): PeopleServices {
  const { storage, clock, logger, rooms, settings } = dependencies;
  const linkBase = { get: () => settings.publicUrl ?? 'http://localhost' };
  const link = (path: string) => `${linkBase.get()}${path}`;
  const mailer = new Mailer({
    storage,
    clock,
    logger: logger.child({ component: 'mailer' }),
    smtpUrl: settings.smtpUrl,
    from: settings.mailFrom,
    // Each email is written in its recipient's chosen language (the accounts domain keeps it).
    recipientLanguage: (email): Promise<Language | undefined> => accounts.languageOfEmail(email),
    leases: dependencies.leases,
  });
  const accounts = new AccountsService({ storage, clock, mailer, link });
  const authenticator = new Authenticator(accounts, settings.publicUrl?.startsWith('https:') ?? false);
  const organisations = new OrganisationsService({ storage, clock, mailer, accounts, rooms, link });
  const organizerEmail = /<([^>]+)>/.exec(settings.mailFrom ?? '')?.[1] ?? settings.mailFrom ?? 'no-reply@localhost';
  const scheduling = new SchedulingService({ storage, clock, mailer, organisations, link, organizerEmail });
  const identity = new Identity(authenticator, organisations, settings.operatorEmails ?? []);
  const singleSignOn = settings.oidc && {
    login: new OidcLogin({ settings: settings.oidc, accounts, storage, clock, redirectUri: () => link('/api/account/sso/callback') }),
    name: settings.oidc.name ?? 'single sign-on',
  };
  return {
    mailer,
    accounts,
    authenticator,
    organisations,
    scheduling,
    identity,
    singleSignOn,
    linkBase,
    clock,
    close: () => mailer.close(),
  };
}

/**
 * The people side's sections of a person's data export, each with the tables it carries rows of
 * (the accounts domain adds its own `account` section itself).
 */
export function peopleYourDataSections(people: PeopleServices): Record<string, YourDataSection> {
  const { organisations, scheduling, mailer } = people;
  return {
    organisations: {
      tables: ['organisation_members'],
      collect: async (person) => (await organisations.membershipsOf(person.id)).map(({ slug, name, role }) => ({ slug, name, role })),
    },
    invitations: { tables: ['organisation_invitations'], collect: (person) => organisations.invitationsFor(person.email) },
    rooms: {
      tables: ['owned_rooms'],
      collect: async (person) =>
        (await organisations.roomsVisibleTo(person.id))
          .filter((room) => room.personId === person.id)
          .map((room) => ({
            roomId: room.roomId,
            name: room.name,
            slug: room.slug,
            organisation: room.organisationSlug,
            handle: room.personHandle,
          })),
    },
    handle: { tables: ['person_handles'], collect: async (person) => (await organisations.existingHandleOf(person.id)) ?? null },
    scheduledMeetings: {
      tables: ['scheduled_meetings', 'scheduled_meeting_invitees'],
      collect: (person) => scheduling.exportFor(person.id, person.email),
    },
    letters: { tables: ['email_outbox'], collect: (person) => mailer.lettersTo(person.email) },
  };
}

/**
 * The people side's rows the privacy sweep deletes once past their keeping time (`retentionLimits`):
 * accounts' expired sessions, finished one-time links and the like; finished organisation
 * invitations; and letters `sentMailRetentionDays` (`PRIVACY_SENT_MAIL_RETENTION_DAYS`) after they
 * were sent or given up on.
 */
export function peopleExpiredRowsForgetters(people: PeopleServices, settings: { sentMailRetentionDays: number }): ExpiredRowsForgetter[] {
  return [
    {
      rows: 'sessions, one-time links, pending sign-ons, trusted devices, login failures',
      forget: (nowMs) => people.accounts.forgetExpired(nowMs),
    },
    { rows: 'organisation invitations', forget: (nowMs) => people.organisations.forgetFinishedInvitations(nowMs) },
    {
      rows: 'sent or abandoned letters',
      forget: keptForDays(settings.sentMailRetentionDays, (beforeMs) => people.mailer.forgetLettersBefore(beforeMs)),
    },
  ];
}

export interface PeopleHttpOptions {
  /** Sections other domains add to a person's data export (governance's), each with the tables it reads. */
  yourDataSections?: Record<string, YourDataSection> | undefined;
  people: PeopleServices;
  storage: Storage;
  rooms: RoomsRepository;
  registry: RoomRegistry;
  /** The pool of media servers, for the operator console. */
  mediaServers: MediaServersService;
  /** The instances serving this installation, for the operator console. */
  instances: Pick<ClusterInstances, 'view'>;
  publicUrl?: string | undefined;
}

/** Registers every people-side route. */
export const peopleHttp: FastifyPluginAsync<PeopleHttpOptions> = async (app, options) => {
  const { people, publicUrl } = options;
  people.linkBase.get = () => {
    if (publicUrl) return publicUrl;
    const address = app.server.address();
    return typeof address === 'object' && address ? `http://localhost:${address.port}` : 'http://localhost';
  };
  const { accounts, authenticator, organisations, scheduling, identity, mailer } = people;
  await app.register(accountsHttp, {
    accounts,
    authenticator,
    describe: async (personId) => {
      const person = await accounts.findPerson(personId);
      return person && (await identity.describe(person));
    },
    singleSignOn: people.singleSignOn && { ...people.singleSignOn, secureCookies: publicUrl?.startsWith('https:') ?? false },
  });
  await app.register(organisationsHttp, {
    organisations,
    rooms: options.rooms,
    upcoming: (roomId) => scheduling.upcoming(roomId),
    publicUrl: (origin) => publicUrl ?? origin,
  });
  await app.register(schedulingHttp, { scheduling });
  await app.register(yourDataHttp, {
    accounts,
    authenticator,
    clock: people.clock,
    collectors: { ...peopleYourDataSections(people), ...options.yourDataSections },
    erasureFailureStatus: organisationsFailureStatus,
    erasers: [
      async (person) => {
        const left = await organisations.leaveAll(person.id);
        return left.ok ? undefined : left;
      },
      async (person) => {
        // The handle is made from the name: it goes with the rest of the personal data.
        await organisations.forgetHandle(person.id);
        // Invitations addressed to the person, accepted or not, name their email.
        await organisations.forgetInvitationsTo(person.email);
        return undefined;
      },
      async (person) => {
        await scheduling.forgetInvitee(person.email);
        await mailer.forgetRecipient(person.email, `deleted:${person.id}`);
        return undefined;
      },
    ],
  });
  await app.register(operatorHttp, {
    storage: options.storage,
    clock: people.clock,
    identity,
    accounts,
    organisations,
    mailer,
    liveMeetings: () => liveMeetings(options),
    mediaServers: options.mediaServers,
    instances: options.instances,
  });
};

async function liveMeetings(options: PeopleHttpOptions): Promise<LiveMeetingLoad[]> {
  // Read-only view of the meetings domain's records of open meetings; no content exists to read.
  const rows = await options.storage.db
    .selectFrom('meetings')
    .innerJoin('rooms', 'rooms.id', 'meetings.room_id')
    .select(['meetings.room_id', 'rooms.name', 'meetings.started_at_ms', 'meetings.participants_peak'])
    .where('meetings.ended_at_ms', 'is', null)
    .orderBy('meetings.started_at_ms', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({
    roomId: row.room_id,
    roomName: row.name,
    startedAtMs: Number(row.started_at_ms),
    participantsNow: options.registry.find(row.room_id as Parameters<RoomRegistry['find']>[0])?.participants.size ?? 0,
    participantsPeak: Number(row.participants_peak),
  }));
}
