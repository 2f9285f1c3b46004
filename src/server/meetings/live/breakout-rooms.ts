/**
 * The registry's book of breakout rooms: the rooms a main meeting's `BreakoutModule` opened (each
 * a `Room` that exists only in memory, with a fresh room id, for as long as the breakout runs),
 * the tickets into them, and which main-room participant each breakout participant is — so the
 * module hears who is in which room. The registry holds the rooms' meetings themselves.
 */
import { randomBytes } from 'node:crypto';
import type { ParticipantId, RoomId } from '../../../shared/ids.js';
import type { Clock } from '../../platform/clock.js';
import { newRoomId, type Room } from '../rooms-repository.js';
import type { BreakoutPass, BreakoutPresence } from './breakout-module.js';
import type { MeetingRecords } from './live-room-types.js';

interface BreakoutEntry {
  readonly room: Room;
  readonly presence: BreakoutPresence;
  /** Tickets into this room, by ticket; several per person are fine (each ticket names one person). */
  readonly passes: Map<string, BreakoutPass>;
  /** Each breakout participant's main-room participant. */
  readonly mainIds: Map<ParticipantId, ParticipantId>;
}

/**
 * What a breakout room's meeting records: nothing. Its participants are still in the main
 * meeting, whose record counts their time; notes kept "with the room" have no room to stay with.
 */
export const breakoutRecords: MeetingRecords = {
  startMeeting: async (roomId) => ({ id: `breakout:${roomId}`, roomId, startedAtMs: 0, endedAtMs: null, participantsPeak: 0 }),
  recordAttendance: async () => undefined,
  addParticipantTime: async () => undefined,
  endMeeting: async () => undefined,
  keptNotes: async () => undefined,
  keepNotes: async () => undefined,
  forgetNotes: async () => undefined,
};

export class BreakoutRooms {
  readonly #entries = new Map<RoomId, BreakoutEntry>();

  constructor(private readonly clock: Clock) {}

  /**
   * Opens one room per name for a main meeting held in `parent`: each takes the parent's limits,
   * locks, switched-off features and encryption, with no access code and no waiting room (a
   * ticket is the way in).
   */
  open(parent: Readonly<Room>, names: readonly string[], presence: BreakoutPresence): Room[] {
    return names.map((name) => {
      let id = newRoomId();
      while (this.#entries.has(id) || id === parent.id) id = newRoomId();
      const room: Room = {
        ...parent,
        id,
        name: `${parent.name} — ${name}`,
        createdAtMs: this.clock.nowMs(),
        viewerCode: null,
        waitingRoom: false,
        muteOnJoin: false,
      };
      this.#entries.set(id, { room, presence, passes: new Map(), mainIds: new Map() });
      return room;
    });
  }

  has(roomId: RoomId): boolean {
    return this.#entries.has(roomId);
  }

  room(roomId: RoomId): Room | undefined {
    return this.#entries.get(roomId)?.room;
  }

  ticket(roomId: RoomId, pass: BreakoutPass): string {
    const entry = this.#entries.get(roomId);
    if (!entry) throw new Error(`no breakout room ${roomId}`);
    // A person sent again gets a new ticket; their earlier ones into this room stop working.
    for (const [ticket, held] of entry.passes) if (held.participantId === pass.participantId) entry.passes.delete(ticket);
    const ticket = randomBytes(24).toString('base64url');
    entry.passes.set(ticket, pass);
    return ticket;
  }

  /** Who `ticket` lets into `roomId`, if it is one of its tickets. */
  pass(roomId: RoomId, ticket: string): BreakoutPass | undefined {
    return this.#entries.get(roomId)?.passes.get(ticket);
  }

  /**
   * A ticket's holder entered the room's meeting as `participantId`; returns the room's other
   * participants who are the same main-room participant (an earlier connection, a second tab or a
   * copied ticket), whom the new one replaces: one place in a room per person.
   */
  entered(roomId: RoomId, participantId: ParticipantId, pass: BreakoutPass): ParticipantId[] {
    const entry = this.#entries.get(roomId);
    if (!entry) return [];
    const replaced = [...entry.mainIds].filter(([, mainId]) => mainId === pass.participantId).map(([breakoutId]) => breakoutId);
    entry.mainIds.set(participantId, pass.participantId);
    entry.presence.entered(roomId, pass.participantId);
    return replaced;
  }

  /**
   * Takes back a main-room participant's tickets (all but `keepTicket`) and returns where they are
   * now — each room and its participant — for the registry to let them go: they were moved, brought
   * back, changed role, or left the main meeting.
   */
  revoke(mainId: ParticipantId, keepTicket?: string): { roomId: RoomId; participantId: ParticipantId }[] {
    const places: { roomId: RoomId; participantId: ParticipantId }[] = [];
    for (const [roomId, entry] of this.#entries) {
      for (const [ticket, pass] of entry.passes) if (pass.participantId === mainId && ticket !== keepTicket) entry.passes.delete(ticket);
      for (const [participantId, held] of entry.mainIds) if (held === mainId) places.push({ roomId, participantId });
    }
    return places;
  }

  /** A participant left the room's meeting for good. */
  left(roomId: RoomId, participantId: ParticipantId): void {
    const entry = this.#entries.get(roomId);
    const mainId = entry?.mainIds.get(participantId);
    if (!entry || !mainId) return;
    entry.mainIds.delete(participantId);
    // Replaced by a newer connection of theirs (see `entered`): then they are still there.
    if (![...entry.mainIds.values()].includes(mainId)) entry.presence.left(roomId, mainId);
  }

  /** The breakout ended: the room and its tickets are forgotten. */
  forget(roomId: RoomId): void {
    this.#entries.delete(roomId);
  }
}
