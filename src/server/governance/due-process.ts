/**
 * Due process ("a service provider, not a censorship body"): every suspension and reinstatement —
 * from the trading network, from holding meetings, or from membership of the co-op — is kept in a
 * log the co-op's members read, with its reason and who decided, and the suspended party is told
 * by email with the reason and the way to appeal (the network's letters are the network's; the
 * others are sent here). Only an operator suspends from meetings or membership, always with a
 * reason. The suspended party (an owner or admin of the organisation, or the person who is the
 * member) appeals once per suspension: the appeal becomes a proposal to all members (yes or no,
 * simple majority, open for `appealVoteMs`), and when the members uphold it the sweep lifts the
 * suspension (the network's through the network). An operator may also lift one.
 *
 * What a suspension does: from meetings, no meeting starts or is joined in the organisation's
 * rooms (`organisation_suspended`); from membership, the member has no vote (its status is
 * `suspended`, so it is in no electorate and no assembly's roll) until reinstated.
 */
import { nanoid } from 'nanoid';
import type { SanctionFailureCode } from '../../shared/failure-codes.js';
import type { Language } from '../../shared/languages.js';
import type { Mailer } from '../email/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { type Failure, failure, type Result, success } from '../platform/outcome.js';
import type { GovernanceDatabase } from './context.js';
import type { SanctionTables } from './due-process-migrations.js';
import { dueProcessWords } from './due-process-words.js';
import type { Actor, MembersService } from './members-service.js';
import type { ProposalsService } from './proposals-service.js';

/** How long the members' vote on an appeal stays open. */
export const appealVoteMs = 14 * 86_400_000;

/** Where a suspension applies. */
export type SanctionScope = 'network' | 'meetings' | 'membership';
/** The scopes an operator suspends from here (the network's suspensions are the network's). */
export type LocalSanctionScope = Exclude<SanctionScope, 'network'>;

/** One line of the log. */
export interface SanctionView {
  id: string;
  scope: SanctionScope;
  subject: string;
  action: 'suspended' | 'reinstated';
  reason: string;
  decidedBy: string;
  atMs: number;
  /** The proposal deciding its appeal, if one was made. */
  appealProposalId: string | null;
  /** Whether the person reading may appeal it (an owner or admin of the suspended organisation, before any appeal). */
  appealable: boolean;
  /** A suspension still in force: the newest line about its party in its scope. */
  inForce: boolean;
}

export type { SanctionFailureCode };

/** What due process needs. */
export interface DueProcessOptions {
  db: () => GovernanceDatabase;
  clock: Clock;
  members: MembersService;
  proposals: ProposalsService;
  organisations: Pick<OrganisationsService, 'membershipsOf'>;
  /** Reinstates a suspended organisation in `scope` because its appeal was upheld; false when there was nothing to do. */
  reinstate: (scope: SanctionScope, organisationId: string, reason: string) => Promise<boolean>;
  /** A person's name. */
  nameOf: (personId: string) => Promise<string | undefined>;
  /** The owners and admins of an organisation (they are told of its suspension). */
  peopleWithRoles?: OrganisationsService['peopleWithRoles'] | undefined;
  /** A person's email address. */
  emailOf?: ((personId: string) => Promise<string | undefined>) | undefined;
  /** Letters telling the suspended party; none when absent. */
  mailer?: Pick<Mailer, 'sendLetter'> | undefined;
  /** An absolute link to a path of the site. */
  link?: ((path: string) => string) | undefined;
}

export class DueProcess {
  constructor(private readonly options: DueProcessOptions) {}

  private get db(): GovernanceDatabase {
    return this.options.db();
  }

  /** Records a suspension or reinstatement (called by the domain that made it). */
  async record(change: {
    scope: SanctionScope;
    organisationId: string;
    subject: string;
    suspended: boolean;
    reason: string;
    byPersonId: string;
    memberId?: string | undefined;
  }): Promise<void> {
    await this.db
      .insertInto('governance_sanctions')
      .values({
        member_id: change.memberId ?? null,
        id: nextSanctionId(this.options.clock.nowMs()),
        scope: change.scope,
        organisation_id: change.organisationId,
        subject: change.subject,
        action: change.suspended ? 'suspended' : 'reinstated',
        reason: change.reason,
        decided_by: change.byPersonId,
        at_ms: this.options.clock.nowMs(),
        appeal_proposal_id: null,
        appeal_resolved: 0,
      })
      .execute();
  }

  /** The log, newest first: members and operators, and the suspended parties (they see their own lines). */
  async log(actor: Actor): Promise<Result<SanctionView[], SanctionFailureCode>> {
    const member = await this.options.members.isMemberPerson(actor);
    const rows = await this.db.selectFrom('governance_sanctions').selectAll().orderBy('at_ms', 'desc').orderBy('id', 'desc').execute();
    const mine = await this.spokenFor(actor);
    const visible = member ? rows : rows.filter((row) => mine(row));
    if (!member && visible.length === 0) return failure('members_only', dueProcessWords.phrase('log_members_only'));
    // The newest line of each suspended party and scope says whether it is suspended now.
    const current = new Set<string>();
    const seen = new Set<string>();
    for (const row of rows) {
      if (!seen.has(partyKey(row))) current.add(row.id);
      seen.add(partyKey(row));
    }
    const views: SanctionView[] = [];
    for (const row of visible) {
      views.push({
        id: row.id,
        scope: row.scope as SanctionScope,
        subject: row.subject,
        action: row.action === 'reinstated' ? 'reinstated' : 'suspended',
        reason: row.reason,
        decidedBy: row.decided_by === 'vote' ? 'vote' : ((await this.options.nameOf(row.decided_by)) ?? ''),
        atMs: Number(row.at_ms),
        appealProposalId: row.appeal_proposal_id,
        appealable: row.action === 'suspended' && row.appeal_proposal_id === null && current.has(row.id) && mine(row),
        inForce: row.action === 'suspended' && current.has(row.id),
      });
    }
    return success(views);
  }

  /** Whether a line of the log concerns a party `actor` speaks for: an organisation they own or administer, or themselves as a member. */
  private async spokenFor(actor: Actor): Promise<(row: SanctionRow) => boolean> {
    const managed = new Set(
      (await this.options.organisations.membershipsOf(actor.personId))
        .filter((membership) => membership.role !== 'member')
        .map((membership) => membership.organisationId),
    );
    const ownMembers = new Set(
      (await this.db.selectFrom('governance_members').select('id').where('person_id', '=', actor.personId).execute()).map((row) => row.id),
    );
    return (row) =>
      (row.organisation_id !== '' && managed.has(row.organisation_id)) || (row.member_id !== null && ownMembers.has(row.member_id));
  }

  /** The suspended party appeals (an owner or admin of the organisation, or the member in person): the members vote on lifting it. */
  async appeal(
    actor: Actor,
    sanctionId: string,
    statement: string,
    language: Language,
  ): Promise<Result<{ proposalId: string }, SanctionFailureCode>> {
    const row = await this.db.selectFrom('governance_sanctions').selectAll().where('id', '=', sanctionId).executeTakeFirst();
    if (!row || !(await this.spokenFor(actor))(row)) return failure('sanction_not_found', dueProcessWords.phrase('sanction_not_found'));
    if (row.action !== 'suspended' || row.appeal_proposal_id !== null)
      return failure('appeal_not_allowed', dueProcessWords.phrase('appeal_not_allowed'));
    const now = this.options.clock.nowMs();
    const words = { scope: row.scope, subject: row.subject, reason: row.reason, statement, appellant: actor.name };
    const created = await this.options.proposals.create(
      { personId: actor.personId, name: actor.name, operator: true },
      {
        title: dueProcessWords.in(language, 'appeal_title', words),
        body: dueProcessWords.in(language, 'appeal_body', words),
        kind: 'yes_no',
        options: [],
        opensAtMs: now,
        closesAtMs: now + appealVoteMs,
        quorumBasisPoints: 0,
        threshold: 'simple_majority',
      },
    );
    if (!created.ok) throw new Error(`the appeal of ${sanctionId} could not be put: ${created.code}`);
    // Only the first appeal of a suspension takes: the update is guarded by its being still without one.
    const claimed = await this.db
      .updateTable('governance_sanctions')
      .set({ appeal_proposal_id: created.value.id })
      .where('id', '=', sanctionId)
      .where('appeal_proposal_id', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return failure('appeal_not_allowed', dueProcessWords.phrase('appeal_not_allowed'));
    return success({ proposalId: created.value.id });
  }

  /** The sweep: appeals whose vote is sealed are resolved once — upheld ones lift the suspension. */
  async resolveAppeals(): Promise<number> {
    const rows = await this.db
      .selectFrom('governance_sanctions')
      .innerJoin('governance_outcomes', 'governance_outcomes.proposal_id', 'governance_sanctions.appeal_proposal_id')
      .selectAll('governance_sanctions')
      .select('governance_outcomes.outcome_json')
      .where('governance_outcomes.revision', '=', 0)
      .where('governance_sanctions.appeal_resolved', '=', 0)
      .execute();
    let resolved = 0;
    for (const row of rows) {
      const claimed = await this.db
        .updateTable('governance_sanctions')
        .set({ appeal_resolved: 1 })
        .where('id', '=', row.id)
        .where('appeal_resolved', '=', 0)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      const outcome = JSON.parse(row.outcome_json) as { result: string };
      if (outcome.result === 'passed') await this.liftUpheld(row);
      resolved += 1;
    }
    return resolved;
  }

  private async liftUpheld(row: SanctionRow): Promise<void> {
    const reason = dueProcessWords.in('en', 'appeal_upheld');
    if (row.scope === 'network') {
      await this.options.reinstate('network', row.organisation_id, reason);
      return;
    }
    await this.lifted(row, reason, 'vote');
  }

  /**
   * An operator suspends an organisation from holding meetings, or a member from membership, with
   * a reason: logged, mailed to the suspended party with the way to appeal, and in force at once.
   */
  async suspend(
    actor: Actor,
    request: { scope: LocalSanctionScope; organisation?: string | undefined; memberId?: string | undefined; reason: string },
  ): Promise<Result<SanctionView, SanctionFailureCode>> {
    if (!actor.operator) return failure('operator_only', dueProcessWords.phrase('operator_only'));
    const party = await this.party(request);
    if (!party.ok) return party;
    if (await this.isSuspended(request.scope, party.value))
      return failure('already_suspended', dueProcessWords.phrase('already_suspended', { subject: party.value.subject }));
    if (request.scope === 'membership') {
      const updated = await this.db
        .updateTable('governance_members')
        .set({ status: 'suspended' })
        .where('id', '=', party.value.memberId ?? '')
        .where('status', '=', 'admitted')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return failure('member_not_found', dueProcessWords.phrase('member_not_found'));
    }
    await this.record({ scope: request.scope, ...party.value, suspended: true, reason: request.reason, byPersonId: actor.personId });
    await this.tell(request.scope, party.value, true, request.reason);
    return this.latestView(actor, request.scope, party.value);
  }

  /** An operator lifts a suspension still in force (its line says so, with the reason). */
  async lift(actor: Actor, sanctionId: string, reason: string): Promise<Result<SanctionView, SanctionFailureCode>> {
    if (!actor.operator) return failure('operator_only', dueProcessWords.phrase('operator_only'));
    const row = await this.db.selectFrom('governance_sanctions').selectAll().where('id', '=', sanctionId).executeTakeFirst();
    if (!row || row.scope === 'network') return failure('sanction_not_found', dueProcessWords.phrase('sanction_not_found'));
    const party = { organisationId: row.organisation_id, subject: row.subject, memberId: row.member_id ?? undefined };
    if (!(await this.isSuspended(row.scope as LocalSanctionScope, party)))
      return failure('not_suspended', dueProcessWords.phrase('not_suspended'));
    await this.lifted(row, reason, actor.personId);
    return this.latestView(actor, row.scope as LocalSanctionScope, party);
  }

  /** Lifts a suspension from meetings or membership: logged, in force at once, and the party told. */
  private async lifted(row: SanctionRow, reason: string, byPersonId: string): Promise<void> {
    const party = { organisationId: row.organisation_id, subject: row.subject, memberId: row.member_id ?? undefined };
    if (row.scope === 'membership') {
      await this.db
        .updateTable('governance_members')
        .set({ status: 'admitted' })
        .where('id', '=', row.member_id ?? '')
        .where('status', '=', 'suspended')
        .execute();
    }
    await this.record({ scope: row.scope as SanctionScope, ...party, suspended: false, reason, byPersonId });
    await this.tell(row.scope as LocalSanctionScope, party, false, reason);
  }

  /** Why nobody may join a meeting in a room of `organisationId` now: it is suspended from meetings. */
  async meetingsRefusal(organisationId: string): Promise<Failure<'organisation_suspended'> | undefined> {
    if (!(await this.isSuspended('meetings', { organisationId }))) return undefined;
    return failure('organisation_suspended', dueProcessWords.phrase('meetings_refused'));
  }

  /** Whether the party is suspended in `scope` now: its newest line there is a suspension. */
  async isSuspended(scope: SanctionScope, party: { organisationId: string; memberId?: string | undefined }): Promise<boolean> {
    let query = this.db.selectFrom('governance_sanctions').select('action').where('scope', '=', scope);
    query = party.memberId ? query.where('member_id', '=', party.memberId) : query.where('organisation_id', '=', party.organisationId);
    const newest = await query.orderBy('at_ms', 'desc').orderBy('id', 'desc').executeTakeFirst();
    return newest?.action === 'suspended';
  }

  /** Who is suspended: an organisation (meetings) by its short name, or a member (membership) by its id. */
  private async party(request: { scope: LocalSanctionScope; organisation?: string | undefined; memberId?: string | undefined }) {
    if (request.scope === 'meetings') {
      const organisation = await this.db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('slug', '=', request.organisation ?? '')
        .executeTakeFirst();
      if (!organisation) return failure('organisation_not_found', dueProcessWords.phrase('organisation_not_found'));
      return success({ organisationId: organisation.id, subject: organisation.name, memberId: undefined as string | undefined });
    }
    const member = await this.db
      .selectFrom('governance_members')
      .select(['id', 'name', 'organisation_id'])
      .where('id', '=', request.memberId ?? '')
      .executeTakeFirst();
    if (!member) return failure('member_not_found', dueProcessWords.phrase('member_not_found'));
    return success({ organisationId: member.organisation_id ?? '', subject: member.name, memberId: member.id as string | undefined });
  }

  /** The newest line about the party in `scope`, as `actor` reads the log. */
  private async latestView(actor: Actor, scope: SanctionScope, party: { organisationId: string; memberId?: string | undefined }) {
    let query = this.db.selectFrom('governance_sanctions').select('id').where('scope', '=', scope);
    query = party.memberId ? query.where('member_id', '=', party.memberId) : query.where('organisation_id', '=', party.organisationId);
    const newest = await query.orderBy('at_ms', 'desc').orderBy('id', 'desc').executeTakeFirst();
    const log = await this.log(actor);
    if (!log.ok) return log;
    const line = log.value.find((view) => view.id === newest?.id);
    if (!line) throw new Error('the line just recorded is not in the log');
    return success(line);
  }

  /** Mails the suspended party (the organisation's owners and admins, or the member in person): the reason, and the way to appeal. */
  private async tell(
    scope: LocalSanctionScope,
    party: { organisationId: string; subject: string; memberId?: string | undefined },
    suspended: boolean,
    reason: string,
  ) {
    const { mailer, link, peopleWithRoles, emailOf } = this.options;
    if (!mailer) return;
    const recipients = new Set<string>();
    if (party.organisationId !== '' && peopleWithRoles) {
      for (const person of await peopleWithRoles(party.organisationId, ['owner', 'admin'])) recipients.add(person.email);
    } else if (party.memberId && emailOf) {
      const member = await this.db.selectFrom('governance_members').select('person_id').where('id', '=', party.memberId).executeTakeFirst();
      const email = member?.person_id ? await emailOf(member.person_id) : undefined;
      if (email) recipients.add(email);
    }
    const words = { scope, subject: party.subject, reason, link: (link ?? ((path: string) => path))('/coop/sanctions') };
    for (const to of recipients) {
      await mailer.sendLetter({
        to,
        write: (language) => ({
          subject: dueProcessWords.in(language, suspended ? 'suspended_subject' : 'lifted_subject', words),
          text: dueProcessWords.in(language, suspended ? 'suspended_text' : 'lifted_text', words),
        }),
      });
    }
  }
}

type SanctionRow = SanctionTables['governance_sanctions'];

/** The last time and sequence an id was made at: ids made in the same millisecond still sort in the order they were made. */
const idClock = { ms: 0, sequence: 0 };

/** A sanction's id that sorts by when it was made (time, then a sequence within the millisecond), then random: `sanction_<time><seq><random>`. */
function nextSanctionId(nowMs: number): string {
  if (nowMs > idClock.ms) {
    idClock.ms = nowMs;
    idClock.sequence = 0;
  } else {
    idClock.sequence += 1;
  }
  return `sanction_${idClock.ms.toString(36).padStart(9, '0')}${idClock.sequence.toString(36).padStart(4, '0')}${nanoid(8)}`;
}

/** The party and scope a line is about. */
function partyKey(row: SanctionRow): string {
  return `${row.scope}:${row.member_id ?? row.organisation_id}`;
}
