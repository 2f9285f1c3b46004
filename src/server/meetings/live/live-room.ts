/**
 * A room while a meeting is held in it: the one owner of the meeting's live state and the one
 * set of commands that change it. It owns its participants (and those waiting in its lobby),
 * its settings, its media (`RoomMedia` on a `MediaServer`) and its modules (chat first). Every
 * change is a command here returning an `Outcome`; everything else reads views. When the last
 * person leaves (admitted or waiting) the room closes itself and tells the registry.
 */

import { fromBase64Url, toBase64Url } from '../../../shared/base64url.js';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type {
  IceCandidate,
  MediaSource,
  MediaState,
  MeetingSettings,
  Moderation,
  NetworkReport,
  Reaction,
  ServerMessage,
  SessionDescription,
  TrickleTarget,
  VideoLayer,
} from '../../../shared/protocol.js';
import { type MeetingAllowance, meetingEndWarningMinutes } from '../allowance.js';
import type { Room } from '../rooms-repository.js';
import { meetingsWords } from '../words.js';
import { roleFor } from './admission.js';
import { LiveParticipant, type ParticipantConnection, type ParticipantView } from './live-participant.js';
import type { JoinRequest, JoinResult, LiveRoomDependencies, WaitingView, Welcome } from './live-room-types.js';
import type { MediaServer } from './media-server.js';
import { type ModerationReply, moderate } from './moderation.js';
import { failure, type Outcome } from './outcome.js';
import { raiseHand, react, reportSpeaking, screenShareAllowed, setMedia } from './participant-commands.js';
import { streamKey } from './participant-subscription.js';
import type { PresentationModule } from './presentation-module.js';
import { RoomCore } from './room-core.js';
import type { MeetingEndReason, ModuleMessage, ModuleOutcome, RoomModule, RoomModuleFactory } from './room-module.js';

export type { JoinRequest, JoinResult, LiveRoomDependencies, MeetingRecords, WaitingView, Welcome } from './live-room-types.js';
export { type Failure, failure, type Outcome } from './outcome.js';

const done = { ok: true } as const;

export class LiveRoom {
  readonly #core: RoomCore;
  readonly #dependencies: LiveRoomDependencies;
  #writes: Promise<unknown> = Promise.resolve();
  /** The media server's room being destroyed, once the meeting closed. */
  #mediaClosed: Promise<void> = Promise.resolve();
  #meetingId: string | undefined;
  /** Whether the meeting record was started: on the first join let in (admitted or waiting), not on a refused one. */
  #recordStarted = false;
  #closed = false;
  readonly #startedAtMs: number;
  /** The plan's end of the meeting and its warning, once scheduled. */
  #lengthLimit: { cancel(): void } | undefined;
  /** The end set by a room module (`endAt`): the length the meeting was given when it was set up. */
  #scheduledEnd: { cancel(): void } | undefined;

  constructor(room: Room, dependencies: LiveRoomDependencies) {
    this.#dependencies = dependencies;
    this.#startedAtMs = dependencies.clock.nowMs();
    this.#core = new RoomCore(
      room,
      dependencies.media,
      dependencies.clock,
      dependencies.logger,
      (count) =>
        this.#record(async () => {
          if (this.#meetingId) await dependencies.records.recordAttendance(this.#meetingId, count);
        }),
      // Queued like every record write: after the meeting's start, before its end.
      (durationMs) =>
        this.#record(async () => {
          if (this.#meetingId) await dependencies.records.addParticipantTime(this.#meetingId, durationMs);
        }),
      dependencies.notesKeepable === false
        ? undefined
        : {
            load: async () => {
              const kept = await dependencies.records.keptNotes(room.id);
              return kept === undefined ? undefined : fromBase64Url(kept);
            },
            failed: (error) => dependencies.logger.error({ err: error, roomId: room.id }, 'could not read the kept notes'),
            save: (state) => this.#record(() => dependencies.records.keepNotes(room.id, toBase64Url(state))),
            forget: () => this.#record(() => dependencies.records.forgetNotes(room.id)),
          },
    );
    this.#core.scheduleEnd = (endsAtMs) => this.endAt(endsAtMs);
  }

  // ---- views -------------------------------------------------------------------------------

  get closed(): boolean {
    return this.#closed;
  }
  /** The persistent room this meeting is held in. */
  get room(): Readonly<Room> {
    return this.#core.room;
  }
  get settings(): Readonly<MeetingSettings> {
    return this.#core.settings;
  }
  /** Admitted participants, by id. */
  get participants(): ReadonlyMap<ParticipantId, ParticipantView> {
    return this.#core.participants;
  }
  /** Those waiting to be admitted, oldest first. */
  get lobby(): ReadonlyMap<ParticipantId, WaitingView> {
    return this.#core.lobby;
  }
  /** The meeting's presentation: its HTTP edge takes uploads and serves the PDF through it. */
  get presentation(): PresentationModule {
    return this.#core.presentation;
  }

  get participantsMax(): number {
    return this.#core.participantsMax;
  }
  /** Participants publishing their camera right now. */
  get publishingCount(): number {
    let count = 0;
    for (const participant of this.#core.participants.values()) if (participant.publishing) count += 1;
    return count;
  }

  /** What `participantId` is told on entering (`not_joined` unless admitted). */
  welcome(participantId: ParticipantId): Outcome<Welcome> {
    const self = this.#actor(participantId);
    if (!self.ok) return self;
    const participants = [...this.#core.participants.values()].filter((other) => other !== self.value).map((other) => other.summary());
    const { settings, chat } = this.#core;
    const value = {
      self: self.value.summary(),
      participants,
      settings,
      chat: chat.visibleTo(participantId),
      resumeToken: self.value.resumeToken,
    };
    return { ok: true, value };
  }

  /** After a moderator's welcome: the moderators get the waiting list, if anyone waits. */
  sendLobbyIfModerator(participantId: ParticipantId): void {
    if (this.#core.participants.get(participantId)?.isModerator && this.#core.lobby.size > 0) this.#core.sendLobbyToModerators();
  }

  /** Starts the meeting record, once: someone was let in (admitted or to the waiting room). */
  #startRecord(): void {
    if (this.#recordStarted) return;
    this.#recordStarted = true;
    const roomId = this.#core.room.id;
    this.#record(async () => {
      this.#meetingId = (await this.#dependencies.records.startMeeting(roomId)).id;
    });
  }

  #record(write: () => Promise<unknown>): void {
    this.#writes = this.#writes.then(write).catch((error: unknown) => {
      this.#dependencies.logger.error({ err: error, roomId: this.#core.room.id }, 'could not update the meeting record');
    });
  }

  /** An admitted, open participant, or `not_joined`. */
  #actor(participantId: ParticipantId): Outcome<LiveParticipant> {
    const participant = this.#core.participants.get(participantId);
    if (!participant || participant.closed) return failure('not_joined', meetingsWords.phrase('join_first'));
    return { ok: true, value: participant };
  }

  // ---- joining and leaving -----------------------------------------------------------------

  /**
   * Lets a person in, puts them in the waiting room, resumes their earlier place, or says why
   * not (full, locked, banned, wrong code).
   */
  join(request: JoinRequest, connection: ParticipantConnection): Outcome<JoinResult> {
    if (this.#closed) return failure('room_not_found', meetingsWords.phrase('meeting_just_ended'));
    const core = this.#core;
    if (request.resumeToken) {
      const earlier = [...core.participants.values()].find((participant) => participant.resumeToken === request.resumeToken);
      if (earlier) return { ok: true, value: { kind: 'joined', participant: this.#resume(earlier, connection), resumed: true } };
    }
    if (request.clientId && core.banned.has(request.clientId)) return failure('banned', meetingsWords.phrase('banned'));
    if (core.settings.endToEndEncrypted && request.canEncrypt !== true) {
      return failure('encryption_unsupported', meetingsWords.phrase('encryption_unsupported'));
    }
    const continues =
      request.continues && request.resumeToken && !core.participants.has(request.continues.participantId) ? request.continues : undefined;
    // A participant continued from the meeting's earlier holder keeps the role it had there (its code was checked there).
    const role = continues
      ? { ok: true as const, value: request.administrator === true ? 'moderator' : continues.role }
      : request.granted
        ? { ok: true as const, value: request.administrator === true ? 'moderator' : request.granted.role }
        : roleFor(core.room, request.accessCode, request.administrator === true);
    if (!role.ok) return role;
    if (core.settings.roomLocked && role.value !== 'moderator') return failure('room_is_locked', meetingsWords.phrase('room_is_locked'));
    if (core.participants.size >= core.participantsMax) return core.fullFailure();
    const media = core.allowedJoinMedia(request.media, role.value);
    const init = {
      displayName: request.displayName,
      role: role.value,
      media,
      connection,
      clientId: request.clientId,
      personId: request.personId,
      external: request.granted?.external,
      continues: continues && request.resumeToken ? { id: continues.participantId, resumeToken: request.resumeToken } : undefined,
    };
    const waits = continues
      ? false
      : request.granted
        ? request.granted.waits && role.value !== 'moderator'
        : core.settings.waitingRoom && role.value === 'guest';
    if (waits && core.lobby.size >= limits.waitingPerRoomMax) return failure('room_is_full', meetingsWords.phrase('too_many_waiting'));
    this.#startRecord();
    const participant = new LiveParticipant(init, (leaving) => this.#participantClosed(leaving));
    if (waits) {
      core.lobby.set(participant.id, { participant, sinceMs: this.#dependencies.clock.nowMs() });
      core.sendLobbyToModerators();
      return { ok: true, value: { kind: 'waiting', participant } };
    }
    core.addParticipant(participant);
    return { ok: true, value: { kind: 'joined', participant, resumed: false } };
  }

  #resume(participant: LiveParticipant, connection: ParticipantConnection): LiveParticipant {
    participant.resume(connection);
    this.#core.resumed(participant);
    this.#core.participantChanged(participant);
    return participant;
  }

  /** The participant leaves (or stops waiting), at once. */
  leave(participantId: ParticipantId): void {
    (this.#core.participants.get(participantId) ?? this.#core.lobby.get(participantId)?.participant)?.close();
  }

  /**
   * Lets a participant go from outside the meeting, telling them it ended for them (`reason`) and
   * closing their connection: a breakout room's meeting, when the main meeting takes their place
   * there back (they were moved, brought back, left the main meeting, or came in again elsewhere).
   */
  dismiss(participantId: ParticipantId, reason: MeetingEndReason): void {
    const participant = this.#core.participants.get(participantId);
    if (!participant) return;
    participant.send({ type: 'meeting-ended', reason } satisfies ServerMessage);
    participant.disconnect();
    participant.close();
  }

  /** The participant's socket closed (tab closed or crashed): they leave at once, unless another connection took their place. */
  connectionClosed(participantId: ParticipantId, connection: ParticipantConnection): void {
    const participant = this.#core.participants.get(participantId) ?? this.#core.lobby.get(participantId)?.participant;
    if (participant?.connection === connection) participant.close();
  }

  /**
   * The participant's connection stopped answering: keep their place (shown as reconnecting) for
   * the grace period, timed on the room's clock, then let them go. Someone waiting just goes.
   */
  connectionLost(participantId: ParticipantId, connection: ParticipantConnection): void {
    const core = this.#core;
    const waiting = core.lobby.get(participantId);
    if (waiting) {
      if (waiting.participant.connection === connection) waiting.participant.close();
      return;
    }
    const participant = core.participants.get(participantId);
    if (!participant || participant.connection !== connection || participant.closed) return;
    participant.connectionLost(this.#dependencies.clock.setTimeout(() => participant.close(), this.#dependencies.reconnectGraceMs));
    core.connectionLost(participant);
    for (const other of core.participants.values()) other.closeSubscriptionsTo(participant.id);
    core.participantChanged(participant);
  }

  #participantClosed(participant: LiveParticipant): void {
    this.#core.forget(participant);
    this.#closeIfEmpty();
  }

  /** Nobody is in the meeting and nobody waits: the room closes (whoever left, admitted or waiting). */
  #closeIfEmpty(): void {
    if (this.#core.participants.size === 0 && this.#core.lobby.size === 0) this.close();
  }

  // ---- what participants do ----------------------------------------------------------------

  /** Turns one's microphone or camera on or off (`not_allowed` when locked, `rate_limited`). */
  setMedia(participantId: ParticipantId, media: MediaState): Outcome {
    const actor = this.#actor(participantId);
    return actor.ok ? setMedia(this.#core, actor.value, media) : actor;
  }

  /** Raises or lowers one's hand (`rate_limited` beyond the gesture rate). */
  raiseHand(participantId: ParticipantId, raised: boolean): Outcome {
    const actor = this.#actor(participantId);
    return actor.ok ? raiseHand(this.#core, actor.value, raised) : actor;
  }

  /** Shows a reaction to everyone (`rate_limited` beyond the gesture rate). */
  react(participantId: ParticipantId, reaction: Reaction): Outcome {
    const actor = this.#actor(participantId);
    return actor.ok ? react(this.#core, actor.value, reaction) : actor;
  }

  /** Sends a chat message to everyone (`to` null) or to one participant; see `ChatModule.send`. */
  sendChat(participantId: ParticipantId, to: ParticipantId | null, text: string): ModuleOutcome {
    const actor = this.#actor(participantId);
    return actor.ok ? this.#core.chat.send(actor.value, to, text) : actor;
  }

  /** Keeps a participant's report on their own connection (for the operators' figures). */
  reportNetwork(participantId: ParticipantId, report: NetworkReport): Outcome {
    const actor = this.#actor(participantId);
    if (!actor.ok) return actor;
    actor.value.setNetwork(report);
    return { ok: true };
  }

  /**
   * Takes the browser's word that its microphone started or stopped carrying speech (`rate_limited`
   * beyond the speaking rate); see `reportSpeaking`.
   */
  reportSpeaking(participantId: ParticipantId, speaking: boolean): Outcome {
    const actor = this.#actor(participantId);
    return actor.ok ? reportSpeaking(this.#core, actor.value, speaking) : actor;
  }

  /** Posts to the public chat from outside the meeting (an integration), under `fromName`; see `ChatModule.announce`. */
  announce(fromName: string, text: string): ModuleOutcome {
    if (this.#closed) return failure('room_not_found', meetingsWords.phrase('meeting_just_ended'));
    return this.#core.chat.announce(fromName, text);
  }

  /**
   * Hands a client message to the module that claims its type (`malformed_message` if none does);
   * a module that stores what it does (an assembly's votes) answers once it is stored.
   */
  handleModuleMessage(participantId: ParticipantId, message: ModuleMessage): ModuleOutcome | Promise<ModuleOutcome> {
    const actor = this.#actor(participantId);
    if (!actor.ok) return actor;
    const module = this.#core.moduleFor(message.type);
    if (!module) return failure('malformed_message', meetingsWords.phrase('nothing_handles', { type: message.type }));
    return module.handle(actor.value, message);
  }

  /** Carries out a moderator's action (`not_allowed` for others); some answer with a reply for the moderator alone. */
  moderate(participantId: ParticipantId, moderation: Moderation): Outcome<ModerationReply> {
    const actor = this.#actor(participantId);
    if (!actor.ok) return actor;
    if (moderation.action !== 'end-meeting') return moderate(this.#core, actor.value, moderation);
    if (!actor.value.isModerator) return failure('not_allowed', meetingsWords.phrase('moderators_only'));
    this.#end();
    return { ok: true, value: undefined };
  }

  // ---- media -------------------------------------------------------------------------------

  /** Publishes one's camera or screen (a screen only when `screenShareAllowed`); answers with the media server's answer. */
  async publish(participantId: ParticipantId, source: MediaSource, offer: SessionDescription): Promise<Outcome<SessionDescription>> {
    const actor = this.#actor(participantId);
    if (!actor.ok) return actor;
    if (source === 'screen') {
      const allowed = screenShareAllowed(this.#core, actor.value);
      if (!allowed.ok) return allowed;
    }
    return this.#core.media.publish(actor.value, source, offer);
  }

  /** Stops one's camera or screen. */
  async unpublish(participantId: ParticipantId, source: MediaSource): Promise<Outcome> {
    const actor = this.#actor(participantId);
    if (!actor.ok) return actor;
    await this.#core.media.unpublish(actor.value, source);
    return done;
  }

  /** Adds another participant's stream to one's subscription (its offer follows as `subscription-offer`). */
  subscribe(participantId: ParticipantId, publisherId: ParticipantId, source: MediaSource, layer?: VideoLayer): Outcome {
    const actor = this.#actor(participantId);
    return actor.ok ? this.#core.media.subscribe(actor.value, publisherId, source, layer) : actor;
  }

  /**
   * Adds every stream being published to one's subscription (cameras starting on `layer`), as a
   * `join` asks; nothing in an end-to-end encrypted meeting, whose page must set up its keys first.
   */
  subscribeToEveryone(participantId: ParticipantId, layer: VideoLayer): Outcome {
    const actor = this.#actor(participantId);
    if (actor.ok && !this.#core.settings.endToEndEncrypted) this.#core.media.subscribeToEveryone(actor.value, layer);
    return actor.ok ? done : actor;
  }

  /** Takes the browser's answer to its subscription's latest offer. */
  async answerSubscription(participantId: ParticipantId, answer: SessionDescription): Promise<Outcome> {
    const actor = this.#actor(participantId);
    return actor.ok ? this.#core.media.answerSubscription(actor.value, answer) : actor;
  }

  /** Drops a stream from one's subscription. */
  unsubscribe(participantId: ParticipantId, publisherId: ParticipantId, source: MediaSource): Outcome {
    const actor = this.#actor(participantId);
    if (!actor.ok) return actor;
    actor.value.subscription.drop(streamKey(publisherId, source));
    return done;
  }

  /** Chooses the simulcast layer (or no video) of a subscription. */
  async setVideoLayer(participantId: ParticipantId, publisherId: ParticipantId, source: MediaSource, layer: VideoLayer): Promise<Outcome> {
    const actor = this.#actor(participantId);
    return actor.ok ? this.#core.media.setVideoLayer(actor.value, publisherId, source, layer) : actor;
  }

  /** Passes a browser's ICE candidate on; candidates for vanished handles are ignored. */
  async trickle(participantId: ParticipantId, target: TrickleTarget, candidate: IceCandidate): Promise<Outcome> {
    const actor = this.#actor(participantId);
    if (!actor.ok) return actor;
    await this.#core.media.trickle(actor.value, target, candidate);
    return done;
  }

  // ---- the room itself ---------------------------------------------------------------------

  /**
   * Creates a module (a poll, a vote, shared notes…) through the room; it lives until the room
   * closes. Asserts that its name and message types are free and that it claims no core command's type.
   */
  addModule<Module extends RoomModule>(factory: RoomModuleFactory<Module>): Module {
    return this.#core.addModule(factory);
  }

  /** Takes new persistent room settings (name, codes, waiting room…) from the settings page. */
  roomSettingsChanged(room: Room): void {
    const core = this.#core;
    const waitingRoomChanged = room.waitingRoom !== core.room.waitingRoom;
    const featuresChanged = room.disabledFeatures.join() !== core.room.disabledFeatures.join();
    core.room = room;
    if (waitingRoomChanged) core.changeSettings({ waitingRoom: room.waitingRoom });
    // Features switched off apply at once; the locks a meeting starts with are the moderators' to change now.
    if (!featuresChanged) return;
    core.changeSettings({ disabledFeatures: room.disabledFeatures });
    if (core.featureOn('screenShare')) return;
    for (const participant of core.participants.values()) {
      if (participant.publication('screen').handle) void core.media.unpublish(participant, 'screen');
    }
  }

  /** The media server went away: every handle is gone; tell everyone to wait. */
  mediaInterrupted(): void {
    this.#core.media.interrupted();
    this.#core.broadcast({ type: 'media-interrupted' });
  }

  /**
   * The meeting now runs on another media server (failover): what was on the old one is gone;
   * `mediaRestored` then has everyone publish and subscribe again there. False (nothing done)
   * when it is already on `server`.
   */
  moveMedia(server: MediaServer): boolean {
    return this.#core.media.moveTo(server);
  }

  /** The media server is back: everyone publishes and subscribes again. */
  mediaRestored(): void {
    this.#core.broadcast({ type: 'media-restored' });
  }

  /**
   * Applies the room's plan as a join finds it: its limit on people from now on, and, once, its
   * limit on the meeting's length — everyone is warned `meetingEndWarningMinutes` before, and the
   * meeting ends on time. A plan without a length limit (an upgrade) lifts one already set.
   */
  applyAllowance(allowance: MeetingAllowance): void {
    if (this.#closed) return;
    const core = this.#core;
    core.plan = Number.isFinite(allowance.participantsMax)
      ? { name: allowance.planName, participantsMax: allowance.participantsMax }
      : undefined;
    if (allowance.meetingMinutesMax === null) {
      this.#lengthLimit?.cancel();
      this.#lengthLimit = undefined;
      return;
    }
    if (this.#lengthLimit) return;
    const endsAtMs = this.#startedAtMs + allowance.meetingMinutesMax * 60_000;
    this.#lengthLimit = this.#endLater(endsAtMs, allowance.planName, 'time_limit');
  }

  /** Ends the meeting at `endsAtMs` for everyone (`scheduled_end`), warning them first; a later call moves the end. */
  endAt(endsAtMs: number): void {
    if (this.#closed) return;
    this.#scheduledEnd?.cancel();
    this.#scheduledEnd = this.#endLater(endsAtMs, null, 'scheduled_end');
  }

  /** Warns everyone `meetingEndWarningMinutes` before `endsAtMs` (naming the plan, if its limit) and ends the meeting then. */
  #endLater(endsAtMs: number, planName: string | null, reason: MeetingEndReason): { cancel(): void } {
    const clock = this.#dependencies.clock;
    const warnAtMs = endsAtMs - meetingEndWarningMinutes * 60_000;
    const warning = clock.setTimeout(
      () => this.#core.broadcast({ type: 'meeting-ending', endsAtMs, planName }),
      Math.max(0, warnAtMs - clock.nowMs()),
    );
    const end = clock.setTimeout(() => this.#end(reason), Math.max(0, endsAtMs - clock.nowMs()));
    return {
      cancel: () => {
        warning.cancel();
        end.cancel();
      },
    };
  }

  /**
   * Ends the meeting for everyone, from outside the room (an integration's `end`, acting for its
   * moderators; a breakout's end, for a breakout room's meeting): everyone, waiting room included, is told `meeting-ended` and disconnected.
   */
  end(reason: MeetingEndReason = 'ended_by_moderator'): void {
    if (!this.#closed) this.#end(reason);
  }

  /** Ends the meeting for everyone (a moderator's decision, or the plan's length limit): tells them, then closes. */
  #end(reason: MeetingEndReason = 'ended_by_moderator'): void {
    if (this.#closed) return;
    this.#core.meetingEnded(reason);
    const everyone = [...this.#core.participants.values(), ...[...this.#core.lobby.values()].map((waiting) => waiting.participant)];
    for (const participant of everyone) {
      participant.send({ type: 'meeting-ended', reason } satisfies ServerMessage);
      participant.disconnect();
    }
    this.close();
  }

  /**
   * Ends the meeting here without a word of ending (another instance holds the room now): every
   * connection, waiting room included, is closed, so that the browsers reconnect and join where
   * the room is held. Idempotent.
   */
  handOver(): void {
    if (this.#closed) return;
    const everyone = [...this.#core.participants.values(), ...[...this.#core.lobby.values()].map((waiting) => waiting.participant)];
    for (const participant of everyone) participant.disconnect();
    this.close();
  }

  /** Closes every participant, the modules, the media server's room and the meeting record. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#lengthLimit?.cancel();
    this.#scheduledEnd?.cancel();
    const core = this.#core;
    for (const { participant } of [...core.lobby.values()]) participant.close();
    core.lobby.clear();
    for (const participant of [...core.participants.values()]) participant.close();
    core.closeModules();
    this.#mediaClosed = core.media.close();
    this.#record(async () => {
      if (this.#meetingId) await this.#dependencies.records.endMeeting(this.#meetingId);
    });
    this.#dependencies.onClose(this);
  }

  /** Resolves once the meeting record's writes queued so far have been made, and a closed meeting's media room is destroyed. */
  async settled(): Promise<void> {
    await this.#writes;
    await this.#mediaClosed;
  }
}
