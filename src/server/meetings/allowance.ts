/**
 * What a room's plan allows a meeting (billing decides, the meeting server enforces): people at
 * once, meetings at once across the holder's rooms, and how long one may last.
 */
import type { RoomId } from '../../shared/ids.js';

export interface MeetingAllowance {
  /** The plan's name, for the words a refused joiner reads. */
  planName: string;
  participantsMax: number;
  /** Meetings the holder may hold at once across its rooms; null for no limit. */
  meetingsMax: number | null;
  /** How long one meeting may last; null for no limit. */
  meetingMinutesMax: number | null;
  /** Whose meetings count together against `meetingsMax`: `org:<id>`, or the room itself. */
  holderKey: string;
}

/** The allowance of a room's meetings now (looked up at every join: an upgrade counts at once). */
export type AllowanceOf = (roomId: RoomId) => Promise<MeetingAllowance>;

/** No plan: only the room's own limits (tests of the meeting server alone, and before billing starts). */
export const unlimitedAllowance: AllowanceOf = async (roomId) => ({
  planName: '',
  participantsMax: Number.POSITIVE_INFINITY,
  meetingsMax: null,
  meetingMinutesMax: null,
  holderKey: `room:${roomId}`,
});

/** Minutes before a plan's length limit when everyone is warned that the meeting will end. */
export const meetingEndWarningMinutes = 5;
