import { describe, expect, it } from 'vitest';
import {
  conveneRequestOf,
  holdersFor,
  isJoinable,
  proxiesPerHolderFromTyped,
  proxyGivenBy,
  quorumToBasisPoints,
  roomIdFromTyped,
  tallyRows,
} from './assemblies.js';

describe('a room typed in the convene form', () => {
  it('is read from a pasted link, whatever its host, scheme, case, settings page, query or fragment', () => {
    expect(roomIdFromTyped('http://localhost:5173/r/abcd-efgh-jkmn')).toBe('abcd-efgh-jkmn');
    expect(roomIdFromTyped('  https://meet.example.coop/r/abcd-efgh-jkmn/  ')).toBe('abcd-efgh-jkmn');
    expect(roomIdFromTyped('meet.example.coop/r/ABCD-EFGH-JKMN')).toBe('abcd-efgh-jkmn');
    expect(roomIdFromTyped('https://meet.example.coop/r/abcd-efgh-jkmn/settings')).toBe('abcd-efgh-jkmn');
    expect(roomIdFromTyped('https://meet.example.coop/r/abcd-efgh-jkmn?lang=fr#chat')).toBe('abcd-efgh-jkmn');
    expect(roomIdFromTyped('/r/abcd-efgh-jkmn')).toBe('abcd-efgh-jkmn');
  });

  it('is read from the bare id', () => {
    expect(roomIdFromTyped('abcd-efgh-jkmn')).toBe('abcd-efgh-jkmn');
    expect(roomIdFromTyped(' Abcd-Efgh-Jkmn ')).toBe('abcd-efgh-jkmn');
  });

  it('is refused when it names no room id: empty, a readable link, look-alike letters, the wrong length or another path', () => {
    expect(roomIdFromTyped('')).toBeUndefined();
    expect(roomIdFromTyped('https://meet.example.coop/r/our-org/board')).toBeUndefined();
    expect(roomIdFromTyped('abcd-efgh-ijkl')).toBeUndefined();
    expect(roomIdFromTyped('abcd-efgh-jkm')).toBeUndefined();
    expect(roomIdFromTyped('abcdefghjkmn')).toBeUndefined();
    expect(roomIdFromTyped('https://meet.example.coop/orgs/abcd-efgh-jkmn')).toBeUndefined();
    expect(roomIdFromTyped('https://meet.example.coop/r/abcd-efgh-jkmn/chat')).toBeUndefined();
  });
});

describe('a quorum typed as a percentage', () => {
  it('becomes basis points without a float', () => {
    expect(quorumToBasisPoints('25')).toBe(2500);
    expect(quorumToBasisPoints('33.33')).toBe(3333);
    expect(quorumToBasisPoints('12,5')).toBe(1250);
    expect(quorumToBasisPoints(' 50 % ')).toBe(5000);
    expect(quorumToBasisPoints('100%')).toBe(10_000);
    expect(quorumToBasisPoints('0.01')).toBe(1);
    expect(quorumToBasisPoints('28.57')).toBe(2857);
  });

  it('is refused at 0, above 100, with three decimals, negative or as words', () => {
    expect(quorumToBasisPoints('0')).toBeUndefined();
    expect(quorumToBasisPoints('0.00')).toBeUndefined();
    expect(quorumToBasisPoints('100.01')).toBeUndefined();
    expect(quorumToBasisPoints('12.345')).toBeUndefined();
    expect(quorumToBasisPoints('-5')).toBeUndefined();
    expect(quorumToBasisPoints('half')).toBeUndefined();
    expect(quorumToBasisPoints('')).toBeUndefined();
  });
});

describe('the proxies per member', () => {
  it('are a whole number from 0 to 10', () => {
    expect(proxiesPerHolderFromTyped('0')).toBe(0);
    expect(proxiesPerHolderFromTyped(' 2 ')).toBe(2);
    expect(proxiesPerHolderFromTyped('10')).toBe(10);
  });

  it('are refused above 10, with decimals, negative or empty', () => {
    expect(proxiesPerHolderFromTyped('11')).toBeUndefined();
    expect(proxiesPerHolderFromTyped('1.5')).toBeUndefined();
    expect(proxiesPerHolderFromTyped('-1')).toBeUndefined();
    expect(proxiesPerHolderFromTyped('')).toBeUndefined();
  });
});

describe('the convene request', () => {
  const values = { title: '  Annual general assembly 2027 ', room: 'https://host/r/abcd-efgh-jkmn', quorum: '25', proxies: '2' };

  it('is made from the form’s values, the title trimmed', () => {
    expect(conveneRequestOf(values)).toEqual({
      title: 'Annual general assembly 2027',
      roomId: 'abcd-efgh-jkmn',
      quorumBasisPoints: 2500,
      proxiesPerHolderMax: 2,
    });
  });

  it('names the first problem, in the form’s order', () => {
    expect(conveneRequestOf({ ...values, title: ' ', room: 'nowhere' })).toEqual({ problem: 'titleMissing' });
    expect(conveneRequestOf({ ...values, room: 'nowhere', quorum: '0' })).toEqual({ problem: 'roomInvalid' });
    expect(conveneRequestOf({ ...values, quorum: '0' })).toEqual({ problem: 'quorumInvalid' });
    expect(conveneRequestOf({ ...values, proxies: '12' })).toEqual({ problem: 'proxiesInvalid' });
  });
});

describe('proxies', () => {
  const members = [
    { memberId: 'member_aaaaaaaa', name: 'Ada' },
    { memberId: 'member_bbbbbbbb', name: 'Bea' },
    { memberId: 'member_cccccccc', name: 'Cy' },
  ];
  const proxies = [{ grantorMemberId: 'member_bbbbbbbb', grantorName: 'Bea', holderMemberId: 'member_cccccccc', holderName: 'Cy' }];

  it('may be given to every other voting member, never to oneself', () => {
    expect(holdersFor(members, 'member_bbbbbbbb').map((member) => member.name)).toEqual(['Ada', 'Cy']);
  });

  it('are found by who gave them', () => {
    expect(proxyGivenBy(proxies, 'member_bbbbbbbb')?.holderName).toBe('Cy');
    expect(proxyGivenBy(proxies, 'member_cccccccc')).toBeUndefined();
  });
});

describe('an assembly', () => {
  it('may be joined while convened or open, not once closed', () => {
    expect(isJoinable('convened')).toBe(true);
    expect(isJoinable('open')).toBe(true);
    expect(isJoinable('closed')).toBe(false);
  });

  it('lists a tally’s answers for first, against next, abstentions last', () => {
    expect(tallyRows({ abstain: 1, no: 2, yes: 5 }).map((row) => row.answer)).toEqual(['yes', 'no', 'abstain']);
    expect(tallyRows({ block: 0, abstain: 1, disagree: 2, agree: 5 })).toEqual([
      { answer: 'agree', count: 5 },
      { answer: 'disagree', count: 2 },
      { answer: 'block', count: 0 },
      { answer: 'abstain', count: 1 },
    ]);
  });
});
