import { afterEach, describe, expect, it } from 'vitest';
import type { MemberView } from '../../../shared/governance-api.js';
import type { SanctionView } from '../../../shared/sanctions-api.js';
import { installTranslations } from '../../app/intl/catalogue.js';
import { french } from '../../app/intl/french.js';
import { currentLanguage } from '../../app/intl/language.js';
import {
  inForceIds,
  isLiftable,
  liftReasonProblem,
  organisationFromTyped,
  proposalHref,
  statementProblem,
  suspendableMembers,
  suspensionRequestOf,
} from './sanctions.js';
import { decidedByWord, scopeWord } from './words.js';

installTranslations('fr', french);
afterEach(() => {
  currentLanguage.value = 'en';
});

const line = (overrides: Partial<SanctionView> & Pick<SanctionView, 'id' | 'atMs'>): SanctionView => ({
  scope: 'meetings',
  subject: 'Acme',
  action: 'suspended',
  reason: 'Spam invitations sent from its rooms.',
  decidedBy: 'Olive Operator',
  appealProposalId: null,
  appealable: false,
  inForce: false,
  ...overrides,
});

const member = (id: string, name: string, status: MemberView['status']): MemberView => ({
  id,
  classId: 'users',
  className: 'User members',
  name,
  holder: 'organisation',
  organisation: null,
  voterName: name,
  commitment: '',
  status,
  appliedAtMs: 0,
  decidedAtMs: null,
  reason: null,
  resignedAtMs: null,
  shares: { subscribed: 1, paid: 1, repaid: 0, paidMinor: '1000', repaidMinor: '0' },
});

describe('the suspensions in force', () => {
  it('are the lines the server says are in force', () => {
    const log = [
      line({ id: 'c', atMs: 3_000, action: 'reinstated' }),
      line({ id: 'b', atMs: 2_000, scope: 'membership', inForce: true }),
      line({ id: 'a', atMs: 1_000 }),
      line({ id: 'n', atMs: 500, subject: 'Beta', scope: 'network', inForce: true }),
    ];
    expect([...inForceIds(log)].sort()).toEqual(['b', 'n']);
  });

  it('are liftable here from meetings and membership only: the network lifts its own', () => {
    const log = [
      line({ id: 'm', atMs: 2, scope: 'membership', inForce: true }),
      line({ id: 'n', atMs: 1, scope: 'network', inForce: true }),
    ];
    const inForce = inForceIds(log);
    expect(isLiftable(log[0] as SanctionView, inForce)).toBe(true);
    expect(isLiftable(log[1] as SanctionView, inForce)).toBe(false);
    expect(isLiftable(line({ id: 'old', atMs: 0 }), inForce)).toBe(false);
  });

  it('are none in an empty log', () => {
    expect(inForceIds([]).size).toBe(0);
  });
});

describe('a suspension typed by an operator', () => {
  const reason = 'Repeated spam sent to other members.';

  it('names an organisation by its short name, or by its pasted address', () => {
    expect(suspensionRequestOf({ scope: 'meetings', organisation: ' Acme-Coop ', memberId: '', reason })).toEqual({
      scope: 'meetings',
      organisation: 'acme-coop',
      reason,
    });
    expect(organisationFromTyped('https://meet.example.coop/orgs/acme-coop/billing')).toBe('acme-coop');
    expect(organisationFromTyped('/orgs/acme-coop')).toBe('acme-coop');
  });

  it('names a member by its id, and sends the reason trimmed', () => {
    expect(
      suspensionRequestOf({ scope: 'membership', organisation: 'ignored', memberId: 'member_abcdefgh', reason: `  ${reason}\n` }),
    ).toEqual({
      scope: 'membership',
      memberId: 'member_abcdefgh',
      reason,
    });
  });

  it('is refused without a party, or with a reason under 10 or over 2,000 characters (spaces around not counted)', () => {
    expect(suspensionRequestOf({ scope: 'meetings', organisation: '  ', memberId: 'member_abcdefgh', reason })).toEqual({
      problem: 'organisationMissing',
    });
    expect(suspensionRequestOf({ scope: 'membership', organisation: 'acme', memberId: '', reason })).toEqual({ problem: 'memberMissing' });
    expect(suspensionRequestOf({ scope: 'meetings', organisation: 'acme', memberId: '', reason: '   too short  ' })).toEqual({
      problem: 'reasonTooShort',
    });
    expect(suspensionRequestOf({ scope: 'meetings', organisation: 'acme', memberId: '', reason: 'x'.repeat(10) })).toHaveProperty(
      'scope',
      'meetings',
    );
    expect(suspensionRequestOf({ scope: 'meetings', organisation: 'acme', memberId: '', reason: 'x'.repeat(2_001) })).toEqual({
      problem: 'reasonTooLong',
    });
  });
});

describe('an appeal and a lifting', () => {
  it('need a statement of 1 to 5,000 characters', () => {
    expect(statementProblem('  \n ')).toBe('statementMissing');
    expect(statementProblem('We did not send the spam.')).toBeUndefined();
    expect(statementProblem('x'.repeat(5_000))).toBeUndefined();
    expect(statementProblem('x'.repeat(5_001))).toBe('statementTooLong');
  });

  it('need a reason for lifting of 1 to 2,000 characters', () => {
    expect(liftReasonProblem(' ')).toBe('reasonMissing');
    expect(liftReasonProblem('Resolved.')).toBeUndefined();
    expect(liftReasonProblem('x'.repeat(2_001))).toBe('reasonTooLong');
  });

  it('link to the proposal on which the members decide', () => {
    expect(proposalHref('proposal_1 2')).toBe('/coop/proposals/proposal_1%202');
  });
});

describe('the members an operator may suspend', () => {
  it('are the admitted ones, by name', () => {
    const members = [
      member('member_3', 'Zeta', 'admitted'),
      member('member_1', 'Alpha', 'applied'),
      member('member_2', 'beta', 'admitted'),
      member('member_4', 'Gamma', 'declined'),
      member('member_5', 'Delta', 'resigned'),
    ];
    expect(suspendableMembers(members).map((each) => each.name)).toEqual(['beta', 'Zeta']);
  });
});

describe('the words of a line', () => {
  it('say where in words, and who decided: a name, or the members’ vote', () => {
    expect(scopeWord('network')).toBe('The trading network');
    expect(scopeWord('meetings')).toBe('Holding meetings');
    expect(scopeWord('membership')).toBe('Membership of the co-op');
    expect(decidedByWord('Olive Operator')).toBe('Olive Operator');
    expect(decidedByWord('vote')).toBe('The members’ vote');
    expect(decidedByWord('')).toBe('Not known');
  });

  it('are in French when the pages are', () => {
    currentLanguage.value = 'fr';
    expect(scopeWord('meetings')).toBe('La tenue de réunions');
    expect(decidedByWord('vote')).toBe('Le vote des membres');
  });
});
