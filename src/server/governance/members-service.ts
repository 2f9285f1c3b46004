/**
 * The co-op's members and its register of share capital. Classes are configured by the co-op
 * (seeded: user members — subscribing organisations, admitted by the operators; operational
 * members — people who run the service, with a commitment, admitted by the members' vote). A
 * person applies for themselves or for an organisation they own or administer; an organisation
 * names the person who votes for it. Resigning ends the vote at once; the shares paid are then
 * owed back (the register shows what is to repay). The register is open to members and operators.
 */
import { stringify } from 'csv-stringify/sync';
import { nanoid } from 'nanoid';
import { type MemberClassView, type MemberView, memberStatuses, type RegisterView } from '../../shared/governance-api.js';
import type { Membership, OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, type Result, success } from '../platform/outcome.js';
import type { GovernanceDatabase } from './context.js';
import type { GovernanceFailureCode } from './failures.js';
import { governanceWords } from './words.js';

type Outcome<T> = Result<T, GovernanceFailureCode>;

/** Who is acting: a signed-in person, and whether they are an operator. */
export interface Actor {
  personId: string;
  name: string;
  operator: boolean;
}

/** What the members service needs. */
export interface MembersServiceOptions {
  db: () => GovernanceDatabase;
  clock: Clock;
  organisations: Pick<OrganisationsService, 'membership' | 'membershipsOf' | 'peopleWithRoles'>;
  /** A person's name and email by id, and a person's id by email (naming an organisation's voter). */
  people: {
    nameOf(personId: string): Promise<string | undefined>;
    idOfEmail(email: string): Promise<string | undefined>;
    /** A person's email address (letters about votes); without it, no letters. */
    emailOf?(personId: string): Promise<string | undefined>;
  };
}

/** Starts the members' vote on an applicant of a class admitted by vote. */
export type AdmissionVote = (member: { id: string; name: string; className: string }) => Promise<void>;

/** Meet.coop's two classes: what a new co-op starts with. */
const seedClasses = [
  {
    id: 'user',
    name: 'User members',
    description: 'Organisations that subscribe to the service.',
    admission: 'operators',
    holder: 'organisation',
    shares_min: 1,
    share_value_minor: 1_000n,
    position: 0,
  },
  {
    id: 'operational',
    name: 'Operational members',
    description: 'People who run the service, with a commitment in money or hours.',
    admission: 'vote',
    holder: 'person',
    shares_min: 1,
    share_value_minor: 1_000n,
    position: 1,
  },
] as const;

export class MembersService {
  /** Set by the domain once proposals exist: starts the vote on an applicant of a class admitted by vote. */
  proposeAdmission: AdmissionVote | undefined;

  constructor(private readonly options: MembersServiceOptions) {}

  private get db(): GovernanceDatabase {
    return this.options.db();
  }

  /** Seeds the two classes of a new co-op (nothing when any class exists). */
  async ensureClasses(): Promise<void> {
    const existing = await this.db.selectFrom('governance_classes').select('id').limit(1).executeTakeFirst();
    if (existing) return;
    await this.db
      .insertInto('governance_classes')
      .values(seedClasses.map((seed) => ({ ...seed })))
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
  }

  /** The classes, in order. */
  async classes(): Promise<MemberClassView[]> {
    const rows = await this.db.selectFrom('governance_classes').selectAll().orderBy('position').execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      admission: row.admission === 'vote' ? 'vote' : 'operators',
      holder: row.holder === 'person' ? 'person' : 'organisation',
      sharesMin: row.shares_min,
      shareValueMinor: String(row.share_value_minor),
    }));
  }

  /** A person applies to a class, for themselves or for an organisation they own or administer. */
  async apply(
    actor: Actor,
    request: { classId: string; organisation?: string | undefined; commitment: string },
  ): Promise<Outcome<MemberView>> {
    const memberClass = (await this.classes()).find((candidate) => candidate.id === request.classId);
    if (!memberClass) return failure('class_not_found', governanceWords.phrase('class_not_found'));
    let organisation: Membership | undefined;
    if (memberClass.holder === 'organisation') {
      if (!request.organisation)
        return failure('organisation_required', governanceWords.phrase('organisation_required', { class: memberClass.name }));
      organisation = await this.options.organisations.membership(actor.personId, request.organisation);
      if (!organisation || organisation.role === 'member') {
        return failure('organisation_not_found', governanceWords.phrase('organisation_not_managed'));
      }
    }
    const existing = await this.db
      .selectFrom('governance_members')
      .select('id')
      .where('status', 'in', ['applied', 'admitted'])
      .where((where) =>
        organisation
          ? where('organisation_id', '=', organisation.organisationId)
          : where('person_id', '=', actor.personId).and('organisation_id', 'is', null),
      )
      .executeTakeFirst();
    if (existing) return failure('already_member', governanceWords.phrase('already_member'));
    const id = `member_${nanoid(16)}`;
    await this.db
      .insertInto('governance_members')
      .values({
        id,
        class_id: memberClass.id,
        organisation_id: organisation?.organisationId ?? null,
        person_id: organisation ? null : actor.personId,
        name: organisation?.name ?? actor.name,
        voter_person_id: actor.personId,
        commitment: request.commitment,
        status: 'applied',
        applied_at_ms: this.options.clock.nowMs(),
        decided_at_ms: null,
        decided_by: null,
        reason: null,
        resigned_at_ms: null,
      })
      .execute();
    if (memberClass.admission === 'vote') {
      await this.proposeAdmission?.({ id, name: organisation?.name ?? actor.name, className: memberClass.name });
    }
    return success(await this.memberView(id));
  }

  /**
   * Operators admit or decline an applicant. A class admitted by vote is decided by its proposal's
   * outcome — except while the co-op has no admitted member at all, who could vote (its founding).
   */
  async decide(actor: Actor, memberId: string, admitted: boolean, reason: string | null): Promise<Outcome<MemberView>> {
    if (!actor.operator) return failure('operator_only', governanceWords.phrase('operators_only'));
    const application = await this.db
      .selectFrom('governance_members')
      .innerJoin('governance_classes', 'governance_classes.id', 'governance_members.class_id')
      .select('governance_classes.admission')
      .where('governance_members.id', '=', memberId)
      .executeTakeFirst();
    if (application?.admission === 'vote') {
      const voter = await this.db
        .selectFrom('governance_members')
        .select('id')
        .where('status', '=', 'admitted')
        .limit(1)
        .executeTakeFirst();
      if (voter) return failure('admitted_by_vote', governanceWords.phrase('admitted_by_vote'));
    }
    const decided = await this.settleApplication(memberId, admitted, actor.personId, reason);
    if (!decided) return failure('member_not_found', governanceWords.phrase('application_not_found'));
    return success(await this.memberView(memberId));
  }

  /** Admits or declines an application still waiting; false when there is none (already decided). */
  async settleApplication(memberId: string, admitted: boolean, decidedBy: string, reason: string | null): Promise<boolean> {
    const updated = await this.db
      .updateTable('governance_members')
      .set({ status: admitted ? 'admitted' : 'declined', decided_at_ms: this.options.clock.nowMs(), decided_by: decidedBy, reason })
      .where('id', '=', memberId)
      .where('status', '=', 'applied')
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** The member (a person, or an owner or admin of the member organisation) resigns: the vote ends now; paid shares are owed back. */
  async resign(actor: Actor, memberId: string): Promise<Outcome<MemberView>> {
    const member = await this.db.selectFrom('governance_members').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!member || !(await this.speaksFor(actor, member))) return failure('member_not_found', governanceWords.phrase('member_not_found'));
    const updated = await this.db
      .updateTable('governance_members')
      .set({ status: 'resigned', resigned_at_ms: this.options.clock.nowMs() })
      .where('id', '=', memberId)
      .where('status', 'in', ['applied', 'admitted'])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return failure('not_a_member', governanceWords.phrase('not_a_member'));
    return success(await this.memberView(memberId));
  }

  /** An owner or admin of a member organisation names who votes for it (one of its people). */
  async nameVoter(actor: Actor, memberId: string, email: string): Promise<Outcome<MemberView>> {
    const member = await this.db.selectFrom('governance_members').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!member?.organisation_id || !(await this.speaksFor(actor, member)))
      return failure('member_not_found', governanceWords.phrase('member_not_found'));
    const voterId = await this.options.people.idOfEmail(email);
    const voterMemberships = voterId ? await this.options.organisations.membershipsOf(voterId) : [];
    if (!voterId || !voterMemberships.some((membership) => membership.organisationId === member.organisation_id)) {
      return failure('voter_not_in_organisation', governanceWords.phrase('voter_not_in_organisation', { organisation: member.name }));
    }
    await this.db.updateTable('governance_members').set({ voter_person_id: voterId }).where('id', '=', memberId).execute();
    return success(await this.memberView(memberId));
  }

  /** Operators record shares subscribed, paid or repaid (a new line in the register; never an edit). */
  async recordShares(
    actor: Actor,
    memberId: string,
    movement: { kind: 'subscribed' | 'paid' | 'repaid'; shares: number; amountMinor: bigint; note: string },
  ): Promise<Outcome<MemberView>> {
    if (!actor.operator) return failure('operator_only', governanceWords.phrase('operators_only'));
    const member = await this.db.selectFrom('governance_members').select('id').where('id', '=', memberId).executeTakeFirst();
    if (!member) return failure('member_not_found', governanceWords.phrase('member_not_found'));
    const before = (await this.memberView(memberId)).shares;
    if (movement.kind === 'paid' && before.paid + movement.shares > before.subscribed) {
      return failure('shares_exceed_subscribed', governanceWords.phrase('shares_exceed_subscribed'));
    }
    if (movement.kind === 'repaid' && before.repaid + movement.shares > before.paid) {
      return failure('shares_exceed_paid', governanceWords.phrase('shares_exceed_paid'));
    }
    await this.db
      .insertInto('governance_share_movements')
      .values({
        id: `shares_${nanoid(16)}`,
        member_id: memberId,
        kind: movement.kind,
        shares: movement.shares,
        amount_minor: movement.amountMinor,
        note: movement.note,
        recorded_by: actor.personId,
        at_ms: this.options.clock.nowMs(),
      })
      .execute();
    return success(await this.memberView(memberId));
  }

  /** Whether the person may read the register and take part: an operator, or the voter or a person of an admitted member. */
  async isMemberPerson(actor: Actor): Promise<boolean> {
    if (actor.operator) return true;
    return (await this.membersOf(actor.personId)).length > 0 || (await this.votesFor(actor.personId)).length > 0;
  }

  /** The admitted members the person belongs to (themselves, or organisations they are in). */
  async membersOf(personId: string): Promise<string[]> {
    const organisationIds = (await this.options.organisations.membershipsOf(personId)).map((membership) => membership.organisationId);
    const rows = await this.db
      .selectFrom('governance_members')
      .select('id')
      .where('status', '=', 'admitted')
      .where((where) =>
        organisationIds.length > 0
          ? where.or([where('person_id', '=', personId), where('organisation_id', 'in', organisationIds)])
          : where('person_id', '=', personId),
      )
      .execute();
    return rows.map((row) => row.id);
  }

  /** The admitted members whose vote this person casts. */
  async votesFor(personId: string): Promise<{ id: string; name: string; classId: string }[]> {
    const rows = await this.db
      .selectFrom('governance_members')
      .select(['id', 'name', 'class_id'])
      .where('status', '=', 'admitted')
      .where('voter_person_id', '=', personId)
      .orderBy('name')
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, classId: row.class_id }));
  }

  /** The register: classes, and every member with its shares. Members and operators only. */
  async register(actor: Actor): Promise<Outcome<RegisterView>> {
    if (!(await this.isMemberPerson(actor))) return failure('members_only', governanceWords.phrase('members_only'));
    const rows = await this.db.selectFrom('governance_members').select('id').orderBy('applied_at_ms').orderBy('id').execute();
    const members = [];
    for (const row of rows) members.push(await this.memberView(row.id));
    return success({ classes: await this.classes(), members, mine: await this.spokenFor(actor.personId) });
  }

  /** The members the person speaks for — themselves, or organisations they own or administer — in any state, oldest first. */
  async memberships(actor: Actor): Promise<MemberView[]> {
    const members = [];
    for (const id of await this.spokenFor(actor.personId)) members.push(await this.memberView(id));
    return members;
  }

  private async spokenFor(personId: string): Promise<string[]> {
    const managed = (await this.options.organisations.membershipsOf(personId))
      .filter((membership) => membership.role !== 'member')
      .map((membership) => membership.organisationId);
    const rows = await this.db
      .selectFrom('governance_members')
      .select('id')
      .where((where) =>
        managed.length > 0
          ? where.or([where('person_id', '=', personId), where('organisation_id', 'in', managed)])
          : where('person_id', '=', personId),
      )
      .orderBy('applied_at_ms')
      .orderBy('id')
      .execute();
    return rows.map((row) => row.id);
  }

  /** The register as CSV, one row per member. */
  async registerCsv(actor: Actor): Promise<Outcome<string>> {
    const register = await this.register(actor);
    if (!register.ok) return register;
    const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
    return success(
      stringify([
        [
          'member',
          'class',
          'status',
          'applied',
          'decided',
          'resigned',
          'shares_subscribed',
          'shares_paid',
          'shares_repaid',
          'paid_minor',
          'repaid_minor',
        ],
        ...register.value.members.map((member) => [
          member.name,
          member.className,
          member.status,
          iso(member.appliedAtMs),
          iso(member.decidedAtMs),
          iso(member.resignedAtMs),
          member.shares.subscribed,
          member.shares.paid,
          member.shares.repaid,
          member.shares.paidMinor,
          member.shares.repaidMinor,
        ]),
      ]),
    );
  }

  /** Whether the actor speaks for the member: the person themselves, or an owner or admin of the member organisation. */
  private async speaksFor(actor: Actor, member: { person_id: string | null; organisation_id: string | null }): Promise<boolean> {
    if (member.person_id !== null) return member.person_id === actor.personId;
    const memberships = await this.options.organisations.membershipsOf(actor.personId);
    return memberships.some((membership) => membership.organisationId === member.organisation_id && membership.role !== 'member');
  }

  /** A person's name, for the pages (organisers, voters). */
  personName(personId: string): Promise<string | undefined> {
    return this.options.people.nameOf(personId);
  }

  /** One member as the register shows it. */
  async memberView(memberId: string): Promise<MemberView> {
    const row = await this.db
      .selectFrom('governance_members')
      .innerJoin('governance_classes', 'governance_classes.id', 'governance_members.class_id')
      .selectAll('governance_members')
      .select(['governance_classes.name as class_name', 'governance_classes.holder'])
      .where('governance_members.id', '=', memberId)
      .executeTakeFirstOrThrow();
    const movements = await this.db.selectFrom('governance_share_movements').selectAll().where('member_id', '=', memberId).execute();
    const sum = (kind: string) => movements.filter((movement) => movement.kind === kind);
    const count = (kind: string) => sum(kind).reduce((total, movement) => total + movement.shares, 0);
    const money = (kind: string) => sum(kind).reduce((total, movement) => total + BigInt(movement.amount_minor), 0n);
    const organisation = row.organisation_id
      ? await this.db.selectFrom('organisations').select('slug').where('id', '=', row.organisation_id).executeTakeFirst()
      : undefined;
    const status = memberStatuses.find((candidate) => candidate === row.status) ?? 'applied';
    return {
      id: row.id,
      classId: row.class_id,
      className: row.class_name,
      name: row.name,
      holder: row.holder === 'person' ? 'person' : 'organisation',
      organisation: organisation?.slug ?? null,
      voterName: (await this.options.people.nameOf(row.voter_person_id)) ?? '',
      commitment: row.commitment,
      status,
      appliedAtMs: Number(row.applied_at_ms),
      decidedAtMs: row.decided_at_ms === null ? null : Number(row.decided_at_ms),
      reason: row.reason,
      resignedAtMs: row.resigned_at_ms === null ? null : Number(row.resigned_at_ms),
      shares: {
        subscribed: count('subscribed'),
        paid: count('paid'),
        repaid: count('repaid'),
        paidMinor: String(money('paid')),
        repaidMinor: String(money('repaid')),
      },
    };
  }
}
