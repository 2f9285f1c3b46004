import { describe, expect, it } from 'vitest';
import {
  ballotFromForm,
  datetimeLocalToMs,
  eurosToMinor,
  formFromBallot,
  groupProposals,
  moveItem,
  msToDatetimeLocal,
  percentToBasisPoints,
  rankedRoundRows,
  tallyRows,
  votingClosesAtMs,
} from './governance.js';

describe('a datetime-local value', () => {
  it('is read in the browser’s own time zone, and written back the same', () => {
    expect(datetimeLocalToMs('2027-01-02T10:30')).toBe(new Date(2027, 0, 2, 10, 30).getTime());
    expect(datetimeLocalToMs('2027-07-02T23:59:30')).toBe(new Date(2027, 6, 2, 23, 59, 30).getTime());
    expect(msToDatetimeLocal(new Date(2027, 0, 2, 10, 30).getTime())).toBe('2027-01-02T10:30');
    expect(msToDatetimeLocal(datetimeLocalToMs('2027-03-28T02:30') ?? 0)).toMatch(/^2027-03-28T0[23]:30$/);
  });

  it('is refused when it is not a time, rather than rolled over', () => {
    expect(datetimeLocalToMs('')).toBeUndefined();
    expect(datetimeLocalToMs('2027-02-31T10:00')).toBeUndefined();
    expect(datetimeLocalToMs('tomorrow')).toBeUndefined();
  });
});

describe('a percentage', () => {
  it('becomes basis points without a float', () => {
    expect(percentToBasisPoints('25')).toBe(2500);
    expect(percentToBasisPoints('33.33')).toBe(3333);
    expect(percentToBasisPoints('12,5')).toBe(1250);
    expect(percentToBasisPoints(' 0 ')).toBe(0);
    expect(percentToBasisPoints('100%')).toBe(10_000);
    expect(percentToBasisPoints('0.01')).toBe(1);
  });

  it('is refused above 100, below 0, with three decimals or as words', () => {
    expect(percentToBasisPoints('100.01')).toBeUndefined();
    expect(percentToBasisPoints('-5')).toBeUndefined();
    expect(percentToBasisPoints('33.333')).toBeUndefined();
    expect(percentToBasisPoints('half')).toBeUndefined();
    expect(percentToBasisPoints('')).toBeUndefined();
  });
});

describe('euros typed for shares', () => {
  it('become cents as a decimal string', () => {
    expect(eurosToMinor('10')).toBe('1000');
    expect(eurosToMinor('10,5')).toBe('1050');
    expect(eurosToMinor('0.05')).toBe('5');
    expect(eurosToMinor('1 000')).toBe('100000');
    expect(eurosToMinor('0')).toBe('0');
    expect(eurosToMinor('1.005')).toBeUndefined();
    expect(eurosToMinor('-1')).toBeUndefined();
  });
});

describe('a ballot from a vote form', () => {
  const empty = { answer: '', chosen: [], ranked: [] };

  it('is an answer for consent and yes/no, and nothing until one is chosen', () => {
    expect(ballotFromForm('consent', { ...empty, answer: 'block' }, 0)).toBe('block');
    expect(ballotFromForm('yes_no', { ...empty, answer: 'block' }, 0)).toBeUndefined();
    expect(ballotFromForm('yes_no', empty, 0)).toBeUndefined();
  });

  it('is an option index or abstain for a single choice', () => {
    expect(ballotFromForm('single_choice', { ...empty, answer: '1' }, 3)).toBe(1);
    expect(ballotFromForm('single_choice', { ...empty, answer: 'abstain' }, 3)).toBe('abstain');
    expect(ballotFromForm('single_choice', { ...empty, answer: '3' }, 3)).toBeUndefined();
    expect(ballotFromForm('single_choice', empty, 3)).toBeUndefined();
  });

  it('is the chosen indexes ascending for a multiple choice, no more than allowed', () => {
    expect(ballotFromForm('multiple_choice', { ...empty, chosen: [2, 0] }, 3, 2)).toEqual([0, 2]);
    expect(ballotFromForm('multiple_choice', { ...empty, chosen: [2, 0, 1] }, 3, 2)).toBeUndefined();
    expect(ballotFromForm('multiple_choice', empty, 3, null)).toEqual([]);
  });

  it('is the ranking in order for a ranked choice', () => {
    expect(ballotFromForm('ranked_choice', { ...empty, ranked: [2, 0] }, 3)).toEqual([2, 0]);
    expect(ballotFromForm('ranked_choice', { ...empty, ranked: [2, 2] }, 3)).toBeUndefined();
  });

  it('comes back as the form that cast it', () => {
    expect(formFromBallot('ranked_choice', null, 3).ranked).toEqual([0, 1, 2]);
    expect(formFromBallot('ranked_choice', [1], 3).ranked).toEqual([1]);
    expect(formFromBallot('multiple_choice', [0, 2], 3).chosen).toEqual([0, 2]);
    expect(formFromBallot('single_choice', 0, 3).answer).toBe('0');
    expect(formFromBallot('consent', 'agree', 0).answer).toBe('agree');
  });
});

describe('the ranked list', () => {
  it('moves an item up or down, and not past either end', () => {
    expect(moveItem([0, 1, 2], 2, -1)).toEqual([0, 2, 1]);
    expect(moveItem([0, 1, 2], 0, 1)).toEqual([1, 0, 2]);
    expect(moveItem([0, 1, 2], 0, -1)).toEqual([0, 1, 2]);
    expect(moveItem([0, 1, 2], 2, 1)).toEqual([0, 1, 2]);
  });
});

describe('a tally', () => {
  it('lists answers with abstentions last, or options by index', () => {
    expect(tallyRows({ kind: 'yes_no', yes: 3, no: 1, abstain: 2 })).toEqual([
      { answer: 'yes', count: 3 },
      { answer: 'no', count: 1 },
      { answer: 'abstain', count: 2 },
    ]);
    expect(tallyRows({ kind: 'consent', agree: 1, disagree: 0, block: 1, abstain: 0 }).map((row) => row.count)).toEqual([1, 0, 1, 0]);
    expect(tallyRows({ kind: 'multiple_choice', approvals: [4, 1], abstain: 0 })).toEqual([
      { option: 0, count: 4 },
      { option: 1, count: 1 },
    ]);
  });

  it('of a runoff gives the last round’s continuing options, and each option’s votes per round', () => {
    const rounds = [
      { votes: [3, 2, 1], continuing: 6, exhausted: 0, eliminated: 2 },
      { votes: [3, 3, null], continuing: 6, exhausted: 0, eliminated: null },
    ];
    expect(tallyRows({ kind: 'ranked_choice', rounds, abstain: 0 })).toEqual([
      { option: 0, count: 3 },
      { option: 1, count: 3 },
    ]);
    expect(rankedRoundRows(rounds, 3)).toEqual([
      [3, 3],
      [2, 3],
      [1, null],
    ]);
  });
});

describe('the proposals list', () => {
  it('groups open by closing time, upcoming by opening time, and closed latest first', () => {
    const proposal = (id: string, status: 'open' | 'upcoming' | 'closed', opensAtMs: number, closesAtMs: number) => ({
      id,
      status,
      opensAtMs,
      closesAtMs,
    });
    const groups = groupProposals([
      proposal('a', 'closed', 0, 10),
      proposal('b', 'open', 0, 50),
      proposal('c', 'open', 0, 40),
      proposal('d', 'upcoming', 70, 90),
      proposal('e', 'closed', 0, 20),
      proposal('f', 'upcoming', 60, 95),
    ]);
    expect(groups.open.map((each) => each.id)).toEqual(['c', 'b']);
    expect(groups.upcoming.map((each) => each.id)).toEqual(['f', 'd']);
    expect(groups.closed.map((each) => each.id)).toEqual(['e', 'a']);
  });

  it('dates a vote closed early by its early close, and sorts it among the closed by it', () => {
    const early = { id: 'early', status: 'closed' as const, opensAtMs: 0, closesAtMs: 100, closedEarly: { atMs: 5, by: 'Alice' } };
    const late = { id: 'late', status: 'closed' as const, opensAtMs: 0, closesAtMs: 30, closedEarly: null };
    expect(votingClosesAtMs(early)).toBe(5);
    expect(votingClosesAtMs(late)).toBe(30);
    expect(groupProposals([early, late]).closed.map((each) => each.id)).toEqual(['late', 'early']);
  });
});
