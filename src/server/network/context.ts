/**
 * What every network service shares: storage, clock, ledger, organisations, mail, settings, and
 * the rules of who may act for whom. A trading member is an organisation; its owners and admins
 * are its traders (they pay, request, list), its other members are viewers (they read).
 */
import type { Language } from '../../shared/languages.js';
import { formatAmount, type MemberAccess, parseAmount } from '../../shared/network-api.js';
import type { Person } from '../accounts/index.js';
import type { Mailer } from '../email/index.js';
import type { AccountId, CurrencyCode, Ledger } from '../ledger/index.js';
import type { Membership, OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import type { InstanceId } from '../platform/instance.js';
import { failure } from '../platform/outcome.js';
import { serverLocale } from '../platform/words.js';
import type { Storage } from '../storage/index.js';
import type { NetworkFailure, NetworkResult } from './failures.js';
import { type Member, MembersRepository } from './members.js';
import { type LetterName, type LetterParameters, letterIn, networkWords } from './words.js';

/** How the network is set up. */
export interface NetworkSettings {
  /** The network's currency; created in the ledger at start-up if missing. Default `CREDIT`, "credits", 2 places. */
  currency: { code: CurrencyCode; name: string; scale: number };
  /** Credit limit given on approval, in minor units (positive: how far below zero a member may go). */
  defaultCreditLimitMinor: bigint;
  /** Short name of the co-op's own organisation; its trading account is the co-op's. */
  coOpOrganisation?: string | undefined;
}

export interface NetworkDependencies {
  storage: Storage;
  clock: Clock;
  ledger: Ledger;
  organisations: OrganisationsService;
  /** A person by id (for naming who applied). */
  findPerson: (personId: string) => Promise<Person | undefined>;
  mailer: Mailer;
  /** Absolute link to a path, for emails. */
  link: (path: string) => string;
  /** Network administrators: the co-op's operators. */
  isAdministrator: (person: Person) => boolean;
  /** Addresses told about new applications. */
  administratorEmails: readonly string[];
  settings: NetworkSettings;
  /** The instance this runs in; it claims the requests it accepts. Default `localInstanceId`. */
  instanceId?: InstanceId | undefined;
  /** How long a claim on a request being accepted holds. Default `limits.instanceClaimLeaseMs`. */
  claimLeaseMs?: number | undefined;
  /**
   * Told of every suspension and reinstatement, after it is made (the co-op's due process keeps
   * them in a log its members read, open to appeal).
   */
  onStatusChange?: ((change: NetworkStatusChange) => Promise<void>) | undefined;
}

/** A member suspended from the network or reinstated, by whom and why. */
export interface NetworkStatusChange {
  organisationId: string;
  memberName: string;
  suspended: boolean;
  reason: string;
  /** The administrator's person id, or `vote` when the members' vote reinstated it. */
  byPersonId: string;
}

/** The person acting, with what they may do. */
export interface Actor {
  person: Person;
  /** The language of their request: the views' words are in it, and the emails they cause fall back to it. */
  language: Language;
  administrator: boolean;
  memberships: Membership[];
}

/** A member with the actor's access to it. */
export type ActingMember = Member & { access: MemberAccess };

/** Named failures shared by the network services. */
export const networkFailures = {
  memberNotFound: (): NetworkFailure => failure('member_not_found', networkWords.phrase('member_not_found')),
  participantRequired: (): NetworkFailure => failure('network_membership_required', networkWords.phrase('network_membership_required')),
  traderRequired: (member: Member): NetworkFailure =>
    failure('trader_required', networkWords.phrase('trader_required', { member: member.name })),
  administratorRequired: (): NetworkFailure => failure('administrator_required', networkWords.phrase('administrator_required')),
  notApproved: (member: Member): NetworkFailure =>
    failure(
      'not_approved',
      networkWords.phrase(member.status === 'suspended' ? 'not_approved_suspended' : 'not_approved', { member: member.name }),
    ),
};

/** The shared state and rules of the network domain. */
export class NetworkContext {
  readonly members: MembersRepository;

  constructor(readonly dependencies: NetworkDependencies) {
    this.members = new MembersRepository(dependencies.storage);
  }

  get db() {
    return this.members.db;
  }

  get currency() {
    return this.dependencies.settings.currency;
  }

  nowMs(): number {
    return this.dependencies.clock.nowMs();
  }

  /** `person` acting, in a request written in `language`. */
  async actor(person: Person, language: Language): Promise<Actor> {
    return {
      person,
      language,
      administrator: this.dependencies.isAdministrator(person),
      memberships: await this.dependencies.organisations.membershipsOf(person.id),
    };
  }

  /** `trader`, `viewer`, or undefined when the actor does not act for `member`. */
  accessTo(actor: Actor, member: Member): MemberAccess | undefined {
    const membership = actor.memberships.find((candidate) => candidate.organisationId === member.organisationId);
    if (!membership) return undefined;
    return membership.role === 'member' ? 'viewer' : 'trader';
  }

  /** Every member the actor acts for, with their access. */
  async actingMembers(actor: Actor): Promise<ActingMember[]> {
    const members = await this.members.byOrganisations(actor.memberships.map((membership) => membership.organisationId));
    return members.flatMap((member) => {
      const access = this.accessTo(actor, member);
      return access ? [{ ...member, access }] : [];
    });
  }

  /** Administrators and people acting for an approved member take part in the network. */
  async isParticipant(actor: Actor): Promise<boolean> {
    if (actor.administrator) return true;
    return (await this.actingMembers(actor)).some((member) => member.status === 'approved');
  }

  /** The member called `slug` if the actor may act for it with at least `needed` access. */
  async memberActedFor(actor: Actor, slug: string, needed: MemberAccess): Promise<NetworkResult<Member>> {
    const member = await this.members.bySlug(slug);
    const access = member && this.accessTo(actor, member);
    if (!member || (!access && !actor.administrator)) return networkFailures.memberNotFound();
    if (needed === 'trader' && access !== 'trader') return networkFailures.traderRequired(member);
    return { ok: true, value: member };
  }

  /** Parses a typed amount into minor units of the network currency, or a named failure. */
  amount(text: string): NetworkResult<bigint> {
    const parsed = parseAmount(text, this.currency.scale);
    if (parsed.ok) return { ok: true, value: parsed.minorUnits };
    if (parsed.problem === 'amount_has_too_many_decimals') {
      const { name: currency, scale: places } = this.currency;
      return failure(parsed.problem, networkWords.phrase('amount_has_too_many_decimals', { currency, places }));
    }
    return failure(parsed.problem, networkWords.phrase(parsed.problem));
  }

  /**
   * An amount of the network currency in words, in `language`: `12.50 credits` in English (as the
   * server writes amounts everywhere), `12,50 credits` in French (its decimal comma and grouping).
   */
  money(minorUnits: bigint, language: Language): string {
    const amount = this.format(minorUnits);
    if (language === 'en') return `${amount} ${this.currency.name}`;
    const scale = this.currency.scale;
    const written = new Intl.NumberFormat(serverLocale[language], { minimumFractionDigits: scale, maximumFractionDigits: scale });
    return `${written.format(amount as `${number}`)} ${this.currency.name}`;
  }

  format(minorUnits: bigint): string {
    return formatAmount(minorUnits, this.currency.scale);
  }

  accountIdOf(member: Member): AccountId | undefined {
    return (member.accountId ?? undefined) as AccountId | undefined;
  }

  /** Who made a change, as recorded in the ledger: `Name <email>`. */
  author(actor: Actor): string {
    return `${actor.person.name} <${actor.person.email}>`;
  }

  /**
   * Emails the traders (owners and admins) of `member` the letter `name`, each in their own
   * language (else `language`, the language of whoever caused it, else English), greeted by name;
   * `parameters` gives the letter's parameters in the language it is written in.
   */
  async notifyTraders<Name extends LetterName>(
    member: Member,
    name: Name,
    parameters: (language: Language) => LetterParameters<Name>,
    language?: Language,
  ): Promise<void> {
    const people = await this.dependencies.organisations.peopleWithRoles(member.organisationId, ['owner', 'admin']);
    for (const person of people) {
      await this.dependencies.mailer.sendLetter({
        to: person.email,
        language,
        write: (language) => {
          const { subject, text } = letterIn(language, name, parameters(language));
          return { subject, text: networkWords.in(language, 'letter', { name: person.name, body: text }) };
        },
      });
    }
  }
}
