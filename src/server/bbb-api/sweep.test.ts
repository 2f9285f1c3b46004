/**
 * Meetings ending on their own, on both engines, on a clock the tests move: nobody came within
 * five minutes, everyone left a minute ago, the `duration` ran out; and expired tickets forgotten.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bbbApiLimits } from '../../shared/limits.js';
import { LiveRoom } from '../meetings/live/live-room.js';
import { bothEngines } from '../storage/testing.js';
import { type BbbApiTestApp, startBbbApiTestApp } from './testing.js';

describe.each(bothEngines)('meetings ending on their own (%s)', (engine) => {
  let t: BbbApiTestApp;
  beforeEach(async () => {
    t = await startBbbApiTestApp(engine);
  });
  afterEach(async () => {
    await t.close();
  });

  const open = async (meetingId: string) => (await t.api.store.findOpen(meetingId)) !== undefined;

  it('ends a meeting nobody entered five minutes after it was created', async () => {
    await t.call('create', [
      ['name', 'Empty'],
      ['meetingID', 'empty'],
    ]);
    t.clock.advance(bbbApiLimits.unjoinedMeetingEndAfterMs - 1);
    expect(await t.api.endIdleMeetings()).toBe(0);
    t.clock.advance(1);
    expect(await t.api.endIdleMeetings()).toBe(1);
    expect(await open('empty')).toBe(false);
    expect((await t.call('getMeetings')).response.messageKey).toBe('noMeetings');
  });

  it('keeps a meeting while someone is in it and ends it a minute after the last one left', async () => {
    await t.call('create', [
      ['name', 'Class'],
      ['meetingID', 'class'],
    ]);
    const meeting = await t.api.store.findOpen('class');
    if (!meeting) throw new Error('no meeting');
    const leave = await t.enter(meeting.roomId, 'Ada', true);
    t.clock.advance(bbbApiLimits.unjoinedMeetingEndAfterMs * 3);
    expect(await t.api.endIdleMeetings()).toBe(0);
    leave();
    const info = (await t.call('getMeetingInfo', [['meetingID', 'class']])).response;
    expect([info.running, info.hasUserJoined, info.participantCount]).toEqual(['false', 'true', '0']);
    t.clock.advance(bbbApiLimits.emptyMeetingEndAfterMs - 1);
    expect(await t.api.endIdleMeetings()).toBe(0);
    expect(await open('class')).toBe(true);
    t.clock.advance(1);
    expect(await t.api.endIdleMeetings()).toBe(1);
    expect(await open('class')).toBe(false);
  });

  it('ends a meeting at its duration, on time: the live room itself, or the sweep when nobody is in it', async () => {
    const create = (meetingID: string) =>
      t.call('create', [
        ['name', 'Short'],
        ['meetingID', meetingID],
        ['duration', '1'],
      ]);
    await create('short');
    const meeting = await t.api.store.findOpen('short');
    if (!meeting) throw new Error('no meeting');
    const endAt = vi.spyOn(LiveRoom.prototype, 'endAt');
    await t.enter(meeting.roomId, 'Ada', true);
    // The live room schedules its end once the meeting's duration is read from the database.
    await vi.waitFor(() => expect(endAt).toHaveBeenCalledWith(t.clock.nowMs() + 60_000));
    endAt.mockRestore();
    t.clock.advance(59_999);
    expect(t.registry.find(meeting.roomId)?.closed).toBe(false);
    t.clock.advance(1);
    expect(t.registry.find(meeting.roomId)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await t.api.store.findByInternalId(meeting.internalId))?.endedAtMs).toBe(t.clock.nowMs());
    expect((await t.call('isMeetingRunning', [['meetingID', 'short']])).response.running).toBe('false');
    // Nobody came to this one: the sweep ends it at its duration, before the five minutes for an unjoined meeting.
    await create('empty-short');
    expect(await t.api.endIdleMeetings()).toBe(0);
    t.clock.advance(60_000);
    expect(await t.api.endIdleMeetings()).toBe(1);
  });

  it('forgets join tickets once they have expired', async () => {
    await t.call('create', [
      ['name', 'Tickets'],
      ['meetingID', 'tickets'],
      ['attendeePW', 'ap'],
      ['moderatorPW', 'mp'],
    ]);
    await t.call('join', [
      ['meetingID', 'tickets'],
      ['fullName', 'Ada'],
      ['password', 'ap'],
    ]);
    const count = async () =>
      Number(
        (
          await t.storage.db
            .withTables<{ bbb_api_join_tickets: { ticket_hash: string } }>()
            .selectFrom('bbb_api_join_tickets')
            .select((row) => row.fn.countAll().as('count'))
            .executeTakeFirstOrThrow()
        ).count,
      );
    expect(await count()).toBe(1);
    t.clock.advance(bbbApiLimits.joinTicketLifetimeMs + 1);
    await t.api.endIdleMeetings();
    expect(await count()).toBe(0);
  });
});
