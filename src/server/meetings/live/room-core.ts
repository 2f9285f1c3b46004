/**
 * The shared state of one live room and the notifications that go with changing it: who is in,
 * who waits, the meeting settings, the bans, the modules. Internal to `live/`: `LiveRoom` owns
 * one and is its only public face; moderation, participant commands and modules work on it.
 */

import assert from 'node:assert/strict';
import type { Logger } from 'pino';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type {
  ChatMessage,
  LockedSettings,
  MediaState,
  MeetingFeature,
  MeetingSettings,
  Role,
  ServerMessage,
} from '../../../shared/protocol.js';
import type { Clock, ScheduledCall } from '../../platform/clock.js';
import type { Room } from '../rooms-repository.js';
import { meetingsWords } from '../words.js';
import { ChatModule } from './chat-module.js';
import { E2eeModule } from './e2ee-module.js';
import type { LiveParticipant, ParticipantView } from './live-participant.js';
import type { MediaServer } from './media-server.js';
import { NotesModule, type NotesStore } from './notes-module.js';
import { type Failure, failure, type Outcome } from './outcome.js';
import { PollModule } from './poll-module.js';
import { PresentationModule } from './presentation-module.js';
import { RoomMedia } from './room-media.js';
import {
  isCoreMessageType,
  type MeetingEndReason,
  type ModuleMessageType,
  type RoomModule,
  type RoomModuleContext,
  type RoomModuleFactory,
} from './room-module.js';
import { WhiteboardModule } from './whiteboard-module.js';

/** Someone in the waiting room. */
export interface LobbyEntry {
  participant: LiveParticipant;
  sinceMs: number;
}

/**
 * One live room's state — admitted participants, the lobby, settings (nothing locked, one
 * screen sharer, the room's waiting-room setting at first), bans, modules (the chat first) and
 * its `RoomMedia` — with the notifications that go with changing it. Made and owned by one
 * `LiveRoom`; not seen outside `live/`.
 */
/** What a participant is told when the moderators locked something. */
const lockedPhrases = {
  microphone: 'microphones_off',
  camera: 'cameras_off',
  chat: 'chat_off',
  privateChat: 'private_chat_off',
  screenShare: 'screen_sharing_off',
} as const satisfies Record<keyof LockedSettings, string>;

/** What a participant is told when the room switched a feature off. */
const disabledPhrases = {
  chat: 'chat_disabled',
  privateChat: 'private_chat_disabled',
  screenShare: 'screen_sharing_disabled',
  raiseHand: 'hands_disabled',
  reactions: 'reactions_disabled',
} as const satisfies Record<MeetingFeature, string>;

export class RoomCore {
  /** Admitted participants. */
  readonly participants = new Map<ParticipantId, LiveParticipant>();
  /** Guests waiting to be admitted, oldest first. */
  readonly lobby = new Map<ParticipantId, LobbyEntry>();
  /** Browsers banned from this meeting (by their client id). */
  readonly banned = new Set<string>();
  readonly media: RoomMedia;
  readonly chat: ChatModule;
  readonly presentation: PresentationModule;
  settings: MeetingSettings;
  readonly #modules = new Map<string, RoomModule>();
  readonly #moduleByMessage = new Map<ModuleMessageType, RoomModule>();
  /** Talking changes not yet told, the call that will tell them, and when they were last told. */
  readonly #speakingChanges = new Set<ParticipantId>();
  #speakingFlush: ScheduledCall | undefined;
  #speakingToldAtMs = Number.NEGATIVE_INFINITY;
  /** When each admitted participant came in and, while they are reconnecting, when their connection dropped. */
  readonly #presence = new Map<LiveParticipant, { sinceMs: number; lostAtMs: number | undefined }>();

  constructor(
    public room: Room,
    mediaServer: MediaServer,
    readonly clock: Clock,
    readonly logger: Logger,
    /** Called with the number of admitted participants each time someone is admitted. */
    private readonly onAttendance: (participants: number) => void,
    /**
     * Called with how long a participant was in the meeting when they leave it (admitted until
     * leaving; until their connection dropped when they never came back). Never for the lobby.
     */
    private readonly onPresenceEnded: (durationMs: number) => void,
    /** Where the room keeps its shared notes between meetings, when a moderator chooses. */
    notesStore?: NotesStore,
  ) {
    this.settings = {
      roomLocked: false,
      lockedForViewers: room.viewerLocks,
      disabledFeatures: room.disabledFeatures,
      multipleSharers: false,
      waitingRoom: room.waitingRoom,
      endToEndEncrypted: room.endToEndEncryption,
    };
    this.media = new RoomMedia(this, mediaServer, logger, this.participantsMax);
    const encrypted = this.settings.endToEndEncrypted;
    this.chat = this.addModule((context) => new ChatModule(context, (message) => this.publicChatPosted(message), encrypted));
    if (encrypted) this.addModule((context) => new E2eeModule(context));
    this.addModule((context) => new PollModule(context, encrypted));
    this.addModule((context) => new NotesModule(context, encrypted, encrypted ? undefined : notesStore));
    this.presentation = this.addModule((context) => new PresentationModule(context, encrypted));
    this.addModule((context) => new WhiteboardModule(context, () => this.presentation.showing, encrypted));
  }

  /** Ends the meeting at a time for everyone, with a warning first (set by the live room that owns this core). */
  scheduleEnd: (endsAtMs: number) => void = () => {};

  /** The plan's limit on people, when it is below the room's own (set at each join from the allowance). */
  plan: { name: string; participantsMax: number } | undefined;

  get participantsMax(): number {
    return Math.min(this.room.participantsMax, limits.participantsPerRoomMax, this.plan?.participantsMax ?? Number.POSITIVE_INFINITY);
  }

  /** Why nobody more may come in: the plan's limit (naming the plan) or the room's. */
  fullFailure(): Failure {
    const max = this.participantsMax;
    if (this.plan && this.plan.participantsMax === max && max < Math.min(this.room.participantsMax, limits.participantsPerRoomMax)) {
      return failure('plan_participants_limit', meetingsWords.phrase('plan_participants_limit', { plan: this.plan.name, max }));
    }
    return failure('room_is_full', meetingsWords.phrase('room_is_full', { max }));
  }

  /** Whether a participant may do something the moderators can lock: not when the room switched it off, else moderators always, others unless locked. */
  lockAllows(participant: ParticipantView, what: keyof LockedSettings): boolean {
    return this.lockRefusal(participant, what) === undefined;
  }

  /** Why a participant may not do something the moderators can lock (`not_allowed`, saying whether the room or the moderators turned it off); `undefined` when they may. */
  lockRefusal(participant: ParticipantView, what: keyof LockedSettings): Failure | undefined {
    if (what !== 'microphone' && what !== 'camera' && !this.featureOn(what)) {
      return failure('not_allowed', meetingsWords.phrase(disabledPhrases[what]));
    }
    if (participant.isModerator || !this.settings.lockedForViewers[what]) return undefined;
    return failure('not_allowed', meetingsWords.phrase(lockedPhrases[what]));
  }

  /** Why a participant may not use a feature the room can switch off; `undefined` when it is on. */
  featureRefusal(feature: MeetingFeature): Failure | undefined {
    return this.featureOn(feature) ? undefined : failure('not_allowed', meetingsWords.phrase(disabledPhrases[feature]));
  }

  /** Whether a feature is on in this meeting (the room did not switch it off for everyone). */
  featureOn(feature: MeetingFeature): boolean {
    return !this.settings.disabledFeatures.includes(feature);
  }

  /** The media someone asks to join with, as the room allows it: microphone off when the room mutes on join or (for non-moderators) microphones are locked; camera off when cameras are. */
  allowedJoinMedia(media: MediaState, role: Role): MediaState {
    const locked = role === 'moderator' ? undefined : this.settings.lockedForViewers;
    return {
      audioMuted: media.audioMuted || this.room.muteOnJoin || locked?.microphone === true,
      videoMuted: media.videoMuted || locked?.camera === true,
    };
  }

  /** Sends a message to every admitted participant except `exceptId`. */
  broadcast(message: ServerMessage, exceptId?: ParticipantId): void {
    for (const participant of this.participants.values()) if (participant.id !== exceptId) participant.send(message);
  }

  /** Tells everyone (the participant included) and the modules that a participant's state changed, and makes the media server follow. */
  participantChanged(participant: LiveParticipant): void {
    if (!this.participants.has(participant.id)) return;
    void this.media.enforceMedia(participant);
    this.broadcast({ type: 'participant-updated', participant: participant.summary() });
    this.#eachModule('onParticipantChanged', (module) => module.onParticipantChanged?.(participant));
  }

  /**
   * Tells the modules at once, and everyone (the participant included) that a participant started
   * or stopped talking: at once when the room told no change in the last `limits.speakingBatchMs`
   * (one person starting to speak in a quiet room is seen without delay), else with every other
   * change until that much time has passed since — one compact `speaking` message for them all,
   * each as it stands when sent (a mute meanwhile wins), and no media to enforce. So a room sends
   * at most one `speaking` message to each participant per `limits.speakingBatchMs`, however many
   * talk: in a room of N this happens often and reaches N people.
   */
  speakingChanged(participant: LiveParticipant): void {
    if (!this.participants.has(participant.id)) return;
    this.#speakingChanges.add(participant.id);
    const sinceToldMs = this.clock.nowMs() - this.#speakingToldAtMs;
    if (this.#speakingFlush === undefined && sinceToldMs >= limits.speakingBatchMs) this.#flushSpeaking();
    else this.#speakingFlush ??= this.clock.setTimeout(() => this.#flushSpeaking(), limits.speakingBatchMs - sinceToldMs);
    this.#eachModule('onParticipantChanged', (module) => module.onParticipantChanged?.(participant));
  }

  #flushSpeaking(): void {
    this.#speakingFlush?.cancel();
    this.#speakingFlush = undefined;
    this.#speakingToldAtMs = this.clock.nowMs();
    const changes = [...this.#speakingChanges].flatMap((participantId) => {
      const participant = this.participants.get(participantId);
      return participant ? [{ participantId, speaking: participant.speaking }] : [];
    });
    this.#speakingChanges.clear();
    if (changes.length > 0) this.broadcast({ type: 'speaking', changes });
  }

  /** Tells the modules a message was posted to the public chat (called by the chat module, after everyone got it). */
  publicChatPosted(message: ChatMessage): void {
    this.#eachModule('onChatMessage', (module) => module.onChatMessage?.(message));
  }

  /** Sends the waiting list to every moderator. */
  sendLobbyToModerators(): void {
    const waiting = [...this.lobby.values()].map(({ participant, sinceMs }) => ({
      participantId: participant.id,
      displayName: participant.displayName,
      sinceMs,
    }));
    for (const participant of this.participants.values()) if (participant.isModerator) participant.send({ type: 'lobby', waiting });
  }

  /** Applies new meeting settings and tells everyone; turning the waiting room off admits everyone waiting. */
  changeSettings(changes: Partial<MeetingSettings>): void {
    this.settings = { ...this.settings, ...changes };
    this.broadcast({ type: 'settings', settings: this.settings });
    if (changes.waitingRoom === false) for (const participantId of [...this.lobby.keys()]) this.admit(participantId);
  }

  /** Lets a participant into the meeting and tells the others and the modules. */
  addParticipant(participant: LiveParticipant): void {
    this.participants.set(participant.id, participant);
    this.#presence.set(participant, { sinceMs: this.clock.nowMs(), lostAtMs: undefined });
    this.broadcast({ type: 'participant-joined', participant: participant.summary() }, participant.id);
    this.onAttendance(this.participants.size);
    if (participant.isModerator && this.lobby.size > 0) this.sendLobbyToModerators();
    this.#eachModule('onJoin', (module) => module.onJoin(participant));
  }

  /** Moves someone from the lobby into the meeting (or turns them away when it is full). */
  admit(participantId: ParticipantId): Outcome {
    const waiting = this.lobby.get(participantId);
    if (!waiting) return failure('participant_not_found', meetingsWords.phrase('nobody_waiting'));
    this.lobby.delete(participantId);
    if (this.participants.size >= this.participantsMax) {
      waiting.participant.send({ type: 'denied', full: true });
      waiting.participant.disconnect();
      return failure('participant_not_found', meetingsWords.phrase('nobody_waiting'));
    }
    this.addParticipant(waiting.participant);
    waiting.participant.admitted();
    this.sendLobbyToModerators();
    return { ok: true };
  }

  /** Turns someone in the lobby away, telling them why. */
  deny(participantId: ParticipantId, reason: string | undefined): Outcome {
    const waiting = this.lobby.get(participantId);
    if (!waiting) return failure('participant_not_found', meetingsWords.phrase('nobody_waiting'));
    this.lobby.delete(participantId);
    waiting.participant.send({ type: 'denied', ...(reason ? { reason } : {}) });
    waiting.participant.disconnect();
    this.sendLobbyToModerators();
    return { ok: true };
  }

  /**
   * Forgets a participant that closed: from the lobby (moderators get the new list) or from the
   * meeting (others close their subscriptions and are told; modules hear `onLeave`).
   */
  forget(participant: LiveParticipant): void {
    if (this.lobby.delete(participant.id)) {
      this.sendLobbyToModerators();
      return;
    }
    if (this.participants.get(participant.id) !== participant) return;
    this.participants.delete(participant.id);
    this.#endPresence(participant);
    for (const other of this.participants.values()) other.closeSubscriptionsTo(participant.id);
    this.broadcast({ type: 'participant-left', participantId: participant.id });
    this.#eachModule('onLeave', (module) => module.onLeave(participant));
  }

  /** An admitted participant's connection dropped: if they never come back, their time ends here. */
  connectionLost(participant: LiveParticipant): void {
    const presence = this.#presence.get(participant);
    if (presence && presence.lostAtMs === undefined) presence.lostAtMs = this.clock.nowMs();
  }

  /** An admitted participant took their place back: one stay, counted once, from their first admission. */
  resumed(participant: LiveParticipant): void {
    const presence = this.#presence.get(participant);
    if (presence) presence.lostAtMs = undefined;
    this.#eachModule('onResume', (module) => module.onResume?.(participant));
  }

  #endPresence(participant: LiveParticipant): void {
    const presence = this.#presence.get(participant);
    if (!presence) return;
    this.#presence.delete(participant);
    const untilMs = presence.lostAtMs ?? this.clock.nowMs();
    this.onPresenceEnded(Math.max(0, untilMs - presence.sinceMs));
  }

  /** Creates a module through the room and keeps it by name; its message types (none a core command's) become its own. */
  addModule<Module extends RoomModule>(factory: RoomModuleFactory<Module>): Module {
    const module = factory(this.#moduleContext());
    assert(!this.#modules.has(module.name), `a room module named ${module.name} is already registered`);
    for (const type of module.messageTypes) {
      assert(!isCoreMessageType(type), `${type} is a core command's message type: no room module may claim it`);
      assert(!this.#moduleByMessage.has(type), `${type} already has a room module`);
    }
    this.#modules.set(module.name, module);
    for (const type of module.messageTypes) this.#moduleByMessage.set(type, module);
    for (const participant of this.participants.values()) module.onJoin(participant);
    return module;
  }

  /** The module that handles client messages of `type`, if any. */
  moduleFor(type: ModuleMessageType): RoomModule | undefined {
    return this.#moduleByMessage.get(type);
  }

  /** Tells every module the meeting was ended on purpose (before they are closed). */
  meetingEnded(reason: MeetingEndReason): void {
    this.#eachModule('onEnded', (module) => module.onEnded?.(reason));
  }

  /** Closes every module (each once; one that throws does not stop the others). */
  closeModules(): void {
    this.#speakingFlush?.cancel();
    this.#speakingFlush = undefined;
    this.#eachModule('close', (module) => module.close());
    this.#modules.clear();
    this.#moduleByMessage.clear();
  }

  #eachModule(what: string, call: (module: RoomModule) => void): void {
    for (const module of this.#modules.values()) {
      try {
        call(module);
      } catch (error) {
        this.logger.error({ err: error, module: module.name, roomId: this.room.id }, `room module failed in ${what}`);
      }
    }
  }

  #moduleContext(): RoomModuleContext {
    return {
      clock: this.clock,
      roomId: () => this.room.id,
      roomName: () => this.room.name,
      participants: () => [...this.participants.values()],
      participant: (participantId) => this.participants.get(participantId),
      lockRefusal: (participant, what) => this.lockRefusal(participant, what),
      endAt: (endsAtMs) => this.scheduleEnd(endsAtMs),
      featureOn: (feature) => this.featureOn(feature),
      send: (participantId, message) => this.participants.get(participantId)?.send(message),
      closeMedia: (participantId) => {
        const participant = this.participants.get(participantId);
        if (!participant) return;
        for (const source of ['camera', 'screen'] as const) void this.media.unpublish(participant, source);
        participant.subscription.close();
      },
      broadcast: (message, exceptId) => this.broadcast(message, exceptId),
    };
  }
}
