/**
 * Participant time: a `LiveRoom` on an in-memory media server (no Janus) adds each admitted
 * participant's time to its meeting record when they leave — and the repository's addition holds
 * when many leave at once, on both engines.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../shared/protocol.js';
import { ManualClock } from '../../platform/clock.js';
import { bothEngines, openTestStorage, type TestStorage } from '../../storage/testing.js';
import { meetingsMigrations } from '../migrations.js';
import { type Room, RoomsRepository } from '../rooms-repository.js';
import { InMemoryMediaServer } from './in-memory-media-server.js';
import type { ParticipantConnection } from './live-participant.js';
import { type JoinRequest, LiveRoom } from './live-room.js';

const minuteMs = 60_000;
const graceMs = 30_000;
const media = { audioMuted: false, videoMuted: false };

/** A connection that ignores what it is sent. */
class QuietConnection implements ParticipantConnection {
  send(_message: ServerMessage): void {}
  disconnect(): void {}
  admitted(): void {}
}

describe('a live room adds up its participants’ time', () => {
  let storage: TestStorage;
  let rooms: RoomsRepository;
  const clock = new ManualClock();

  beforeAll(async () => {
    storage = await openTestStorage('sqlite', meetingsMigrations);
    rooms = new RoomsRepository(storage, clock);
  });
  afterAll(async () => storage?.dispose());

  async function meeting(settings: Partial<Room> = {}) {
    const room = await rooms.create({ name: 'Co-op', participantsMax: 20, ...settings });
    const live = new LiveRoom(room, {
      media: new InMemoryMediaServer(),
      records: rooms,
      logger: pino({ level: 'silent' }),
      clock,
      reconnectGraceMs: graceMs,
      onClose: () => {},
    });
    const join = (displayName: string, request: Partial<JoinRequest> = {}) => {
      const connection = new QuietConnection();
      const joined = live.join({ displayName, media, ...request }, connection);
      if (!joined.ok) throw new Error(`${displayName} could not join: ${joined.code}`);
      return { connection, participant: joined.value.participant, id: joined.value.participant.id };
    };
    /** The meeting's record once every write queued so far is made. */
    const record = async () => {
      await live.settled();
      const [latest] = await rooms.listMeetings(room.id, 1);
      if (!latest) throw new Error('no meeting record');
      return { ...latest, participantMs: await rooms.participantTimeMs(latest.id) };
    };
    return { room, live, join, record };
  }

  it('adds each leaver’s time, so two people for 40 and 15 minutes make 55 participant-minutes', async () => {
    const { room, live, join, record } = await meeting();
    const first = join('Mo', { accessCode: room.moderatorCode });
    clock.advance(10 * minuteMs);
    const second = join('Guy');
    clock.advance(15 * minuteMs);
    live.leave(second.id);
    expect((await record()).participantMs).toBe(15 * minuteMs);
    clock.advance(15 * minuteMs);
    live.leave(first.id);
    const closed = await record();
    expect(closed).toMatchObject({ participantMs: 55 * minuteMs, participantsPeak: 2 });
    expect(closed.endedAtMs).not.toBeNull();
  });

  it('counts a participant who comes back within the grace period once, from their first arrival', async () => {
    const { room, live, join, record } = await meeting();
    const moderator = join('Mo', { accessCode: room.moderatorCode });
    const guest = join('Guy');
    clock.advance(10 * minuteMs);
    live.connectionLost(guest.id, guest.connection);
    clock.advance(graceMs / 2);
    const back = live.join({ displayName: 'Guy', media, resumeToken: guest.participant.resumeToken }, new QuietConnection());
    expect(back).toMatchObject({ ok: true, value: { kind: 'joined', resumed: true } });
    clock.advance(10 * minuteMs - graceMs / 2);
    live.leave(guest.id);
    live.leave(moderator.id);
    expect((await record()).participantMs).toBe(40 * minuteMs);
  });

  it('counts a participant who never comes back until their connection dropped, not through the grace period', async () => {
    const { room, live, join, record } = await meeting();
    const moderator = join('Mo', { accessCode: room.moderatorCode });
    const guest = join('Guy');
    clock.advance(10 * minuteMs);
    live.connectionLost(guest.id, guest.connection);
    clock.advance(graceMs);
    expect(live.participants.has(guest.id)).toBe(false);
    expect((await record()).participantMs).toBe(10 * minuteMs);
    clock.advance(10 * minuteMs - graceMs);
    live.leave(moderator.id);
    expect((await record()).participantMs).toBe(30 * minuteMs);
  });

  it('counts a guest from their admission, not while they waited in the lobby', async () => {
    const { room, live, join, record } = await meeting({ waitingRoom: true });
    const moderator = join('Mo', { accessCode: room.moderatorCode });
    const guest = join('Guy');
    clock.advance(5 * minuteMs);
    expect(live.moderate(moderator.id, { action: 'admit', participantId: guest.id }).ok).toBe(true);
    clock.advance(5 * minuteMs);
    const denied = join('Late');
    clock.advance(5 * minuteMs);
    live.moderate(moderator.id, { action: 'deny', participantId: denied.id });
    live.leave(guest.id);
    live.leave(moderator.id);
    expect((await record()).participantMs).toBe(15 * minuteMs + 10 * minuteMs);
  });

  it('counts everyone until the end when a moderator ends the meeting or the server closes it', async () => {
    const ended = await meeting();
    const moderator = ended.join('Mo', { accessCode: ended.room.moderatorCode });
    ended.join('Guy');
    ended.join('Ann');
    clock.advance(20 * minuteMs);
    expect(ended.live.moderate(moderator.id, { action: 'end-meeting' }).ok).toBe(true);
    expect((await ended.record()).participantMs).toBe(60 * minuteMs);

    const stopped = await meeting();
    stopped.join('Mo', { accessCode: stopped.room.moderatorCode });
    clock.advance(7 * minuteMs);
    stopped.join('Guy');
    clock.advance(3 * minuteMs);
    stopped.live.close();
    expect((await stopped.record()).participantMs).toBe(13 * minuteMs);
  });
});

describe.each(bothEngines)('the participant time of a meeting record (%s)', (engine) => {
  let storage: TestStorage;
  let rooms: RoomsRepository;
  const clock = new ManualClock();

  beforeAll(async () => {
    storage = await openTestStorage(engine, meetingsMigrations);
    rooms = new RoomsRepository(storage, clock);
  });
  afterAll(async () => storage?.dispose());

  it('adds up 25 leaves written at once, beyond 32 bits, and starts at 0', async () => {
    const room = await rooms.create({ name: 'Plenary', participantsMax: 50 });
    const meeting = await rooms.startMeeting(room.id);
    expect(await rooms.participantTimeMs(meeting.id)).toBe(0);
    const eachMs = 100_000_000;
    await Promise.all(Array.from({ length: 25 }, () => rooms.addParticipantTime(meeting.id, eachMs)));
    expect(await rooms.participantTimeMs(meeting.id)).toBe(25 * eachMs);
  });

  it('refuses a time that is not whole milliseconds, 0 or more, as a bug', async () => {
    const room = await rooms.create({ name: 'Plenary', participantsMax: 50 });
    const meeting = await rooms.startMeeting(room.id);
    await expect(rooms.addParticipantTime(meeting.id, -1)).rejects.toThrow(/whole milliseconds/);
    await expect(rooms.addParticipantTime(meeting.id, 1.5)).rejects.toThrow(/whole milliseconds/);
  });
});
