/**
 * Due process ("a service provider, not a censorship body"): every suspension and reinstatement —
 * from the trading network today, from meetings or membership as they come — is kept in a log the
 * co-op's members read, with its reason and who decided; the suspended party has already been
 * told by email (with the way to appeal) by the domain that suspended it. An owner or admin of the
 * suspended organisation appeals once per suspension: the appeal becomes a proposal to all
 * members (yes or no, simple majority, open for `appealVoteMs`), and when the members uphold it
 * the sweep reinstates the organisation through the domain that suspended it.
 */
import { nanoid } from 'nanoid';
import type { Language } from '../../shared/languages.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, type Result, success } from '../platform/outcome.js';
import type { GovernanceDatabase } from './context.js';
import { dueProcessWords } from './due-process-words.js';
import type { Actor, MembersService } from './members-service.js';
import type { ProposalsService } from './proposals-service.js';

/** How long the members' vote on an appeal stays open. */
export const appealVoteMs = 14 * 86_400_000;

/** Where a suspension applies. */
export type SanctionScope = 'network';

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
}

export type SanctionFailureCode = 'sanction_not_found' | 'appeal_not_allowed' | 'members_only';

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
  }): Promise<void> {
    await this.db
      .insertInto('governance_sanctions')
      .values({
        id: `sanction_${nanoid(16)}`,
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

  /** The log, newest first: members and operators, and the people of organisations in it (they see their own lines). */
  async log(actor: Actor): Promise<Result<SanctionView[], SanctionFailureCode>> {
    const member = await this.options.members.isMemberPerson(actor);
    const mine = new Set(
      (await this.options.organisations.membershipsOf(actor.personId))
        .filter((membership) => membership.role !== 'member')
        .map((membership) => membership.organisationId),
    );
    const rows = await this.db.selectFrom('governance_sanctions').selectAll().orderBy('at_ms', 'desc').orderBy('id').execute();
    const visible = member ? rows : rows.filter((row) => mine.has(row.organisation_id));
    if (!member && visible.length === 0) return failure('members_only', dueProcessWords.phrase('log_members_only'));
    const views: SanctionView[] = [];
    for (const row of visible) {
      views.push({
        id: row.id,
        scope: 'network',
        subject: row.subject,
        action: row.action === 'reinstated' ? 'reinstated' : 'suspended',
        reason: row.reason,
        decidedBy: row.decided_by === 'vote' ? 'vote' : ((await this.options.nameOf(row.decided_by)) ?? ''),
        atMs: Number(row.at_ms),
        appealProposalId: row.appeal_proposal_id,
        appealable: row.action === 'suspended' && row.appeal_proposal_id === null && mine.has(row.organisation_id),
      });
    }
    return success(views);
  }

  /** An owner or admin of the suspended organisation appeals: the members vote on reinstating it. */
  async appeal(
    actor: Actor,
    sanctionId: string,
    statement: string,
    language: Language,
  ): Promise<Result<{ proposalId: string }, SanctionFailureCode>> {
    const row = await this.db.selectFrom('governance_sanctions').selectAll().where('id', '=', sanctionId).executeTakeFirst();
    const manages = (await this.options.organisations.membershipsOf(actor.personId)).some(
      (membership) => membership.organisationId === row?.organisation_id && membership.role !== 'member',
    );
    if (!row || !manages) return failure('sanction_not_found', dueProcessWords.phrase('sanction_not_found'));
    if (row.action !== 'suspended' || row.appeal_proposal_id !== null)
      return failure('appeal_not_allowed', dueProcessWords.phrase('appeal_not_allowed'));
    const now = this.options.clock.nowMs();
    const created = await this.options.proposals.create(
      { personId: actor.personId, name: actor.name, operator: true },
      {
        title: dueProcessWords.in(language, 'appeal_title', { subject: row.subject }),
        body: dueProcessWords.in(language, 'appeal_body', { subject: row.subject, reason: row.reason, statement, appellant: actor.name }),
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

  /** The sweep: appeals whose vote is sealed are resolved once — upheld ones reinstate. */
  async resolveAppeals(): Promise<number> {
    const rows = await this.db
      .selectFrom('governance_sanctions')
      .innerJoin('governance_outcomes', 'governance_outcomes.proposal_id', 'governance_sanctions.appeal_proposal_id')
      .select([
        'governance_sanctions.id',
        'governance_sanctions.organisation_id',
        'governance_sanctions.scope',
        'governance_outcomes.outcome_json',
      ])
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
      if (outcome.result === 'passed')
        await this.options.reinstate('network', row.organisation_id, dueProcessWords.in('en', 'appeal_upheld'));
      resolved += 1;
    }
    return resolved;
  }
}
