/**
 * Due process on both engines, with the real network and ledger: a suspension from the network is
 * mailed with its reason and the way to appeal, logged where members read it, appealed once by
 * the suspended organisation's people, voted on by the members, and — upheld — undone by the
 * sweep: the account thaws and the log says the members' vote reinstated it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { administratorEmail, approvedTrader, type NetworkTestApp, startNetworkTestApp } from '../network/testing.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { dueProcessHttp, type Governance, governanceHttp, governanceMigrations, startGovernance } from './index.js';

const dayMs = 86_400_000;

describe.each(bothEngines)('due process (%s)', (engine) => {
  let fixture: NetworkTestApp;
  let governance: Governance | undefined;
  let admin: TestBrowser;
  let green: TestBrowser;
  let blue: TestBrowser;

  beforeEach(async () => {
    fixture = await startNetworkTestApp(engine, {
      extraMigrations: governanceMigrations,
      onStatusChange: async (change) => {
        await governance?.dueProcess.record({
          scope: 'network',
          organisationId: change.organisationId,
          subject: change.memberName,
          suspended: change.suspended,
          reason: change.reason,
          byPersonId: change.byPersonId,
        });
      },
      extend: async ({ app, storage, people, clock, network }) => {
        governance = await startGovernance({
          storage,
          clock,
          organisations: people.organisations,
          people: {
            nameOf: async (personId) => (await people.accounts.findPerson(personId))?.name,
            idOfEmail: async (email) => (await people.accounts.findByEmail(email))?.id,
            emailOf: async (personId) => (await people.accounts.findPerson(personId))?.email ?? undefined,
          },
          mailer: people.mailer,
          link: (path) => `http://plenary.test${path}`,
          reinstate: (_scope, organisationId, reason) => network.membership.reinstateByVote(organisationId, reason),
        });
        const isOperator = (person: { email: string; emailVerified: boolean }) =>
          person.emailVerified && person.email === administratorEmail;
        await app.register(governanceHttp, { governance, isOperator });
        await app.register(dueProcessHttp, { governance, isOperator });
      },
    });
    admin = await signedUpPerson(fixture, administratorEmail, 'Network Admin');
    green = await approvedTrader(fixture, admin, 'trader@green.test', { name: 'Green Bakery', slug: 'green' });
    blue = await approvedTrader(fixture, admin, 'trader@blue.test', { name: 'Blue Press', slug: 'blue' });
    // Both are user members of the co-op.
    for (const [browser, slug] of [
      [green, 'green'],
      [blue, 'blue'],
    ] as const) {
      const member = (
        await browser.request('POST', '/api/governance/applications', { classId: 'user', organisation: slug, commitment: '' })
      ).json();
      expect((await admin.request('POST', `/api/governance/members/${member.id}/admit`, {})).statusCode).toBe(200);
    }
    fixture.clock.advance(60_000);
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('logs a suspension with its reason, mails the way to appeal, and reinstates when the members uphold the appeal', async () => {
    const suspended = await admin.request('POST', '/api/network/admin/members/green/suspend', { reason: 'Unpaid debts to three members' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    const letter = await fixture.mail.waitFor('trader@green.test', /suspended/);
    expect(letter.text).toContain('Unpaid debts to three members');
    expect(letter.text).toContain('http://plenary.test/coop/sanctions');

    const log = (await blue.request('GET', '/api/governance/sanctions')).json().sanctions;
    expect(log).toMatchObject([
      {
        subject: 'Green Bakery',
        action: 'suspended',
        reason: 'Unpaid debts to three members',
        decidedBy: 'Network Admin',
        appealable: false,
      },
    ]);
    const [line] = (await green.request('GET', '/api/governance/sanctions')).json().sanctions;
    expect(line.appealable).toBe(true);
    // Only the suspended organisation's people appeal, once.
    expect((await blue.request('POST', `/api/governance/sanctions/${line.id}/appeal`, { statement: 'x' })).json().error.code).toBe(
      'sanction_not_found',
    );
    const appealed = await green.request('POST', `/api/governance/sanctions/${line.id}/appeal`, {
      statement: 'The debts are paid; here are the receipts.',
    });
    expect(appealed.statusCode).toBe(201);
    expect((await green.request('POST', `/api/governance/sanctions/${line.id}/appeal`, { statement: 'again' })).json().error.code).toBe(
      'appeal_not_allowed',
    );
    const { proposalId } = appealed.json();
    const proposal = (await blue.request('GET', `/api/governance/proposals/${proposalId}`)).json();
    expect(proposal).toMatchObject({ title: 'Appeal: reinstate Green Bakery in the trading network', kind: 'yes_no', status: 'open' });
    expect(proposal.bodyHtml).toContain('The debts are paid; here are the receipts.');
    await blue.request('PUT', `/api/governance/proposals/${proposalId}/vote`, { memberId: proposal.myBallots[0].memberId, ballot: 'yes' });

    fixture.clock.advance(14 * dayMs);
    await blue.logIn('trader@blue.test', 'correct horse battery');
    expect(await governance?.runScheduledWork()).toBe(2);
    expect(await governance?.runScheduledWork()).toBe(0);
    expect((await fixture.network.context.members.bySlug('green'))?.status).toBe('approved');
    const after = (await blue.request('GET', '/api/governance/sanctions')).json().sanctions;
    expect(after.map((entry: { action: string; decidedBy: string }) => [entry.action, entry.decidedBy])).toEqual([
      ['reinstated', 'vote'],
      ['suspended', 'Network Admin'],
    ]);
    await fixture.mail.waitFor('trader@green.test', /can trade again/);
  });

  it('keeps a suspension when the members reject the appeal, and shows the log to members and those it names only', async () => {
    await admin.request('POST', '/api/network/admin/members/green/suspend', { reason: 'Spam in the directory' });
    const [line] = (await green.request('GET', '/api/governance/sanctions')).json().sanctions;
    const { proposalId } = (
      await green.request('POST', `/api/governance/sanctions/${line.id}/appeal`, { statement: 'It was a mistake.' })
    ).json();
    const proposal = (await blue.request('GET', `/api/governance/proposals/${proposalId}`)).json();
    await blue.request('PUT', `/api/governance/proposals/${proposalId}/vote`, { memberId: proposal.myBallots[0].memberId, ballot: 'no' });
    fixture.clock.advance(14 * dayMs);
    await governance?.runScheduledWork();
    expect((await fixture.network.context.members.bySlug('green'))?.status).toBe('suspended');
    const stranger = await signedUpPerson(fixture, 'eve@example.test', 'Eve');
    expect((await stranger.request('GET', '/api/governance/sanctions')).json().error.code).toBe('members_only');
    expect((await fixture.app.inject({ method: 'GET', url: '/api/governance/sanctions' })).statusCode).toBe(401);
  });

  /** Blue's member of the co-op, and Green's organisation id. */
  const ids = async () => {
    const register = (await admin.request('GET', '/api/governance/register')).json();
    const blueMember = register.members.find((member: { name: string }) => member.name === 'Blue Press');
    const greenOrganisation = await fixture.storage.db
      .withTables<{ organisations: { id: string; slug: string } }>()
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', 'green')
      .executeTakeFirstOrThrow();
    return { blueMember: blueMember.id as string, greenOrganisation: greenOrganisation.id };
  };

  it('suspends an organisation from meetings only with an operator’s reason, mails it, refuses its meetings, and lifts it when the members uphold the appeal', async () => {
    const { greenOrganisation } = await ids();
    const suspend = (browser: TestBrowser, body: object) => browser.request('POST', '/api/governance/sanctions', body);
    const reason = 'Rooms used to broadcast spam calls';
    expect((await suspend(blue, { scope: 'meetings', organisation: 'green', reason })).json().error.code).toBe('operator_only');
    expect((await suspend(admin, { scope: 'meetings', organisation: 'green', reason: 'bad' })).statusCode).toBe(400);
    expect((await suspend(admin, { scope: 'meetings', organisation: 'nobody', reason })).json().error.code).toBe('organisation_not_found');
    expect((await suspend(admin, { scope: 'elsewhere', organisation: 'green', reason })).statusCode).toBe(400);
    const suspended = await suspend(admin, { scope: 'meetings', organisation: 'green', reason });
    expect(suspended.statusCode, suspended.body).toBe(201);
    expect(suspended.json()).toMatchObject({
      scope: 'meetings',
      subject: 'Green Bakery',
      action: 'suspended',
      reason,
      decidedBy: 'Network Admin',
    });
    expect((await suspend(admin, { scope: 'meetings', organisation: 'green', reason })).json().error.code).toBe('already_suspended');
    const letter = await fixture.mail.waitFor('trader@green.test', /suspended from holding meetings/);
    expect(letter.text).toContain(reason);
    expect(letter.text).toContain('http://plenary.test/coop/sanctions');
    expect(await governance?.dueProcess.meetingsRefusal(greenOrganisation)).toMatchObject({ code: 'organisation_suspended' });

    const [line] = (await green.request('GET', '/api/governance/sanctions')).json().sanctions;
    expect(line).toMatchObject({ scope: 'meetings', appealable: true });
    const { proposalId } = (
      await green.request('POST', `/api/governance/sanctions/${line.id}/appeal`, { statement: 'We removed the spammer.' })
    ).json();
    const proposal = (await blue.request('GET', `/api/governance/proposals/${proposalId}`)).json();
    expect(proposal.title).toBe('Appeal: let Green Bakery hold meetings again');
    await blue.request('PUT', `/api/governance/proposals/${proposalId}/vote`, { memberId: proposal.myBallots[0].memberId, ballot: 'yes' });
    fixture.clock.advance(14 * dayMs);
    await blue.logIn('trader@blue.test', 'correct horse battery');
    await admin.logIn(administratorEmail, 'correct horse battery');
    expect(await governance?.runScheduledWork()).toBe(2);
    expect(await governance?.dueProcess.meetingsRefusal(greenOrganisation)).toBeUndefined();
    await fixture.mail.waitFor('trader@green.test', /no longer suspended from holding meetings/);
    const after = (await blue.request('GET', '/api/governance/sanctions')).json().sanctions;
    expect(
      after.map((entry: { scope: string; action: string; decidedBy: string }) => [entry.scope, entry.action, entry.decidedBy]),
    ).toEqual([
      ['meetings', 'reinstated', 'vote'],
      ['meetings', 'suspended', 'Network Admin'],
    ]);
  });

  it('suspends a member from membership (no vote while suspended) and an operator lifts it, with reasons in the log', async () => {
    const { blueMember } = await ids();
    const reason = 'Shares unpaid for two years';
    const suspended = await admin.request('POST', '/api/governance/sanctions', { scope: 'membership', memberId: blueMember, reason });
    expect(suspended.statusCode, suspended.body).toBe(201);
    await fixture.mail.waitFor('trader@blue.test', /suspended from membership of the co-op/);
    const register = (await admin.request('GET', '/api/governance/register')).json();
    expect(register.members.find((member: { id: string }) => member.id === blueMember).status).toBe('suspended');
    // A proposal put now has Blue outside its electorate.
    const now = fixture.clock.nowMs();
    const proposal = (
      await admin.request('POST', '/api/governance/proposals', {
        title: 'Move the servers',
        body: 'To the new data centre.',
        kind: 'yes_no',
        options: [],
        opensAtMs: now,
        closesAtMs: now + dayMs,
        quorumBasisPoints: 0,
        threshold: 'simple_majority',
      })
    ).json();
    const vote = await blue.request('PUT', `/api/governance/proposals/${proposal.id}/vote`, { memberId: blueMember, ballot: 'yes' });
    expect(vote.statusCode).toBeGreaterThanOrEqual(400);
    expect(
      (await blue.request('POST', `/api/governance/sanctions/${suspended.json().id}/lift`, { reason: 'Paid' })).json().error.code,
    ).toBe('operator_only');
    const lifted = await admin.request('POST', `/api/governance/sanctions/${suspended.json().id}/lift`, { reason: 'The shares are paid.' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toMatchObject({ scope: 'membership', action: 'reinstated', reason: 'The shares are paid.' });
    expect(
      (await admin.request('POST', `/api/governance/sanctions/${suspended.json().id}/lift`, { reason: 'again' })).json().error.code,
    ).toBe('not_suspended');
    const again = (await admin.request('GET', '/api/governance/register')).json();
    expect(again.members.find((member: { id: string }) => member.id === blueMember).status).toBe('admitted');
    // The suspension line is no longer appealable once lifted.
    const lines = (await blue.request('GET', '/api/governance/sanctions')).json().sanctions;
    expect(lines.every((entry: { appealable: boolean }) => !entry.appealable)).toBe(true);
  });
});
