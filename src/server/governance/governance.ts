/**
 * The governance domain's services, built together: members and the register of shares, and
 * proposals (with the vote that admits an applicant of a class admitted by vote).
 */

import { type Logger, pino } from 'pino';
import type { Language } from '../../shared/languages.js';
import type { Mailer } from '../email/index.js';
import type { RoomModule, RoomModuleFactory } from '../meetings/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { serverLocale } from '../platform/words.js';
import type { Storage } from '../storage/index.js';
import type { AssemblyTables } from './assemblies-migrations.js';
import { AssembliesService } from './assemblies-service.js';
import { AssemblyModule, LiveAssemblies } from './assembly-module.js';
import type { GovernanceDatabase } from './context.js';
import { DueProcess, type SanctionScope } from './due-process.js';
import type { SanctionTables } from './due-process-migrations.js';
import type { EarlyCloseTables } from './early-close-migrations.js';
import { MembersService, type MembersServiceOptions } from './members-service.js';
import type { GovernanceTables } from './migrations.js';
import { GovernanceNotices } from './notices.js';
import type { NoticeTables } from './notices-migrations.js';
import { governancePersonalData, governancePersonalTables } from './personal-data.js';
import { admissionVoteMs, ProposalsService } from './proposals-service.js';
import { governanceWords } from './words.js';

/** What governance needs from the rest of Plenary. */
export interface GovernanceOptions {
  storage: Storage;
  clock: Clock;
  organisations: MembersServiceOptions['organisations'] & Pick<OrganisationsService, 'membershipsOf'>;
  people: MembersServiceOptions['people'];
  /** Letters about votes (openings, reminders, outcomes); none when absent. */
  mailer?: Pick<Mailer, 'sendLetter'> | undefined;
  /** An absolute link to a path of the site. Default: the path itself. */
  link?: ((path: string) => string) | undefined;
  /** A room's name, or `undefined` when there is no such room (convening an assembly in it). Default: no rooms. */
  roomName?: ((roomId: string) => Promise<string | undefined>) | undefined;
  /** Where the assembly module logs what it refuses. Default: nowhere. */
  logger?: Logger | undefined;
  /** Reinstates an organisation suspended in `scope` once its appeal is upheld (the network's `reinstateByVote`). */
  reinstate?: ((scope: SanctionScope, organisationId: string, reason: string) => Promise<boolean>) | undefined;
}

/** Every service of the governance domain. */
export interface Governance {
  members: MembersService;
  proposals: ProposalsService;
  /** The log of suspensions, and their appeals. */
  dueProcess: DueProcess;
  /** Letters about votes, and the calendar feed of votes. */
  notices: GovernanceNotices;
  /** General assemblies: convened in a room, held in its live meeting, with sealed minutes. */
  assemblies: AssembliesService;
  /** The assembly's room module, for the registry to add to every live meeting (`RoomRegistry.roomModules`). */
  assemblyModule: RoomModuleFactory<RoomModule>;
  /** Everything governance holds about a person, for their data export (reads `governancePersonalTables`). */
  personalData(personId: string): Promise<Record<string, unknown>>;
  /** Governance's section of a person's data export: `personalData`, with the tables it reads. */
  yourDataSection: { tables: readonly string[]; collect(person: { id: string }): Promise<unknown> };
  /** The scheduler's work: seal the outcomes of closed votes, act on appeals decided, send the letters due (safe twice at once). Returns the outcomes sealed and appeals acted on. */
  runScheduledWork(): Promise<number>;
}

/** A time in a sentence: `3 March 2027, 14:00 UTC`. */
function formatTime(ms: number, language: Language): string {
  return `${new Intl.DateTimeFormat(serverLocale[language], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(ms)} UTC`;
}

/** Builds governance and seeds the co-op's classes when it has none. */
export async function startGovernance(options: GovernanceOptions): Promise<Governance> {
  const db = (): GovernanceDatabase =>
    options.storage.db.withTables<
      GovernanceTables &
        SanctionTables &
        NoticeTables &
        AssemblyTables &
        EarlyCloseTables & { organisations: { id: string; slug: string; name: string; created_at_ms: number | string } }
    >();
  const members = new MembersService({ db, clock: options.clock, organisations: options.organisations, people: options.people });
  const proposals = new ProposalsService({ db, clock: options.clock, members, formatTime });
  members.proposeAdmission = async (applicant) => {
    const now = options.clock.nowMs();
    const created = await proposals.create(
      { personId: 'co-op', name: 'co-op', operator: true },
      {
        title: governanceWords.in('en', 'admission_title', { name: applicant.name, class: applicant.className }),
        body: governanceWords.in('en', 'admission_body', { name: applicant.name, class: applicant.className }),
        kind: 'yes_no',
        options: [],
        opensAtMs: now,
        closesAtMs: now + admissionVoteMs,
        quorumBasisPoints: 0,
        threshold: 'simple_majority',
      },
      applicant.id,
    );
    if (!created.ok) throw new Error(`the admission vote for ${applicant.id} could not be put: ${created.code}`);
  };
  const dueProcess = new DueProcess({
    db,
    clock: options.clock,
    members,
    proposals,
    organisations: options.organisations,
    reinstate: options.reinstate ?? (async () => false),
    nameOf: options.people.nameOf,
    peopleWithRoles: (organisationId, roles) => options.organisations.peopleWithRoles(organisationId, roles),
    emailOf: options.people.emailOf,
    mailer: options.mailer,
    link: options.link,
  });
  const notices = new GovernanceNotices({
    db,
    clock: options.clock,
    mailer: options.mailer ?? { sendLetter: async () => 'en' },
    link: options.link ?? ((path) => path),
    emailOf: options.people.emailOf ?? (async () => undefined),
  });
  const live = new LiveAssemblies();
  const assemblies = new AssembliesService({
    db,
    clock: options.clock,
    members,
    nameOf: options.people.nameOf,
    roomName: options.roomName ?? (async () => undefined),
    changed: (roomId) => live.changed(roomId),
    mailer: options.mailer,
    emailOf: options.people.emailOf,
    link: options.link,
  });
  const logger = options.logger ?? pino({ level: 'silent' });
  await members.ensureClasses();
  return {
    assemblies,
    assemblyModule: (context) => new AssemblyModule(context, { assemblies, live, logger, nameOf: options.people.nameOf }),
    members,
    proposals,
    dueProcess,
    notices,
    personalData: (personId) => governancePersonalData(db(), personId),
    yourDataSection: { tables: governancePersonalTables, collect: (person) => governancePersonalData(db(), person.id) },
    runScheduledWork: async () => {
      const decided = (await proposals.closeDue()) + (await dueProcess.resolveAppeals());
      await notices.send();
      return decided;
    },
  };
}
