/**
 * Governance letters and the calendar of votes, on both engines with a real SMTP sink: the
 * electorate's voters are told when a vote opens, a day before it closes and of its outcome —
 * once each, however often the scheduler runs — and members read every vote in a calendar feed
 * whose address only they know.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bothEngines } from '../storage/testing.js';
import { dayMs, type GovernanceTestApp, startGovernanceTestApp } from './testing.js';

describe.each(bothEngines)('governance letters and calendar (%s)', (engine) => {
  let app: GovernanceTestApp;
  let green: string;

  beforeEach(async () => {
    app = await startGovernanceTestApp(engine);
    const member = (
      await app.alice.request('POST', '/api/governance/applications', { classId: 'user', organisation: 'green', commitment: '' })
    ).json();
    green = member.id;
    await app.operator.request('POST', `/api/governance/members/${green}/admit`, {});
    await app.later(60_000);
  });
  afterEach(async () => {
    await app.close();
  });

  const letters = (subject: RegExp) =>
    app.fixture.mail.messages.filter((message) => message.to.includes('alice@green.test') && subject.test(message.subject));
  const waitForLetters = async (subject: RegExp, count: number) => {
    const deadline = Date.now() + 10_000;
    while (letters(subject).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    return letters(subject);
  };

  it('tells the voters when a vote opens, a day before it closes, and its outcome, once each', async () => {
    const now = app.fixture.clock.nowMs();
    const proposal = (
      await app.operator.request('POST', '/api/governance/proposals', {
        title: 'Adopt the 2027 budget',
        body: '',
        kind: 'yes_no',
        options: [],
        opensAtMs: now,
        closesAtMs: now + 3 * dayMs,
        quorumBasisPoints: 0,
        threshold: 'simple_majority',
      })
    ).json();
    await Promise.all([app.governance.runScheduledWork(), app.governance.runScheduledWork()]);
    const [opened] = await waitForLetters(/^Vote open: Adopt the 2027 budget$/, 1);
    expect(opened?.text).toContain(`http://plenary.test/coop/proposals/${proposal.id}`);
    expect(opened?.text).toMatch(/until 4 March 2026 at 09:01 UTC/);
    await app.alice.request('PUT', `/api/governance/proposals/${proposal.id}/vote`, { memberId: green, ballot: 'yes' });

    await app.later(2 * dayMs + 60_000);
    await app.governance.runScheduledWork();
    await app.governance.runScheduledWork();
    await waitForLetters(/^One day left to vote: Adopt the 2027 budget$/, 1);
    await app.later(dayMs);
    await app.governance.runScheduledWork();
    await app.governance.runScheduledWork();
    const [outcome] = await waitForLetters(/^Outcome: Adopt the 2027 budget$/, 1);
    expect(outcome?.text).toContain('it passed');
    // Each round once.
    expect(letters(/Adopt the 2027 budget/)).toHaveLength(3);
  });

  it('gives each member a calendar of the votes at an address only they know', async () => {
    const now = app.fixture.clock.nowMs();
    await app.operator.request('POST', '/api/governance/proposals', {
      title: 'Elect the board',
      body: '',
      kind: 'single_choice',
      options: ['Ana', 'Ben'],
      opensAtMs: now + dayMs,
      closesAtMs: now + 8 * dayMs,
      quorumBasisPoints: 0,
      threshold: 'simple_majority',
    });
    const { url } = (await app.alice.request('GET', '/api/governance/calendar')).json();
    expect((await app.alice.request('GET', '/api/governance/calendar')).json().url).toBe(url);
    const path = new URL(url).pathname + new URL(url).search;
    const feed = await app.fixture.app.inject({ method: 'GET', url: path });
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body).toContain('SUMMARY:Vote: Elect the board');
    expect(feed.body).toContain('DTSTART:20260302T090100Z');
    expect(
      (await app.fixture.app.inject({ method: 'GET', url: '/api/governance/calendar.ics?token=not-a-real-token-at-all' })).statusCode,
    ).toBe(404);
    // Bob is no member: no feed for him.
    expect((await app.bob.request('GET', '/api/governance/calendar')).json().error.code).toBe('members_only');
  });
});
