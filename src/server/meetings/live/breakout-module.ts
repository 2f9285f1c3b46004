/**
 * Breakout rooms as a room module of the main meeting: a moderator opens 2–16 rooms for a while,
 * says who goes where (the page shuffles for "at random"), may let people choose, sends people
 * in or back while it runs, visits any room, speaks to every room at once, and closes them all
 * early. Everyone is told a minute before the rooms close; then each room's meeting ends and
 * everyone's page comes back to the main meeting by itself.
 *
 * Each breakout room is a meeting of its own, held by the registry (`BreakoutHost`): this module
 * hands out tickets to it (`breakout-ticket`) and hears from the host who is in it now. People
 * keep their place in the main meeting meanwhile (their page keeps its socket, without media), so
 * they come back as themselves — role, hand, poll answers — with nothing to be admitted again.
 */

import type { BreakoutPlan, BreakoutsView } from '../../../shared/breakout-protocol.js';
import type { ParticipantId, RoomId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { ScheduledCall } from '../../platform/clock.js';
import { meetingsWords } from '../words.js';
import type { ParticipantView } from './live-participant.js';
import { failure } from './outcome.js';
import type { ModuleMessage, ModuleOutcome, RoomModule, RoomModuleContext } from './room-module.js';

/** Who a ticket lets into a breakout room: a main-room participant, as they are there. */
export interface BreakoutPass {
  readonly participantId: ParticipantId;
  readonly displayName: string;
  readonly role: 'moderator' | 'viewer';
  readonly personId: string | undefined;
}

/** What the host tells the module of its rooms: a main-room participant came into one, or left it. */
export interface BreakoutPresence {
  entered(roomId: RoomId, participantId: ParticipantId): void;
  left(roomId: RoomId, participantId: ParticipantId): void;
}

/** Where breakout rooms' meetings are held (the room registry). */
export interface BreakoutHost {
  /** Opens one meeting per name, each empty until someone comes with a ticket; their room ids, in order. */
  open(parentRoomId: RoomId, names: readonly string[], presence: BreakoutPresence): RoomId[];
  /** A ticket into one of the rooms this host opened, valid until that room closes. */
  ticket(roomId: RoomId, pass: BreakoutPass): string;
  /**
   * Takes back a main-room participant's tickets (all but `keepTicket`) and lets them go from any
   * room they are in (`breakout_closed`): they were moved, brought back, changed role, or left.
   */
  revoke(participantId: ParticipantId, keepTicket?: string): void;
  /** Ends one room's meeting for everyone in it (`breakout_closed`) and forgets its tickets. */
  close(roomId: RoomId): void;
}

interface BreakoutRoom {
  readonly name: string;
  readonly roomId: RoomId;
  readonly assigned: Set<ParticipantId>;
  readonly present: Set<ParticipantId>;
}

interface Breakout {
  readonly rooms: BreakoutRoom[];
  readonly endsAtMs: number;
  readonly allowChoosing: boolean;
  readonly timers: ScheduledCall[];
}

const done: ModuleOutcome = { ok: true, value: undefined };
const roleOf = (participant: ParticipantView): BreakoutPass['role'] => (participant.isModerator ? 'moderator' : 'viewer');
const moderatorsOnly = () => failure('not_allowed', meetingsWords.phrase('breakout_moderators_only'));

export class BreakoutModule implements RoomModule {
  readonly name = 'breakouts';
  readonly messageTypes = ['breakout-start', 'breakout-assign', 'breakout-enter', 'breakout-broadcast', 'breakout-end'] as const;
  #breakout: Breakout | undefined;
  /** The role each participant's tickets carry (moderator or not): a change of role re-issues them. */
  readonly #ticketRoles = new Map<ParticipantId, BreakoutPass['role']>();

  constructor(
    private readonly context: RoomModuleContext,
    private readonly host: BreakoutHost,
    /** How long a minute of the breakout lasts: 60 000 ms but in tests (`BREAKOUT_MINUTE_MS`); the warning comes one such minute before the end. */
    private readonly minuteMs = 60_000,
  ) {}

  onJoin(participant: ParticipantView): void {
    if (this.#breakout) this.context.send(participant.id, this.#message());
  }

  /** Back after a dropped connection: the rooms as they are now (they may have closed meanwhile). */
  onResume(participant: ParticipantView): void {
    this.context.send(participant.id, this.#message());
  }

  onLeave(participant: ParticipantView): void {
    const breakout = this.#breakout;
    if (!breakout) return;
    // No place in the main meeting, no place in its rooms (a removed participant's tickets with it).
    this.#ticketRoles.delete(participant.id);
    this.host.revoke(participant.id);
    let changed = false;
    for (const room of breakout.rooms) changed = room.assigned.delete(participant.id) || changed;
    if (changed) this.#tellEveryone();
  }

  /** Someone whose role changed gets tickets in their new role; in a room now, they enter it again as such. */
  onParticipantChanged(participant: ParticipantView): void {
    const breakout = this.#breakout;
    const role = this.#ticketRoles.get(participant.id);
    if (!breakout || role === undefined || role === roleOf(participant)) return;
    const here = breakout.rooms.findIndex((room) => room.present.has(participant.id));
    if (here < 0) {
      this.#ticketRoles.delete(participant.id);
      this.host.revoke(participant.id);
    } else {
      this.host.revoke(participant.id, this.#sendTicket(participant.id, here));
    }
  }

  handle(actor: ParticipantView, message: ModuleMessage): ModuleOutcome {
    switch (message.type) {
      case 'breakout-start':
        return this.#start(actor, message.rooms, message.minutes, message.allowChoosing);
      case 'breakout-assign':
        return this.#assign(actor, message.participantId, message.room);
      case 'breakout-enter':
        return this.#enter(actor, message.room);
      case 'breakout-broadcast':
        return this.#running(actor, true, () => {
          this.context.broadcast({ type: 'breakout-broadcast', fromName: actor.displayName, text: message.text });
          return done;
        });
      case 'breakout-end':
        return this.#running(actor, true, () => {
          this.#close(true);
          return done;
        });
      default:
        return failure('malformed_message', meetingsWords.phrase('nothing_handles', { type: message.type }));
    }
  }

  /** The main meeting ends: so do its breakout rooms. */
  close(): void {
    this.#close(false);
  }

  #start(actor: ParticipantView, plans: readonly BreakoutPlan[], minutes: number, allowChoosing: boolean): ModuleOutcome {
    if (!actor.isModerator) return moderatorsOnly();
    if (this.#breakout) return failure('breakout_running', meetingsWords.phrase('breakout_running'));
    // Nobody is sent anywhere unless everyone named can be: a person who left, or named twice, refuses the whole plan.
    const seen = new Set<ParticipantId>();
    for (const plan of plans) {
      for (const participantId of plan.participantIds) {
        const participant = this.context.participant(participantId);
        if (!participant) return failure('breakout_participant_left', meetingsWords.phrase('breakout_participant_left'));
        if (seen.has(participantId))
          return failure('malformed_message', meetingsWords.phrase('breakout_twice', { name: participant.displayName }));
        seen.add(participantId);
      }
    }
    const roomIds = this.host.open(
      this.context.roomId(),
      plans.map((plan) => plan.name),
      {
        entered: (roomId, participantId) => this.#presence(roomId, participantId, true),
        left: (roomId, participantId) => this.#presence(roomId, participantId, false),
      },
    );
    const clock = this.context.clock;
    const endsAtMs = clock.nowMs() + minutes * this.minuteMs;
    const warningMs = (limits.breakoutWarningMs * this.minuteMs) / 60_000;
    const timers = [
      clock.setTimeout(
        () => this.context.broadcast({ type: 'breakouts-ending', endsAtMs }),
        Math.max(0, endsAtMs - warningMs - clock.nowMs()),
      ),
      clock.setTimeout(() => this.#close(true), minutes * this.minuteMs),
    ];
    const rooms = plans.map((plan, index) => ({
      name: plan.name,
      roomId: roomIds[index] as RoomId,
      assigned: new Set(plan.participantIds),
      present: new Set<ParticipantId>(),
    }));
    this.#breakout = { rooms, endsAtMs, allowChoosing, timers };
    this.#tellEveryone();
    rooms.forEach((room, index) => {
      for (const participantId of room.assigned) this.#sendTicket(participantId, index);
    });
    return done;
  }

  /** A moderator sends someone to a room (or back: `null`) while the breakout runs. */
  #assign(actor: ParticipantView, participantId: ParticipantId, index: number | null): ModuleOutcome {
    return this.#running(actor, true, (breakout) => {
      if (!this.context.participant(participantId))
        return failure('breakout_participant_left', meetingsWords.phrase('breakout_participant_gone'));
      if (index !== null && !breakout.rooms[index]) return failure('breakout_room_unknown', meetingsWords.phrase('breakout_room_unknown'));
      for (const room of breakout.rooms) room.assigned.delete(participantId);
      // Told first, let go after: their page leaves the old room itself, and one that does not is made to.
      if (index === null) {
        this.context.send(participantId, { type: 'breakout-return' });
        this.host.revoke(participantId);
      } else {
        breakout.rooms[index]?.assigned.add(participantId);
        this.host.revoke(participantId, this.#sendTicket(participantId, index));
      }
      this.#tellEveryone();
      return done;
    });
  }

  /** A participant goes to their room or, if they may, chooses one; a moderator visits any room. */
  #enter(actor: ParticipantView, index: number): ModuleOutcome {
    return this.#running(actor, false, (breakout) => {
      const room = breakout.rooms[index];
      if (!room) return failure('breakout_room_unknown', meetingsWords.phrase('breakout_room_unknown'));
      const own = room.assigned.has(actor.id);
      const assignedElsewhere = breakout.rooms.some((other) => other !== room && other.assigned.has(actor.id));
      if (!own && !actor.isModerator) {
        if (!breakout.allowChoosing) return failure('breakout_room_unknown', meetingsWords.phrase('breakout_room_not_yours'));
        for (const other of breakout.rooms) other.assigned.delete(actor.id);
        room.assigned.add(actor.id);
        this.#tellEveryone();
      } else if (!own && !assignedElsewhere && breakout.allowChoosing) {
        // A moderator who chooses a room while choosing is allowed belongs to it, as anyone would.
        room.assigned.add(actor.id);
        this.#tellEveryone();
      }
      this.host.revoke(actor.id, this.#sendTicket(actor.id, index));
      return done;
    });
  }

  #running(actor: ParticipantView, moderatorsOnlyAction: boolean, act: (breakout: Breakout) => ModuleOutcome): ModuleOutcome {
    if (moderatorsOnlyAction && !actor.isModerator) return moderatorsOnly();
    const breakout = this.#breakout;
    if (!breakout) return failure('breakout_not_running', meetingsWords.phrase('breakout_not_running'));
    return act(breakout);
  }

  /** Sends a participant their ticket into a room; returns it. */
  #sendTicket(participantId: ParticipantId, index: number): string | undefined {
    const participant = this.context.participant(participantId);
    const room = this.#breakout?.rooms[index];
    if (!participant || !room) return undefined;
    const role = roleOf(participant);
    const ticket = this.host.ticket(room.roomId, {
      participantId,
      displayName: participant.displayName,
      role,
      personId: participant.personId,
    });
    this.#ticketRoles.set(participantId, role);
    this.context.send(participantId, { type: 'breakout-ticket', room: index, name: room.name, roomId: room.roomId, ticket });
    return ticket;
  }

  #presence(roomId: RoomId, participantId: ParticipantId, entered: boolean): void {
    const breakout = this.#breakout;
    const room = breakout?.rooms.find((candidate) => candidate.roomId === roomId);
    if (!breakout || !room) return;
    if (entered) {
      for (const other of breakout.rooms) other.present.delete(participantId);
      room.present.add(participantId);
      // Their page sends and receives nothing here meanwhile; the server makes sure of it.
      this.context.closeMedia(participantId);
    } else if (!room.present.delete(participantId)) {
      return;
    }
    this.#tellEveryone();
  }

  /** Closes every room (their meetings end, so every page comes back) and, if asked, tells everyone. */
  #close(tell: boolean): void {
    const breakout = this.#breakout;
    if (!breakout) return;
    this.#breakout = undefined;
    this.#ticketRoles.clear();
    for (const timer of breakout.timers) timer.cancel();
    for (const room of breakout.rooms) this.host.close(room.roomId);
    if (tell) this.#tellEveryone();
  }

  #view(): BreakoutsView | null {
    const breakout = this.#breakout;
    if (!breakout) return null;
    return {
      rooms: breakout.rooms.map((room) => ({ name: room.name, assigned: [...room.assigned], present: [...room.present] })),
      endsAtMs: breakout.endsAtMs,
      allowChoosing: breakout.allowChoosing,
    };
  }

  #message() {
    return { type: 'breakouts', breakouts: this.#view() } as const;
  }

  #tellEveryone(): void {
    this.context.broadcast(this.#message());
  }
}
