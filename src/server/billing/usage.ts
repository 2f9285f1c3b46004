/**
 * An organisation's usage — participant-minutes, meetings and the largest meeting per UTC calendar
 * month, per room and in total — read from the meetings' records (numbers only), and the plan
 * that would fit its latest months better. `summariseUsage` and `planAdvice` are pure;
 * `usageReport` reads the records and hands them to `summariseUsage`.
 */
import { z } from 'zod';
import type { Plan } from '../../shared/billing-api.js';
import {
  adviceMonthsCount,
  type PlanAdvice,
  type UsageAdviceReason,
  type UsageFigures,
  type UsageMonth,
  type UsageReport,
  usageMonthsCount,
} from '../../shared/usage-api.js';
import type { MeetingUsageTables } from '../meetings/index.js';
import type { Storage } from '../storage/index.js';

const minuteMs = 60_000;

/** One meeting as usage sees it: its room, start, end (null while open), peak attendance and participants' time. */
export interface MeetingUsage {
  roomId: string;
  startedAtMs: number;
  endedAtMs: number | null;
  participantsPeak: number;
  participantMs: number;
}

/** A room the report lists, with the name its organisation gave it. */
export interface UsageRoom {
  roomId: string;
  name: string;
}

/**
 * The first millisecond of each of the `count` UTC calendar months up to the one holding `nowMs`,
 * oldest first, followed by the first millisecond of the next month (so `count + 1` numbers).
 */
export function utcMonthBoundaries(nowMs: number, count: number = usageMonthsCount): number[] {
  const now = new Date(nowMs);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return Array.from({ length: count + 1 }, (_, index) => Date.UTC(year, month - count + 1 + index, 1));
}

function monthKey(startMs: number): string {
  const date = new Date(startMs);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Figures being added up: the participants' time stays in milliseconds until the month is done. */
interface Tally {
  participantMs: number;
  meetings: number;
  largestMeeting: number;
  longestMeetingMs: number;
}

const emptyTally = (): Tally => ({ participantMs: 0, meetings: 0, largestMeeting: 0, longestMeetingMs: 0 });

function add(tally: Tally, meeting: MeetingUsage, nowMs: number): void {
  tally.participantMs += meeting.participantMs;
  tally.meetings += 1;
  tally.largestMeeting = Math.max(tally.largestMeeting, meeting.participantsPeak);
  tally.longestMeetingMs = Math.max(tally.longestMeetingMs, Math.max(0, (meeting.endedAtMs ?? nowMs) - meeting.startedAtMs));
}

function figures(tally: Tally): UsageFigures {
  return {
    participantMinutes: Math.floor(tally.participantMs / minuteMs),
    meetings: tally.meetings,
    largestMeeting: tally.largestMeeting,
    longestMeetingMinutes: Math.floor(tally.longestMeetingMs / minuteMs),
  };
}

/**
 * How many meetings were open at each meeting's start, itself included (meetings still open run
 * until `nowMs`; one ending as another starts does not overlap it). The most at any time is the
 * most at some meeting's start.
 */
function openAtEachStart(meetings: readonly MeetingUsage[], nowMs: number): Map<MeetingUsage, number> {
  const events = meetings.flatMap((meeting) => [
    { atMs: meeting.startedAtMs, change: 1, meeting },
    { atMs: Math.max(meeting.startedAtMs, meeting.endedAtMs ?? nowMs), change: -1, meeting },
  ]);
  events.sort((one, other) => one.atMs - other.atMs || one.change - other.change);
  const open = new Map<MeetingUsage, number>();
  let count = 0;
  for (const event of events) {
    count += event.change;
    if (event.change === 1) open.set(event.meeting, count);
  }
  return open;
}

/**
 * The usage report for `rooms` over the `usageMonthsCount` UTC calendar months up to the one
 * holding `nowMs`: each meeting counts in the month it started; meetings of other rooms or
 * outside those months are left out. Participant-minutes are rounded down per room and, from the
 * total milliseconds, for the month's total (so rooms may add up to a little less than the total).
 */
export function summariseUsage(meetings: readonly MeetingUsage[], rooms: readonly UsageRoom[], nowMs: number): UsageReport {
  const boundaries = utcMonthBoundaries(nowMs);
  const roomIds = new Set(rooms.map((room) => room.roomId));
  const counted = meetings.filter((meeting) => roomIds.has(meeting.roomId));
  const openAtStart = openAtEachStart(counted, nowMs);
  const months: UsageMonth[] = boundaries.slice(0, -1).map((startMs, index) => {
    const endMs = boundaries[index + 1] ?? startMs;
    const inMonth = counted.filter((meeting) => meeting.startedAtMs >= startMs && meeting.startedAtMs < endMs);
    const total = emptyTally();
    const byRoom = new Map(rooms.map((room) => [room.roomId, emptyTally()]));
    let meetingsAtOnceMax = 0;
    for (const meeting of inMonth) {
      add(total, meeting, nowMs);
      const roomTally = byRoom.get(meeting.roomId);
      if (roomTally) add(roomTally, meeting, nowMs);
      meetingsAtOnceMax = Math.max(meetingsAtOnceMax, openAtStart.get(meeting) ?? 1);
    }
    return {
      month: monthKey(startMs),
      startMs,
      total: { ...figures(total), meetingsAtOnceMax },
      rooms: rooms.map((room) => ({ roomId: room.roomId, name: room.name, ...figures(byRoom.get(room.roomId) ?? emptyTally()) })),
    };
  });
  return { months };
}

const MeetingUsageRowSchema = z.object({
  room_id: z.string(),
  started_at_ms: z.coerce.number().int(),
  ended_at_ms: z.coerce.number().int().nullable(),
  participants_peak: z.coerce.number().int().nonnegative(),
  participant_ms: z.coerce.number().int().nonnegative(),
});

/** Reads the meetings held in `rooms` during the report's months and summarises them (`summariseUsage`). */
export async function usageReport(storage: Storage, nowMs: number, rooms: readonly UsageRoom[]): Promise<UsageReport> {
  const boundaries = utcMonthBoundaries(nowMs);
  const firstMs = boundaries[0] ?? nowMs;
  const rows =
    rooms.length === 0
      ? []
      : await storage.db
          .withTables<MeetingUsageTables>()
          .selectFrom('meetings')
          .select(['room_id', 'started_at_ms', 'ended_at_ms', 'participants_peak', 'participant_ms'])
          .where(
            'room_id',
            'in',
            rooms.map((room) => room.roomId),
          )
          .where('started_at_ms', '>=', firstMs)
          .where('started_at_ms', '<=', nowMs)
          .execute();
  const meetings = rows.map((row): MeetingUsage => {
    const parsed = MeetingUsageRowSchema.parse(row);
    return {
      roomId: parsed.room_id,
      startedAtMs: parsed.started_at_ms,
      endedAtMs: parsed.ended_at_ms,
      participantsPeak: parsed.participants_peak,
      participantMs: parsed.participant_ms,
    };
  });
  return summariseUsage(meetings, rooms, nowMs);
}

/** What the latest months asked of a plan. */
interface Needs {
  largestMeeting: number;
  longestMeetingMinutes: number;
  meetingsAtOnceMax: number;
}

function needsOf(report: UsageReport): Needs {
  const recent = report.months.slice(-adviceMonthsCount);
  return {
    largestMeeting: Math.max(0, ...recent.map((month) => month.total.largestMeeting)),
    longestMeetingMinutes: Math.max(0, ...recent.map((month) => month.total.longestMeetingMinutes)),
    meetingsAtOnceMax: Math.max(0, ...recent.map((month) => month.total.meetingsAtOnceMax)),
  };
}

/** Why `plan` did not hold what the latest months asked: more people, a meeting cut at its length limit, more meetings at once. */
function shortfalls(plan: Plan, needs: Needs): UsageAdviceReason[] {
  const reasons: UsageAdviceReason[] = [];
  if (needs.largestMeeting > plan.participantsMax) reasons.push('participants');
  if (plan.meetingMinutesMax !== null && needs.longestMeetingMinutes >= plan.meetingMinutesMax) reasons.push('length');
  if (plan.meetingsMax !== null && needs.meetingsAtOnceMax > plan.meetingsMax) reasons.push('meetings_at_once');
  return reasons;
}

/**
 * The plan that fits the report's latest `adviceMonthsCount` months better than `currentPlan`:
 * when a meeting had more people than it allows, ran to its length limit (on Free, 60 minutes or
 * more), or more meetings were held at once than it allows, the smallest larger plan that holds
 * them all (the largest plan when none does); when every meeting would have fitted a smaller
 * plan — its people, its length limit (strictly shorter) and its meetings at once — the smallest
 * such plan; else none. `plans` in order, smallest first (as `BillingService.plans()` gives them).
 */
export function planAdvice(report: UsageReport, plans: readonly Plan[], currentPlan: Plan): PlanAdvice {
  const needs = needsOf(report);
  const reasons = shortfalls(currentPlan, needs);
  const fits = (plan: Plan) => shortfalls(plan, needs).length === 0;
  if (reasons.length > 0) {
    const larger = plans.filter((plan) => plan.position > currentPlan.position);
    const advised = larger.find(fits) ?? larger.at(-1);
    if (!advised) return { kind: 'none' };
    return { kind: 'larger', planId: advised.id, planName: advised.name, quoted: advised.quoted, reasons };
  }
  const smaller = plans.find((plan) => plan.position < currentPlan.position && fits(plan));
  return smaller ? { kind: 'smaller', planId: smaller.id, planName: smaller.name, quoted: smaller.quoted } : { kind: 'none' };
}
