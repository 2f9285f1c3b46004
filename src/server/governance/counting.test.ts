import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Ballot,
  type CountRules,
  count,
  type ProposalKind,
  rulesProblem,
  type Threshold,
  validBallot,
  validRules,
} from './counting.js';
import { referenceDecision, referenceVotersNeeded } from './counting-reference.js';

const rulesFor = (kind: ProposalKind, overrides: Partial<CountRules> = {}): CountRules => ({
  kind,
  options: kind === 'consent' || kind === 'yes_no' ? 0 : 3,
  threshold: 'simple_majority',
  quorumBasisPoints: 0,
  electorate: 100,
  ...overrides,
});
const repeat = (ballot: Ballot, times: number): Ballot[] => new Array<Ballot>(times).fill(ballot);
const thresholdArbitrary = fc.constantFrom<Threshold>('simple_majority', 'two_thirds', 'consensus');

/** Random ballots for `rules`, mostly valid by construction. */
function ballotArbitrary(rules: CountRules): fc.Arbitrary<Ballot> {
  const option = fc.integer({ min: 0, max: rules.options - 1 });
  switch (rules.kind) {
    case 'consent':
      return fc.constantFrom<Ballot>('agree', 'agree', 'abstain', 'disagree', 'disagree', 'block');
    case 'yes_no':
      return fc.constantFrom<Ballot>('yes', 'no', 'abstain');
    case 'single_choice':
      return fc.oneof({ weight: 6, arbitrary: option }, fc.constant<Ballot>('abstain'));
    case 'multiple_choice':
      return fc.uniqueArray(option, { maxLength: rules.choicesMax ?? rules.options });
    case 'ranked_choice':
      return fc.uniqueArray(option, { maxLength: rules.options });
  }
}

/** Valid rules of any kind, with a small electorate and between 0 and electorate ballots. */
const voteArbitrary = fc
  .record({
    kind: fc.constantFrom<ProposalKind>('consent', 'yes_no', 'single_choice', 'multiple_choice', 'ranked_choice'),
    options: fc.integer({ min: 2, max: 6 }),
    threshold: thresholdArbitrary,
    quorumBasisPoints: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 2500, 5000, 6667, 10_000)),
    electorate: fc.integer({ min: 0, max: 40 }),
    choicesMax: fc.integer({ min: 1, max: 6 }),
  })
  .map(
    (draft): CountRules => ({
      ...draft,
      threshold: draft.kind === 'ranked_choice' ? 'simple_majority' : draft.threshold,
      choicesMax: Math.min(draft.choicesMax, draft.options),
    }),
  )
  .chain((rules) => fc.record({ rules: fc.constant(rules), ballots: fc.array(ballotArbitrary(rules), { maxLength: rules.electorate }) }));

const decisionOf = (rules: CountRules, ballots: readonly Ballot[]) => {
  const outcome = count(rules, ballots);
  return { result: outcome.result, winners: outcome.winners, tied: outcome.tied };
};

describe('every kind against the reference computed another way', () => {
  it('count decides what the reference decides, for random votes of every kind', () => {
    fc.assert(
      fc.property(voteArbitrary, ({ rules, ballots }) => {
        const { eliminations: _eliminations, ...reference } = referenceDecision(rules, ballots);
        expect(decisionOf(rules, ballots)).toEqual(reference);
      }),
      { numRuns: 2000 },
    );
  });

  it('the order of ballots never changes the outcome', () => {
    fc.assert(
      fc.property(
        voteArbitrary.chain((vote) =>
          fc.record({ vote: fc.constant(vote), shuffled: fc.shuffledSubarray(vote.ballots, { minLength: vote.ballots.length }) }),
        ),
        ({ vote, shuffled }) => {
          expect(count(vote.rules, shuffled)).toEqual(count(vote.rules, vote.ballots));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('voters, abstentions and the electorate are reported as counted', () => {
    fc.assert(
      fc.property(voteArbitrary, ({ rules, ballots }) => {
        const abstained = ballots.filter((ballot) => ballot === 'abstain' || (Array.isArray(ballot) && ballot.length === 0)).length;
        expect(count(rules, ballots).turnout).toEqual({ voted: ballots.length, electorate: rules.electorate, abstained });
      }),
    );
  });
});

describe('quorum', () => {
  it('is met exactly when at least the reference number of voters voted', () => {
    fc.assert(
      fc.property(voteArbitrary, ({ rules, ballots }) => {
        expect(count(rules, ballots).quorumMet).toBe(ballots.length >= referenceVotersNeeded(rules.quorumBasisPoints, rules.electorate));
      }),
    );
  });

  it('adding a voter never makes a quorate vote inquorate', () => {
    const voteWithOneMore = voteArbitrary
      .filter(({ rules, ballots }) => ballots.length < rules.electorate)
      .chain((vote) => fc.record({ vote: fc.constant(vote), extra: ballotArbitrary(vote.rules) }));
    fc.assert(
      fc.property(voteWithOneMore, ({ vote: { rules, ballots }, extra }) => {
        fc.pre(count(rules, ballots).quorumMet);
        const more = count(rules, [...ballots, extra]);
        expect(more.quorumMet).toBe(true);
        expect(more.result).not.toBe('inquorate');
      }),
    );
  });

  it('counts abstentions as present: 25 % of 8 members is met by two abstentions', () => {
    const rules = rulesFor('yes_no', { quorumBasisPoints: 2500, electorate: 8 });
    expect(count(rules, ['abstain']).result).toBe('inquorate');
    const outcome = count(rules, ['abstain', 'abstain']);
    expect(outcome.quorumMet).toBe(true);
    expect(outcome.result).toBe('failed');
  });

  it('reports the tally of an inquorate vote, with no winner', () => {
    const outcome = count(rulesFor('single_choice', { quorumBasisPoints: 5000, electorate: 10 }), [1, 1, 0]);
    expect(outcome).toMatchObject({ result: 'inquorate', quorumMet: false, winners: [], tied: [] });
    expect(outcome.tally).toEqual({ kind: 'single_choice', votes: [1, 2, 0], abstain: 0 });
  });

  it('is exact at the boundary: one third of 3 needs 1 voter, 3334 basis points of 3 needs 2', () => {
    expect(count(rulesFor('yes_no', { quorumBasisPoints: 3333, electorate: 3 }), ['yes']).quorumMet).toBe(true);
    expect(count(rulesFor('yes_no', { quorumBasisPoints: 3334, electorate: 3 }), ['yes']).quorumMet).toBe(false);
    expect(count(rulesFor('yes_no', { quorumBasisPoints: 10_000, electorate: 3 }), ['yes', 'no']).quorumMet).toBe(false);
  });
});

describe('consent', () => {
  it('a single block always fails a consent proposal, whatever the threshold and other answers', () => {
    const rules = fc.record({
      kind: fc.constant<ProposalKind>('consent'),
      options: fc.constant(0),
      threshold: thresholdArbitrary,
      quorumBasisPoints: fc.constant(0),
      electorate: fc.constant(60),
    });
    fc.assert(
      fc.property(
        rules,
        fc.array(fc.constantFrom<Ballot>('agree', 'abstain', 'disagree'), { maxLength: 59 }),
        fc.nat(),
        (rules, others, at) => {
          const ballots = [...others];
          ballots.splice(at % (others.length + 1), 0, 'block');
          expect(count(rules, ballots).result).toBe('failed');
        },
      ),
    );
  });

  it('passes by consensus when nobody blocks, even with disagreement standing aside', () => {
    const outcome = count(rulesFor('consent', { threshold: 'consensus' }), ['agree', 'disagree', 'disagree', 'abstain']);
    expect(outcome.result).toBe('passed');
    expect(outcome.tally).toEqual({ kind: 'consent', agree: 1, abstain: 1, disagree: 2, block: 0 });
  });

  it('fails when nobody agrees, even without a block', () => {
    expect(count(rulesFor('consent', { threshold: 'consensus' }), ['abstain', 'disagree']).result).toBe('failed');
    expect(count(rulesFor('consent', { threshold: 'consensus' }), []).result).toBe('failed');
  });

  it('by simple majority needs more agree than disagree, and by two thirds two agree for each disagree', () => {
    expect(count(rulesFor('consent'), ['agree', 'agree', 'disagree', 'abstain']).result).toBe('passed');
    expect(count(rulesFor('consent'), ['agree', 'disagree', 'abstain']).result).toBe('failed');
    expect(count(rulesFor('consent', { threshold: 'two_thirds' }), ['agree', 'agree', 'disagree']).result).toBe('passed');
    expect(count(rulesFor('consent', { threshold: 'two_thirds' }), ['agree', 'disagree']).result).toBe('failed');
  });
});

describe('yes/no', () => {
  it('a tie between yes and no always fails by simple majority, whatever the abstentions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (each, abstentions) => {
        const ballots: Ballot[] = [...repeat('yes', each), ...repeat('no', each), ...repeat('abstain', abstentions)];
        expect(count(rulesFor('yes_no'), ballots).result).toBe('failed');
      }),
    );
  });

  it.each([
    [2, 1, 'passed'],
    [1, 1, 'failed'],
    [66, 34, 'failed'],
    [67, 33, 'passed'],
    [200, 100, 'passed'],
    [199, 100, 'failed'],
    [1, 0, 'passed'],
    [0, 0, 'failed'],
  ] as const)('by two thirds, %i yes against %i no is %s', (yes, no, expected) => {
    const ballots: Ballot[] = [...repeat('yes', yes), ...repeat('no', no), 'abstain'];
    expect(count(rulesFor('yes_no', { threshold: 'two_thirds', electorate: 400 }), ballots).result).toBe(expected);
  });

  it('by consensus passes with yes and abstentions, and fails on a single no', () => {
    expect(count(rulesFor('yes_no', { threshold: 'consensus' }), ['yes', 'abstain', 'yes']).result).toBe('passed');
    expect(count(rulesFor('yes_no', { threshold: 'consensus' }), ['yes', 'no', 'yes']).result).toBe('failed');
    expect(count(rulesFor('yes_no', { threshold: 'consensus' }), ['abstain']).result).toBe('failed');
  });

  it('by simple majority, abstentions count neither for nor against', () => {
    const outcome = count(rulesFor('yes_no'), ['yes', 'yes', 'no', 'abstain', 'abstain', 'abstain']);
    expect(outcome).toMatchObject({ result: 'passed', tally: { kind: 'yes_no', yes: 2, no: 1, abstain: 3 } });
  });
});

describe('single choice', () => {
  it('elects the option with more than half of the non-abstaining votes', () => {
    const outcome = count(rulesFor('single_choice'), [0, 2, 2, 'abstain']);
    expect(outcome).toMatchObject({ result: 'elected', winners: [2], tied: [] });
  });

  it('fails when the leading option falls short of the threshold', () => {
    expect(count(rulesFor('single_choice'), [0, 1, 2, 2]).result).toBe('failed');
    expect(count(rulesFor('single_choice', { threshold: 'two_thirds' }), [0, 2, 2]).result).toBe('elected');
    expect(count(rulesFor('single_choice', { threshold: 'consensus' }), [2, 2, 0]).result).toBe('failed');
  });

  it('reports a tie for first, naming the tied options', () => {
    expect(count(rulesFor('single_choice'), [0, 2, 1, 2, 0])).toMatchObject({ result: 'tie', winners: [], tied: [0, 2] });
  });
});

describe('multiple choice (approval)', () => {
  it('elects every option approved by more than half of those who voted', () => {
    const rules = rulesFor('multiple_choice', { options: 4, choicesMax: 2 });
    const outcome = count(rules, [[0, 1], [1, 3], [0, 1], []]);
    expect(outcome).toMatchObject({ result: 'elected', winners: [0, 1], tally: { approvals: [2, 3, 0, 1], abstain: 1 } });
  });

  it('fails when no option is approved by enough voters', () => {
    expect(count(rulesFor('multiple_choice', { threshold: 'two_thirds' }), [[0], [1], [2]]).result).toBe('failed');
    expect(count(rulesFor('multiple_choice'), [[], []]).result).toBe('failed');
  });
});

describe('ranked choice (instant runoff)', () => {
  const ranked = (options: number) => rulesFor('ranked_choice', { options });

  it('finds the same eliminations as a recursive reference over a multiset of ballots', () => {
    const vote = fc.integer({ min: 2, max: 6 }).chain((options) =>
      fc.record({
        options: fc.constant(options),
        ballots: fc.array(fc.uniqueArray(fc.nat(options - 1), { maxLength: options }), { maxLength: 40 }),
      }),
    );
    fc.assert(
      fc.property(vote, ({ options, ballots }) => {
        const outcome = count(ranked(options), ballots);
        const reference = referenceDecision(ranked(options), ballots);
        expect({ result: outcome.result, winners: outcome.winners, tied: outcome.tied }).toEqual({
          result: reference.result,
          winners: reference.winners,
          tied: reference.tied,
        });
        if (outcome.tally.kind !== 'ranked_choice') throw new Error('a ranked tally');
        const eliminations = outcome.tally.rounds.flatMap((round) => (round.eliminated === null ? [] : [round.eliminated]));
        expect(eliminations).toEqual(reference.eliminations);
      }),
      { numRuns: 2000 },
    );
  });

  it('squeezes out the centre as instant runoff is known to: the Condorcet winner loses to the transfers', () => {
    // Left 0 (8 ballots), centre 1 (5), right 2 (7). The centre beats each side head to head (12–8 and
    // 13–7) yet has the fewest first preferences and goes first; its second preferences (4 for left,
    // 1 for right) then give left 12 of 20.
    const ballots: Ballot[] = [...repeat([0, 1], 8), ...repeat([1, 0], 4), [1, 2], ...repeat([2, 1], 7)];
    const outcome = count(ranked(3), ballots);
    expect(outcome).toMatchObject({ result: 'elected', winners: [0] });
    expect(outcome.tally).toEqual({
      kind: 'ranked_choice',
      abstain: 0,
      rounds: [
        { votes: [8, 5, 7], continuing: 20, exhausted: 0, eliminated: 1 },
        { votes: [12, null, 8], continuing: 20, exhausted: 0, eliminated: null },
      ],
    });
  });

  it('elects in the first round on a strict majority of first preferences', () => {
    expect(count(ranked(3), [[2], [2, 0], [1], []])).toMatchObject({ result: 'elected', winners: [2], turnout: { abstained: 1 } });
  });

  it('drops exhausted ballots from the majority it needs', () => {
    // Round 1: 0 has 3, 1 and 2 have 2 each of 7; 1 and 2 tie for last with equal first rounds, so
    // the lower index, 1, is eliminated. Its ballots name nothing else: 0 then has 3 of 5 continuing.
    const ballots: Ballot[] = [[0], [0], [0], [1], [1], [2], [2]];
    const outcome = count(ranked(3), ballots);
    expect(outcome).toMatchObject({ result: 'elected', winners: [0] });
    if (outcome.tally.kind !== 'ranked_choice') throw new Error('a ranked tally');
    expect(outcome.tally.rounds[1]).toEqual({ votes: [3, null, 2], continuing: 5, exhausted: 2, eliminated: null });
  });

  it('breaks a tie for last by first-round votes before index', () => {
    // Round 1: 0: 4, 1: 3, 2: 2, 3: 1 → 3 is eliminated and its ballot moves to 2. Round 2: 1 and 2
    // tie for last with 3 each; 2 had fewer first preferences, so 2 goes although 1 has the lower index.
    const ballots: Ballot[] = [...repeat([0], 4), ...repeat([1], 3), ...repeat([2], 2), [3, 2]];
    const outcome = count(ranked(4), ballots);
    if (outcome.tally.kind !== 'ranked_choice') throw new Error('a ranked tally');
    expect(outcome.tally.rounds.map((round) => round.eliminated)).toEqual([3, 2, null]);
    expect(outcome.winners).toEqual([0]);
  });

  it('reports a tie when the last two options tie', () => {
    expect(count(ranked(2), [[0], [1, 0], [1], [0, 1]])).toMatchObject({ result: 'tie', tied: [0, 1], winners: [] });
  });

  it('fails when everyone abstains', () => {
    expect(count(ranked(3), [[], []])).toMatchObject({ result: 'failed', winners: [], turnout: { voted: 2, abstained: 2 } });
  });
});

describe('validBallot', () => {
  it.each([
    ['ranked_choice', [0, 1, 0], 'a repeated preference'],
    ['ranked_choice', [0, 3], 'an index past the options'],
    ['ranked_choice', [-1], 'a negative index'],
    ['ranked_choice', [0.5], 'a fraction'],
    ['ranked_choice', 1, 'a number instead of a list'],
    ['multiple_choice', [0, 1, 2], 'more choices than choicesMax'],
    ['multiple_choice', [1, 1], 'the same option approved twice'],
    ['multiple_choice', ['0'], 'an index as a string'],
    ['single_choice', 3, 'an index past the options'],
    ['single_choice', [0], 'a list instead of an index'],
    ['single_choice', 'yes', 'an answer of another kind'],
    ['single_choice', Number.NaN, 'not a number'],
    ['consent', 'yes', 'an answer of another kind'],
    ['consent', 'BLOCK', 'an answer in the wrong case'],
    ['yes_no', 'block', 'an answer of another kind'],
    ['yes_no', null, 'null'],
    ['yes_no', undefined, 'nothing'],
    ['yes_no', { answer: 'yes' }, 'an object'],
  ] as const)('refuses, for %s, %j: %s', (kind, ballot, _why) => {
    expect(validBallot(rulesFor(kind, { choicesMax: 2 }), ballot)).toBe(false);
  });

  it('refuses a sparse list', () => {
    const sparse = new Array<number>(2);
    sparse[1] = 0;
    expect(validBallot(rulesFor('ranked_choice'), sparse)).toBe(false);
  });

  it('accepts abstentions and well-formed ballots of each kind', () => {
    expect(validBallot(rulesFor('ranked_choice'), [2, 0, 1])).toBe(true);
    expect(validBallot(rulesFor('ranked_choice'), [])).toBe(true);
    expect(validBallot(rulesFor('multiple_choice', { choicesMax: 2 }), [2, 0])).toBe(true);
    expect(validBallot(rulesFor('single_choice'), 'abstain')).toBe(true);
    expect(validBallot(rulesFor('consent'), 'block')).toBe(true);
  });

  it('agrees with a check written another way, on any value', () => {
    const anything = fc.oneof(
      fc.anything(),
      fc.array(fc.integer({ min: -2, max: 5 }), { maxLength: 5 }),
      fc.integer({ min: -2, max: 5 }),
      fc.constantFrom('agree', 'abstain', 'disagree', 'block', 'yes', 'no'),
    );
    const kinds: ProposalKind[] = ['consent', 'yes_no', 'single_choice', 'multiple_choice', 'ranked_choice'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), anything, (kind, value) => {
        const rules = rulesFor(kind, { options: 3, choicesMax: 2 });
        const isIndex = (entry: unknown) => typeof entry === 'number' && [0, 1, 2].includes(entry);
        const isList = (lengthMax: number) =>
          Array.isArray(value) && value.length <= lengthMax && value.every(isIndex) && new Set(value).size === value.length;
        const expected = {
          consent: ['agree', 'abstain', 'disagree', 'block'].includes(value as string),
          yes_no: ['yes', 'no', 'abstain'].includes(value as string),
          single_choice: value === 'abstain' || isIndex(value),
          multiple_choice: isList(2),
          ranked_choice: isList(3),
        }[kind];
        expect(validBallot(rules, value)).toBe(expected);
      }),
    );
  });

  it('count refuses an invalid ballot and more ballots than the electorate, as bugs', () => {
    expect(() => count(rulesFor('ranked_choice'), [[0, 0]])).toThrow();
    expect(() => count(rulesFor('yes_no', { electorate: 1 }), ['yes', 'no'])).toThrow();
  });
});

describe('validRules', () => {
  it('refuses two thirds and consensus for ranked choice', () => {
    expect(rulesProblem(rulesFor('ranked_choice', { threshold: 'two_thirds' }))).toBe('ranked_choice_needs_simple_majority');
    expect(rulesProblem(rulesFor('ranked_choice', { threshold: 'consensus' }))).toBe('ranked_choice_needs_simple_majority');
    expect(() => count(rulesFor('ranked_choice', { threshold: 'consensus' }), [])).toThrow();
  });

  it('needs 2 to 20 options for choice kinds, and ignores options for consent and yes/no', () => {
    expect(rulesProblem(rulesFor('single_choice', { options: 1 }))).toBe('options_out_of_range');
    expect(rulesProblem(rulesFor('multiple_choice', { options: 21 }))).toBe('options_out_of_range');
    expect(validRules(rulesFor('ranked_choice', { options: 20 }))).toBe(true);
    expect(validRules(rulesFor('yes_no', { options: 0 }))).toBe(true);
  });

  it('needs a quorum of 0 to 10,000 basis points, an electorate of at least 0 and choicesMax within the options', () => {
    expect(rulesProblem(rulesFor('yes_no', { quorumBasisPoints: 10_001 }))).toBe('quorum_out_of_range');
    expect(rulesProblem(rulesFor('yes_no', { quorumBasisPoints: 25.5 }))).toBe('quorum_out_of_range');
    expect(rulesProblem(rulesFor('yes_no', { electorate: -1 }))).toBe('electorate_out_of_range');
    expect(rulesProblem(rulesFor('multiple_choice', { choicesMax: 4 }))).toBe('choices_max_out_of_range');
    expect(rulesProblem(rulesFor('multiple_choice', { choicesMax: 0 }))).toBe('choices_max_out_of_range');
    expect(rulesProblem({ ...rulesFor('yes_no'), kind: 'lottery' as ProposalKind })).toBe('unknown_kind');
    expect(rulesProblem({ ...rulesFor('yes_no'), threshold: 'most' as Threshold })).toBe('unknown_threshold');
  });
});
