/**
 * Governance over HTTP on both engines, on a clock the tests move: applying and admission (by the
 * operators, or by the members' vote), the register of members and shares (JSON and CSV, members
 * only), proposals with their quorum and threshold, ballots changeable until close, outcomes
 * sealed once by the scheduler and corrected only by a new record, and the refusals.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PeopleTestApp, signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import type { Governance } from './governance.js';
import { dayMs, type GovernanceTestApp, startGovernanceTestApp } from './testing.js';

describe.each(bothEngines)('governance (%s)', (engine) => {
  let app: GovernanceTestApp;
  let fixture: PeopleTestApp;
  let governance: Governance;
  let operator: TestBrowser;
  let alice: TestBrowser;
  let bob: TestBrowser;

  beforeEach(async () => {
    app = await startGovernanceTestApp(engine);
    ({ fixture, governance, operator, alice, bob } = app);
  });
  afterEach(async () => {
    await app.close();
  });

  const later = (ms: number) => app.later(ms);

  /** Green (a user member, admitted by the operators) and Bob (an operational member, admitted by Green's vote). */
  const twoMembers = async () => {
    const green = (
      await alice.request('POST', '/api/governance/applications', { classId: 'user', organisation: 'green', commitment: '' })
    ).json();
    expect(green).toMatchObject({ status: 'applied', name: 'Green Bakery', voterName: 'Alice', className: 'User members' });
    expect((await operator.request('POST', `/api/governance/members/${green.id}/admit`, {})).json().status).toBe('admitted');
    await later(60_000);
    const bobMember = (
      await bob.request('POST', '/api/governance/applications', { classId: 'operational', commitment: 'Four hours a week of support' })
    ).json();
    expect(bobMember.status).toBe('applied');
    // Not a member yet, Bob still sees his own application.
    expect((await bob.request('GET', '/api/governance/memberships')).json().members).toMatchObject([
      { id: bobMember.id, status: 'applied' },
    ]);
    // Members decide this class, not the operators (once there is any member to vote).
    expect((await operator.request('POST', `/api/governance/members/${bobMember.id}/admit`, {})).json().error.code).toBe(
      'admitted_by_vote',
    );
    // His admission is the members' vote: Green votes for.
    const [admission] = (await alice.request('GET', '/api/governance/proposals')).json().proposals;
    expect(admission).toMatchObject({ title: 'Admit Bob to the Operational members', kind: 'yes_no', status: 'open' });
    expect(
      (await alice.request('PUT', `/api/governance/proposals/${admission.id}/vote`, { memberId: green.id, ballot: 'yes' })).statusCode,
    ).toBe(200);
    await later(7 * dayMs);
    expect(await governance.runScheduledWork()).toBe(1);
    return { green: green.id as string, bob: bobMember.id as string };
  };

  it('admits members by the operators or by vote, and keeps a register of members and shares open to members only', async () => {
    const { green, bob: bobId } = await twoMembers();
    const register = (await bob.request('GET', '/api/governance/register')).json();
    expect(register.mine).toEqual([bobId]);
    expect((await alice.request('GET', '/api/governance/register')).json().mine).toEqual([green]);
    expect(register.members.map((member: { name: string; status: string }) => [member.name, member.status])).toEqual([
      ['Green Bakery', 'admitted'],
      ['Bob', 'admitted'],
    ]);
    // Shares: subscribed, paid, repaid — never more paid than subscribed, nor repaid than paid.
    const shares = (body: object) => operator.request('POST', `/api/governance/members/${green}/shares`, body);
    expect((await shares({ kind: 'subscribed', shares: 2, amountMinor: '2000', note: '' })).statusCode).toBe(200);
    expect((await shares({ kind: 'paid', shares: 3, amountMinor: '3000', note: '' })).json().error.code).toBe('shares_exceed_subscribed');
    expect((await shares({ kind: 'paid', shares: 2, amountMinor: '2000', note: 'Bank transfer' })).json().shares).toEqual({
      subscribed: 2,
      paid: 2,
      repaid: 0,
      paidMinor: '2000',
      repaidMinor: '0',
    });
    expect(
      (
        await alice.request('POST', `/api/governance/members/${green}/shares`, { kind: 'paid', shares: 1, amountMinor: '1', note: '' })
      ).json().error.code,
    ).toBe('operator_only');
    const csv = await bob.request('GET', '/api/governance/register.csv');
    expect(csv.body.split('\n')[1]).toMatch(/^Green Bakery,User members,admitted,.*,2,2,0,2000,0$/);

    // Nobody outside reads it; applying twice, or for an organisation one does not run, is refused.
    const eve = await signedUpPerson(fixture, 'eve@example.test', 'Eve');
    expect((await eve.request('GET', '/api/governance/register')).json().error.code).toBe('members_only');
    expect(
      (await alice.request('POST', '/api/governance/applications', { classId: 'user', organisation: 'green', commitment: '' })).json().error
        .code,
    ).toBe('already_member');
    expect(
      (await eve.request('POST', '/api/governance/applications', { classId: 'user', organisation: 'green', commitment: '' })).json().error
        .code,
    ).toBe('organisation_not_found');
    expect((await eve.request('POST', '/api/governance/applications', { classId: 'user', commitment: '' })).json().error.code).toBe(
      'organisation_required',
    );
    // Resigning ends the vote at once.
    expect((await bob.request('POST', `/api/governance/members/${bobId}/resign`)).json().status).toBe('resigned');
    expect((await bob.request('POST', `/api/governance/members/${bobId}/resign`)).json().error.code).toBe('not_a_member');
  });

  it('counts a vote by its quorum and threshold, lets ballots change until close, and seals the outcome once', async () => {
    const { green, bob: bobId } = await twoMembers();
    const now = fixture.clock.nowMs();
    const proposal = (
      await alice.request('POST', '/api/governance/proposals', {
        title: 'Move to renewable hosting',
        body: 'We **move** the servers. <script>alert(1)</script> [link](javascript:alert(1))',
        kind: 'yes_no',
        options: [],
        opensAtMs: now,
        closesAtMs: now + 3 * dayMs,
        quorumBasisPoints: 5_000,
        threshold: 'two_thirds',
      })
    ).json();
    expect(proposal.bodyHtml).toBe(
      '<p>We <strong>move</strong> the servers. &lt;script&gt;alert(1)&lt;/script&gt; <a href="">link</a></p>',
    );
    expect(proposal.myBallots).toEqual([{ memberId: green, memberName: 'Green Bakery', voted: false, ballot: null }]);
    expect(proposal.secret).toBe(false);
    const vote = (browser: TestBrowser, memberId: string, ballot: unknown) =>
      browser.request('PUT', `/api/governance/proposals/${proposal.id}/vote`, { memberId, ballot });
    expect((await vote(alice, green, 'no')).json().myBallots[0].ballot).toBe('no');
    expect((await vote(alice, green, 'yes')).json().myBallots[0].ballot).toBe('yes');
    expect((await vote(bob, bobId, 'no')).statusCode).toBe(200);
    // Refusals: another member's vote, a nonsense ballot, a stranger; the count is not shown before close.
    expect((await vote(alice, bobId, 'yes')).json().error.code).toBe('not_your_vote');
    expect((await vote(alice, green, 'block')).json().error.code).toBe('ballot_invalid');
    expect((await vote(alice, green, [0])).json().error.code).toBe('ballot_invalid');
    const eve = await signedUpPerson(fixture, 'eve@example.test', 'Eve');
    expect((await eve.request('GET', `/api/governance/proposals/${proposal.id}`)).json().error.code).toBe('members_only');
    expect((await alice.request('GET', `/api/governance/proposals/${proposal.id}`)).json()).toMatchObject({ votesCast: 2, outcomes: [] });

    await later(3 * dayMs);
    await eve.logIn('eve@example.test', 'correct horse battery');
    const late = await vote(alice, green, 'no');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('proposal_not_open');
    // Two schedulers at once seal one outcome: one yes of two is not two thirds.
    await Promise.all([governance.runScheduledWork(), governance.runScheduledWork()]);
    const closed = (await bob.request('GET', `/api/governance/proposals/${proposal.id}`)).json();
    expect(closed.outcomes).toMatchObject([
      {
        revision: 0,
        result: 'failed',
        quorumMet: true,
        voted: 2,
        electorate: 2,
        tally: { kind: 'yes_no', yes: 1, no: 1, abstain: 0 },
        statement: '',
      },
    ]);
    // A correction is a new record; the sealed one stays as it was.
    expect(
      (await alice.request('POST', `/api/governance/proposals/${proposal.id}/corrections`, { statement: 'x' })).json().error.code,
    ).toBe('operator_only');
    const corrected = (
      await operator.request('POST', `/api/governance/proposals/${proposal.id}/corrections`, {
        statement: 'The vote was held under the old rules.',
      })
    ).json();
    expect(corrected.outcomes.map((outcome: { revision: number; statement: string }) => [outcome.revision, outcome.statement])).toEqual([
      [0, ''],
      [1, 'The vote was held under the old rules.'],
    ]);
  });

  it('closes a vote too few voted in as inquorate, fails a consent proposal on one block, and discusses', async () => {
    const { green, bob: bobId } = await twoMembers();
    const now = fixture.clock.nowMs();
    const put = async (body: object) =>
      (
        await operator.request('POST', '/api/governance/proposals', {
          body: '',
          options: [],
          opensAtMs: now,
          closesAtMs: now + dayMs,
          ...body,
        })
      ).json();
    const quorate = await put({ title: 'Needs everyone', kind: 'yes_no', quorumBasisPoints: 10_000, threshold: 'simple_majority' });
    const consent = await put({ title: 'New logo', kind: 'consent', quorumBasisPoints: 0, threshold: 'consensus' });
    await alice.request('PUT', `/api/governance/proposals/${quorate.id}/vote`, { memberId: green, ballot: 'yes' });
    await alice.request('PUT', `/api/governance/proposals/${consent.id}/vote`, { memberId: green, ballot: 'agree' });
    await bob.request('PUT', `/api/governance/proposals/${consent.id}/vote`, { memberId: bobId, ballot: 'block' });
    expect(
      (await bob.request('POST', `/api/governance/proposals/${consent.id}/comments`, { body: 'I block: the logo is not accessible.' }))
        .statusCode,
    ).toBe(201);
    await later(dayMs);
    // Read before the scheduler runs: sealed on the spot.
    expect((await alice.request('GET', `/api/governance/proposals/${quorate.id}`)).json().outcomes[0]).toMatchObject({
      result: 'inquorate',
      quorumMet: false,
    });
    const logo = (await alice.request('GET', `/api/governance/proposals/${consent.id}`)).json();
    expect(logo.outcomes[0]).toMatchObject({ result: 'failed', tally: { agree: 1, block: 1 } });
    expect(logo.comments).toMatchObject([{ author: 'Bob', body: 'I block: the logo is not accessible.' }]);
    expect(await governance.runScheduledWork()).toBe(0);
  });

  it('refuses proposals that cannot be voted on, and people who may not put them', async () => {
    await twoMembers();
    const now = fixture.clock.nowMs();
    const good = {
      title: 'T',
      body: '',
      kind: 'single_choice',
      options: ['A', 'B'],
      opensAtMs: now,
      closesAtMs: now + dayMs,
      quorumBasisPoints: 0,
      threshold: 'simple_majority',
    };
    expect((await alice.request('POST', '/api/governance/proposals', good)).statusCode).toBe(201);
    for (const [bad, code] of [
      [{ options: ['A'] }, 'proposal_invalid'],
      [{ kind: 'yes_no' }, 'proposal_invalid'],
      [{ closesAtMs: now - 1 }, 'proposal_invalid'],
      [{ kind: 'ranked_choice', threshold: 'two_thirds' }, 'proposal_invalid'],
      [{ electorateClassId: 'nobody' }, 'proposal_invalid'],
      [{ quorumBasisPoints: 10_001 }, 'invalid_request'],
      [{ kind: 'plebiscite' }, 'invalid_request'],
      [{ title: '' }, 'invalid_request'],
    ] as const) {
      expect((await alice.request('POST', '/api/governance/proposals', { ...good, ...bad })).json().error.code, JSON.stringify(bad)).toBe(
        code,
      );
    }
    const eve = await signedUpPerson(fixture, 'eve@example.test', 'Eve');
    expect((await eve.request('POST', '/api/governance/proposals', good)).json().error.code).toBe('members_only');
    expect((await alice.request('PUT', '/api/governance/proposals/none/vote', { memberId: 'x', ballot: 'yes' })).json().error.code).toBe(
      'proposal_not_found',
    );
  });
});
