/**
 * Breakout rooms through the registry that holds them: a main meeting's moderator opens rooms,
 * tickets let the right people into the right room's meeting and nobody else, the main meeting
 * hears who is where, and every room closes at its time (warned a minute before) or at once.
 * A gateway that is never started: joining without publishing does not touch the media server.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import { JanusGateway } from '../../media/index.js';
import { ManualClock } from '../../platform/clock.js';
import { openTestStorage, type TestStorage } from '../../storage/testing.js';
import { MediaPool } from '../media-pool.js';
import { meetingsMigrations } from '../migrations.js';
import { RoomsRepository } from '../rooms-repository.js';
import type { JoinRequest } from './live-room.js';
import { RecordingConnection, sendParsed, testMedia } from './live-room-testing.js';
import { RoomRegistry } from './room-registry.js';

const logger = pino({ level: 'silent' });
const clock = new ManualClock();
let storage: TestStorage;
let rooms: RoomsRepository;

beforeAll(async () => {
  storage = await openTestStorage('sqlite', meetingsMigrations);
  rooms = new RoomsRepository(storage, clock);
});
afterAll(async () => storage?.dispose());

/** A main meeting with a moderator (Mo) and two guests (Ann, Ben), held by a registry. */
async function mainMeeting() {
  const gateway = new JanusGateway({ url: 'ws://127.0.0.1:9', logger, publisherBitrateBitsPerSecondMax: 1 });
  const registry = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock);
  const room = await rooms.create({ name: 'Assembly', participantsMax: 20 });
  const join = async (roomId: RoomId, displayName: string, request: Partial<JoinRequest> = {}) => {
    const connection = new RecordingConnection();
    const joined = await registry.join(roomId, { displayName, media: testMedia, ...request }, connection);
    return { joined, connection };
  };
  const person = async (displayName: string, request: Partial<JoinRequest> = {}) => {
    const { joined, connection } = await join(room.id, displayName, request);
    if (!joined.ok) throw new Error(`${displayName} could not join: ${joined.code}`);
    return { connection, id: joined.value.result.participant.id, live: joined.value.room };
  };
  const mo = await person('Mo', { accessCode: room.moderatorCode });
  const ann = await person('Ann');
  const ben = await person('Ben');
  const send = (from: { id: string }, message: unknown) => sendParsed(mo.live, from.id as never, message);
  return { registry, room, join, person, mo, ann, ben, send, live: mo.live };
}

const twoRooms = (first: string[], second: string[], extra: { minutes?: number; allowChoosing?: boolean } = {}) => ({
  type: 'breakout-start',
  rooms: [
    { name: 'Finance', participantIds: first },
    { name: 'Outreach', participantIds: second },
  ],
  minutes: extra.minutes ?? 10,
  allowChoosing: extra.allowChoosing ?? false,
});

describe('breakout rooms', () => {
  it('send each person to their room with a ticket that lets them, and only them, into its meeting', async () => {
    const { registry, join, mo, ann, ben, send } = await mainMeeting();
    expect(await send(mo, twoRooms([ann.id], [ben.id]))).toEqual({ ok: true, value: undefined });
    const annTicket = ann.connection.last('breakout-ticket');
    const benTicket = ben.connection.last('breakout-ticket');
    expect(annTicket).toMatchObject({ room: 0, name: 'Finance' });
    expect(benTicket).toMatchObject({ room: 1, name: 'Outreach' });
    expect(mo.connection.last('breakout-ticket')).toBeUndefined();
    expect(mo.connection.last('breakouts')?.breakouts).toMatchObject({
      rooms: [
        { name: 'Finance', assigned: [ann.id], present: [] },
        { name: 'Outreach', assigned: [ben.id], present: [] },
      ],
      allowChoosing: false,
    });
    if (!annTicket || !benTicket) throw new Error('no tickets');

    // No ticket, someone else's room's ticket, a made-up ticket: refused, and no meeting is started by them.
    for (const breakoutTicket of [undefined, benTicket.ticket, 'x'.repeat(32)]) {
      const { joined } = await join(annTicket.roomId, 'Intruder', breakoutTicket ? { breakoutTicket } : {});
      expect(joined).toMatchObject({ ok: false, code: 'breakout_ticket_invalid' });
    }
    expect(registry.find(annTicket.roomId)).toBeUndefined();

    // Ann comes in as herself, whatever name her page sends; the main meeting hears she is there.
    const { joined, connection } = await join(annTicket.roomId, 'Not Ann', { breakoutTicket: annTicket.ticket });
    if (!joined.ok) throw new Error(joined.code);
    expect(joined.value.result.participant).toMatchObject({ displayName: 'Ann', role: 'viewer' });
    expect(connection.received.some((message) => message.type === 'breakouts')).toBe(false);
    expect(mo.connection.last('breakouts')?.breakouts?.rooms[0]?.present).toEqual([ann.id]);
    // She leaves the room: the main meeting hears it; she is still in the main meeting.
    joined.value.room.leave(joined.value.result.participant.id);
    expect(mo.connection.last('breakouts')?.breakouts?.rooms[0]?.present).toEqual([]);
    await registry.close();
  });

  it('let moderators visit any room as moderators, and refuse viewers who start, move or speak to the rooms', async () => {
    const { registry, join, mo, ann, ben, send } = await mainMeeting();
    expect(await send(ann, twoRooms([ann.id], [ben.id]))).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(await send(mo, twoRooms([ann.id], [ben.id]))).toMatchObject({ ok: true });
    expect(await send(ann, { type: 'breakout-assign', participantId: ben.id, room: 0 })).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(await send(ann, { type: 'breakout-broadcast', text: 'hi all' })).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(await send(ann, { type: 'breakout-end' })).toMatchObject({ ok: false, code: 'not_allowed' });
    // Ann may not wander into Ben's room; the moderator may visit it.
    expect(await send(ann, { type: 'breakout-enter', room: 1 })).toMatchObject({ ok: false, code: 'breakout_room_unknown' });
    expect(await send(ann, { type: 'breakout-enter', room: 7 })).toMatchObject({ ok: false, code: 'breakout_room_unknown' });
    expect(await send(mo, { type: 'breakout-enter', room: 1 })).toMatchObject({ ok: true });
    const visit = mo.connection.last('breakout-ticket');
    if (!visit) throw new Error('no ticket');
    const { joined } = await join(visit.roomId, 'Mo', { breakoutTicket: visit.ticket });
    expect(joined.ok && joined.value.result.participant.role).toBe('moderator');
    // A breakout room has no next meeting: its notes cannot be kept with it.
    if (!joined.ok) throw new Error(joined.code);
    const keep = await sendParsed(joined.value.room, joined.value.result.participant.id, { type: 'notes-keep', keep: true });
    expect(keep).toMatchObject({ ok: false, code: 'not_allowed', message: expect.stringContaining('breakout room') });
    // Visiting is not belonging: the room's list of members is unchanged.
    expect(mo.connection.last('breakouts')?.breakouts?.rooms[1]).toMatchObject({ assigned: [ben.id], present: [mo.id] });
    await registry.close();
  });

  it('send nobody anywhere when a person named has left or is named twice, and say so', async () => {
    const { registry, mo, ann, ben, send, live } = await mainMeeting();
    live.leave(ben.id);
    const refused = await send(mo, twoRooms([ann.id], [ben.id]));
    expect(refused).toMatchObject({ ok: false, code: 'breakout_participant_left' });
    expect(await send(mo, twoRooms([ann.id], [ann.id]))).toMatchObject({ ok: false, code: 'malformed_message' });
    expect(ann.connection.last('breakout-ticket')).toBeUndefined();
    expect(mo.connection.last('breakouts')).toBeUndefined();
    expect(registry.counts().rooms).toBe(1);
    // Bad plans in the schema: one room, seventeen rooms, no minutes, too long.
    for (const bad of [
      { ...twoRooms([], []), rooms: [{ name: 'Only', participantIds: [] }] },
      {
        ...twoRooms([], []),
        rooms: Array.from({ length: limits.breakoutRoomsMax + 1 }, (_, n) => ({ name: `R${n}`, participantIds: [] })),
      },
      { ...twoRooms([], []), minutes: 0 },
      { ...twoRooms([], []), minutes: limits.breakoutMinutesMax + 1 },
      {
        ...twoRooms([], []),
        rooms: [
          { name: ' ', participantIds: [] },
          { name: 'B', participantIds: [] },
        ],
      },
    ]) {
      expect(await send(mo, bad)).toMatchObject({ ok: false, code: 'malformed_message' });
    }
    // The meeting carries on: a good plan works.
    expect(await send(mo, twoRooms([ann.id], []))).toMatchObject({ ok: true });
    expect(await send(mo, twoRooms([ann.id], []))).toMatchObject({ ok: false, code: 'breakout_running' });
    await registry.close();
  });

  it('warn everyone a minute before the rooms close, then end every room and bring everyone back', async () => {
    const { registry, join, mo, ann, ben, send, live } = await mainMeeting();
    await send(mo, twoRooms([ann.id], [ben.id], { minutes: 5 }));
    const ticket = ann.connection.last('breakout-ticket');
    if (!ticket) throw new Error('no ticket');
    const inRoom = await join(ticket.roomId, 'Ann', { breakoutTicket: ticket.ticket });
    clock.advance(4 * 60_000 - 1);
    expect(ben.connection.last('breakouts-ending')).toBeUndefined();
    clock.advance(1);
    expect(ben.connection.last('breakouts-ending')?.endsAtMs).toBe(clock.nowMs() + 60_000);
    expect(inRoom.connection.last('meeting-ended')).toBeUndefined();
    clock.advance(60_000);
    expect(inRoom.connection.last('meeting-ended')).toEqual({ type: 'meeting-ended', reason: 'breakout_closed' });
    expect(inRoom.connection.disconnected).toBe(true);
    expect(ann.connection.last('breakouts')).toEqual({ type: 'breakouts', breakouts: null });
    expect(registry.find(ticket.roomId)).toBeUndefined();
    // The ticket of a closed breakout opens nothing; the main meeting goes on with everyone.
    expect((await join(ticket.roomId, 'Ann', { breakoutTicket: ticket.ticket })).joined).toMatchObject({
      ok: false,
      code: 'breakout_ticket_invalid',
    });
    expect(live.participants.size).toBe(3);
    expect(live.closed).toBe(false);
    await registry.close();
  });

  it('let people choose a room when allowed, let moderators move people and speak to every room, and close with the main meeting', async () => {
    const { registry, join, mo, ann, ben, send, live } = await mainMeeting();
    await send(mo, twoRooms([ann.id], [], { allowChoosing: true }));
    expect(ben.connection.last('breakout-ticket')).toBeUndefined();
    expect(await send(ben, { type: 'breakout-enter', room: 1 })).toMatchObject({ ok: true });
    expect(ben.connection.last('breakout-ticket')).toMatchObject({ room: 1 });
    expect(mo.connection.last('breakouts')?.breakouts?.rooms[1]?.assigned).toEqual([ben.id]);
    // Ben changes his mind: he now belongs to the first room.
    expect(await send(ben, { type: 'breakout-enter', room: 0 })).toMatchObject({ ok: true });
    expect(mo.connection.last('breakouts')?.breakouts?.rooms.map((room) => room.assigned)).toEqual([[ann.id, ben.id], []]);
    // A moderator moves Ann, then brings her back.
    expect(await send(mo, { type: 'breakout-assign', participantId: ann.id, room: 1 })).toMatchObject({ ok: true });
    expect(ann.connection.last('breakout-ticket')).toMatchObject({ room: 1 });
    expect(await send(mo, { type: 'breakout-assign', participantId: ann.id, room: null })).toMatchObject({ ok: true });
    expect(ann.connection.last('breakout-return')).toEqual({ type: 'breakout-return' });
    expect(await send(mo, { type: 'breakout-assign', participantId: 'p_nobody000000', room: 0 })).toMatchObject({
      ok: false,
      code: 'breakout_participant_left',
    });
    expect(await send(mo, { type: 'breakout-broadcast', text: '  Five minutes left  ' })).toMatchObject({ ok: true });
    for (const person of [ann, ben]) {
      expect(person.connection.last('breakout-broadcast')).toEqual({
        type: 'breakout-broadcast',
        fromName: 'Mo',
        text: 'Five minutes left',
      });
    }
    // The main meeting ends: its rooms' meetings end too.
    const ticket = ben.connection.last('breakout-ticket');
    if (!ticket) throw new Error('no ticket');
    const inRoom = await join(ticket.roomId, 'Ben', { breakoutTicket: ticket.ticket });
    expect(registry.counts().rooms).toBe(2);
    live.end();
    expect(inRoom.connection.last('meeting-ended')).toMatchObject({ reason: 'breakout_closed' });
    expect(registry.counts().rooms).toBe(0);
    await registry.close();
  });

  it('take a place in a room back from someone removed from the main meeting, moved, or made moderator, and allow one place per person', async () => {
    const { registry, join, mo, ann, ben, send, live } = await mainMeeting();
    await send(mo, twoRooms([ann.id], [ben.id], { allowChoosing: true }));
    const enter = async (ticket: ReturnType<typeof ann.connection.last<'breakout-ticket'>>) => {
      if (!ticket) throw new Error('no ticket');
      const entered = await join(ticket.roomId, 'x', { breakoutTicket: ticket.ticket });
      if (!entered.joined.ok) throw new Error(entered.joined.code);
      return { ...entered, ticket, participant: entered.joined.value.result.participant };
    };
    // The same ticket twice (a second tab, a copied ticket): the newer connection takes the place.
    const annFirst = await enter(ann.connection.last('breakout-ticket'));
    const annAgain = await enter(annFirst.ticket);
    expect(annFirst.connection.last('meeting-ended')).toEqual({ type: 'meeting-ended', reason: 'breakout_closed' });
    expect(registry.find(annFirst.ticket.roomId)?.participants.size).toBe(1);
    expect(mo.connection.last('breakouts')?.breakouts?.rooms[0]?.present).toEqual([ann.id]);

    // Made moderator: a new ticket in her new role, the old place let go; she enters again as a moderator.
    live.moderate(mo.id, { action: 'set-role', participantId: ann.id, role: 'moderator' });
    expect(annAgain.connection.last('meeting-ended')).toMatchObject({ reason: 'breakout_closed' });
    const annModerator = await enter(ann.connection.last('breakout-ticket'));
    expect(annModerator.participant.role).toBe('moderator');
    expect((await join(annFirst.ticket.roomId, 'x', { breakoutTicket: annFirst.ticket.ticket })).joined).toMatchObject({
      code: 'breakout_ticket_invalid',
    });

    // Moved to the other room: the first room lets her go and her ticket to it no longer opens it.
    await send(mo, { type: 'breakout-assign', participantId: ann.id, room: 1 });
    expect(annModerator.connection.last('meeting-ended')).toMatchObject({ reason: 'breakout_closed' });
    expect((await join(annModerator.ticket.roomId, 'x', { breakoutTicket: annModerator.ticket.ticket })).joined).toMatchObject({
      code: 'breakout_ticket_invalid',
    });
    expect(mo.connection.last('breakouts')?.breakouts?.rooms[0]?.present).toEqual([]);

    // Removed from the main meeting: out of his room at once, and his ticket opens nothing any more.
    const benInRoom = await enter(ben.connection.last('breakout-ticket'));
    live.moderate(mo.id, { action: 'remove', participantId: ben.id, ban: true });
    expect(benInRoom.connection.last('meeting-ended')).toMatchObject({ reason: 'breakout_closed' });
    expect(registry.find(benInRoom.ticket.roomId)?.participants.size ?? 0).toBe(0);
    expect((await join(benInRoom.ticket.roomId, 'Ben', { breakoutTicket: benInRoom.ticket.ticket })).joined).toMatchObject({
      code: 'breakout_ticket_invalid',
    });
    await registry.close();
  });

  it('tell someone who joins or comes back to the main meeting how the rooms stand', async () => {
    const { registry, person, mo, ann, ben, send } = await mainMeeting();
    await send(mo, twoRooms([ann.id], [ben.id]));
    const late = await person('Late');
    expect(late.connection.last('breakouts')?.breakouts?.rooms).toHaveLength(2);
    expect(await send(mo, { type: 'breakout-end' })).toMatchObject({ ok: true });
    expect(late.connection.last('breakouts')?.breakouts).toBeNull();
    expect(await send(mo, { type: 'breakout-end' })).toMatchObject({ ok: false, code: 'breakout_not_running' });
    await registry.close();
  });
});
