/**
 * Test helper: the counting rules computed another way, to check `counting.ts` against. Plain
 * counting with `filter`, thresholds as "votes needed" (ceil and floor of exact small quotients)
 * rather than cross-multiplication, and instant runoff by recursion over a multiset of ballots.
 * Only for tests; the electorates here stay small enough for every quotient to be exact.
 */
import type { Ballot, CountRules, Threshold } from './counting.js';

/** What the reference decides, without the tally. */
export interface ReferenceDecision {
  result: 'passed' | 'failed' | 'inquorate' | 'elected' | 'tie';
  winners: number[];
  tied: number[];
  /** ranked_choice only: the options eliminated, in order. */
  eliminations?: number[];
}

const howMany = (ballots: readonly Ballot[], answer: Ballot): number => ballots.filter((ballot) => ballot === answer).length;

/** The fewest members who must vote: the smallest whole number at or above quorum × electorate. */
export function referenceVotersNeeded(quorumBasisPoints: number, electorate: number): number {
  return Math.ceil((quorumBasisPoints * electorate) / 10_000);
}

/** The fewest supporters out of `whole` that meet `threshold`, or Infinity when none can (whole = 0). */
export function referenceSupportNeeded(threshold: Threshold, whole: number): number {
  if (whole === 0) return Number.POSITIVE_INFINITY;
  if (threshold === 'simple_majority') return Math.floor(whole / 2) + 1;
  if (threshold === 'two_thirds') return Math.max(1, Math.ceil((2 * whole) / 3));
  return whole;
}

const verdict = (passed: boolean): ReferenceDecision => ({ result: passed ? 'passed' : 'failed', winners: [], tied: [] });

function referenceConsent(rules: CountRules, ballots: readonly Ballot[]): ReferenceDecision {
  if (ballots.includes('block')) return verdict(false);
  const agree = howMany(ballots, 'agree');
  const disagree = howMany(ballots, 'disagree');
  if (agree === 0) return verdict(false);
  if (rules.threshold === 'consensus') return verdict(true);
  return verdict(agree >= referenceSupportNeeded(rules.threshold, agree + disagree));
}

function referenceYesNo(rules: CountRules, ballots: readonly Ballot[]): ReferenceDecision {
  const yes = howMany(ballots, 'yes');
  return verdict(yes >= referenceSupportNeeded(rules.threshold, yes + howMany(ballots, 'no')));
}

function referenceSingleChoice(rules: CountRules, ballots: readonly Ballot[]): ReferenceDecision {
  const voters = ballots.filter((ballot) => ballot !== 'abstain').length;
  const ranking = Array.from({ length: rules.options }, (_, option) => ({ option, votes: howMany(ballots, option) })).sort(
    (a, b) => b.votes - a.votes || a.option - b.option,
  );
  const [first, second] = ranking;
  if (first === undefined || first.votes === 0) return verdict(false);
  if (second !== undefined && second.votes === first.votes) {
    const tied = ranking.filter((entry) => entry.votes === first.votes).map((entry) => entry.option);
    return { result: 'tie', winners: [], tied };
  }
  if (first.votes < referenceSupportNeeded(rules.threshold, voters)) return verdict(false);
  return { result: 'elected', winners: [first.option], tied: [] };
}

function referenceMultipleChoice(rules: CountRules, ballots: readonly Ballot[]): ReferenceDecision {
  const sets = ballots as readonly (readonly number[])[];
  const voters = sets.filter((ballot) => ballot.length > 0).length;
  const needed = referenceSupportNeeded(rules.threshold, voters);
  const winners: number[] = [];
  for (let option = 0; option < rules.options; option++) {
    if (sets.filter((ballot) => ballot.includes(option)).length >= needed) winners.push(option);
  }
  return winners.length > 0 ? { result: 'elected', winners, tied: [] } : verdict(false);
}

/** Ballots as a multiset: the ranking written as a string, and how many ballots carry it. */
type Multiset = Map<string, number>;

function toMultiset(ballots: readonly (readonly number[])[]): Multiset {
  const multiset: Multiset = new Map();
  for (const ballot of ballots) {
    if (ballot.length === 0) continue;
    const key = ballot.join(',');
    multiset.set(key, (multiset.get(key) ?? 0) + 1);
  }
  return multiset;
}

/** The multiset with `option` struck out of every ranking; rankings left empty (exhausted) dropped. */
function strike(multiset: Multiset, option: number): Multiset {
  const next: Multiset = new Map();
  for (const [key, times] of multiset) {
    const rest = key
      .split(',')
      .filter((entry) => entry !== String(option))
      .join(',');
    if (rest !== '') next.set(rest, (next.get(rest) ?? 0) + times);
  }
  return next;
}

function firstPreferences(multiset: Multiset, candidates: readonly number[]): Map<number, number> {
  const tallies = new Map(candidates.map((candidate) => [candidate, 0]));
  for (const [key, times] of multiset) {
    const head = Number(key.split(',')[0]);
    tallies.set(head, (tallies.get(head) ?? 0) + times);
  }
  return tallies;
}

function runoff(
  multiset: Multiset,
  candidates: readonly number[],
  firstRound: Map<number, number>,
  eliminations: number[],
): ReferenceDecision {
  const tallies = firstPreferences(multiset, candidates);
  const total = [...tallies.values()].reduce((sum, votes) => sum + votes, 0);
  if (total === 0) return { result: 'failed', winners: [], tied: [], eliminations };
  const majority = candidates.find((candidate) => (tallies.get(candidate) ?? 0) > total / 2);
  if (majority !== undefined) return { result: 'elected', winners: [majority], tied: [], eliminations };
  if (candidates.length === 2) return { result: 'tie', winners: [], tied: [...candidates].sort((a, b) => a - b), eliminations };
  const [loser] = [...candidates].sort(
    (a, b) => (tallies.get(a) ?? 0) - (tallies.get(b) ?? 0) || (firstRound.get(a) ?? 0) - (firstRound.get(b) ?? 0) || a - b,
  );
  if (loser === undefined) throw new Error('a runoff always has candidates');
  return runoff(
    strike(multiset, loser),
    candidates.filter((candidate) => candidate !== loser),
    firstRound,
    [...eliminations, loser],
  );
}

function referenceRankedChoice(rules: CountRules, ballots: readonly Ballot[]): ReferenceDecision {
  const multiset = toMultiset(ballots as readonly (readonly number[])[]);
  const candidates = Array.from({ length: rules.options }, (_, option) => option);
  return runoff(multiset, candidates, firstPreferences(multiset, candidates), []);
}

/** What `count` should decide for `ballots` under `rules`, computed another way. */
export function referenceDecision(rules: CountRules, ballots: readonly Ballot[]): ReferenceDecision {
  if (ballots.length < referenceVotersNeeded(rules.quorumBasisPoints, rules.electorate)) {
    return { result: 'inquorate', winners: [], tied: [] };
  }
  if (rules.kind === 'consent') return referenceConsent(rules, ballots);
  if (rules.kind === 'yes_no') return referenceYesNo(rules, ballots);
  if (rules.kind === 'single_choice') return referenceSingleChoice(rules, ballots);
  if (rules.kind === 'multiple_choice') return referenceMultipleChoice(rules, ballots);
  return referenceRankedChoice(rules, ballots);
}
