/**
 * The counting rules of co-op votes: the constitution in code. Pure functions, no I/O, and no
 * floating point in any decision — every share is compared by cross-multiplying integers.
 *
 * ## Who voted
 * - A member who cast a ballot has voted, abstentions included: they were present. An abstention is
 *   `'abstain'` (consent, yes/no, single choice) or an empty list (multiple and ranked choice).
 * - `turnout.voted` counts every ballot, `turnout.abstained` the abstentions among them.
 *
 * ## Quorum
 * - Met when `voted × 10,000 ≥ quorumBasisPoints × electorate` (2,500 basis points = 25 %).
 * - Not met: the result is `inquorate` whatever the votes; the tally is still reported, and
 *   `winners` and `tied` are empty (nothing was decided).
 *
 * ## Consent (`agree` | `abstain` | `disagree` | `block`)
 * - Any `block` fails the proposal, whatever the threshold: it is a consent decision.
 * - Without a block, at least one member must agree — a proposal nobody supports has no consent to
 *   give (so one where everyone abstains or disagrees fails). Then:
 *   - `consensus`: nothing more; `disagree` is standing aside.
 *   - `simple_majority`: agree > disagree (abstentions aside).
 *   - `two_thirds`: agree × 3 ≥ (agree + disagree) × 2.
 *
 * ## Yes/no (`yes` | `no` | `abstain`) — abstentions count neither for nor against
 * - `simple_majority`: yes > no; a tie fails.
 * - `two_thirds`: yes × 3 ≥ (yes + no) × 2 and yes > 0.
 * - `consensus`: no `no` and at least one `yes`.
 *
 * ## Single choice (one option index, or `abstain`)
 * - With V the non-abstaining ballots: when two or more options share the most votes (and that
 *   most is above zero) the result is `tie`, whatever the threshold, and `tied` lists them.
 * - Otherwise the leading option with n votes is `elected` when it meets the threshold of V —
 *   `simple_majority`: n × 2 > V; `two_thirds`: n × 3 ≥ V × 2; `consensus`: n = V — else `failed`
 *   (also when V = 0).
 *
 * ## Multiple choice, approval voting (a set of option indexes, at most `choicesMax`)
 * - With V the non-abstaining ballots, the winners are every option whose approvals a meet the
 *   threshold of V — `simple_majority`: a × 2 > V; `two_thirds`: a × 3 ≥ V × 2; `consensus`:
 *   a = V > 0. `elected` when there is at least one winner, else `failed`. No ties: several
 *   options may win.
 *
 * ## Ranked choice, instant runoff (option indexes in order of preference, a prefix, no repeats)
 * - Each round counts each ballot for its most preferred continuing option. Ballots with no
 *   continuing option left are exhausted and drop out; abstentions never count.
 * - An option with more than half of the continuing ballots (n × 2 > continuing) is `elected`.
 * - Otherwise the option with the fewest votes is eliminated. A tie for fewest is broken by the
 *   fewest first preferences in the first round, then by eliminating the lowest option index —
 *   deterministic, and documented here so that it is known before the vote.
 * - When the last two options tie the result is `tie` (`tied` lists them); when no ballot is
 *   continuing (everyone abstained) it is `failed`.
 * - The threshold is always a majority of continuing ballots: `validRules` refuses `two_thirds`
 *   and `consensus` for ranked choice.
 *
 * Bugs are assertions: `count` throws on rules `validRules` refuses, on a ballot `validBallot`
 * refuses, and on more ballots than the electorate. The service checks these first.
 */
import assert from 'node:assert/strict';

/** The kinds of proposal a co-op can vote on. */
export type ProposalKind = 'consent' | 'yes_no' | 'single_choice' | 'multiple_choice' | 'ranked_choice';
/** How much support a proposal needs; ranked choice is always `simple_majority`. */
export type Threshold = 'simple_majority' | 'two_thirds' | 'consensus';
/** A consent ballot. */
export type ConsentAnswer = 'agree' | 'abstain' | 'disagree' | 'block';
/** A yes/no ballot. */
export type YesNoAnswer = 'yes' | 'no' | 'abstain';

/**
 * A ballot as cast. consent: a `ConsentAnswer`; yes_no: a `YesNoAnswer`; single_choice: one option
 * index or `'abstain'`; multiple_choice: a set of option indexes (empty = abstain); ranked_choice:
 * option indexes in order of preference (a prefix, no repeats; empty = abstain).
 */
export type Ballot = ConsentAnswer | YesNoAnswer | number | readonly number[];

/** The fewest options a choice proposal may have. */
export const choiceOptionsMin = 2;
/** The most options a choice proposal may have. */
export const choiceOptionsMax = 20;
/** Basis points in a whole (100 %). */
export const basisPointsWhole = 10_000;

/** The rules a proposal is counted by. */
export interface CountRules {
  kind: ProposalKind;
  /** Number of options for choice kinds (2–20); ignored for consent and yes_no. */
  options: number;
  threshold: Threshold;
  /** Share of the electorate that must vote, in basis points (2500 = 25 %), 0–10,000. */
  quorumBasisPoints: number;
  /** Members entitled to vote, ≥ 0. */
  electorate: number;
  /** multiple_choice only: how many options a ballot may approve at most; defaults to `options`. */
  choicesMax?: number;
}

/** One round of an instant runoff. */
export interface RankedRound {
  /** Votes per option index; `null` for an option eliminated in an earlier round. */
  votes: (number | null)[];
  /** Ballots counted for a continuing option in this round. */
  continuing: number;
  /** Ballots that named options but have none continuing any more. */
  exhausted: number;
  /** The option eliminated at the end of this round; `null` in the last round. */
  eliminated: number | null;
}

/** The counts, per kind. */
export type Tally =
  | { kind: 'consent'; agree: number; abstain: number; disagree: number; block: number }
  | { kind: 'yes_no'; yes: number; no: number; abstain: number }
  | { kind: 'single_choice'; votes: number[]; abstain: number }
  | { kind: 'multiple_choice'; approvals: number[]; abstain: number }
  | { kind: 'ranked_choice'; rounds: RankedRound[]; abstain: number };

/** The result of a count. */
export interface Outcome {
  /** `passed`/`failed` for consent and yes_no; `elected`/`failed`/`tie` for choice kinds; `inquorate` for any. */
  result: 'passed' | 'failed' | 'inquorate' | 'elected' | 'tie';
  turnout: { voted: number; electorate: number; abstained: number };
  quorumMet: boolean;
  tally: Tally;
  /** Elected option indexes, ascending; empty unless the result is `elected`. */
  winners: number[];
  /** Option indexes tied for the win, ascending; empty unless the result is `tie`. */
  tied: number[];
}

/** Why `validRules` refuses rules. */
export type RulesProblem =
  | 'unknown_kind'
  | 'unknown_threshold'
  | 'ranked_choice_needs_simple_majority'
  | 'options_out_of_range'
  | 'quorum_out_of_range'
  | 'electorate_out_of_range'
  | 'choices_max_out_of_range';

const kinds: readonly string[] = ['consent', 'yes_no', 'single_choice', 'multiple_choice', 'ranked_choice'];
const thresholds: readonly string[] = ['simple_majority', 'two_thirds', 'consensus'];
const consentAnswers: readonly string[] = ['agree', 'abstain', 'disagree', 'block'];
const yesNoAnswers: readonly string[] = ['yes', 'no', 'abstain'];

const isChoiceKind = (kind: ProposalKind): boolean => kind === 'single_choice' || kind === 'multiple_choice' || kind === 'ranked_choice';
const isIntegerBetween = (value: unknown, min: number, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** The first problem with `rules`, or `undefined` when `count` may use them. */
export function rulesProblem(rules: CountRules): RulesProblem | undefined {
  if (!kinds.includes(rules.kind)) return 'unknown_kind';
  if (!thresholds.includes(rules.threshold)) return 'unknown_threshold';
  if (rules.kind === 'ranked_choice' && rules.threshold !== 'simple_majority') return 'ranked_choice_needs_simple_majority';
  if (isChoiceKind(rules.kind) && !isIntegerBetween(rules.options, choiceOptionsMin, choiceOptionsMax)) return 'options_out_of_range';
  if (!isIntegerBetween(rules.quorumBasisPoints, 0, basisPointsWhole)) return 'quorum_out_of_range';
  if (!isIntegerBetween(rules.electorate, 0, Number.MAX_SAFE_INTEGER)) return 'electorate_out_of_range';
  if (rules.kind === 'multiple_choice' && rules.choicesMax !== undefined && !isIntegerBetween(rules.choicesMax, 1, rules.options)) {
    return 'choices_max_out_of_range';
  }
  return undefined;
}

/**
 * Whether `count` may use `rules`: a known kind and threshold (ranked choice only with
 * `simple_majority`), 2–20 options for choice kinds, quorum 0–10,000 basis points, electorate ≥ 0,
 * and for multiple choice a `choicesMax` (when given) from 1 to `options`. All integers.
 */
export function validRules(rules: CountRules): boolean {
  return rulesProblem(rules) === undefined;
}

function isOptionList(rules: CountRules, ballot: unknown, lengthMax: number): boolean {
  if (!Array.isArray(ballot) || ballot.length > lengthMax) return false;
  const seen = new Set<number>();
  for (let index = 0; index < ballot.length; index++) {
    const option: unknown = ballot[index];
    if (!isIntegerBetween(option, 0, rules.options - 1) || seen.has(option)) return false;
    seen.add(option);
  }
  return true;
}

/**
 * Whether `ballot` has the shape `rules.kind` expects: a known answer; an option index within
 * `options`; for multiple choice at most `choicesMax` (default `options`) distinct indexes; for
 * ranked choice distinct indexes. Used by the service to refuse malformed ballots.
 */
export function validBallot(rules: CountRules, ballot: unknown): ballot is Ballot {
  switch (rules.kind) {
    case 'consent':
      return typeof ballot === 'string' && consentAnswers.includes(ballot);
    case 'yes_no':
      return typeof ballot === 'string' && yesNoAnswers.includes(ballot);
    case 'single_choice':
      return ballot === 'abstain' || isIntegerBetween(ballot, 0, rules.options - 1);
    case 'multiple_choice':
      return isOptionList(rules, ballot, rules.choicesMax ?? rules.options);
    case 'ranked_choice':
      return isOptionList(rules, ballot, rules.options);
    default:
      return false;
  }
}

/** Whether `share` of `whole` meets `threshold`: more than half, at least two thirds, or all (and some). */
function meetsThreshold(threshold: Threshold, share: number, whole: number): boolean {
  if (threshold === 'simple_majority') return share * 2 > whole;
  if (threshold === 'two_thirds') return share > 0 && share * 3 >= whole * 2;
  return share > 0 && share === whole;
}

interface Decision {
  result: 'passed' | 'failed' | 'elected' | 'tie';
  winners: number[];
  tied: number[];
}
const passedIf = (passed: boolean): Decision => ({ result: passed ? 'passed' : 'failed', winners: [], tied: [] });
const failed: Decision = { result: 'failed', winners: [], tied: [] };

function countConsent(rules: CountRules, ballots: readonly Ballot[]): { tally: Tally; decision: Decision } {
  const tally = { kind: 'consent' as const, agree: 0, abstain: 0, disagree: 0, block: 0 };
  for (const ballot of ballots) tally[ballot as ConsentAnswer]++;
  const { agree, disagree, block } = tally;
  let passed = block === 0 && agree > 0;
  if (rules.threshold === 'simple_majority') passed &&= agree > disagree;
  if (rules.threshold === 'two_thirds') passed &&= agree * 3 >= (agree + disagree) * 2;
  return { tally, decision: passedIf(passed) };
}

function countYesNo(rules: CountRules, ballots: readonly Ballot[]): { tally: Tally; decision: Decision } {
  const tally = { kind: 'yes_no' as const, yes: 0, no: 0, abstain: 0 };
  for (const ballot of ballots) tally[ballot as YesNoAnswer]++;
  return { tally, decision: passedIf(meetsThreshold(rules.threshold, tally.yes, tally.yes + tally.no)) };
}

function countSingleChoice(rules: CountRules, ballots: readonly Ballot[]): { tally: Tally; decision: Decision } {
  const votes = new Array<number>(rules.options).fill(0);
  let abstain = 0;
  for (const ballot of ballots) {
    if (ballot === 'abstain') abstain++;
    else votes[ballot as number] = (votes[ballot as number] ?? 0) + 1;
  }
  const tally: Tally = { kind: 'single_choice', votes, abstain };
  const most = Math.max(...votes);
  if (most === 0) return { tally, decision: failed };
  const leaders = optionsWith(votes, most);
  if (leaders.length > 1) return { tally, decision: { result: 'tie', winners: [], tied: leaders } };
  const elected = meetsThreshold(rules.threshold, most, ballots.length - abstain);
  return { tally, decision: elected ? { result: 'elected', winners: leaders, tied: [] } : failed };
}

function countMultipleChoice(rules: CountRules, ballots: readonly Ballot[]): { tally: Tally; decision: Decision } {
  const approvals = new Array<number>(rules.options).fill(0);
  let abstain = 0;
  for (const ballot of ballots as readonly (readonly number[])[]) {
    if (ballot.length === 0) abstain++;
    for (const option of ballot) approvals[option] = (approvals[option] ?? 0) + 1;
  }
  const voters = ballots.length - abstain;
  const winners = approvals.flatMap((approved, option) => (meetsThreshold(rules.threshold, approved, voters) ? [option] : []));
  const decision: Decision = winners.length > 0 ? { result: 'elected', winners, tied: [] } : failed;
  return { tally: { kind: 'multiple_choice', approvals, abstain }, decision };
}

/** The option indexes whose count equals `value`, ascending. */
function optionsWith(counts: readonly (number | null)[], value: number): number[] {
  return counts.flatMap((count, option) => (count === value ? [option] : []));
}

/** The continuing option to eliminate: fewest votes, then fewest first-round votes, then lowest index. */
function optionToEliminate(votes: readonly (number | null)[], firstRound: readonly (number | null)[]): number {
  let chosen = -1;
  for (let option = 0; option < votes.length; option++) {
    const count = votes[option];
    if (count === null || count === undefined) continue;
    const chosenCount = votes[chosen] ?? Number.POSITIVE_INFINITY;
    const fewer = count < chosenCount || (count === chosenCount && (firstRound[option] ?? 0) < (firstRound[chosen] ?? 0));
    if (fewer) chosen = option;
  }
  assert.ok(chosen >= 0, 'a ranked round has at least one continuing option');
  return chosen;
}

function runoffRound(rules: CountRules, ballots: readonly (readonly number[])[], eliminated: ReadonlySet<number>): RankedRound {
  const votes: (number | null)[] = Array.from({ length: rules.options }, (_, option) => (eliminated.has(option) ? null : 0));
  let continuing = 0;
  let exhausted = 0;
  for (const ballot of ballots) {
    if (ballot.length === 0) continue;
    const preferred = ballot.find((option) => !eliminated.has(option));
    if (preferred === undefined) {
      exhausted++;
    } else {
      votes[preferred] = (votes[preferred] ?? 0) + 1;
      continuing++;
    }
  }
  return { votes, continuing, exhausted, eliminated: null };
}

function countRankedChoice(rules: CountRules, ballots: readonly Ballot[]): { tally: Tally; decision: Decision } {
  const rankings = ballots as readonly (readonly number[])[];
  const abstain = rankings.filter((ballot) => ballot.length === 0).length;
  const rounds: RankedRound[] = [];
  const eliminated = new Set<number>();
  for (;;) {
    const round = runoffRound(rules, rankings, eliminated);
    rounds.push(round);
    const tally: Tally = { kind: 'ranked_choice', rounds, abstain };
    if (round.continuing === 0) return { tally, decision: failed };
    const most = Math.max(...round.votes.map((count) => count ?? 0));
    if (most * 2 > round.continuing) return { tally, decision: { result: 'elected', winners: optionsWith(round.votes, most), tied: [] } };
    const remaining = rules.options - eliminated.size;
    if (remaining === 2) return { tally, decision: { result: 'tie', winners: [], tied: optionsWith(round.votes, most) } };
    round.eliminated = optionToEliminate(round.votes, rounds[0]?.votes ?? []);
    eliminated.add(round.eliminated);
  }
}

const counters: Record<ProposalKind, (rules: CountRules, ballots: readonly Ballot[]) => { tally: Tally; decision: Decision }> = {
  consent: countConsent,
  yes_no: countYesNo,
  single_choice: countSingleChoice,
  multiple_choice: countMultipleChoice,
  ranked_choice: countRankedChoice,
};

function isAbstention(ballot: Ballot): boolean {
  return ballot === 'abstain' || (Array.isArray(ballot) && ballot.length === 0);
}

/**
 * Counts `ballots` (one per member who voted, in any order) by `rules`, following the rules in this
 * file's doc comment. Throws (a bug) on invalid rules, an invalid ballot, or more ballots than the
 * electorate.
 */
export function count(rules: CountRules, ballots: readonly Ballot[]): Outcome {
  assert.equal(rulesProblem(rules), undefined, 'count needs valid rules');
  assert.ok(ballots.length <= rules.electorate, 'no more ballots than members entitled to vote');
  for (const ballot of ballots) assert.ok(validBallot(rules, ballot), 'count needs valid ballots');
  const { tally, decision } = counters[rules.kind](rules, ballots);
  const voted = ballots.length;
  // In bigints: an electorate near the largest safe integer times 10,000 would lose precision.
  const quorumMet = BigInt(voted) * BigInt(basisPointsWhole) >= BigInt(rules.quorumBasisPoints) * BigInt(rules.electorate);
  const turnout = { voted, electorate: rules.electorate, abstained: ballots.filter(isAbstention).length };
  if (!quorumMet) return { result: 'inquorate', turnout, quorumMet, tally, winners: [], tied: [] };
  return { ...decision, turnout, quorumMet, tally };
}
