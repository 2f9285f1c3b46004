/**
 * The webhooks API on both engines: hooks/create (idempotent, per owner, only public http(s)
 * callbacks in production), hooks/list and hooks/destroy with their documented answers, and the
 * callbacks — meeting-created, user-joined, user-left, meeting-ended, a participant's microphone,
 * camera, hand and screen, the public chat — POSTed to a real HTTP receiver as forms signed with
 * sha1(callbackURL + body + secret), in the shapes of bbb-webhooks' `mapped-events.json`; a
 * failing receiver is tried again with the same timestamp.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParticipantId } from '../../shared/ids.js';
import { InMemoryMediaServer } from '../meetings/live/in-memory-media-server.js';
import { LiveRoom } from '../meetings/live/live-room.js';
import { ManualClock } from '../platform/clock.js';
import { bothEngines, openTestStorage, type TestStorage } from '../storage/testing.js';
import { BbbHooks, type BbbHooksOptions, isPublicHost } from './hooks.js';
import { bbbApiMigrations } from './migrations.js';
import { type BbbApiTestApp, mathsCreateParams, startBbbApiTestApp, testSecret } from './testing.js';

/** A callback receiver: what it was sent, with the checksum it was given. */
async function receiver(statusFor: (count: number) => number = () => 200) {
  const received: { url: string; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ url: request.url ?? '', body });
      response.statusCode = statusFor(received.length);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { base, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The events a receiver got, each checked against its checksum. */
function eventsOf(callbackUrl: string, received: { url: string; body: string }[], secret = testSecret) {
  return received.map(({ url, body }) => {
    const checksum = new URL(url, 'http://x').searchParams.get('checksum');
    expect(checksum).toBe(createHash('sha1').update(`${callbackUrl}${body}${secret}`).digest('hex'));
    const form = new URLSearchParams(body);
    return { event: JSON.parse(form.get('event') ?? '{}').data, timestamp: form.get('timestamp') };
  });
}

describe.each(bothEngines)('hooks (%s)', (engine) => {
  let bbb: BbbApiTestApp;
  let sink: Awaited<ReturnType<typeof receiver>>;
  beforeEach(async () => {
    bbb = await startBbbApiTestApp(engine);
    sink = await receiver();
  });
  afterEach(async () => {
    await sink.close();
    await bbb.close();
  });
  /** A signed call's `<response>`. */
  const call = async (...args: Parameters<BbbApiTestApp['call']>) => (await bbb.call(...args)).response;

  it('registers a hook once, lists it, and removes it, with the documented answers', async () => {
    const callbackURL = `${sink.base}/callback`;
    expect(await call('hooks/create', [])).toMatchObject({ returncode: 'FAILED', messageKey: 'missingParamCallbackURL' });
    expect(await call('hooks/create', [['callbackURL', 'ftp://example.org/x']])).toMatchObject({ messageKey: 'createHookError' });
    const created = await call('hooks/create', [['callbackURL', callbackURL]]);
    expect(created).toMatchObject({ returncode: 'SUCCESS', hookID: '1', permanentHook: 'false', rawData: 'false' });
    expect(await call('hooks/create', [['callbackURL', callbackURL]])).toMatchObject({ hookID: '1', messageKey: 'duplicateWarning' });
    await call('hooks/create', [
      ['callbackURL', `${sink.base}/maths`],
      ['meetingID', 'maths-101'],
    ]);
    const listed = await call('hooks/list', [['meetingID', 'maths-101']]);
    expect(listed.returncode).toBe('SUCCESS');
    expect(JSON.stringify(listed)).toContain(`${sink.base}/maths`);
    expect(JSON.stringify(await call('hooks/list', [['meetingID', 'physics']]))).not.toContain(`${sink.base}/maths`);
    expect(await call('hooks/destroy', [])).toMatchObject({ messageKey: 'missingParamHookID' });
    expect(await call('hooks/destroy', [['hookID', '99']])).toMatchObject({ messageKey: 'destroyMissingHook' });
    expect(await call('hooks/destroy', [['hookID', 'x1']])).toMatchObject({ messageKey: 'destroyMissingHook' });
    expect(await call('hooks/destroy', [['hookID', '1']])).toMatchObject({ returncode: 'SUCCESS', removed: 'true' });
    expect(await call('hooks/destroy', [['hookID', '1']])).toMatchObject({ messageKey: 'destroyMissingHook' });
    expect(await call('hooks/create', [['callbackURL', callbackURL]], { secret: 'wrong-secret-0123456789' })).toMatchObject({
      messageKey: 'checksumError',
    });
  });

  it('calls back a meeting’s events in order, signed: created, a user joined and left, ended', async () => {
    const callbackURL = `${sink.base}/events?app=moodle`;
    await call('hooks/create', [['callbackURL', callbackURL]]);
    // A hook with an eventID filter hears only those events (any case); a malformed filter is refused.
    const filteredURL = `${sink.base}/filtered`;
    expect(
      await call('hooks/create', [
        ['callbackURL', filteredURL],
        ['eventID', 'user joined'],
      ]),
    ).toMatchObject({ messageKey: 'createHookError' });
    await call('hooks/create', [
      ['callbackURL', filteredURL],
      ['eventID', 'USER-JOINED, meeting-ended'],
    ]);
    const created = await call('create', mathsCreateParams);
    expect(created.returncode).toBe('SUCCESS');
    await bbb.api.hooks.settled();
    const { roomId } = (await bbb.api.store.findOpen('maths-101')) ?? { roomId: '' };
    const leave = await bbb.enter(roomId as never, 'Ada', true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await bbb.api.hooks.settled();
    leave();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await bbb.api.hooks.settled();
    expect(
      await call('end', [
        ['meetingID', 'maths-101'],
        ['password', 'mp'],
      ]),
    ).toMatchObject({ returncode: 'SUCCESS' });
    await bbb.api.hooks.settled();
    const filtered = sink.received.filter(({ url }) => url.startsWith('/filtered'));
    expect(eventsOf(filteredURL, filtered).map(({ event }) => event.id)).toEqual(['user-joined', 'meeting-ended']);
    const events = eventsOf(
      callbackURL,
      sink.received.filter(({ url }) => url.startsWith('/events')),
    );
    expect(events.map(({ event }) => event.id)).toEqual(['meeting-created', 'user-joined', 'user-left', 'meeting-ended']);
    expect(events[0]?.event.attributes.meeting).toMatchObject({ 'external-meeting-id': 'maths-101', name: 'Maths 101' });
    expect(events[1]?.event.attributes.user).toMatchObject({ name: 'Ada', role: 'MODERATOR' });
    // Someone who came in without the API's join is named by the participant id in both places.
    const ada = events[1]?.event.attributes.user;
    expect(ada?.['external-user-id']).toBe(ada?.['internal-user-id']);
  });

  it('calls back a participant’s microphone, camera, hand and screen as they change, and the public chat, in bbb-webhooks’ shapes', async () => {
    const callbackURL = `${sink.base}/events`;
    await call('hooks/create', [['callbackURL', callbackURL]]);
    await call('hooks/create', [
      ['callbackURL', `${sink.base}/hands`],
      ['eventID', 'user-raise-hand-changed'],
    ]);
    await call('create', mathsCreateParams);
    const meeting = await bbb.api.store.findOpen('maths-101');
    const room = meeting && (await bbb.rooms.find(meeting.roomId));
    if (!meeting || !room) throw new Error('no meeting');
    // The meeting's live room on a media server that answers at once (the test app's registry has no Janus).
    const media = new InMemoryMediaServer();
    const live = new LiveRoom(room, {
      media,
      records: bbb.rooms,
      logger: pino({ level: 'silent' }),
      clock: bbb.clock,
      reconnectGraceMs: 30_000,
      onClose: () => {},
    });
    live.addModule(bbb.api.hooksModule);
    const connection = { send: () => {}, disconnect: () => {}, admitted: () => {} };
    const join = (displayName: string, audioMuted: boolean, external?: { userId: string; data: Record<string, string> }) => {
      const joined = live.join(
        { displayName, media: { audioMuted, videoMuted: false }, granted: { role: 'moderator', waits: false, external } },
        connection,
      );
      if (!joined.ok) throw new Error(`${displayName} could not join`);
      return joined.value.participant.id;
    };
    const ada = join('Ada', false, { userId: 'moodle-42', data: {} });
    const bob = join('Bob', true);
    const goLive = async (participantId: ParticipantId, source: 'camera' | 'screen') => {
      expect((await live.publish(participantId, source, { type: 'offer', sdp: 'v=0' })).ok).toBe(true);
      media.publisherFor(`${participantId}/${source}`)?.fire('webrtc-up');
    };
    await goLive(ada, 'camera');
    expect(live.setMedia(ada, { audioMuted: true, videoMuted: false }).ok).toBe(true);
    expect(live.setMedia(ada, { audioMuted: false, videoMuted: false }).ok).toBe(true);
    expect(live.setMedia(ada, { audioMuted: false, videoMuted: true }).ok).toBe(true);
    expect(live.setMedia(ada, { audioMuted: false, videoMuted: false }).ok).toBe(true);
    // Bob's microphone is not in the meeting: muting it is nobody's business but his.
    expect(live.setMedia(bob, { audioMuted: false, videoMuted: false }).ok).toBe(true);
    expect(live.raiseHand(ada, true).ok).toBe(true);
    expect(live.raiseHand(ada, false).ok).toBe(true);
    await goLive(ada, 'screen');
    expect(live.sendChat(ada, null, 'Hello all').ok).toBe(true);
    expect(live.sendChat(ada, bob, 'Just you').ok).toBe(true);
    expect(live.announce('Moodle', 'Class ends soon').ok).toBe(true);
    // Ada leaves with her camera and screen on: they stop, then she left.
    live.leave(ada);
    // Bob leaves with his hand up: it is not lowered for him.
    expect(live.raiseHand(bob, true).ok).toBe(true);
    live.leave(bob);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await bbb.api.hooks.settled();

    const events = eventsOf(
      callbackURL,
      sink.received.filter(({ url }) => url.startsWith('/events')),
    ).map(({ event }) => event);
    const meetingIds = { 'internal-meeting-id': meeting.internalId, 'external-meeting-id': 'maths-101' };
    const adaIds = { 'internal-user-id': ada, 'external-user-id': 'moodle-42' };
    const bobIds = { 'internal-user-id': bob, 'external-user-id': bob };
    const userEvent = (id: string, user: Record<string, unknown>) => ({
      id,
      attributes: { meeting: meetingIds, user: { ...adaIds, ...user } },
    });
    const stream = `${ada}_camera`;
    const chat = (message: Record<string, unknown>) => ({
      id: 'chat-group-message-sent',
      attributes: { meeting: meetingIds, 'chat-message': message, 'chat-id': 'MAIN-PUBLIC-GROUP-CHAT' },
    });
    const told = events.slice(3).map(({ id, attributes }) => ({ id, attributes }));
    expect(events.slice(0, 3).map(({ id }) => id)).toEqual(['meeting-created', 'user-joined', 'user-joined']);
    expect(told).toEqual([
      userEvent('user-audio-voice-enabled', { 'listening-only': false, 'sharing-mic': true, muted: false }),
      userEvent('user-cam-broadcast-start', { stream }),
      userEvent('user-audio-muted', { muted: true }),
      userEvent('user-audio-unmuted', { muted: false }),
      userEvent('user-cam-broadcast-end', { stream }),
      userEvent('user-cam-broadcast-start', { stream }),
      userEvent('user-raise-hand-changed', { 'raise-hand': true }),
      userEvent('user-raise-hand-changed', { 'raise-hand': false }),
      userEvent('meeting-screenshare-started', {}),
      chat({ id: expect.any(String), message: 'Hello all', sender: { ...adaIds, name: 'Ada', time: bbb.clock.nowMs() } }),
      // A message from outside the meeting is named by its userName, as BigBlueButton's sendChatMessage is.
      chat({
        id: expect.any(String),
        message: 'Class ends soon',
        sender: { 'internal-user-id': 'Moodle', name: 'Moodle', time: bbb.clock.nowMs() },
      }),
      userEvent('user-cam-broadcast-end', { stream }),
      userEvent('user-audio-voice-disabled', { 'listening-only': false, 'sharing-mic': false, muted: true }),
      userEvent('meeting-screenshare-stopped', {}),
      { id: 'user-left', attributes: { meeting: meetingIds, user: { ...adaIds, name: 'Ada', role: 'MODERATOR', presenter: false } } },
      { id: 'user-raise-hand-changed', attributes: { meeting: meetingIds, user: { ...bobIds, 'raise-hand': true } } },
      { id: 'user-left', attributes: { meeting: meetingIds, user: { ...bobIds, name: 'Bob', role: 'MODERATOR', presenter: false } } },
    ]);
    const hands = eventsOf(
      `${sink.base}/hands`,
      sink.received.filter(({ url }) => url.startsWith('/hands')),
    );
    expect(hands.map(({ event }) => event.attributes.user['raise-hand'])).toEqual([true, false, true]);
    live.close();
  });

  it('GETs meetingEndedURL and meta_endCallbackUrl (with recordingmarks=false) once the meeting ends, by end or by a moderator', async () => {
    const createParams: [string, string][] = [
      ['meetingEndedURL', `${sink.base}/ended?course=7`],
      ['meta_endCallbackUrl', `${sink.base}/meta?meetingID=maths-101`],
    ];
    await bbb.call('create', [...mathsCreateParams, ...createParams]);
    await bbb.call('end', [['meetingID', 'maths-101']]);
    await bbb.api.hooks.settled();
    expect(sink.received.map(({ url }) => url)).toEqual(['/ended?course=7', '/meta?meetingID=maths-101&recordingmarks=false']);

    // A moderator who ends the meeting inside Plenary ends the API's meeting at once, as BigBlueButton's client does.
    sink.received.length = 0;
    await bbb.call('create', [...mathsCreateParams, ...createParams]);
    const meeting = await bbb.api.store.findOpen('maths-101');
    if (!meeting) throw new Error('no meeting');
    await bbb.enter(meeting.roomId, 'Mod Erator', true);
    const live = bbb.registry.find(meeting.roomId);
    const moderator = [...(live?.participants.values() ?? [])][0];
    expect(live?.moderate(moderator?.id as never, { action: 'end-meeting' }).ok).toBe(true);
    // The meeting's end is recorded, and its hooks called, after the room closes: waited for, however long a loaded machine takes.
    await vi.waitFor(async () => expect((await bbb.api.store.findByInternalId(meeting.internalId))?.endedAtMs).not.toBeNull());
    await bbb.api.hooks.settled();
    const info = await bbb.call('getMeetingInfo', [['meetingID', 'maths-101']]);
    expect(info.response.messageKey).toBe('notFound');
    await vi.waitFor(() => expect(sink.received).toHaveLength(2));
  });
});

describe('hook callbacks', () => {
  /** Hooks on their own, over `storage`, with a clock nobody moves. */
  const hooksOn = (storage: TestStorage, options: Partial<BbbHooksOptions>) =>
    new BbbHooks({ storage, clock: new ManualClock(), logger: pino({ level: 'silent' }), secretOf: async () => 'hook-secret', ...options });

  it('are tried again with the same timestamp until answered 2xx, and given up after three tries', async () => {
    const storage = await openTestStorage('sqlite', bbbApiMigrations);
    const flaky = await receiver((count) => (count < 2 ? 500 : 200));
    try {
      const hooks = hooksOn(storage, { allowPrivateCallbacks: true, wait: async () => {} });
      await hooks.create(null, { callbackUrl: `${flaky.base}/x`, meetingId: null, raw: false });
      const meeting = { organisationId: null, meetingId: 'm', internalId: 'i', name: 'M', createTimeMs: 1 };
      hooks.emit({ id: 'meeting-ended', meeting });
      await hooks.settled();
      expect(flaky.received).toHaveLength(2);
      expect(new Set(flaky.received.map(({ body }) => new URLSearchParams(body).get('timestamp'))).size).toBe(1);
    } finally {
      await flaky.close();
      await storage.dispose();
    }
  });

  it('go only to public http(s) hosts in production', () => {
    for (const host of [
      'localhost',
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'printer.local',
    ])
      expect(isPublicHost(host), host).toBe(false);
    for (const host of ['moodle.example.edu', '93.184.216.34', '2001:db8::1']) expect(isPublicHost(host), host).toBe(true);
  });

  it('call end URLs only on public hosts in production, and never a URL that is not http(s)', async () => {
    const storage = await openTestStorage('sqlite', bbbApiMigrations);
    const called: string[] = [];
    try {
      const hooks = hooksOn(storage, {
        get: async (url) => {
          called.push(url);
          return 200;
        },
      });
      hooks.callEndUrls(['http://10.0.0.5/ended', 'http://localhost:8080/ended', 'file:///etc/passwd', 'https://moodle.example.edu/ended']);
      await hooks.settled();
      expect(called).toEqual(['https://moodle.example.edu/ended']);
    } finally {
      await storage.dispose();
    }
  });
});
