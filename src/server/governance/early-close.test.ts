/**
 * Closing a proposal early over HTTP on both engines: allowed to its organiser or an operator,
 * while open, once every member of the electorate has voted (open and secret ballots) — the
 * outcome sealed once as the sweep seals it, the close recorded, the letter with the outcome sent
 * and no reminder after; refused otherwise, logged with its code, and nothing changed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { earlyCloseRefusal } from './early-close.js';
import type { EarlyCloseTables } from './early-close-migrations.js';
import { admittedUserMember, dayMs, type GovernanceTestApp, memoryLog, startGovernanceTestApp } from './testing.js';

describe('the rule for closing early', () => {
  const electorate = new Set(['green', 'blue']);
  it('lets the organiser or an operator close an open vote once every member of the electorate has voted', () => {
    expect(earlyCloseRefusal({ organiserOrOperator: true, status: 'open', electorate, voted: new Set(['blue', 'green']) })).toBeUndefined();
  });
  it('refuses anyone else, a vote not open, and a vote some member has not cast (a voter outside the electorate counts for nothing)', () => {
    const all = new Set(['green', 'blue']);
    expect(earlyCloseRefusal({ organiserOrOperator: false, status: 'open', electorate, voted: all })).toEqual({
      code: 'not_the_organiser',
    });
    expect(earlyCloseRefusal({ organiserOrOperator: true, status: 'upcoming', electorate, voted: all })).toMatchObject({ why: 'upcoming' });
    expect(earlyCloseRefusal({ organiserOrOperator: true, status: 'closed', electorate, voted: all })).toMatchObject({ why: 'closed' });
    expect(earlyCloseRefusal({ organiserOrOperator: true, status: 'open', electorate, voted: new Set(['green', 'gone']) })).toEqual({
      code: 'early_close_not_allowed',
      why: 'not_everyone_voted',
      voted: 1,
      electorate: 2,
    });
  });
});

describe.each(bothEngines)('closing a proposal early (%s)', (engine) => {
  let app: GovernanceTestApp;
  let logLines: string[];
  let green: string;
  let blue: string;

  beforeEach(async () => {
    const log = memoryLog('info');
    logLines = log.lines;
    app = await startGovernanceTestApp(engine, { requestLogger: log.logger });
    green = await admittedUserMember(app, app.alice, 'green', 'Green Bakery', false);
    blue = await admittedUserMember(app, app.bob, 'blue', 'Blue Bikes');
    await app.later(60_000);
  });
  afterEach(async () => {
    await app.close();
  });

  /** Alice puts a yes/no proposal to every member, open now for three days. */
  const propose = async (body: object = {}) => {
    const now = app.fixture.clock.nowMs();
    const response = await app.alice.request('POST', '/api/governance/proposals', {
      title: 'Adopt the 2027 budget',
      body: '',
      kind: 'yes_no',
      options: [],
      opensAtMs: now,
      closesAtMs: now + 3 * dayMs,
      quorumBasisPoints: 0,
      threshold: 'simple_majority',
      ...body,
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; closableEarly: boolean };
  };
  const vote = (browser: TestBrowser, proposalId: string, memberId: string, ballot: unknown) =>
    browser.request('PUT', `/api/governance/proposals/${proposalId}/vote`, { memberId, ballot });
  const close = (browser: TestBrowser, proposalId: string) => browser.request('POST', `/api/governance/proposals/${proposalId}/close`, {});
  const read = async (browser: TestBrowser, proposalId: string) =>
    (await browser.request('GET', `/api/governance/proposals/${proposalId}`)).json();
  const refusalsLogged = (code: string) =>
    logLines.filter((line) => line.includes('closing a proposal early refused') && line.includes(`"code":"${code}"`)).length;
  const letters = (subject: RegExp) =>
    app.fixture.mail.messages.filter((message) => message.to.includes('alice@green.test') && subject.test(message.subject));

  it('closes the vote for its organiser once every member has voted, seals the outcome once, and says it closed early', async () => {
    const proposal = await propose();
    expect(proposal.closableEarly).toBe(false);
    expect((await vote(app.alice, proposal.id, green, 'yes')).json().closableEarly).toBe(false);
    const early = await close(app.alice, proposal.id);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toEqual({
      code: 'early_close_not_allowed',
      message: '1 of the 2 members has voted: a proposal closes early only once every member has voted.',
    });
    expect(
      (await app.alice.request('POST', `/api/governance/proposals/${proposal.id}/close`, {}, { 'accept-language': 'fr' })).json().error
        .message,
    ).toBe('1 membre sur 2 a voté : une proposition ne se clôt avant l’heure qu’une fois que chaque membre a voté.');
    expect(refusalsLogged('early_close_not_allowed')).toBe(2);
    // Nothing changed: still open, nothing sealed, and Blue can vote.
    expect(await read(app.alice, proposal.id)).toMatchObject({ status: 'open', outcomes: [], closedEarly: null });
    expect((await vote(app.bob, proposal.id, blue, 'no')).statusCode).toBe(200);
    expect((await vote(app.alice, proposal.id, green, 'yes')).statusCode).toBe(200);

    // Everyone has voted: the organiser and the operators may close it, another member may not.
    expect((await read(app.alice, proposal.id)).closableEarly).toBe(true);
    expect((await read(app.operator, proposal.id)).closableEarly).toBe(true);
    expect((await read(app.bob, proposal.id)).closableEarly).toBe(false);
    const notTheirs = await close(app.bob, proposal.id);
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().error).toEqual({
      code: 'not_the_organiser',
      message: 'Only the organiser of “Adopt the 2027 budget”, or an operator, can close its vote early.',
    });
    expect(refusalsLogged('not_the_organiser')).toBe(1);

    await app.later(60_000);
    const closedAtMs = app.fixture.clock.nowMs();
    const closed = await close(app.alice, proposal.id);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      closableEarly: false,
      closedEarly: { atMs: closedAtMs, by: 'Alice' },
      outcomes: [{ revision: 0, result: 'failed', voted: 2, electorate: 2, tally: { yes: 1, no: 1 }, sealedAtMs: closedAtMs }],
    });
    expect(logLines.some((line) => line.includes('proposal closed early'))).toBe(true);

    // After the close: no second close, no vote, and the sweep seals nothing more.
    const again = await close(app.operator, proposal.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Voting on “Adopt the 2027 budget” is closed already: its result is sealed.');
    expect((await vote(app.bob, proposal.id, blue, 'yes')).json().error.code).toBe('proposal_not_open');
    expect(await app.governance.proposals.closeDue()).toBe(0);
    expect((await read(app.bob, proposal.id)).outcomes).toHaveLength(1);

    // The letter with the outcome goes; no reminder to vote on a vote that has closed.
    await app.governance.runScheduledWork();
    await app.fixture.mail.waitFor('alice@green.test', /^Outcome: Adopt the 2027 budget$/);
    await app.later(2 * dayMs + 60_000);
    await app.governance.runScheduledWork();
    expect(letters(/^One day left to vote/)).toHaveLength(0);
    expect(letters(/^Outcome: Adopt the 2027 budget$/)).toHaveLength(1);
  });

  it('closes a secret vote once every member has a receipt, and counts it as the sweep would', async () => {
    const proposal = await propose({ secret: true });
    expect((await vote(app.alice, proposal.id, green, 'yes')).statusCode).toBe(200);
    expect((await close(app.operator, proposal.id)).json().error.message).toMatch(/^1 of the 2 members has voted/);
    expect((await vote(app.bob, proposal.id, blue, 'yes')).statusCode).toBe(200);
    const closed = await close(app.operator, proposal.id);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      closedEarly: { by: 'Olu Operator' },
      outcomes: [{ revision: 0, result: 'passed', voted: 2, electorate: 2, tally: { yes: 2, no: 0 } }],
    });
  });

  it('seals once when the close and the sweep run at the same moment, or two closes do', async () => {
    const first = await propose();
    const second = await propose({ title: 'Elect the board' });
    for (const { id } of [first, second]) {
      await vote(app.alice, id, green, 'yes');
      await vote(app.bob, id, blue, 'yes');
    }
    const [closed] = await Promise.all([close(app.alice, first.id), app.governance.proposals.closeDue()]);
    expect(closed.statusCode).toBe(200);
    const both = await Promise.all([close(app.alice, second.id), close(app.operator, second.id)]);
    expect(both.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect(await app.governance.proposals.closeDue()).toBe(0);
    for (const { id } of [first, second]) expect((await read(app.bob, id)).outcomes).toMatchObject([{ revision: 0, result: 'passed' }]);

    // A close recorded but stopped short of sealing (the process died): two sweeps at once seal it, once.
    const third = await propose({ title: 'Move to renewable hosting' });
    await vote(app.alice, third.id, green, 'no');
    await vote(app.bob, third.id, blue, 'no');
    await app.fixture.storage.db
      .withTables<EarlyCloseTables>()
      .insertInto('governance_early_closes')
      .values({ proposal_id: third.id, closed_by: 'someone', closed_at_ms: app.fixture.clock.nowMs() })
      .execute();
    const sealed = await Promise.all([app.governance.proposals.closeDue(), app.governance.proposals.closeDue()]);
    expect(sealed[0] + sealed[1]).toBe(1);
    expect((await read(app.bob, third.id)).outcomes).toMatchObject([{ revision: 0, result: 'failed', voted: 2 }]);
  });

  it('refuses an unknown proposal, one not open yet, a stranger and a body, changing nothing', async () => {
    const unknown = await close(app.alice, 'proposal_none');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('proposal_not_found');
    const upcoming = await propose({
      opensAtMs: app.fixture.clock.nowMs() + dayMs,
      closesAtMs: app.fixture.clock.nowMs() + 2 * dayMs,
    });
    const notYet = await close(app.alice, upcoming.id);
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.message).toMatch(/^Voting on “Adopt the 2027 budget” has not opened yet: it opens /);
    const eve = await signedUpPerson(app.fixture, 'eve@example.test', 'Eve');
    expect((await close(eve, upcoming.id)).json().error.code).toBe('members_only');
    const withBody = await app.alice.request('POST', `/api/governance/proposals/${upcoming.id}/close`, { now: true });
    expect(withBody.json().error.code).toBe('invalid_request');
    expect(refusalsLogged('proposal_not_found')).toBe(1);
    expect(refusalsLogged('members_only')).toBe(1);
    await app.later(dayMs);
    expect(await read(app.alice, upcoming.id)).toMatchObject({ status: 'open', outcomes: [], closedEarly: null });
  });
});
