import { describe, expect, it } from 'vitest';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import { type BreakoutForm, checkBreakoutForm, emptyBreakoutForm, shuffled, withRoomCount } from './breakouts.js';

const name = (number: number) => `Room ${number}`;
const words = { nameMissing: 'name?', nameTooLong: 'shorter', minutesInvalid: 'minutes?' };
const people = ['p_aaaaaaaaaa', 'p_bbbbbbbbbb', 'p_cccccccccc', 'p_dddddddddd', 'p_eeeeeeeeee'] as ParticipantId[];

describe("the moderator's breakout plan", () => {
  it('grows and shrinks between the limits, keeping names and sending people of removed rooms back', () => {
    let form: BreakoutForm = { ...emptyBreakoutForm(name), names: ['Finance', 'Outreach'], rooms: { [people[0] as string]: 1 } };
    form = withRoomCount(form, 4, name);
    expect(form.names).toEqual(['Finance', 'Outreach', 'Room 3', 'Room 4']);
    form = withRoomCount({ ...form, rooms: { [people[0] as string]: 3, [people[1] as string]: 0 } }, 2, name);
    expect(form.names).toEqual(['Finance', 'Outreach']);
    expect(form.rooms).toEqual({ [people[1] as string]: 0 });
    expect(withRoomCount(form, 1, name).names).toHaveLength(limits.breakoutRoomsMin);
    expect(withRoomCount(form, 99, name).names).toHaveLength(limits.breakoutRoomsMax);
    expect(withRoomCount(form, Number.NaN, name).names).toHaveLength(limits.breakoutRoomsMin);
  });

  it('shuffles everyone into rooms whose sizes differ by one at most, in an order that depends on chance', () => {
    const form = withRoomCount(emptyBreakoutForm(name), 2, name);
    const sizes = (rooms: Partial<Record<string, number>>) => [0, 1].map((room) => Object.values(rooms).filter((r) => r === room).length);
    const first = shuffled(form, people, () => 0);
    const second = shuffled(form, people, () => 0.99);
    expect(sizes(first.rooms)).toEqual([3, 2]);
    expect(sizes(second.rooms)).toEqual([3, 2]);
    expect(Object.keys(first.rooms).sort()).toEqual([...people].sort());
    expect(first.rooms).not.toEqual(second.rooms);
  });

  it('becomes a start message naming only people still here, or says what to fix on each field', () => {
    const form = {
      ...emptyBreakoutForm(name),
      minutes: '20',
      rooms: { [people[0] as string]: 0, [people[1] as string]: 1, [people[2] as string]: 1 },
    };
    const checked = checkBreakoutForm(form, new Set([people[0], people[1]] as ParticipantId[]), words);
    expect(checked).toEqual({
      ok: true,
      message: {
        type: 'breakout-start',
        rooms: [
          { name: 'Room 1', participantIds: [people[0]] },
          { name: 'Room 2', participantIds: [people[1]] },
        ],
        minutes: 20,
        allowChoosing: false,
      },
    });
    const bad = checkBreakoutForm(
      { ...form, names: ['  ', 'x'.repeat(limits.breakoutNameCharactersMax + 1)], minutes: '1.5' },
      new Set(),
      words,
    );
    expect(bad).toEqual({ ok: false, errors: { names: ['name?', 'shorter'], minutes: 'minutes?' } });
    for (const minutes of ['0', '', String(limits.breakoutMinutesMax + 1), 'ten'])
      expect(checkBreakoutForm({ ...form, minutes }, new Set(), words)).toMatchObject({ ok: false, errors: { minutes: 'minutes?' } });
  });
});
