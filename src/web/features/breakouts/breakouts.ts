/**
 * The breakout panel's logic, apart from its components: the moderator's plan (how many rooms,
 * their names, for how long, who goes where), resized without losing what was chosen, shuffled
 * "at random" into rooms of even sizes, and checked into a `breakout-start` message (with a
 * message per field that needs fixing).
 */
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { BreakoutMessage } from '../meeting/meeting-controller.js';

export type BreakoutStart = Extract<BreakoutMessage, { type: 'breakout-start' }>;

/** The moderator's plan as the form holds it; `rooms[participantId]` is a room's place, absent for the main room. */
export interface BreakoutForm {
  names: string[];
  minutes: string;
  allowChoosing: boolean;
  rooms: Partial<Record<ParticipantId, number>>;
}

export interface BreakoutFormErrors {
  /** Per room, what is wrong with its name, if anything. */
  names: (string | undefined)[];
  minutes: string | undefined;
}

/** Words the checks need, in the person's language. */
export interface BreakoutFormWords {
  nameMissing: string;
  nameTooLong: string;
  minutesInvalid: string;
}

/** A new plan: two rooms named by `defaultName`, 15 minutes, everyone in the main room. */
export function emptyBreakoutForm(defaultName: (number: number) => string): BreakoutForm {
  return { names: [defaultName(1), defaultName(2)], minutes: '15', allowChoosing: false, rooms: {} };
}

/** The plan with `count` rooms: names kept or added, people in rooms that went back to the main room. */
export function withRoomCount(form: BreakoutForm, count: number, defaultName: (number: number) => string): BreakoutForm {
  const rooms = Math.min(limits.breakoutRoomsMax, Math.max(limits.breakoutRoomsMin, Math.trunc(count) || limits.breakoutRoomsMin));
  const names = Array.from({ length: rooms }, (_, index) => form.names[index] ?? defaultName(index + 1));
  const kept = Object.entries(form.rooms).filter(([, room]) => room !== undefined && room < rooms);
  return { ...form, names, rooms: Object.fromEntries(kept) };
}

/** Everyone in `people` put in a room at random, the rooms' sizes differing by one at most. */
export function shuffled(form: BreakoutForm, people: readonly ParticipantId[], random: () => number = Math.random): BreakoutForm {
  const order = [...people];
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as ParticipantId, order[index] as ParticipantId];
  }
  const rooms: BreakoutForm['rooms'] = {};
  order.forEach((participantId, index) => {
    rooms[participantId] = index % form.names.length;
  });
  return { ...form, rooms };
}

/** The plan as a `breakout-start`, naming only people still in `present`; or what to fix. */
export function checkBreakoutForm(
  form: BreakoutForm,
  present: ReadonlySet<ParticipantId>,
  words: BreakoutFormWords,
): { ok: true; message: BreakoutStart } | { ok: false; errors: BreakoutFormErrors } {
  const names = form.names.map((name) => name.trim());
  const nameErrors = names.map((name) =>
    name === '' ? words.nameMissing : [...name].length > limits.breakoutNameCharactersMax ? words.nameTooLong : undefined,
  );
  const minutes = Number(form.minutes);
  const minutesError = Number.isInteger(minutes) && minutes >= 1 && minutes <= limits.breakoutMinutesMax ? undefined : words.minutesInvalid;
  if (minutesError || nameErrors.some((error) => error)) return { ok: false, errors: { names: nameErrors, minutes: minutesError } };
  const rooms = names.map((name) => ({ name, participantIds: [] as ParticipantId[] }));
  for (const [participantId, room] of Object.entries(form.rooms) as [ParticipantId, number | undefined][]) {
    if (room !== undefined && present.has(participantId)) rooms[room]?.participantIds.push(participantId);
  }
  return { ok: true, message: { type: 'breakout-start', rooms, minutes, allowChoosing: form.allowChoosing } };
}
