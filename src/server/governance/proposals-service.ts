/**
 * Proposals and their votes. An operator or a member's voter puts a proposal (Markdown text,
 * rendered to safe HTML: raw HTML shows as text, `javascript:` links are dropped) with its kind,
 * electorate, times, quorum and threshold. While it is open, each member's voter casts one ballot
 * per member, changeable until close. When it closes, the sweep seals the outcome — tally,
 * turnout, result — as revision 0 (unique: a sweep run twice, or on two instances, seals it once);
 * a correction is a later revision with an operator's statement, never an edit. Tallies are shown
 * only once sealed, so nobody votes on the running count. The electorate is the members of the
 * class (or all) admitted before it opened and not resigned before it closed. A secret proposal's
 * ballots are kept apart from its voters (`secret-ballots.ts`, `SECRET-BALLOTS.md`); since nobody
 * can tell whose ballot is whose, a member who voted and then resigned is counted, ballot and all.
 *
 * Closing early. A proposal may be closed before its closing time only (a) by its organiser or an
 * operator, (b) while it is open, and (c) when the result can no longer change: every member of
 * its electorate has voted (for a secret proposal, every member of the electorate has a receipt,
 * so the count of voters equals the electorate). Otherwise it is refused — `not_the_organiser`,
 * or `early_close_not_allowed` with a sentence saying why — and nothing changes. The close is
 * recorded (who, when: `governance_early_closes`, once per proposal) and then the outcome is
 * sealed by the same function as the sweep's, so a sweep at the same moment still seals it once.
 * From then on the proposal is closed: its effective closing time is the early one (the
 * electorate is those not resigned before it), and the letter with its outcome goes as usual.
 */

import { nanoid } from 'nanoid';
import type { OutcomeView, ProposalRequest, ProposalView, VoteResponse } from '../../shared/governance-api.js';
import type { Language } from '../../shared/languages.js';
import type { Clock } from '../platform/clock.js';
import { failure, type Result, success } from '../platform/outcome.js';
import type { Phrase } from '../platform/words.js';
import type { GovernanceDatabase } from './context.js';
import { type Ballot, type CountRules, count, rulesProblem, validBallot } from './counting.js';
import { earlyCloseRefusal, earlyCloseRefusalPhrase, type ProposalNamed } from './early-close.js';
import type { GovernanceFailureCode } from './failures.js';
import { markdownToHtml } from './markdown.js';
import type { Actor, MembersService } from './members-service.js';
import { castSecretBallot, isSealed, lockProposal, secretVotersOf, takeSecretBallots } from './secret-ballots.js';
import { governanceWords } from './words.js';

type Outcome<T> = Result<T, GovernanceFailureCode>;
type ProposalRow = Awaited<ReturnType<ProposalsService['row']>> & {};

/** What the proposals service needs. */
export interface ProposalsServiceOptions {
  db: () => GovernanceDatabase;
  clock: Clock;
  members: MembersService;
  /** How a time is written in a sentence for `language` (dates of opening and closing). */
  formatTime: (ms: number, language: Language) => string;
}

/** How long a vote on an admission stays open. */
export const admissionVoteMs = 7 * 86_400_000;

export class ProposalsService {
  constructor(private readonly options: ProposalsServiceOptions) {}

  private get db(): GovernanceDatabase {
    return this.options.db();
  }

  private now(): number {
    return this.options.clock.nowMs();
  }

  /** Puts a proposal: operators, and the voters of admitted members. */
  async create(actor: Actor, request: ProposalRequest, admitsMemberId: string | null = null): Promise<Outcome<ProposalView>> {
    if (!actor.operator && (await this.options.members.votesFor(actor.personId)).length === 0) {
      return failure('members_only', governanceWords.phrase('members_only'));
    }
    const problem = await this.problemWith(request);
    if (problem) return failure('proposal_invalid', problem);
    const id = `proposal_${nanoid(16)}`;
    await this.db
      .insertInto('governance_proposals')
      .values({
        id,
        title: request.title,
        body: request.body,
        kind: request.kind,
        options_json: JSON.stringify(request.options),
        choices_max: request.choicesMax ?? null,
        electorate_class_id: request.electorateClassId ?? null,
        secret: request.secret ? 1 : 0,
        opens_at_ms: request.opensAtMs,
        closes_at_ms: request.closesAtMs,
        quorum_basis_points: request.quorumBasisPoints,
        threshold: request.threshold,
        organiser_person_id: actor.personId,
        created_at_ms: this.now(),
        electorate_size: null,
        admits_member_id: admitsMemberId,
      })
      .execute();
    return this.view(actor, id);
  }

  /** Why `request` cannot be put to a vote, in words; undefined when it can. */
  private async problemWith(request: ProposalRequest): Promise<Phrase | undefined> {
    const invalid = (key: 'problem_options' | 'problem_times' | 'problem_ranked_threshold' | 'problem_choices_max' | 'problem_class') => ({
      id: `governance.${key}`,
      in: (language: Language) => governanceWords.in(language, 'proposal_invalid', { problem: governanceWords.in(language, key) }),
    });
    const choice = request.kind !== 'consent' && request.kind !== 'yes_no';
    if (choice ? request.options.length < 2 : request.options.length > 0) return invalid('problem_options');
    if (request.closesAtMs <= request.opensAtMs || request.closesAtMs <= this.now()) return invalid('problem_times');
    const problem = rulesProblem(this.rulesOf(request, 0));
    if (problem === 'ranked_choice_needs_simple_majority') return invalid('problem_ranked_threshold');
    if (problem === 'choices_max_out_of_range') return invalid('problem_choices_max');
    if (problem) return invalid('problem_options');
    if (
      request.electorateClassId !== undefined &&
      !(await this.options.members.classes()).some((each) => each.id === request.electorateClassId)
    ) {
      return invalid('problem_class');
    }
    return undefined;
  }

  private rulesOf(
    proposal: Pick<ProposalRequest, 'kind' | 'options' | 'threshold' | 'quorumBasisPoints' | 'choicesMax'>,
    electorate: number,
  ): CountRules {
    return {
      kind: proposal.kind,
      options: proposal.options.length,
      threshold: proposal.threshold,
      quorumBasisPoints: proposal.quorumBasisPoints,
      electorate,
      ...(proposal.choicesMax !== undefined ? { choicesMax: proposal.choicesMax } : {}),
    };
  }

  /** Every proposal, the newest first. Members and operators only. */
  async list(actor: Actor): Promise<Outcome<ProposalView[]>> {
    if (!(await this.options.members.isMemberPerson(actor))) return failure('members_only', governanceWords.phrase('members_only'));
    const rows = await this.db.selectFrom('governance_proposals').select('id').orderBy('opens_at_ms', 'desc').orderBy('id').execute();
    const views: ProposalView[] = [];
    for (const row of rows) {
      const view = await this.view(actor, row.id);
      if (view.ok) views.push(view.value);
    }
    return success(views);
  }

  /** One proposal as this person sees it: their members' ballots, the sealed outcomes, the discussion. */
  async view(actor: Actor, proposalId: string): Promise<Outcome<ProposalView>> {
    if (!(await this.options.members.isMemberPerson(actor))) return failure('members_only', governanceWords.phrase('members_only'));
    const row = await this.row(proposalId);
    if (!row) return failure('proposal_not_found', governanceWords.phrase('proposal_not_found'));
    // Closed but not yet swept: sealed now, so nobody waits for the scheduler to see the outcome.
    if (this.statusOf(row) === 'closed') await this.seal(proposalId);
    const mine = await this.options.members.votesFor(actor.personId);
    const votes = await this.db.selectFrom('governance_votes').selectAll().where('proposal_id', '=', proposalId).execute();
    const voted = row.secret ? await secretVotersOf(this.db, proposalId) : new Set(votes.map((vote) => vote.member_id));
    const outcomes = await this.db
      .selectFrom('governance_outcomes')
      .selectAll()
      .where('proposal_id', '=', proposalId)
      .orderBy('revision')
      .execute();
    const comments = await this.db
      .selectFrom('governance_comments')
      .selectAll()
      .where('proposal_id', '=', proposalId)
      .orderBy('at_ms')
      .orderBy('id')
      .execute();
    const organiser = (await this.options.members.personName(row.organiser_person_id)) ?? '';
    const electorate = await this.electorateOf(row);
    const closableEarly = !earlyCloseRefusal({
      organiserOrOperator: this.mayClose(actor, row),
      status: this.statusOf(row),
      electorate,
      voted,
    });
    const closedEarly = row.closedEarly
      ? { atMs: row.closedEarly.atMs, by: (await this.options.members.personName(row.closedEarly.byPersonId)) ?? '' }
      : null;
    return success({
      id: row.id,
      title: row.title,
      bodyHtml: markdownToHtml(row.body),
      kind: row.kind,
      options: row.options,
      choicesMax: row.choices_max,
      electorateClassId: row.electorate_class_id,
      opensAtMs: row.opensAtMs,
      closesAtMs: row.closesAtMs,
      quorumBasisPoints: row.quorum_basis_points,
      threshold: row.threshold,
      status: this.statusOf(row),
      organiser,
      secret: row.secret === 1,
      closableEarly,
      closedEarly,
      myBallots: mine
        .filter((member) => electorate.has(member.id))
        .map((member) => {
          const vote = votes.find((candidate) => candidate.member_id === member.id);
          return {
            memberId: member.id,
            memberName: member.name,
            voted: voted.has(member.id),
            ballot: vote ? (JSON.parse(vote.ballot_json) as Ballot as ProposalView['myBallots'][number]['ballot']) : null,
          };
        }),
      votesCast: voted.size,
      outcomes: outcomes.map((outcome) => ({
        ...(JSON.parse(outcome.outcome_json) as Omit<OutcomeView, 'revision' | 'statement' | 'sealedAtMs'>),
        revision: outcome.revision,
        statement: outcome.statement,
        sealedAtMs: Number(outcome.sealed_at_ms),
      })),
      comments: comments.map((comment) => ({ author: comment.author_name, body: comment.body, atMs: Number(comment.at_ms) })),
    });
  }

  /**
   * Casts (or changes) the ballot of a member the person votes for, while the proposal is open. A
   * secret ballot's first vote answers with its `ballotToken`; changing it needs that token.
   */
  async vote(
    actor: Actor,
    proposalId: string,
    memberId: string,
    ballot: unknown,
    ballotToken: string | undefined = undefined,
  ): Promise<Outcome<VoteResponse>> {
    const row = await this.row(proposalId);
    if (!row) return failure('proposal_not_found', governanceWords.phrase('proposal_not_found'));
    if (this.statusOf(row) !== 'open') return failure('proposal_not_open', this.notOpen(row));
    const member = (await this.options.members.votesFor(actor.personId)).find((candidate) => candidate.id === memberId);
    if (!member) return failure('not_your_vote', governanceWords.phrase('not_your_vote'));
    if (!(await this.electorateOf(row)).has(memberId))
      return failure('not_in_electorate', governanceWords.phrase('not_in_electorate', { member: member.name }));
    if (!validBallot(this.rulesOf(row, 0), ballot)) return failure('ballot_invalid', governanceWords.phrase('ballot_invalid'));
    if (row.secret) return this.voteInSecret(actor, row, memberId, ballot, ballotToken);
    const values = { ballot_json: JSON.stringify(ballot), cast_by: actor.personId, cast_at_ms: this.now() };
    await this.db
      .insertInto('governance_votes')
      .values({ proposal_id: proposalId, member_id: memberId, ...values })
      .onConflict((conflict) => conflict.columns(['proposal_id', 'member_id']).doUpdateSet(values))
      .execute();
    return this.view(actor, proposalId);
  }

  private async voteInSecret(
    actor: Actor,
    row: ProposalRow,
    memberId: string,
    ballot: unknown,
    ballotToken: string | undefined,
  ): Promise<Outcome<VoteResponse>> {
    const cast = await castSecretBallot(this.db, { proposalId: row.id, memberId, ballotJson: JSON.stringify(ballot), ballotToken });
    if (cast.cast === 'sealed') return failure('proposal_not_open', this.notOpen(row));
    if (cast.cast === 'already_voted') return failure('already_voted', governanceWords.phrase('already_voted'));
    if (cast.cast === 'token_wrong') return failure('ballot_token_wrong', governanceWords.phrase('ballot_token_wrong'));
    const view = await this.view(actor, row.id);
    if (cast.cast === 'first' && view.ok) return success({ ...view.value, ballotToken: cast.ballotToken });
    return view;
  }

  /** Adds to the proposal's discussion (members and operators). */
  async comment(actor: Actor, proposalId: string, body: string): Promise<Outcome<ProposalView>> {
    if (!(await this.options.members.isMemberPerson(actor))) return failure('members_only', governanceWords.phrase('members_only'));
    if (!(await this.row(proposalId))) return failure('proposal_not_found', governanceWords.phrase('proposal_not_found'));
    await this.db
      .insertInto('governance_comments')
      .values({
        id: `comment_${nanoid(16)}`,
        proposal_id: proposalId,
        person_id: actor.personId,
        author_name: actor.name,
        body,
        at_ms: this.now(),
      })
      .execute();
    return this.view(actor, proposalId);
  }

  /** An operator's correction of a sealed outcome: a new revision with a statement (the count is kept; the statement says what changes). */
  async correct(actor: Actor, proposalId: string, statement: string): Promise<Outcome<ProposalView>> {
    if (!actor.operator) return failure('operator_only', governanceWords.phrase('operators_only'));
    const outcomes = await this.db
      .selectFrom('governance_outcomes')
      .selectAll()
      .where('proposal_id', '=', proposalId)
      .orderBy('revision', 'desc')
      .execute();
    const [latest] = outcomes;
    if (!latest) return failure('proposal_not_open', governanceWords.phrase('correction_needs_outcome'));
    await this.db
      .insertInto('governance_outcomes')
      .values({
        id: `outcome_${nanoid(16)}`,
        proposal_id: proposalId,
        revision: latest.revision + 1,
        outcome_json: latest.outcome_json,
        statement,
        sealed_by: actor.personId,
        sealed_at_ms: this.now(),
      })
      .execute();
    return this.view(actor, proposalId);
  }

  /**
   * Closes the vote now, before its closing time, as the rule allows (this file's comment): the
   * close is recorded once, then the outcome sealed as the sweep seals it. Refused otherwise, changing nothing.
   */
  async closeEarly(actor: Actor, proposalId: string): Promise<Outcome<ProposalView>> {
    if (!(await this.options.members.isMemberPerson(actor))) return failure('members_only', governanceWords.phrase('members_only'));
    const row = await this.row(proposalId);
    if (!row) return failure('proposal_not_found', governanceWords.phrase('proposal_not_found'));
    const voted = row.secret ? await secretVotersOf(this.db, proposalId) : await this.openVotersOf(proposalId);
    const electorate = await this.electorateOf(row);
    const refused = earlyCloseRefusal({ organiserOrOperator: this.mayClose(actor, row), status: this.statusOf(row), electorate, voted });
    if (refused) return failure(refused.code, earlyCloseRefusalPhrase(refused, this.described(row)));
    const recorded = await this.db
      .insertInto('governance_early_closes')
      .values({ proposal_id: proposalId, closed_by: actor.personId, closed_at_ms: this.now() })
      .onConflict((conflict) => conflict.column('proposal_id').doNothing())
      .executeTakeFirst();
    // Closed by someone else a moment ago: theirs is the close.
    if (Number(recorded.numInsertedOrUpdatedRows ?? 0n) !== 1)
      return failure(
        'early_close_not_allowed',
        earlyCloseRefusalPhrase({ code: 'early_close_not_allowed', why: 'closed' }, this.described(row)),
      );
    await this.seal(proposalId, actor.personId);
    return this.view(actor, proposalId);
  }

  /** Whether the person may close the proposal early: its organiser, or an operator. */
  private mayClose(actor: Actor, row: ProposalRow): boolean {
    return actor.operator || actor.personId === row.organiser_person_id;
  }

  /** The proposal as a refusal names it: its title, and when it opens in the reader's language. */
  private described(row: ProposalRow): ProposalNamed {
    return { title: row.title, opens: (language) => this.options.formatTime(row.opensAtMs, language) };
  }

  private async openVotersOf(proposalId: string): Promise<Set<string>> {
    const votes = await this.db.selectFrom('governance_votes').select('member_id').where('proposal_id', '=', proposalId).execute();
    return new Set(votes.map((vote) => vote.member_id));
  }

  /**
   * The sweep: seals the outcome of every proposal whose vote has closed and has none yet, and
   * settles the applications voted on — those closed early too, should their close have stopped
   * short of sealing. Safe twice at once: the (proposal, revision 0) is unique.
   */
  async closeDue(): Promise<number> {
    const now = this.now();
    const due = await this.db
      .selectFrom('governance_proposals')
      .leftJoin('governance_outcomes', (join) =>
        join.onRef('governance_outcomes.proposal_id', '=', 'governance_proposals.id').on('governance_outcomes.revision', '=', 0),
      )
      .leftJoin('governance_early_closes', 'governance_early_closes.proposal_id', 'governance_proposals.id')
      .select('governance_proposals.id')
      .where((where) =>
        where.or([where('governance_proposals.closes_at_ms', '<=', now), where('governance_early_closes.closed_at_ms', 'is not', null)]),
      )
      .where('governance_outcomes.id', 'is', null)
      .execute();
    let sealed = 0;
    for (const { id } of due) if (await this.seal(id)) sealed += 1;
    return sealed;
  }

  /** Seals revision 0 of the outcome (`sealedBy`: the scheduler, or the person who closed it early); false when sealed already. */
  private async seal(proposalId: string, sealedBy = 'scheduler'): Promise<boolean> {
    const row = await this.row(proposalId);
    if (!row) return false;
    const sealedAlready = await this.db
      .selectFrom('governance_outcomes')
      .select('id')
      .where('proposal_id', '=', proposalId)
      .where('revision', '=', 0)
      .executeTakeFirst();
    if (sealedAlready) return false;
    const sealed = row.secret ? await this.sealSecret(row, sealedBy) : await this.sealOpen(row, sealedBy);
    if (!sealed) return false;
    await this.db
      .updateTable('governance_proposals')
      .set({ electorate_size: sealed.electorateSize })
      .where('id', '=', proposalId)
      .execute();
    if (row.admits_member_id) {
      await this.options.members.settleApplication(row.admits_member_id, sealed.passed, 'vote', null);
    }
    return true;
  }

  /** Counts the open ballots of the electorate and records the outcome; undefined when sealed already. */
  private async sealOpen(row: ProposalRow, sealedBy: string): Promise<{ electorateSize: number; passed: boolean } | undefined> {
    const electorate = await this.electorateOf(row);
    const votes = await this.db.selectFrom('governance_votes').selectAll().where('proposal_id', '=', row.id).execute();
    const ballots = votes.filter((vote) => electorate.has(vote.member_id)).map((vote) => JSON.parse(vote.ballot_json) as Ballot);
    const counted = count(this.rulesOf(row, electorate.size), ballots);
    if (!(await this.recordOutcome(this.db, row.id, counted, sealedBy))) return undefined;
    return { electorateSize: electorate.size, passed: counted.result === 'passed' };
  }

  /**
   * Counts the secret ballots in one transaction with the proposal locked (no ballot lands after
   * the count), rewriting them in a random order. The electorate includes every member who voted:
   * a ballot cast by a member entitled then cannot be told apart if they resign before close.
   */
  private async sealSecret(row: ProposalRow, sealedBy: string): Promise<{ electorateSize: number; passed: boolean } | undefined> {
    const entitled = await this.electorateOf(row);
    return this.db.transaction().execute(async (transaction) => {
      await lockProposal(transaction, row.id);
      if (await isSealed(transaction, row.id)) return undefined;
      const { ballotsJson, voters } = await takeSecretBallots(transaction, row.id);
      const electorateSize = new Set([...entitled, ...voters]).size;
      const counted = count(
        this.rulesOf(row, electorateSize),
        ballotsJson.map((ballot) => JSON.parse(ballot) as Ballot),
      );
      if (!(await this.recordOutcome(transaction, row.id, counted, sealedBy))) return undefined;
      return { electorateSize, passed: counted.result === 'passed' };
    });
  }

  /** Records revision 0 of the outcome; false when another sweep recorded it first. */
  private async recordOutcome(
    db: GovernanceDatabase,
    proposalId: string,
    counted: ReturnType<typeof count>,
    sealedBy: string,
  ): Promise<boolean> {
    const outcome = {
      result: counted.result,
      quorumMet: counted.quorumMet,
      voted: counted.turnout.voted,
      abstained: counted.turnout.abstained,
      electorate: counted.turnout.electorate,
      winners: counted.winners,
      tied: counted.tied,
      tally: counted.tally,
    };
    const inserted = await db
      .insertInto('governance_outcomes')
      .values({
        id: `outcome_${nanoid(16)}`,
        proposal_id: proposalId,
        revision: 0,
        outcome_json: JSON.stringify(outcome),
        statement: '',
        sealed_by: sealedBy,
        sealed_at_ms: this.now(),
      })
      .onConflict((conflict) => conflict.columns(['proposal_id', 'revision']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** The members entitled to vote: of the class (or all), admitted before it opened, not resigned before it closed (early, if it did). */
  private async electorateOf(row: ProposalRow): Promise<Set<string>> {
    let query = this.db
      .selectFrom('governance_members')
      .select('id')
      .where('decided_at_ms', '<=', row.opensAtMs)
      .where((where) => where.or([where('status', '=', 'admitted'), where('resigned_at_ms', '>', row.endsAtMs)]))
      .where((where) => where.or([where('status', '=', 'admitted'), where('status', '=', 'resigned')]));
    if (row.electorate_class_id) query = query.where('class_id', '=', row.electorate_class_id);
    const rows = await query.execute();
    return new Set(rows.map((member) => member.id));
  }

  private statusOf(row: ProposalRow): ProposalView['status'] {
    const now = this.now();
    if (now < row.opensAtMs) return 'upcoming';
    return now < row.endsAtMs ? 'open' : 'closed';
  }

  private notOpen(row: ProposalRow): Phrase {
    return {
      id: 'governance.proposal_not_open',
      in: (language) =>
        governanceWords.in(language, 'proposal_not_open', {
          title: row.title,
          opens: this.options.formatTime(row.opensAtMs, language),
          closes: this.options.formatTime(row.closesAtMs, language),
        }),
    };
  }

  /**
   * A proposal's row with its options parsed and times as numbers; `closedEarly` when it was, and
   * `endsAtMs` when voting ends: the early close, or else its closing time.
   */
  async row(proposalId: string) {
    const found = await this.db
      .selectFrom('governance_proposals')
      .leftJoin('governance_early_closes', 'governance_early_closes.proposal_id', 'governance_proposals.id')
      .selectAll('governance_proposals')
      .select(['governance_early_closes.closed_by as early_closed_by', 'governance_early_closes.closed_at_ms as early_closed_at_ms'])
      .where('governance_proposals.id', '=', proposalId)
      .executeTakeFirst();
    if (!found) return undefined;
    const { early_closed_by, early_closed_at_ms, ...row } = found;
    const closedEarly =
      early_closed_by !== null && early_closed_at_ms !== null
        ? { byPersonId: early_closed_by, atMs: Number(early_closed_at_ms) }
        : undefined;
    const kind =
      (['consent', 'yes_no', 'single_choice', 'multiple_choice', 'ranked_choice'] as const).find((each) => each === row.kind) ?? 'yes_no';
    const threshold = (['simple_majority', 'two_thirds', 'consensus'] as const).find((each) => each === row.threshold) ?? 'simple_majority';
    return {
      ...row,
      kind,
      threshold,
      options: JSON.parse(row.options_json) as string[],
      quorumBasisPoints: row.quorum_basis_points,
      choicesMax: row.choices_max ?? undefined,
      opensAtMs: Number(row.opens_at_ms),
      closesAtMs: Number(row.closes_at_ms),
      closedEarly,
      endsAtMs: Math.min(closedEarly?.atMs ?? Number.POSITIVE_INFINITY, Number(row.closes_at_ms)),
    };
  }
}
