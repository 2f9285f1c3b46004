/**
 * Usage: the monthly summary and the plan advice as pure functions, then `GET /api/orgs/:slug/usage`
 * over HTTP on both engines with meeting records written the way a live room writes them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomId } from '../../shared/ids.js';
import type { UsageReport } from '../../shared/usage-api.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { seedPlans } from './plans.js';
import { type BillingTestApp, startBillingTestApp } from './testing.js';
import { type MeetingUsage, planAdvice, summariseUsage, utcMonthBoundaries } from './usage.js';

const minuteMs = 60_000;
const plans = seedPlans(2);
const plan = (id: string) => {
  const found = plans.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no plan ${id}`);
  return found;
};
const rooms = [
  { roomId: 'main', name: 'Main' },
  { roomId: 'side', name: 'Side' },
];
const now = Date.UTC(2026, 3, 15, 12);

/** A meeting in `roomId` starting at `startedAtMs`, `minutes` long, with `peak` people, each there all along. */
function held(roomId: string, startedAtMs: number, minutes: number, peak: number, endless = false): MeetingUsage {
  return {
    roomId,
    startedAtMs,
    endedAtMs: endless ? null : startedAtMs + minutes * minuteMs,
    participantsPeak: peak,
    participantMs: minutes * minuteMs * peak,
  };
}

describe('the monthly usage summary', () => {
  it('covers the twelve UTC calendar months up to the current one, oldest first, across a year’s end', () => {
    const boundaries = utcMonthBoundaries(Date.UTC(2026, 1, 3));
    expect(boundaries.map((ms) => new Date(ms).toISOString().slice(0, 10))).toEqual([
      '2025-03-01',
      '2025-04-01',
      '2025-05-01',
      '2025-06-01',
      '2025-07-01',
      '2025-08-01',
      '2025-09-01',
      '2025-10-01',
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    const report = summariseUsage([], rooms, Date.UTC(2026, 1, 3));
    expect(report.months.map((month) => month.month).slice(-3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(report.months[0]?.rooms).toEqual([
      { roomId: 'main', name: 'Main', participantMinutes: 0, meetings: 0, largestMeeting: 0, longestMeetingMinutes: 0 },
      { roomId: 'side', name: 'Side', participantMinutes: 0, meetings: 0, largestMeeting: 0, longestMeetingMinutes: 0 },
    ]);
  });

  it('counts a meeting in the UTC month it started, per room and in total, rounding minutes down', () => {
    const lastOfMarch = Date.UTC(2026, 2, 31, 23, 59);
    const meetings = [
      held('main', lastOfMarch, 30, 3),
      { ...held('main', Date.UTC(2026, 3, 1, 1), 10, 2), participantMs: 10 * minuteMs + 59_999 },
      { ...held('side', Date.UTC(2026, 3, 2), 10, 1), participantMs: 30_000 },
      held('elsewhere', Date.UTC(2026, 3, 2), 600, 40),
      held('main', Date.UTC(2025, 3, 30), 600, 40),
    ];
    const [march, april] = summariseUsage(meetings, rooms, now).months.slice(-2);
    expect(march?.total).toEqual({
      participantMinutes: 90,
      meetings: 1,
      largestMeeting: 3,
      longestMeetingMinutes: 30,
      meetingsAtOnceMax: 1,
    });
    expect(april?.month).toBe('2026-04');
    expect(april?.rooms).toEqual([
      { roomId: 'main', name: 'Main', participantMinutes: 10, meetings: 1, largestMeeting: 2, longestMeetingMinutes: 10 },
      { roomId: 'side', name: 'Side', participantMinutes: 0, meetings: 1, largestMeeting: 1, longestMeetingMinutes: 10 },
    ]);
    // The total rounds its own milliseconds: 10 min 59.999 s + 30 s is 11 minutes.
    expect(april?.total).toEqual({
      participantMinutes: 11,
      meetings: 2,
      largestMeeting: 2,
      longestMeetingMinutes: 10,
      meetingsAtOnceMax: 1,
    });
  });

  it('counts meetings held at the same time across rooms, not back to back, and an open one until now', () => {
    const nine = Date.UTC(2026, 3, 10, 9);
    const overlapping = summariseUsage([held('main', nine, 60, 2), held('side', nine + 30 * minuteMs, 60, 2)], rooms, now);
    expect(overlapping.months.at(-1)?.total.meetingsAtOnceMax).toBe(2);
    const backToBack = summariseUsage([held('main', nine, 60, 2), held('side', nine + 60 * minuteMs, 60, 2)], rooms, now);
    expect(backToBack.months.at(-1)?.total.meetingsAtOnceMax).toBe(1);
    const open = summariseUsage([held('main', now - 90 * minuteMs, 0, 2, true), held('side', now - minuteMs, 0, 1, true)], rooms, now);
    expect(open.months.at(-1)?.total).toMatchObject({ longestMeetingMinutes: 90, meetingsAtOnceMax: 2 });
  });
});

describe('plan advice over the last three months', () => {
  const report = (meetings: MeetingUsage[]): UsageReport => summariseUsage(meetings, rooms, now);
  const inApril = (minutes: number, peak: number) => held('main', Date.UTC(2026, 3, 3, 9), minutes, peak);

  it('advises the smallest larger plan that holds the largest meeting', () => {
    expect(planAdvice(report([inApril(30, 14)]), plans, plan('level-1'))).toEqual({
      kind: 'larger',
      planId: 'level-2',
      planName: 'Level 2',
      quoted: false,
      reasons: ['participants'],
    });
  });

  it('advises a plan without a length limit when a Free meeting ran to its 60 minutes, and none for 59', () => {
    expect(planAdvice(report([inApril(60, 3)]), plans, plan('free'))).toMatchObject({
      kind: 'larger',
      planId: 'level-1',
      reasons: ['length'],
    });
    expect(planAdvice(report([inApril(59, 3)]), plans, plan('free'))).toEqual({ kind: 'none' });
  });

  it('advises the largest plan when no plan holds the meetings, and more meetings at once when they overlapped', () => {
    expect(planAdvice(report([inApril(30, 400)]), plans, plan('level-3'))).toMatchObject({
      kind: 'larger',
      planId: 'custom',
      quoted: true,
    });
    const twoAtOnce = report([inApril(60, 3), held('side', Date.UTC(2026, 3, 3, 9, 30), 60, 3)]);
    expect(planAdvice(twoAtOnce, plans, plan('level-1'))).toMatchObject({
      kind: 'larger',
      planId: 'multi-room',
      reasons: ['meetings_at_once'],
    });
  });

  it('advises the smallest smaller plan every recent meeting would have fitted, and none when the plan is right', () => {
    expect(planAdvice(report([inApril(45, 8)]), plans, plan('level-3'))).toEqual({
      kind: 'smaller',
      planId: 'level-1',
      planName: 'Level 1',
      quoted: false,
    });
    expect(planAdvice(report([inApril(30, 4)]), plans, plan('level-2'))).toMatchObject({ kind: 'smaller', planId: 'free' });
    expect(planAdvice(report([inApril(30, 14)]), plans, plan('level-2'))).toEqual({ kind: 'none' });
  });

  it('looks at the current month and the two before it only', () => {
    const january = held('main', Date.UTC(2026, 0, 20), 30, 40);
    expect(planAdvice(report([january, inApril(30, 8)]), plans, plan('level-3'))).toMatchObject({ kind: 'smaller', planId: 'level-1' });
    const february = held('main', Date.UTC(2026, 1, 1), 30, 40);
    expect(planAdvice(report([february, inApril(30, 8)]), plans, plan('level-3'))).toEqual({ kind: 'none' });
  });
});

describe.each(bothEngines)('GET /api/orgs/:slug/usage (%s)', (engine) => {
  let fixture: BillingTestApp;
  let alice: TestBrowser;
  let mainRoom: RoomId;
  let sideRoom: RoomId;

  beforeEach(async () => {
    fixture = await startBillingTestApp(engine);
    alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    expect((await alice.request('POST', '/api/orgs', { name: 'Green Bakery', slug: 'green' })).statusCode).toBe(201);
    mainRoom = (await alice.request('POST', '/api/orgs/green/rooms', { name: 'Main', slug: 'main' })).json().roomId;
    sideRoom = (await alice.request('POST', '/api/orgs/green/rooms', { name: 'Side', slug: 'side' })).json().roomId;
  });
  afterEach(async () => {
    await fixture.close();
  });

  /** Holds a meeting now as a live room records it: start, attendance, each leaver's time, end. */
  async function holdMeeting(roomId: RoomId, stays: number[]) {
    const rooms = fixture.rooms;
    const meeting = await rooms.startMeeting(roomId);
    await rooms.recordAttendance(meeting.id, stays.length);
    const longest = Math.max(...stays);
    fixture.clock.advance(longest * minuteMs);
    await Promise.all(stays.map((minutes) => rooms.addParticipantTime(meeting.id, minutes * minuteMs)));
    await rooms.endMeeting(meeting.id);
  }
  const usage = async (browser = alice) => browser.request('GET', '/api/orgs/green/usage');

  it('reports each month per room and advises Level 1 after a Free meeting ran to 60 minutes, then Level 1 again from Level 3', async () => {
    await holdMeeting(mainRoom, [60, 45, 20]);
    fixture.clock.advance(31 * 24 * 60 * minuteMs);
    await holdMeeting(sideRoom, [30, 30]);
    await alice.logIn('alice@example.org', 'correct horse battery');
    const response = await usage();
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.currentPlan).toEqual({ id: 'free', name: 'Free' });
    expect(view.report.months).toHaveLength(12);
    const [march, april] = view.report.months.slice(-2);
    expect(march.month).toBe('2026-03');
    expect(march.total).toEqual({
      participantMinutes: 125,
      meetings: 1,
      largestMeeting: 3,
      longestMeetingMinutes: 60,
      meetingsAtOnceMax: 1,
    });
    expect(april.rooms).toEqual([
      { roomId: mainRoom, name: 'Main', participantMinutes: 0, meetings: 0, largestMeeting: 0, longestMeetingMinutes: 0 },
      { roomId: sideRoom, name: 'Side', participantMinutes: 60, meetings: 1, largestMeeting: 2, longestMeetingMinutes: 30 },
    ]);
    expect(view.advice).toEqual({ kind: 'larger', planId: 'level-1', planName: 'Level 1', quoted: false, reasons: ['length'] });

    expect((await alice.request('PUT', '/api/orgs/green/subscription', { planId: 'level-3' })).statusCode).toBe(200);
    expect((await usage()).json()).toMatchObject({
      currentPlan: { id: 'level-3' },
      advice: { kind: 'smaller', planId: 'level-1' },
    });
  });

  it('answers owners and admins only: members are refused, strangers learn nothing, and signing in comes first', async () => {
    await alice.request('POST', '/api/orgs/green/invitations', { email: 'carol@example.org', role: 'member' });
    const carol = await signedUpPerson(fixture, 'carol@example.org', 'Carol');
    const link = (await fixture.mail.waitFor('carol@example.org', /invites you/)).text.match(/token=([\w-]+)/)?.[1];
    expect((await carol.request('POST', '/api/invitations/accept', { token: link })).statusCode).toBe(200);
    const refused = await usage(carol);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('role_required');
    const bob = await signedUpPerson(fixture, 'bob@example.org', 'Bob');
    expect((await usage(bob)).statusCode).toBe(404);
    expect((await fixture.app.inject({ method: 'GET', url: '/api/orgs/green/usage' })).statusCode).toBe(401);
  });
});
