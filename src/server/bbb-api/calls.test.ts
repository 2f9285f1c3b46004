/**
 * The calls on both engines: create (idempotent, duplicateWarning, idNotUnique), end,
 * isMeetingRunning, getMeetingInfo with live attendees, getMeetings and the recording calls, each
 * answer's XML parsed back (join: join.test.ts).
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bbbApiLimits } from '../../shared/limits.js';
import { nothingLocked } from '../../shared/protocol.js';
import { bothEngines } from '../storage/testing.js';
import { type BbbApiTestApp, mathsCreateParams, startBbbApiTestApp } from './testing.js';

describe.each(bothEngines)('BigBlueButton API calls (%s)', (engine) => {
  let t: BbbApiTestApp;
  beforeEach(async () => {
    t = await startBbbApiTestApp(engine);
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates a meeting and answers with its documented elements', async () => {
    const { status, response } = await t.call('create', mathsCreateParams);
    expect(status).toBe(200);
    const createTime = Date.UTC(2026, 10, 27, 10);
    const sha1 = createHash('sha1').update('maths-101').digest('hex');
    expect(response).toMatchObject({
      returncode: 'SUCCESS',
      meetingID: 'maths-101',
      internalMeetingID: `${sha1}-${createTime}`,
      parentMeetingID: 'bbb-none',
      attendeePW: 'ap',
      moderatorPW: 'mp',
      createTime: String(createTime),
      createDate: 'Fri Nov 27 10:00:00 UTC 2026',
      hasUserJoined: 'false',
      duration: '0',
      hasBeenForciblyEnded: 'false',
    });
    expect(response.messageKey).toBeUndefined();
  });

  it('generates the passwords left out, and a repeated create is the same meeting with duplicateWarning', async () => {
    const first = (
      await t.call('create', [
        ['name', 'Open'],
        ['meetingID', 'open-room'],
      ])
    ).response;
    expect(first.attendeePW).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(first.moderatorPW).toMatch(/^[A-Za-z0-9]{8}$/);
    t.clock.advance(5_000);
    const again = (
      await t.call('create', [
        ['name', 'Open'],
        ['meetingID', 'open-room'],
      ])
    ).response;
    expect(again).toMatchObject({
      returncode: 'SUCCESS',
      messageKey: 'duplicateWarning',
      internalMeetingID: first.internalMeetingID,
      createTime: first.createTime,
      attendeePW: first.attendeePW,
    });
    const samePasswords = await t.call('create', [
      ['name', 'Open'],
      ['meetingID', 'open-room'],
      ['attendeePW', String(first.attendeePW)],
      ['moderatorPW', String(first.moderatorPW)],
    ]);
    expect(samePasswords.response.messageKey).toBe('duplicateWarning');
  });

  it('refuses a create with the meetingID of an open meeting but other passwords (idNotUnique)', async () => {
    await t.call('create', mathsCreateParams);
    const other = await t.call('create', [
      ['name', 'Maths 101'],
      ['meetingID', 'maths-101'],
      ['attendeePW', 'ap'],
      ['moderatorPW', 'other'],
    ]);
    expect(other.response).toMatchObject({ returncode: 'FAILED', messageKey: 'idNotUnique' });
    const oneOnly = await t.call('create', [
      ['name', 'Maths 101'],
      ['meetingID', 'maths-101'],
      ['attendeePW', 'ap'],
    ]);
    expect(oneOnly.response.messageKey).toBe('idNotUnique');
  });

  it('refuses missing or malformed create parameters with the documented keys', async () => {
    const answers = await Promise.all([
      t.call('create', [['name', 'No id']]),
      t.call('create', [['meetingID', 'no-name']]),
      t.call('create', [
        ['name', 'Comma'],
        ['meetingID', 'a,b'],
      ]),
      t.call('create', [
        ['name', 'Long'],
        ['meetingID', 'x'.repeat(bbbApiLimits.meetingIdCharactersMax + 1)],
      ]),
      t.call('create', [
        ['name', 'Record'],
        ['meetingID', 'rec'],
        ['record', 'yes'],
      ]),
      t.call('create', [
        ['name', 'Pw'],
        ['meetingID', 'pw'],
        ['attendeePW', 'a'],
      ]),
      t.call('create', [
        ['name', 'Cap'],
        ['meetingID', 'cap'],
        ['maxParticipants', '-1'],
      ]),
      t.call('create', [
        ['name', 'Policy'],
        ['meetingID', 'pol'],
        ['guestPolicy', 'SOMETIMES'],
      ]),
      t.call('create', [
        ['name', 'Logout'],
        ['meetingID', 'out'],
        ['logoutURL', 'javascript:alert(1)'],
      ]),
    ]);
    expect(answers.map((answer) => answer.response.messageKey)).toEqual([
      'missingParamMeetingID',
      'validationError',
      'validationError',
      'validationError',
      'validationError',
      'invalidPassword',
      'validationError',
      'validationError',
      'validationError',
    ]);
    expect(answers.every((answer) => answer.status === 200 && answer.response.returncode === 'FAILED')).toBe(true);
  });

  it('starts the room with create’s lock settings and disabled features, and refuses malformed feature lists', async () => {
    await t.call('create', [
      ...mathsCreateParams,
      ['lockSettingsDisableMic', 'true'],
      ['lockSettingsDisablePrivateChat', 'TRUE'],
      ['lockSettingsHideUserList', 'true'],
      ['disabledFeatures', 'chat, polls,userReactions,breakoutRooms'],
      ['disabledFeaturesExclude', 'polls'],
    ]);
    const meeting = await t.api.store.findOpen('maths-101');
    const room = meeting && (await t.rooms.find(meeting.roomId));
    // Viewers start with microphones and private messages locked, and (as BigBlueButton's non-presenters) no screen sharing.
    expect(room?.viewerLocks).toEqual({ microphone: true, camera: false, chat: false, privateChat: true, screenShare: true });
    expect(room?.disabledFeatures).toEqual(['chat', 'privateChat', 'reactions']);
    expect(meeting?.settings.disabledFeatures).toEqual(['chat', 'userReactions', 'breakoutRooms']);
    if (!meeting) throw new Error('no meeting');
    await t.enter(meeting.roomId, 'Mod Erator', true);
    expect(t.registry.find(meeting.roomId)?.settings).toMatchObject({
      lockedForViewers: { microphone: true, privateChat: true },
      disabledFeatures: ['chat', 'privateChat', 'reactions'],
    });
    await t.call('end', [['meetingID', 'maths-101']]);
    // lockSettingsLockOnJoin=false starts the next meeting in the same room unlocked (screen sharing aside).
    await t.call('create', [...mathsCreateParams, ['lockSettingsDisableMic', 'true'], ['lockSettingsLockOnJoin', 'false']]);
    const next = await t.api.store.findOpen('maths-101');
    expect(next?.roomId).toBe(meeting.roomId);
    expect((await t.rooms.find(meeting.roomId))?.viewerLocks).toEqual({ ...nothingLocked, screenShare: true });
    expect((await t.rooms.find(meeting.roomId))?.disabledFeatures).toEqual([]);
    for (const list of [
      'chat;polls',
      'chat,<b>',
      Array.from({ length: bbbApiLimits.disabledFeaturesMax + 1 }, (_, index) => `f${index}`).join(),
    ]) {
      const refused = await t.call('create', [
        ...mathsCreateParams.filter(([name]) => name !== 'meetingID'),
        ['meetingID', 'other'],
        ['disabledFeatures', list],
      ]);
      expect(refused.response.messageKey, list).toBe('validationError');
    }
  });

  it('sends a message to the public chat of a meeting being held (sendChatMessage), GET only', async () => {
    await t.call('create', mathsCreateParams);
    const send = (params: [string, string][]) => t.call('sendChatMessage', [['meetingID', 'maths-101'], ...params]);
    expect((await send([['message', 'Hello']])).response.messageKey).toBe('notFound');
    const meeting = await t.api.store.findOpen('maths-101');
    if (!meeting) throw new Error('no meeting');
    await t.enter(meeting.roomId, 'Mod Erator', true);
    const sent = await send([
      ['message', 'The quiz opens at 10:00'],
      ['userName', 'Moodle'],
    ]);
    expect(sent.response).toEqual({ returncode: 'SUCCESS', messageKey: '', message: '' });
    await send([['message', 'From the system']]);
    const live = t.registry.find(meeting.roomId);
    const moderator = [...(live?.participants.values() ?? [])][0];
    const welcome = moderator && live?.welcome(moderator.id);
    expect(welcome?.ok && welcome.value.chat.map((message) => [message.fromId, message.fromName, message.text])).toEqual([
      [null, 'Moodle', 'The quiz opens at 10:00'],
      [null, 'System', 'From the system'],
    ]);
    expect((await send([])).response.messageKey).toBe('missingParamMessage');
    expect((await send([['message', '   ']])).response.messageKey).toBe('missingParamMessage');
    expect((await send([['message', 'x'.repeat(2_001)]])).response.messageKey).toBe('validationError');
    expect((await send([['message', 'bell\u0007']])).response.messageKey).toBe('validationError');
    expect(
      (
        await send([
          ['message', 'hi'],
          ['userName', 'n'.repeat(65)],
        ])
      ).response.messageKey,
    ).toBe('validationError');
    expect((await t.call('sendChatMessage', [['message', 'hi']])).response.messageKey).toBe('missingParamMeetingID');
    expect(
      (
        await t.call('sendChatMessage', [
          ['meetingID', 'physics'],
          ['message', 'hi'],
        ])
      ).response.messageKey,
    ).toBe('notFound');
    expect(
      (
        await t.call(
          'sendChatMessage',
          [
            ['meetingID', 'maths-101'],
            ['message', 'hi'],
          ],
          { method: 'POST' },
        )
      ).status,
    ).toBe(405);
  });

  it('tells who is in the meeting from the live registry: roles, counts, metadata', async () => {
    await t.call('create', [...mathsCreateParams, ['maxParticipants', '2']]);
    const meeting = await t.api.store.findOpen('maths-101');
    if (!meeting) throw new Error('no meeting');
    expect((await t.call('isMeetingRunning', [['meetingID', 'maths-101']])).response.running).toBe('false');
    await t.enter(meeting.roomId, 'Mod Erator', true);
    await t.enter(meeting.roomId, 'Gil Guest', false);
    expect((await t.call('isMeetingRunning', [['meetingID', 'maths-101']])).response).toEqual({ returncode: 'SUCCESS', running: 'true' });
    const info = (await t.call('getMeetingInfo', [['meetingID', 'maths-101']])).response;
    expect(info).toMatchObject({
      returncode: 'SUCCESS',
      meetingName: 'Maths 101',
      running: 'true',
      participantCount: '2',
      moderatorCount: '1',
      listenerCount: '2',
      maxUsers: '2',
      metadata: { 'bbb-origin': 'Moodle', 'bbb-context': 'Maths 101, autumn term' },
    });
    const attendees = (info.attendees as { attendee: Record<string, string>[] }).attendee;
    expect(attendees.map((attendee) => [attendee.fullName, attendee.role, attendee.hasVideo])).toEqual([
      ['Mod Erator', 'MODERATOR', 'false'],
      ['Gil Guest', 'VIEWER', 'false'],
    ]);
    const full = await t.call('join', [
      ['meetingID', 'maths-101'],
      ['fullName', 'Third'],
      ['password', 'ap'],
      ['redirect', 'false'],
    ]);
    expect(full.response.messageKey).toBe('maxParticipantsReached');
  });

  it('ends a meeting: it is no longer found or running, joins are refused, and a new create reuses its room', async () => {
    expect((await t.call('end', [['meetingID', 'maths-101']])).response.messageKey).toBe('notFound');
    const first = (await t.call('create', mathsCreateParams)).response;
    const room = (await t.api.store.findOpen('maths-101'))?.roomId;
    if (!room) throw new Error('no room');
    await t.enter(room, 'Mod Erator', true);
    expect(
      (
        await t.call('end', [
          ['meetingID', 'maths-101'],
          ['password', 'ap'],
        ])
      ).response.messageKey,
    ).toBe('invalidPassword');
    const ended = await t.call('end', [['meetingID', 'maths-101']]);
    expect(ended.response).toMatchObject({ returncode: 'SUCCESS', messageKey: 'sentEndMeetingRequest' });
    expect(t.registry.find(room)).toBeUndefined();
    expect((await t.call('getMeetingInfo', [['meetingID', 'maths-101']])).response.messageKey).toBe('notFound');
    expect((await t.call('isMeetingRunning', [['meetingID', 'maths-101']])).response.running).toBe('false');
    const join = await t.call('join', [
      ['meetingID', 'maths-101'],
      ['fullName', 'Late'],
      ['password', 'ap'],
      ['redirect', 'false'],
    ]);
    expect(join.response.messageKey).toBe('meetingForciblyEnded');
    t.clock.advance(60_000);
    const second = (await t.call('create', mathsCreateParams)).response;
    expect(second.messageKey).toBeUndefined();
    expect(second.createTime).not.toBe(first.createTime);
    expect((await t.api.store.findOpen('maths-101'))?.roomId).toBe(room);
  });

  it('lists the meetings being held, or says there are none', async () => {
    const none = (await t.call('getMeetings')).response;
    expect(none).toMatchObject({ returncode: 'SUCCESS', meetings: '', messageKey: 'noMeetings' });
    await t.call('create', mathsCreateParams);
    await t.call('create', [
      ['name', 'Second'],
      ['meetingID', 'second'],
    ]);
    const listed = (await t.call('getMeetings')).response;
    const meetings = (listed.meetings as { meeting: Record<string, unknown>[] }).meeting;
    expect(meetings.map((meeting) => [meeting.meetingID, meeting.meetingName, meeting.running])).toEqual([
      ['maths-101', 'Maths 101', 'false'],
      ['second', 'Second', 'false'],
    ]);
  });

  it('answers the recording calls as BigBlueButton does with no recordings', async () => {
    expect((await t.call('getRecordings', [['meetingID', 'maths-101']])).response).toEqual({
      returncode: 'SUCCESS',
      recordings: '',
      messageKey: 'noRecordings',
      message: expect.any(String),
    });
    const answers = await Promise.all([
      t.call('publishRecordings', [['publish', 'true']]),
      t.call('publishRecordings', [['recordID', 'r1']]),
      t.call('publishRecordings', [
        ['recordID', 'r1'],
        ['publish', 'true'],
      ]),
      t.call('deleteRecordings', [['recordID', 'r1,r2']]),
      t.call('updateRecordings', [
        ['recordID', 'r1'],
        ['meta_presenter', 'Jane'],
      ]),
      t.call('deleteRecordings'),
    ]);
    expect(answers.map((answer) => answer.response.messageKey)).toEqual([
      'missingParamRecordID',
      'missingParamPublish',
      'notFound',
      'notFound',
      'notFound',
      'missingParamRecordID',
    ]);
  });
});
