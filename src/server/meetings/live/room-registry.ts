/**
 * Every live meeting on this server instance, by room id. The one place live state is kept,
 * so that a Redis-backed registry can later share it between instances.
 */

import type { Logger } from 'pino';
import type { ParticipantId, RoomId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { NetworkReport, Role } from '../../../shared/protocol.js';
import type { Clock, ScheduledCall } from '../../platform/clock.js';
import type { InstanceId } from '../../platform/instance.js';
import { type AllowanceOf, type MeetingAllowance, unlimitedAllowance } from '../allowance.js';
import type { MediaPool } from '../media-pool.js';
import { LocalRoomDirectory, type MediaServerId, NoMediaServerError, type RoomDirectory } from '../placement.js';
import type { Room, RoomsRepository } from '../rooms-repository.js';
import { meetingsWords } from '../words.js';
import { type BreakoutHost, BreakoutModule } from './breakout-module.js';
import { BreakoutRooms, breakoutRecords } from './breakout-rooms.js';
import type { ParticipantConnection, ParticipantView } from './live-participant.js';
import { type Failure, failure, type JoinRequest, type JoinResult, LiveRoom, type Outcome } from './live-room.js';
import type { ModuleOutcome, RoomModule, RoomModuleFactory } from './room-module.js';

/** Counts for `/metrics`. */
export interface RegistryCounts {
  rooms: number;
  participants: number;
  publishedStreams: number;
  /** Participants whose browser has reported on its connection, and those of them going through a TURN relay. */
  reportingNetwork: number;
  relayed: number;
  /** Over the reporting participants: the mean share of packets lost, and the mean round trip of those who know it (0 when none). */
  meanLossRatio: number;
  meanRoundTripMs: number;
}

/** What the registry put on one media server: its meetings, their participants and what they publish. */
export interface MediaServerLoad {
  rooms: number;
  participants: number;
  /** Publications: each participant's camera (with its microphone) and each shared screen. */
  publishedStreams: number;
  /** What the server forwards: each publishing participant to every other participant of the meeting. */
  forwardedStreams: number;
}

/** Where participants are kept for the instance that holds their room's meeting next (`ResumeStore`). */
/** How soon what could not be kept or forgotten in Redis is tried again. */
const continuityRetryMs = 2_000;

export interface ParticipantContinuity {
  /** Whether it was kept (false: Redis is away; `keepEveryoneAgain` writes it again once it is back). */
  remember(roomId: RoomId, resumeToken: string, entry: { participantId: ParticipantId; role: Role }): Promise<boolean>;
  /** The room's meeting ended here for good (not moved): its participants are not continued anywhere. Whether it was forgotten. */
  forgetRoom(roomId: RoomId): Promise<boolean>;
  find(roomId: RoomId, resumeToken: string): Promise<{ participantId: ParticipantId; role: Role } | undefined>;
}

/** A join refused because another instance holds the room's meeting: `heldBy` says which (its signalling can be relayed there). */
export type HeldElsewhere = Failure & { heldBy: InstanceId };

/** What a join comes to: the meeting and the participant's place in it, or why not. */
export type RegistryJoinOutcome = Outcome<{ room: LiveRoom; result: JoinResult }> | HeldElsewhere;

const shuttingDown = () => failure('media_server_unavailable', meetingsWords.phrase('shutting_down'));

export class RoomRegistry {
  private readonly liveRooms = new Map<RoomId, LiveRoom>();
  /** Whose plan each live meeting counts against (`MeetingAllowance.holderKey`). */
  private readonly holders = new Map<LiveRoom, string>();
  /** Rooms that closed but whose meeting record may still be being written. */
  private readonly closing = new Set<LiveRoom>();
  private readonly unsubscribe: (() => void)[];
  private isClosed = false;
  /** The breakout rooms main meetings opened (their meetings are in `liveRooms` once someone enters). */
  private readonly breakouts: BreakoutRooms;
  /** How a main meeting's breakout module opens, lets people into and closes its rooms here. */
  private readonly breakoutHost: BreakoutHost;
  /**
   * The modules other domains plug into every live meeting (a general assembly's, from
   * governance), added to each room when its meeting starts, after the chat. Empty by default.
   */
  readonly roomModules: RoomModuleFactory<RoomModule>[] = [];
  /**
   * Why nobody may join a room's meeting now, if anything (its organisation is suspended from
   * meetings, by governance's due process); asked at every join. Default: nothing.
   */
  joinRefusal: ((roomId: RoomId) => Promise<Failure | undefined>) | undefined;
  /**
   * What other instances' meetings put on a media server (several instances share the registered
   * ones): counted in where new meetings go and in what the operators see. Default: nothing.
   */
  othersLoad: (id: MediaServerId) => MediaServerLoad | undefined = () => undefined;
  /**
   * Which other instance holds a breakout room this one does not know (several instances: its
   * main meeting is held there); a join with its ticket is relayed there. Default: none.
   */
  breakoutHolder: (roomId: RoomId) => Promise<InstanceId | undefined> = async () => undefined;
  /**
   * Where participants are kept so that, if this instance stops, the instance that holds the room
   * next lets them in as the same participants (several instances). Default: nowhere.
   */
  continuity: ParticipantContinuity | undefined;
  /** Meetings being handed over to another instance (their people are continued there). */
  private readonly handingOver = new WeakSet<LiveRoom>();
  /** Rooms whose meeting ended for good while their kept participants could not be forgotten (Redis away). */
  private readonly unforgotten = new Set<RoomId>();
  /** Rooms with a participant who could not be kept (Redis away). */
  private readonly unkept = new Set<RoomId>();
  /** The next attempt at what could not be kept or forgotten, while there is some. */
  private continuityRetry: ScheduledCall | undefined;
  /** Called when this instance opens or closes breakout rooms (it tells the other instances). */
  breakoutsChanged: () => void = () => undefined;
  /** The breakout rooms open here now. */
  readonly openBreakouts = new Set<RoomId>();
  /** How long a breakout room's minute lasts (`BREAKOUT_MINUTE_MS`: 60 000 but in tests). */
  breakoutMinuteMs = 60_000;

  /** Placements being given back (`release`); `close` waits for them. */
  private readonly releasing = new Set<Promise<void>>();
  /** The media server each live room (breakout rooms too) is on. */
  private readonly mediaOf = new Map<RoomId, MediaServerId>();

  constructor(
    private readonly media: MediaPool,
    private readonly rooms: RoomsRepository,
    private readonly logger: Logger,
    private readonly clock: Clock,
    /** How long a participant whose connection dropped keeps their place. */
    private readonly reconnectGraceMs: number = limits.reconnectGraceMs,
    /**
     * Which instance and media server hold each room; consulted when a meeting starts (a directory
     * asks `chooseMediaServer` where a new one goes). Default: here, in memory.
     */
    readonly placement: RoomDirectory = new LocalRoomDirectory(clock, () => media.chooseForNewMeeting((id) => this.loadScore(id))),
    /** What each room's plan allows (billing); default: only the rooms' own limits. */
    private readonly allowanceOf: AllowanceOf = unlimitedAllowance,
  ) {
    this.breakouts = new BreakoutRooms(clock);
    this.breakoutHost = {
      open: (parentRoomId, names, presence) => {
        const parent = this.liveRooms.get(parentRoomId);
        const parentMedia = this.mediaOf.get(parentRoomId);
        if (!parent || !parentMedia) throw new Error(`no live meeting in ${parentRoomId}`);
        // A breakout room is held where its main meeting is, on the same media server.
        const opened = this.breakouts.open(parent.room, names, presence).map((room) => room.id);
        for (const roomId of opened) {
          this.mediaOf.set(roomId, parentMedia);
          this.openBreakouts.add(roomId);
        }
        this.breakoutsChanged();
        return opened;
      },
      ticket: (roomId, pass) => this.breakouts.ticket(roomId, pass),
      revoke: (participantId, keepTicket) => {
        for (const place of this.breakouts.revoke(participantId, keepTicket))
          this.liveRooms.get(place.roomId)?.dismiss(place.participantId, 'breakout_closed');
      },
      close: (roomId) => {
        // Ended first, forgotten after: while it closes, the registry still knows it was never placed.
        this.liveRooms.get(roomId)?.end('breakout_closed');
        this.breakouts.forget(roomId);
        this.openBreakouts.delete(roomId);
        if (!this.liveRooms.has(roomId)) this.mediaOf.delete(roomId);
        this.breakoutsChanged();
      },
    };
    this.unsubscribe = [
      media.on('down', (id) => this.mediaServerDown(id)),
      media.on('up', (id) => this.mediaServerUp(id)),
      media.on('changed', () => this.rescueStranded()),
    ];
  }

  /** Where a meeting starting now should go: the pool's least loaded server for what this registry put on each (for a directory). */
  chooseMediaServer(): MediaServerId | undefined {
    return this.media.chooseForNewMeeting((id) => this.loadScore(id));
  }

  /** Whether the room's media server is connected (told to joiners so they can show "reconnecting"). */
  mediaAvailable(roomId: RoomId): boolean {
    const id = this.mediaOf.get(roomId);
    return id !== undefined && this.media.isUp(id);
  }

  /** The live rooms on one media server. */
  private roomsOn(id: MediaServerId): LiveRoom[] {
    return [...this.liveRooms.values()].filter((room) => this.mediaOf.get(room.room.id) === id);
  }

  /**
   * A media server went down: its meetings are interrupted (every handle is gone) and moved to
   * the least loaded other server that is up; their participants publish and subscribe again
   * there without reloading. With none up, they wait for one (`mediaServerUp`).
   */
  private mediaServerDown(id: MediaServerId): void {
    const stranded = this.roomsOn(id);
    for (const room of stranded) room.mediaInterrupted();
    if (stranded.length > 0) this.logger.warn({ mediaServerId: id, rooms: stranded.length }, 'a media server went down');
    for (const room of stranded)
      this.moveRoom(
        room,
        this.media.chooseForRescue((candidate) => this.loadScore(candidate), id),
      );
  }

  /**
   * A media server is up: its own meetings carry on (on the connection the pool has for it now:
   * a new one if its address changed), and meetings stranded on servers that are down move — to
   * where new meetings go, or to this one even if it is drained (a drained server is better than none).
   */
  private mediaServerUp(id: MediaServerId): void {
    for (const room of [...this.liveRooms.values()]) {
      const on = this.mediaOf.get(room.room.id);
      if (on === id) {
        const server = this.media.server(id);
        if (server) room.moveMedia(server);
        room.mediaRestored();
      } else if (on !== undefined && !this.media.isUp(on)) {
        this.moveRoom(room, this.media.chooseForRescue((candidate) => this.loadScore(candidate), on) ?? id);
      }
    }
  }

  /**
   * The pool changed (servers registered, removed, drained or undrained): meetings left on a
   * server that is down or gone move to one that is up, if there is one now.
   */
  private rescueStranded(): void {
    for (const room of [...this.liveRooms.values()]) {
      const on = this.mediaOf.get(room.room.id);
      if (on === undefined) continue;
      const server = this.media.server(on);
      if (server && this.media.isUp(on)) {
        // Up, but perhaps through a new connection (its address changed): the meeting follows it.
        if (room.moveMedia(server)) room.mediaRestored();
        continue;
      }
      this.moveRoom(
        room,
        this.media.chooseForRescue((candidate) => this.loadScore(candidate), on),
      );
    }
  }

  /** Moves a live room (a main meeting or a breakout room) to another media server. */
  private moveRoom(room: LiveRoom, to: MediaServerId | undefined): void {
    const server = to === undefined ? undefined : this.media.server(to);
    if (to === undefined || !server || this.isClosed || room.closed) return;
    const roomId = room.room.id;
    this.logger.info({ roomId, from: this.mediaOf.get(roomId), to }, 'moving a meeting to another media server');
    this.mediaOf.set(roomId, to);
    room.moveMedia(server);
    room.mediaRestored();
    if (!this.breakouts.has(roomId)) {
      this.placement
        .move(roomId, this.rooms.instanceId, to)
        .catch((error: unknown) => this.logger.error({ err: error, roomId }, 'recording a meeting’s new media server failed'));
    }
  }

  /** What this instance's meetings put on each media server (shared with the other instances). */
  ownMediaLoad(): Map<MediaServerId, MediaServerLoad> {
    const loads = new Map<MediaServerId, MediaServerLoad>();
    for (const room of this.liveRooms.values()) {
      const id = this.mediaOf.get(room.room.id);
      if (id === undefined) continue;
      const load = loads.get(id) ?? { rooms: 0, participants: 0, publishedStreams: 0, forwardedStreams: 0 };
      const participants = room.participants.size;
      const published = publicationsOf(room);
      load.rooms += 1;
      load.participants += participants;
      load.publishedStreams += published;
      load.forwardedStreams += published * Math.max(0, participants - 1);
      loads.set(id, load);
    }
    return loads;
  }

  /** What every instance's meetings put on each media server of the pool (the operator console). */
  mediaLoad(): Map<MediaServerId, MediaServerLoad> {
    const loads = this.ownMediaLoad();
    for (const { id } of this.media.describe()) {
      const others = this.othersLoad(id);
      if (!others) continue;
      const own = loads.get(id);
      loads.set(id, own ? addLoads(own, others) : others);
    }
    return loads;
  }

  /**
   * How loaded a media server is, for placement: one per meeting plus the streams it forwards,
   * other instances' included — or what the server itself says it carries (its admin API, which
   * also sees rooms that are not Plenary's), when that is more.
   */
  private loadScore(id: MediaServerId): number {
    const others = this.othersLoad(id);
    let score = others ? others.rooms + others.forwardedStreams : 0;
    for (const room of this.roomsOn(id)) score += 1 + publicationsOf(room) * Math.max(0, room.participants.size - 1);
    const measured = this.media.measured(id);
    return measured ? Math.max(score, measured.rooms + measured.forwardedStreams) : score;
  }

  /** The rooms whose meetings this registry holds now (main meetings; breakout rooms are never placed). */
  liveRoomIds(): RoomId[] {
    return [...this.liveRooms.keys()].filter((roomId) => !this.breakouts.has(roomId));
  }

  /** The live meeting in a room, if one is being held. */
  find(roomId: RoomId): LiveRoom | undefined {
    return this.liveRooms.get(roomId);
  }

  /**
   * Joins a participant into a room's meeting (or its waiting room), starting the meeting if it is
   * the first. Refused while the registry shuts down (`media_server_unavailable`), also when the
   * shutdown began while the room was being looked up or placed.
   */
  async join(roomId: RoomId, request: JoinRequest, connection: ParticipantConnection): Promise<RegistryJoinOutcome> {
    if (this.isClosed) return shuttingDown();
    if (request.breakoutTicket !== undefined && !this.breakouts.has(roomId)) {
      // Another instance's breakout room (its main meeting is held there): the connection relays there.
      const holder = await this.breakoutHolder(roomId);
      if (holder !== undefined && holder !== this.rooms.instanceId)
        return { ...failure('breakout_ticket_invalid', meetingsWords.phrase('breakout_ticket_invalid')), heldBy: holder };
    }
    if (request.breakoutTicket !== undefined || this.breakouts.has(roomId)) return this.joinBreakout(roomId, request, connection);
    const room = await this.rooms.find(roomId);
    if (!room) return failure('room_not_found', meetingsWords.phrase('room_not_found'));
    const refusal = await this.joinRefusal?.(roomId);
    if (refusal) return refusal;
    const allowance = await this.allowanceOf(roomId);
    let placedHere = false;
    if (!this.liveRooms.get(roomId) || this.liveRooms.get(roomId)?.closed) {
      // A meeting starts: the directory says where; another instance may hold it (the connection relays there).
      let placed: Awaited<ReturnType<RoomDirectory['place']>>;
      try {
        placed = await this.placement.place(roomId, this.rooms.instanceId);
      } catch (error) {
        if (error instanceof NoMediaServerError) return failure('media_server_unavailable', meetingsWords.phrase('no_media_server'));
        throw error;
      }
      if (placed.instanceId !== this.rooms.instanceId)
        return { ...failure('media_server_unavailable', meetingsWords.phrase('held_elsewhere')), heldBy: placed.instanceId };
      placedHere = true;
      this.mediaOf.set(roomId, placed.mediaServerId);
    }
    let continued = request;
    if (request.resumeToken !== undefined && this.continuity) {
      const token = request.resumeToken;
      const current = this.liveRooms.get(roomId);
      const known = current !== undefined && [...current.participants.values()].some((participant) => participant.resumeToken === token);
      // A token this meeting does not know may be one from where the room was held before.
      if (!known) {
        const entry = await this.continuity.find(roomId, token).catch(() => undefined);
        if (entry) continued = { ...request, continues: entry };
      }
    }
    if (this.isClosed) {
      // The shutdown began during the awaits: make no room, and give back the placement just taken.
      if (placedHere) this.release(roomId);
      return shuttingDown();
    }
    if (!this.liveRooms.get(roomId) || this.liveRooms.get(roomId)?.closed) {
      // Counted here, after the last await, so two meetings starting at once cannot both slip under the limit.
      const refused = this.meetingsAtOnceRefusal(allowance);
      if (refused) {
        if (placedHere) this.release(roomId);
        return refused;
      }
    }
    const live = this.liveRoomFor(room);
    if (!live) {
      if (placedHere) this.release(roomId);
      return failure('media_server_unavailable', meetingsWords.phrase('no_media_server'));
    }
    this.holders.set(live, allowance.holderKey);
    live.applyAllowance(allowance);
    const joined = live.join(continued, connection);
    if (!joined.ok) {
      if (live.participants.size === 0 && live.lobby.size === 0) live.close();
      return joined;
    }
    if (joined.value.kind === 'joined') this.keepForAnotherInstance(roomId, joined.value.participant);
    return { ok: true, value: { room: live, result: joined.value } };
  }

  /** Keeps who a participant is (id and role, under their resume token) for the instance that holds the room next, if this one stops. */
  private keepForAnotherInstance(roomId: RoomId, participant: Pick<ParticipantView, 'id' | 'role' | 'resumeToken'>): void {
    this.continuity?.remember(roomId, participant.resumeToken, { participantId: participant.id, role: participant.role }).then(
      (kept) => {
        if (kept) return;
        this.logger.warn({ roomId }, 'a participant could not be kept for another instance: kept again once Redis is back');
        this.unkept.add(roomId);
        this.retryContinuity();
      },
      (error: unknown) => this.logger.warn({ err: error, roomId }, 'keeping a participant for another instance failed'),
    );
  }

  /** Forgets a meeting's kept participants, or notes the room to forget once Redis is back. */
  private forgetForOtherInstances(roomId: RoomId): void {
    this.continuity?.forgetRoom(roomId).then(
      (forgotten) => {
        if (forgotten) return void this.unforgotten.delete(roomId);
        this.unforgotten.add(roomId);
        this.retryContinuity();
      },
      (error: unknown) => this.logger.warn({ err: error, roomId }, 'forgetting a meeting’s participants failed'),
    );
  }

  /** Tries again in a few seconds what could not be kept or forgotten (once, however many failed meanwhile). */
  private retryContinuity(): void {
    if (this.continuityRetry || this.isClosed) return;
    this.continuityRetry = this.clock.setTimeout(() => {
      this.continuityRetry = undefined;
      this.keepEveryoneAgain();
    }, continuityRetryMs);
  }

  /**
   * Writes again what could not be written while Redis did not answer (called again every few
   * seconds while it fails, and when the bus reconnects): the participants of each room where one
   * could not be kept, as they are now — a role changed meanwhile would otherwise come back as it
   * was — and the forgetting of meetings that ended for good (unless the room's meeting started
   * here again since).
   */
  keepEveryoneAgain(): void {
    if (!this.continuity || this.isClosed) return;
    for (const roomId of [...this.unforgotten]) {
      if (this.liveRooms.has(roomId)) this.unforgotten.delete(roomId);
      else this.forgetForOtherInstances(roomId);
    }
    for (const roomId of [...this.unkept]) {
      this.unkept.delete(roomId);
      const room = this.liveRooms.get(roomId);
      if (!room || room.closed) continue;
      for (const participant of room.participants.values()) this.keepForAnotherInstance(roomId, participant);
    }
  }

  /**
   * `plan_meetings_limit` when the holder of a room whose meeting would start already holds as
   * many meetings as its plan allows (counted on this instance; several instances count through
   * the shared directory when they come).
   */
  private meetingsAtOnceRefusal(allowance: MeetingAllowance): Failure | undefined {
    if (allowance.meetingsMax === null) return undefined;
    let held = 0;
    for (const [live, holder] of this.holders) if (holder === allowance.holderKey && !live.closed) held += 1;
    if (held < allowance.meetingsMax) return undefined;
    return failure(
      'plan_meetings_limit',
      meetingsWords.phrase('plan_meetings_limit', { plan: allowance.planName, max: allowance.meetingsMax }),
    );
  }

  /**
   * Joins a main meeting's participant into one of its breakout rooms with the ticket the main
   * meeting gave them: as the person they are there (name, signed-in person, moderator or not),
   * with no code and no waiting. `breakout_ticket_invalid` for any other ticket, for a room whose
   * breakout ended, and for a breakout room without a ticket.
   */
  private joinBreakout(
    roomId: RoomId,
    request: JoinRequest,
    connection: ParticipantConnection,
  ): Outcome<{ room: LiveRoom; result: JoinResult }> {
    const room = this.breakouts.room(roomId);
    const pass = room && request.breakoutTicket !== undefined ? this.breakouts.pass(roomId, request.breakoutTicket) : undefined;
    if (!room || !pass) return failure('breakout_ticket_invalid', meetingsWords.phrase('breakout_ticket_invalid'));
    const live = this.liveRoomFor(room, { modules: [(context) => breakoutPresence(() => context.roomId(), this.breakouts)] });
    if (!live) return failure('media_server_unavailable', meetingsWords.phrase('no_media_server'));
    const joined = live.join(
      {
        ...request,
        displayName: pass.displayName,
        personId: pass.personId,
        administrator: false,
        accessCode: undefined,
        granted: { role: pass.role, waits: false },
      },
      connection,
    );
    if (!joined.ok) {
      if (live.participants.size === 0 && live.lobby.size === 0) live.close();
      return joined;
    }
    if (joined.value.kind === 'joined' && !joined.value.resumed) {
      for (const replaced of this.breakouts.entered(roomId, joined.value.participant.id, pass)) live.dismiss(replaced, 'breakout_closed');
    }
    return { ok: true, value: { room: live, result: joined.value } };
  }

  /**
   * The room's open live meeting, made now if there is none: a main meeting with the domains'
   * modules and breakout rooms; a breakout room's with `modules` (and no breakout rooms of its own).
   * `undefined` when its media server left the pool and no other can take it.
   */
  private liveRoomFor(room: Room, breakout?: { modules: RoomModuleFactory<RoomModule>[] }): LiveRoom | undefined {
    const existing = this.liveRooms.get(room.id);
    if (existing && !existing.closed) return existing;
    let mediaServerId = this.mediaOf.get(room.id);
    if (breakout && (mediaServerId === undefined || !this.media.isUp(mediaServerId))) {
      // Its main meeting's server died since the rooms were opened: start it where meetings go now.
      mediaServerId = this.media.chooseForNewMeeting((id) => this.loadScore(id)) ?? mediaServerId;
      if (mediaServerId !== undefined) this.mediaOf.set(room.id, mediaServerId);
    }
    const server = mediaServerId === undefined ? undefined : this.media.server(mediaServerId);
    if (!server) return undefined;
    const live = new LiveRoom(room, {
      media: server,
      records: breakout ? breakoutRecords : this.rooms,
      notesKeepable: !breakout,
      logger: this.logger.child({ roomId: room.id }),
      clock: this.clock,
      reconnectGraceMs: this.reconnectGraceMs,
      onClose: (closed) => this.handleRoomClosed(closed),
    });
    // A role changed during the meeting is kept again, or another instance would bring back the one kept at join.
    live.addModule((context) =>
      roleKeeper((participantId) => {
        const participant = live.participants.get(participantId);
        if (participant) this.keepForAnotherInstance(context.roomId(), participant);
      }),
    );
    if (breakout) {
      for (const factory of breakout.modules) live.addModule(factory);
    } else {
      for (const factory of this.roomModules) live.addModule(factory);
      live.addModule((context) => new BreakoutModule(context, this.breakoutHost, this.breakoutMinuteMs));
    }
    this.liveRooms.set(room.id, live);
    return live;
  }

  /**
   * Another instance holds these rooms now (it took them over while this one was taken for dead):
   * their meetings here end without a word of ending — their people's sockets close, and their
   * browsers reconnect and join the meeting where the room is held now.
   */
  handOver(roomIds: readonly RoomId[]): void {
    for (const roomId of roomIds) {
      const live = this.liveRooms.get(roomId);
      if (!live || live.closed || this.breakouts.has(roomId)) continue;
      this.logger.warn({ roomId, participants: live.participants.size }, 'another instance holds this room now: its people go there');
      this.handingOver.add(live);
      live.handOver();
    }
  }

  /** A room's persistent settings changed (settings page): the live meeting follows. */
  roomChanged(room: Room): void {
    this.liveRooms.get(room.id)?.roomSettingsChanged(room);
  }

  private handleRoomClosed(room: LiveRoom): void {
    this.holders.delete(room);
    // A meeting that ended for good (everyone left, a moderator or the plan ended it) is continued
    // nowhere; one that moves (this instance stops, or another holds the room now) keeps its people.
    const moved = this.isClosed || this.handingOver.delete(room);
    if (!moved && !this.breakouts.has(room.room.id)) this.forgetForOtherInstances(room.room.id);
    if (this.liveRooms.get(room.room.id) === room) {
      this.liveRooms.delete(room.room.id);
      // A breakout room was never placed: it is held where its main meeting is.
      if (!this.breakouts.has(room.room.id)) {
        this.mediaOf.delete(room.room.id);
        this.release(room.room.id);
      }
    }
    this.closing.add(room);
    void room.settled().then(() => this.closing.delete(room));
  }

  /** Tells the directory this instance no longer holds the room's meeting. */
  private release(roomId: RoomId): void {
    if (!this.liveRooms.has(roomId)) this.mediaOf.delete(roomId);
    const releasing = this.placement
      .release(roomId, this.rooms.instanceId)
      .catch((error: unknown) => this.logger.error({ err: error, roomId }, 'releasing a room’s placement failed'))
      .finally(() => this.releasing.delete(releasing));
    this.releasing.add(releasing);
  }

  /** Live rooms, participants and publishing participants right now. */
  counts(): RegistryCounts {
    let participants = 0;
    let publishedStreams = 0;
    const reports: Readonly<NetworkReport>[] = [];
    for (const room of this.liveRooms.values()) {
      participants += room.participants.size;
      publishedStreams += room.publishingCount;
      for (const participant of room.participants.values()) if (participant.network) reports.push(participant.network);
    }
    const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
    return {
      rooms: this.liveRooms.size,
      participants,
      publishedStreams,
      reportingNetwork: reports.length,
      relayed: reports.filter((report) => report.relayed).length,
      meanLossRatio: mean(reports.map((report) => report.lossRatio)),
      meanRoundTripMs: mean(reports.flatMap((report) => (report.roundTripMs === null ? [] : [report.roundTripMs]))),
    };
  }

  /** Ends every meeting (participants are told by their connections) and waits for the records. Idempotent. */
  async close(): Promise<void> {
    if (!this.isClosed) {
      this.isClosed = true;
      this.continuityRetry?.cancel();
      for (const remove of this.unsubscribe) remove();
      for (const room of [...this.liveRooms.values()]) room.close();
    }
    await Promise.all([...this.closing].map((room) => room.settled()));
    // The placements given back, so that another instance may start these rooms' meetings at once.
    await Promise.all([...this.releasing]);
  }
}

/** Two loads of one media server together. */
export function addLoads(one: MediaServerLoad, other: MediaServerLoad): MediaServerLoad {
  return {
    rooms: one.rooms + other.rooms,
    participants: one.participants + other.participants,
    publishedStreams: one.publishedStreams + other.publishedStreams,
    forwardedStreams: one.forwardedStreams + other.forwardedStreams,
  };
}

/** What a meeting publishes to its media server: cameras (each with its microphone) and shared screens. */
function publicationsOf(room: LiveRoom): number {
  let count = 0;
  for (const participant of room.participants.values()) count += Number(participant.publishing) + Number(participant.sharingScreen);
  return count;
}

/** A module that calls `changed` when an admitted participant's role changes (promoted, or made a viewer). */
function roleKeeper(changed: (participantId: ParticipantId) => void): RoomModule {
  const roles = new Map<ParticipantId, Role>();
  return {
    name: 'role-keeper',
    messageTypes: [],
    onJoin: (participant) => void roles.set(participant.id, participant.role),
    onLeave: (participant) => void roles.delete(participant.id),
    onParticipantChanged: (participant) => {
      if (roles.get(participant.id) === participant.role) return;
      roles.set(participant.id, participant.role);
      changed(participant.id);
    },
    // It takes no messages (`messageTypes` is empty): never called.
    handle: (): ModuleOutcome => failure('breakout_not_running', meetingsWords.phrase('breakout_not_running')),
    close: () => roles.clear(),
  };
}

/** A breakout room's module that tells the book of breakout rooms when someone leaves its meeting for good. */
function breakoutPresence(roomId: () => RoomId, breakouts: BreakoutRooms): RoomModule {
  return {
    name: 'breakout-presence',
    messageTypes: [],
    onJoin: () => undefined,
    onLeave: (participant: ParticipantView) => breakouts.left(roomId(), participant.id),
    handle: (): ModuleOutcome => failure('malformed_message', meetingsWords.phrase('breakout_not_running')),
    close: () => undefined,
  };
}
