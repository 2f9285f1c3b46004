/**
 * The meeting as the browser holds it: one signalling socket, a publisher connection per own
 * source (camera, screen), one subscription connection for every remote stream. UI-free; components
 * render its state. Reconnects by itself (resuming the same participant) when the socket drops,
 * and publishes again when Janus restarts.
 */

import { effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import type { AssemblyState } from '../../../shared/assembly-protocol.js';
import type { BreakoutsView } from '../../../shared/breakout-protocol.js';
import type { ParticipantId, RoomId } from '../../../shared/ids.js';
import type { PollResults, PollView } from '../../../shared/poll-protocol.js';
import type { PresentationView } from '../../../shared/presentation-protocol.js';
import type {
  ChatMessage,
  ClientMessage,
  MediaSource,
  MediaState,
  MeetingSettings,
  Moderation,
  ParticipantSummary,
  Reaction,
  ServerMessage,
  VideoLayer,
} from '../../../shared/protocol.js';
import type { WhiteboardState } from '../../../shared/whiteboard-protocol.js';
import { refusalText } from '../../app/errors/messages.js';
import { currentLanguage } from '../../app/intl/language.js';
import type { E2eeStatus, Encryption, WorkerReport } from '../e2ee/index.js';
import { canEncryptMedia } from '../e2ee/support.js';
import type { NotesChannel, NotesListener } from '../notes/index.js';
import type { PollMessage } from '../polls/index.js';
import type { PresentationMessage } from '../presentation/index.js';
import type { WhiteboardChannel, WhiteboardListener } from '../whiteboard/index.js';
import { ConnectionMonitor, type LinkQuality, networkReportOf, type QualitySample } from './connection-quality.js';
import { type MediaPipeline, plainMediaPipeline } from './media-pipeline.js';
import { MediaSession } from './media-session.js';
import { t } from './messages.js';
import { SignalingClient } from './signaling-client.js';
import { SpeakingDetector } from './speaking-detector.js';

export type MeetingStatus =
  | 'connecting'
  | 'waiting'
  | 'joined'
  | 'media-reconnecting'
  | 'connection-lost'
  | 'left'
  | 'denied'
  | 'removed'
  | 'ended'
  | 'failed';

export interface RemoteParticipant {
  summary: ParticipantSummary;
  /** Their camera and microphone, once subscribed. */
  camera: MediaStream | undefined;
  /** Their shared screen, once subscribed. */
  screen: MediaStream | undefined;
  /** A reaction being shown on their tile. */
  reaction: Reaction | undefined;
  /** When Janus last heard them talking (this page's clock); undefined while they have not spoken. */
  lastSpokeAtMs?: number | undefined;
}

/** A message of the general assembly held in the meeting. */
export type AssemblyMessage = Extract<ClientMessage, { type: `assembly-${string}` }>;

export interface MeetingState {
  status: MeetingStatus;
  self: ParticipantSummary | undefined;
  /** Everyone else, in the order they joined. */
  remotes: RemoteParticipant[];
  media: MediaState;
  settings: MeetingSettings | undefined;
  chat: ChatMessage[];
  /** For moderators: who waits in the lobby. */
  lobby: { participantId: ParticipantId; displayName: string; sinceMs: number }[];
  /** Our own shared screen, while sharing. */
  screen: MediaStream | undefined;
  /** Our own reaction being shown. */
  reaction: Reaction | undefined;
  /** A sentence for the person: what went wrong or what a moderator did. */
  notice: string | undefined;
  /** Why the join was refused, when it was: its error code (the end screen offers the plans for a plan's limit). */
  refusedFor: string | undefined;
  /** A moderator asked us to unmute. */
  askedToUnmute: boolean;
  /** The general assembly held in this meeting, as we see it; undefined while none is convened in the room. */
  assembly: AssemblyState | undefined;
  /** How our own connection and each remote participant's fare, from the latest sample (none yet: undefined / absent). */
  quality: { self: LinkQuality | undefined; remotes: ReadonlyMap<ParticipantId, LinkQuality> };
  /** Our connection has been poor for a while: the page offers audio only (until it is good again or dismissed). */
  poorConnection: boolean;
  /** An encrypted meeting's keys and safety code, and what the transforms did with frames (undefined until known). */
  encryption: { status: E2eeStatus | undefined; frames: WorkerReport | undefined } | undefined;
  /** The meeting's latest poll as we see it (undefined while none was asked, and always in an encrypted meeting). */
  poll: PollView | undefined;
  /** The latest poll's results, when we may see them (moderators as answers come in; everyone once published). */
  pollResults: PollResults | undefined;
  /** The shared notes: locked for all but moderators, and kept with the room after the meeting. */
  notes: { locked: boolean; kept: boolean };
  /** The presentation everyone sees (with our own ticket to fetch its PDF), if one is shown. */
  presentation: PresentationView | undefined;
  /** The breakout rooms open in this meeting, if any. */
  breakouts: BreakoutsView | undefined;
  /**
   * The breakout room this page is in now: a meeting of its own, on a second socket, shown instead of
   * this one (which keeps our place, without media) until we come back.
   */
  breakout: BreakoutVisit | undefined;
  /** The breakout rooms close within a minute. */
  breakoutsEnding: boolean;
  /** A moderator's latest message to every room, while they are open. */
  breakoutBroadcast: { fromName: string; text: string } | undefined;
  /** The whiteboard's settings: whether everyone may draw, and whether the blank board is on the stage. */
  whiteboard: WhiteboardState;
  /**
   * Just joined, the page answers the others' media before it shows the meeting (at most
   * `answerFirstWaitMs`): the meeting's first render would otherwise hold that answer back, while
   * rendered after it, it overlaps the connection's ICE, DTLS and first keyframe.
   */
  answeringFirst: boolean;
}

export interface MeetingOptions {
  roomId: RoomId;
  displayName: string;
  localStream: MediaStream | undefined;
  media: MediaState;
  accessCode: string | undefined;
  clientId: string;
  /** A BigBlueButton join link's grant (the name and role its integration gave). */
  grant?: string | undefined;
  /** Send three simulcast layers of the camera. Default true. */
  simulcast?: boolean;
  pipeline?: MediaPipeline;
  /** A breakout room's ticket from the main meeting: this controller joins that room's meeting with it. */
  breakoutTicket?: string | undefined;
  /** A signalling socket opened ahead (`openSignalingSocket`), used for the first connection if it is still up. Default: none. */
  socket?: WebSocket | undefined;
  /** A moderator asked for the chat (`chat-<room>.txt`) or a poll's results (`poll-results.csv`); the UI offers the file as a download. */
  onExport?(fileName: string, text: string): void;
}

/** The meeting before anything is known of it, with our own microphone and camera as chosen. */
export function initialState(media: MediaState): MeetingState {
  return {
    status: 'connecting',
    self: undefined,
    remotes: [],
    media,
    settings: undefined,
    chat: [],
    lobby: [],
    screen: undefined,
    reaction: undefined,
    notice: undefined,
    refusedFor: undefined,
    askedToUnmute: false,
    assembly: undefined,
    quality: { self: undefined, remotes: new Map() },
    poorConnection: false,
    encryption: undefined,
    poll: undefined,
    pollResults: undefined,
    notes: { locked: false, kept: false },
    presentation: undefined,
    breakouts: undefined,
    breakout: undefined,
    breakoutsEnding: false,
    breakoutBroadcast: undefined,
    whiteboard: { everyoneMayDraw: false, blankShown: false },
    answeringFirst: false,
  };
}

/** A breakout room this page is in: its name and place in the list, and the controller of its meeting. */
export interface BreakoutVisit {
  room: number;
  name: string;
  roomId: RoomId;
  controller: MeetingController;
}

/** The messages the breakout panel sends (on the main meeting's socket). */
export type BreakoutMessage = Extract<ClientMessage, { type: `breakout-${string}` }>;

/** Poor samples in a row (3 s apart) before the page says the connection is poor, and how often our own is reported to the server. */
const poorSamplesBeforeHint = 2;
const networkReportIntervalMs = 10_000;

const reconnectDelaysMs = [500, 1_000, 2_000, 4_000, 8_000];
/** How long a first join waits for its subscription's answer before it shows the meeting anyway (`answeringFirst`). */
const answerFirstWaitMs = 250;
const reactionShownMs = 4_000;
/** What the end screen says for each reason a meeting ended. */
const endedMessages = {
  ended_by_moderator: 'meeting.ended',
  time_limit: 'meeting.endedByPlan',
  scheduled_end: 'meeting.endedAsScheduled',
  breakout_closed: 'meeting.breakoutClosed',
} as const;

export class MeetingController {
  private signaling: SignalingClient | undefined;
  /** The socket opened ahead by the pre-join screen, until the first connection takes it. */
  private warmSocket: WebSocket | undefined;
  private readonly media: MediaSession;
  private readonly remotes = new Map<ParticipantId, RemoteParticipant>();
  private resumeToken: string | undefined;
  private reconnectAttempt = 0;
  private reconnectTimer: number | undefined;
  private readonly monitor = new ConnectionMonitor(
    () => this.media.statsConnections(),
    (sample) => this.sampled(sample),
  );
  /** Our own speaking, told to the server, which tells everyone. */
  private readonly speaking = new SpeakingDetector(
    () => this.media.audioSender(),
    () => !this.snapshot.media.audioMuted,
    (speaking) => this.send({ type: 'speaking', speaking }),
  );
  private poorSamples = 0;
  /** The breakout room this page is in now (also in the state), and how to stop watching its meeting end. */
  private visit: (BreakoutVisit & { unwatch: () => void }) | undefined;
  /** The person dismissed the poor-connection hint; it stays away until the connection is good again. */
  private poorHintDismissed = false;
  private networkReportedAtMs = Number.NEGATIVE_INFINITY;
  /** Counts the times this page entered the meeting (`joined`): media started for an earlier entry must not start again. */
  private entries = 0;
  /** Media chosen before the server said `joined` (whose own view would otherwise replace it). */
  private mediaChosenBeforeJoined: MediaState | undefined;
  /** A `poll` came on this socket (the server sends it before `joined`): a fresh join without one forgets the poll of before. */
  private pollSinceOpen = false;
  /** A `notes-state` came on this socket (before `joined`, only when not the default). */
  private notesStateSinceOpen = false;
  /** A `breakouts` came on this socket (before `joined`, only while rooms are open). */
  private breakoutsSinceOpen = false;
  /** A `presentation` came on this socket (before `joined`, only when one is shown). */
  private presentationSinceOpen = false;
  /** Those waiting for the server's answer to `presentation-ticket`. */
  private presentationTicketWaiters: { resolve: (ticket: string) => void; reject: (error: Error) => void }[] = [];
  /** The open notes panel's listeners (at most one). */
  private readonly notesListeners = new Set<NotesListener>();
  /** A `whiteboard-state` came on this socket (before `joined`, only when not the default). */
  private whiteboardStateSinceOpen = false;
  /** The open whiteboard's listeners (at most one). */
  private readonly whiteboardListeners = new Set<WhiteboardListener>();
  /** Chat messages being opened, in the order they came. */
  private chatQueue: Promise<void> = Promise.resolve();
  /** The meeting is end-to-end encrypted: once known, never forgotten by this page (it fails closed). */
  private encryptedMeeting = false;
  /** An encrypted meeting's key agreement and transforms, for the participant we are now. */
  private encryption: (Encryption & { selfId: ParticipantId }) | undefined;
  /** The pipeline media goes through now: plain, or the encryption's (set before anything is published or received). */
  private pipeline: MediaPipeline;
  private readonly current: Signal<MeetingState>;
  /** The meeting as components render it; a component that reads `.value` re-renders when it changes. */
  readonly state: ReadonlySignal<MeetingState>;
  constructor(private readonly options: MeetingOptions) {
    this.current = signal(initialState(options.media));
    this.state = this.current;
    this.pipeline = options.pipeline ?? plainMediaPipeline;
    this.warmSocket = options.socket;
    const pipeline: MediaPipeline = {
      get connectionConfiguration() {
        return current().connectionConfiguration;
      },
      prepareSender: (sender, kind) => {
        if (this.encryptedMeeting && !this.encryption) throw new Error('an encrypted meeting sends nothing unencrypted');
        this.pipeline.prepareSender(sender, kind);
      },
      prepareReceiver: (receiver, kind, mid) => this.pipeline.prepareReceiver(receiver, kind, mid),
      streamsChanged: (senders) => this.pipeline.streamsChanged?.(senders),
    };
    const current = () => this.pipeline;
    this.media = new MediaSession(
      (message) => this.send(message),
      pipeline,
      options.simulcast ?? true,
      () => this.remoteStreamsChanged(),
    );
    this.applyLocalMedia();
  }

  private get snapshot(): MeetingState {
    return this.current.peek();
  }

  /** Connects and joins. */
  start(): void {
    this.connect();
  }

  private update(changes: Partial<MeetingState>): void {
    this.current.value = { ...this.snapshot, ...changes, remotes: [...this.remotes.values()] };
  }

  private send = (message: Parameters<SignalingClient['send']>[0]) => this.signaling?.send(message);

  private connect(): void {
    const warm = this.warmSocket;
    this.warmSocket = undefined;
    this.signaling = new SignalingClient(
      {
        onOpen: () => {
          this.pollSinceOpen = false;
          this.notesStateSinceOpen = false;
          this.presentationSinceOpen = false;
          this.breakoutsSinceOpen = false;
          this.whiteboardStateSinceOpen = false;
          this.send({
            type: 'join',
            roomId: this.options.roomId,
            displayName: this.options.displayName,
            media: this.snapshot.media,
            clientId: this.options.clientId,
            // The server writes its error sentences to this participant in the page's language.
            language: currentLanguage.peek(),
            canEncrypt: canEncryptMedia(),
            ...(this.options.accessCode ? { accessCode: this.options.accessCode } : {}),
            ...(this.options.grant ? { grant: this.options.grant } : {}),
            ...(this.resumeToken ? { resumeToken: this.resumeToken } : {}),
            ...(this.options.breakoutTicket ? { breakoutTicket: this.options.breakoutTicket } : {}),
            // Everyone's media is negotiated while this page renders the meeting (not in a breakout room: this meeting then receives nothing).
            ...(this.visit ? {} : { subscribe: { layer: this.media.defaultLayer } }),
          });
        },
        onMessage: (message) => this.receive(message),
        onClose: (expected) => {
          if (!expected) this.connectionLost();
        },
      },
      undefined,
      warm,
    );
  }

  private get finished(): boolean {
    return ['left', 'denied', 'removed', 'ended', 'failed'].includes(this.snapshot.status);
  }

  private connectionLost(): void {
    if (this.finished) return;
    this.teardownMedia();
    this.signaling = undefined;
    const delay = reconnectDelaysMs[Math.min(this.reconnectAttempt, reconnectDelaysMs.length - 1)] ?? 8_000;
    this.reconnectAttempt += 1;
    this.update({ status: 'connection-lost', notice: this.snapshot.notice ?? t('meeting.connectionLost') });
    this.reconnectTimer = window.setTimeout(() => this.connect(), delay);
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'joined':
        return this.joined(message);
      case 'waiting':
        return this.update({ status: 'waiting', notice: undefined });
      case 'denied':
        return this.finish('denied', message.full ? t('meeting.deniedFull') : (message.reason ?? t('meeting.deniedNoReason')));
      case 'removed':
        return this.finish('removed', message.banned ? t('meeting.removedBanned') : t('meeting.removed'));
      case 'meeting-ended':
        return this.finish('ended', t(endedMessages[message.reason ?? 'ended_by_moderator']));
      case 'meeting-ending': {
        const minutes = Math.max(1, Math.round((message.endsAtMs - Date.now()) / 60_000));
        const notice =
          message.planName === null
            ? t('meeting.endingAsScheduled', { minutes })
            : t('meeting.endingSoon', { plan: message.planName, minutes });
        return this.update({ notice });
      }
      case 'lobby':
        return this.update({ lobby: message.waiting });
      case 'participant-joined':
        this.remotes.set(message.participant.participantId, {
          summary: message.participant,
          camera: undefined,
          screen: undefined,
          reaction: undefined,
        });
        return this.update({});
      case 'participant-updated':
        return this.participantUpdated(message.participant);
      case 'speaking':
        return this.speakingChanged(message.changes);
      case 'participant-left':
        this.encryption?.session.participantLeft(message.participantId);
        this.closeSubscription(message.participantId, 'camera');
        this.closeSubscription(message.participantId, 'screen');
        this.remotes.delete(message.participantId);
        return this.update({});
      case 'settings':
        this.update({ settings: message.settings });
        return this.publishCameraIfAllowed();
      case 'chat':
        return this.chatArrived([message.message]);
      case 'chat-export':
        this.options.onExport?.(`chat-${this.options.roomId}.txt`, message.text);
        return;
      case 'reaction':
        return this.showReaction(message.participantId, message.reaction);
      case 'moderation':
        return this.moderated(message.notice, message.byName);
      case 'publish-answer':
        void this.media.publishAnswered(message.source, message.answer);
        return;
      case 'subscription-offer':
        void this.media.answerSubscription(message);
        return;
      case 'trickle':
        this.media.addRemoteCandidate(message.target, message.candidate);
        return;
      case 'ice-servers':
        return this.media.updateIceServers(message.iceServers);
      case 'media-interrupted':
        this.teardownMedia();
        for (const remote of this.remotes.values()) remote.summary = { ...remote.summary, publishing: false, sharingScreen: false };
        return this.update({ status: 'media-reconnecting', notice: t('meeting.reconnecting') });
      case 'media-restored':
        this.update({ status: 'joined', notice: undefined });
        this.publishCameraIfAllowed();
        if (this.snapshot.screen) void this.publish('screen');
        return;
      case 'closing':
        // Flooding would start again on a rejoin: stop and say why; a restart is waited out.
        if (message.reason === 'too_many_messages') return this.finish('failed', t('meeting.tooManyMessages'));
        return this.update({ notice: t('meeting.serverShutdown') });
      case 'pong':
        return;
      case 'assembly':
        return this.update({ assembly: message.assembly });
      case 'poll': {
        this.pollSinceOpen = true;
        const results = this.snapshot.pollResults;
        return this.update({ poll: message.poll, pollResults: results?.pollId === message.poll.pollId ? results : undefined });
      }
      case 'poll-results':
        return this.update({ pollResults: message.results });
      case 'notes-state':
        this.notesStateSinceOpen = true;
        return this.update({ notes: { locked: message.locked, kept: message.kept } });
      case 'notes-sync':
      case 'notes-awareness':
        for (const listener of this.notesListeners) listener.message(message);
        return;
      case 'presentation':
        this.presentationSinceOpen = true;
        return this.update({ presentation: message.presentation ?? undefined });
      case 'breakouts':
        this.breakoutsSinceOpen = true;
        return this.breakoutsChanged(message.breakouts ?? undefined);
      case 'breakout-ticket':
        return this.enterBreakout(message);
      case 'breakout-return':
        return this.returnFromBreakout(t('meeting.breakoutBroughtBack'));
      case 'breakouts-ending':
        return this.update({ breakoutsEnding: true });
      case 'breakout-broadcast':
        return this.update({ breakoutBroadcast: { fromName: message.fromName, text: message.text } });
      case 'presentation-ticket':
        for (const waiter of this.presentationTicketWaiters.splice(0)) waiter.resolve(message.ticket);
        return;
      case 'whiteboard-state':
        this.whiteboardStateSinceOpen = true;
        return this.update({ whiteboard: message.state });
      case 'whiteboard-sync':
        for (const listener of this.whiteboardListeners) listener.message(message);
        return;
      case 'poll-export':
        // With a byte order mark, so that spreadsheets read the accents as UTF-8.
        this.options.onExport?.('poll-results.csv', `\ufeff${message.csv}`);
        return;
      case 'e2ee-identities':
        return this.encryption?.session.identitiesReceived(message.identities);
      case 'e2ee-key':
        return this.encryption?.session.keyReceived(message.from, message.wrapped);
      case 'error':
        return this.serverError(message);
    }
  }

  private joined(message: Extract<ServerMessage, { type: 'joined' }>): void {
    if (!message.settings.endToEndEncrypted) return this.enter(message);
    // From now on nothing of this page goes out unencrypted (`pipeline`, `publish`, `sendChat`).
    this.encryptedMeeting = true;
    if (!canEncryptMedia()) return this.finish('failed', refusalText('encryption_unsupported', ''));
    if (this.encryption?.selfId === message.self.participantId) {
      this.encryption.session.resumed(message.participants.map((participant) => participant.participantId));
      return this.enter(message);
    }
    // A new participant (not a resumed one): new identity and keys, in place before any media flows.
    this.closeEncryption();
    const selfId = message.self.participantId;
    this.update({ encryption: { status: undefined, frames: undefined } });
    import('../e2ee/index.js')
      .then(async ({ createEncryption }) => {
        if (this.finished) return;
        const encryption = createEncryption({
          selfId,
          send: (reply) => this.send(reply),
          onStatus: (status) => this.update({ encryption: { status, frames: this.snapshot.encryption?.frames } }),
          onReport: (frames) => this.update({ encryption: { status: this.snapshot.encryption?.status, frames } }),
          isParticipant: (participantId) => this.remotes.has(participantId),
        });
        this.encryption = { ...encryption, selfId };
        this.pipeline = encryption.pipeline;
        await encryption.session.start();
        if (!this.finished) this.enter(message);
      })
      .catch((error: unknown) => {
        console.error('end-to-end encryption could not start', error);
        this.finish('failed', refusalText('encryption_unsupported', ''));
      });
  }

  private closeEncryption(): void {
    this.encryption?.session.close();
    this.encryption = undefined;
    this.pipeline = this.options.pipeline ?? plainMediaPipeline;
  }

  /** Enters the meeting as `joined` says, once the media pipeline is ready. */
  private enter(message: Extract<ServerMessage, { type: 'joined' }>): void {
    this.reconnectAttempt = 0;
    if (!message.resumed && !this.pollSinceOpen) this.update({ poll: undefined, pollResults: undefined });
    // The server's notes state came before `joined` if it is anything but the default.
    if (!this.notesStateSinceOpen) this.update({ notes: { locked: false, kept: false } });
    if (!message.resumed && !this.presentationSinceOpen) this.update({ presentation: undefined });
    // Breakout rooms open come before `joined`; none then means none (they may have closed while we were away).
    if (!message.resumed && !this.breakoutsSinceOpen)
      this.update({ breakouts: undefined, breakoutsEnding: false, breakoutBroadcast: undefined });
    // Whatever the notes sent or received while the socket was down is lost: an open notes panel opens them again.
    for (const listener of this.notesListeners) listener.rejoined();
    if (!this.whiteboardStateSinceOpen) this.update({ whiteboard: { everyoneMayDraw: false, blankShown: false } });
    for (const listener of this.whiteboardListeners) listener.rejoined();
    this.media.iceServers = message.iceServers;
    this.resumeToken = message.resumeToken;
    this.remotes.clear();
    for (const participant of message.participants) {
      this.remotes.set(participant.participantId, { summary: participant, camera: undefined, screen: undefined, reaction: undefined });
    }
    // A first join that asked for everyone's media (`subscribe` in `join`) gets an offer right after `joined`.
    const offerComing =
      this.snapshot.status === 'connecting' &&
      !this.visit &&
      !message.settings.endToEndEncrypted &&
      message.participants.some((participant) => participant.publishing || participant.sharingScreen);
    this.update({
      status: 'joined',
      self: message.self,
      media: message.self.media,
      settings: message.settings,
      chat: [],
      notice: undefined,
      answeringFirst: offerComing,
    });
    this.chatArrived(message.chat);
    this.applyLocalMedia();
    const chosen = this.mediaChosenBeforeJoined;
    this.mediaChosenBeforeJoined = undefined;
    if (chosen && (chosen.audioMuted !== message.self.media.audioMuted || chosen.videoMuted !== message.self.media.videoMuted)) {
      this.setMedia(chosen);
    }
    // In a breakout room, this meeting keeps our place without media until we come back.
    if (this.visit) return;
    // Others' media first (the server subscribed us at `joined` when our join asked; these say which streams we want).
    for (const participant of message.participants) this.subscribeToWhatIsLive(participant);
    const entry = ++this.entries;
    const startOwnMedia = () => {
      if (entry !== this.entries) return;
      if (this.snapshot.answeringFirst) this.update({ answeringFirst: false });
      // Up to the answer's wait after `joined`: the connection or the media server may have gone meanwhile.
      if (this.finished || this.visit || this.snapshot.status !== 'joined') return;
      this.publishCameraIfAllowed();
      this.monitor.start();
      this.speaking.start(message.self.speaking);
      if (this.snapshot.screen) void this.publish('screen');
    };
    // Our own publisher and the meeting's render wait until the offer is answered: both need this page's main thread.
    if (offerComing) void this.media.nextAnswer(answerFirstWaitMs).then(startOwnMedia);
    else startOwnMedia();
  }

  private finish(status: MeetingStatus, notice: string): void {
    this.shutdown();
    this.update({ status, notice });
  }

  private serverError(message: Extract<ServerMessage, { type: 'error' }>): void {
    if (message.inReplyTo === 'join') {
      if (this.resumeToken) {
        // The server forgot us (it restarted): join afresh.
        this.resumeToken = undefined;
      }
      // A plan's limit names the plan in the server's sentence (written in the page's language).
      this.finish('failed', refusalText(message.code, message.message));
      return this.update({ refusedFor: message.code });
    }
    // Speaking is best-effort: a refused report is not worth a notice.
    if (message.inReplyTo === 'subscribe' || message.inReplyTo === 'speaking') return;
    // A refused edit of the notes never reached the others: the open notes go back to the server's copy.
    if (message.inReplyTo === 'notes-sync') for (const listener of this.notesListeners) listener.refused(message.code);
    if (message.inReplyTo === 'whiteboard-sync') for (const listener of this.whiteboardListeners) listener.refused(message.code);
    if (message.inReplyTo === 'publish' && message.code === 'screen_share_taken') this.stopScreenShare();
    if (message.inReplyTo === 'presentation-ticket') {
      for (const waiter of this.presentationTicketWaiters.splice(0)) waiter.reject(new Error(message.code));
    }
    // The server's own sentence in English; the words for its code in other languages.
    this.update({ notice: refusalText(message.code, message.message, { preferServer: true }) });
  }

  private moderated(notice: 'muted' | 'ask-unmute' | 'camera-off' | 'hand-lowered' | 'role-changed', byName: string): void {
    if (notice === 'muted') this.setLocalMedia({ ...this.snapshot.media, audioMuted: true });
    if (notice === 'camera-off') this.setLocalMedia({ ...this.snapshot.media, videoMuted: true });
    if (notice === 'ask-unmute') return this.update({ askedToUnmute: true });
    const key = (
      {
        muted: 'meeting.mutedBy',
        'camera-off': 'meeting.cameraOffBy',
        'hand-lowered': 'meeting.handLoweredBy',
        'role-changed': 'meeting.roleChangedBy',
      } as const
    )[notice];
    this.update({ notice: t(key, { name: byName }) });
  }

  private showReaction(participantId: ParticipantId, reaction: Reaction): void {
    const remote = this.remotes.get(participantId);
    const isSelf = participantId === this.snapshot.self?.participantId;
    if (!remote && !isSelf) return;
    if (remote) remote.reaction = reaction;
    this.update(isSelf ? { reaction } : {});
    window.setTimeout(() => {
      if (remote?.reaction === reaction) remote.reaction = undefined;
      this.update(isSelf && this.snapshot.reaction === reaction ? { reaction: undefined } : {});
    }, reactionShownMs);
  }

  private participantUpdated(summary: ParticipantSummary): void {
    if (summary.participantId === this.snapshot.self?.participantId) {
      this.update({ self: summary, media: summary.media });
      this.applyLocalMedia();
      // Promoted to moderator in a speaker-only meeting: now publish.
      this.publishCameraIfAllowed();
      return;
    }
    const remote = this.remotes.get(summary.participantId);
    if (!remote) return;
    if (summary.speaking) remote.lastSpokeAtMs = Date.now();
    remote.summary = summary;
    this.subscribeToWhatIsLive(summary);
    if (!summary.publishing) this.closeSubscription(summary.participantId, 'camera');
    if (!summary.sharingScreen) this.closeSubscription(summary.participantId, 'screen');
    this.update({});
  }

  private speakingChanged(changes: readonly { participantId: ParticipantId; speaking: boolean }[]): void {
    let self = this.snapshot.self;
    for (const { participantId, speaking } of changes) {
      if (self?.participantId === participantId) self = { ...self, speaking };
      const remote = this.remotes.get(participantId);
      if (!remote) continue;
      if (speaking) remote.lastSpokeAtMs = Date.now();
      remote.summary = { ...remote.summary, speaking };
    }
    this.update({ self });
  }

  private subscribeToWhatIsLive(summary: ParticipantSummary): void {
    if (summary.publishing) this.subscribe(summary.participantId, 'camera');
    if (summary.sharingScreen) this.subscribe(summary.participantId, 'screen');
  }

  /**
   * Publishes our camera and microphone unless both are locked for us (a speaker-only meeting:
   * viewers send nothing, so they cost no publisher connection, until unlocked or promoted).
   */
  private publishCameraIfAllowed(): void {
    const locked = this.snapshot.settings?.lockedForViewers;
    const speakerOnly = this.snapshot.self?.role !== 'moderator' && locked?.microphone === true && locked.camera === true;
    if (this.snapshot.status === 'joined' && !speakerOnly && !this.visit) void this.publish('camera');
  }

  private publish(source: MediaSource): Promise<void> {
    // An encrypted meeting's media waits for its keys (`joined` publishes once they are ready).
    if ((this.encryptedMeeting && !this.encryption) || this.visit) return Promise.resolve();
    return this.media.publish(source, source === 'camera' ? this.options.localStream : this.snapshot.screen);
  }

  private subscribe(participantId: ParticipantId, source: MediaSource): void {
    if (!this.visit) this.media.subscribe(participantId, source);
  }

  /** The subscription's streams changed: each remote participant's camera and screen as received now. */
  private remoteStreamsChanged(): void {
    for (const [participantId, remote] of this.remotes) {
      remote.camera = this.media.remoteStream(participantId, 'camera');
      remote.screen = this.media.remoteStream(participantId, 'screen');
    }
    this.update({});
  }

  private closeSubscription(participantId: ParticipantId, source: MediaSource): void {
    this.media.forget(participantId, source);
    const remote = this.remotes.get(participantId);
    if (remote) remote[source] = undefined;
  }

  private teardownMedia(): void {
    this.monitor.stop();
    this.speaking.stop();
    this.poorSamples = 0;
    this.media.closeAll();
    for (const remote of this.remotes.values()) {
      remote.camera = undefined;
      remote.screen = undefined;
    }
  }

  private applyLocalMedia(): void {
    // In a breakout room its meeting's controller drives the shared camera and microphone.
    if (this.visit) return;
    for (const track of this.options.localStream?.getAudioTracks() ?? []) track.enabled = !this.snapshot.media.audioMuted;
    for (const track of this.options.localStream?.getVideoTracks() ?? []) track.enabled = !this.snapshot.media.videoMuted;
  }

  private setLocalMedia(media: MediaState): void {
    this.current.value = { ...this.snapshot, media, ...(media.audioMuted ? {} : { askedToUnmute: false }) };
    this.applyLocalMedia();
    this.update({});
  }

  /** Mutes or unmutes the microphone or camera and tells the others (once joined, if it is not yet). */
  setMedia(media: MediaState): void {
    if (this.snapshot.status !== 'joined') this.mediaChosenBeforeJoined = media;
    this.setLocalMedia(media);
    this.send({ type: 'media-state', media });
  }

  /** Raises or lowers our hand. */
  setHand(raised: boolean): void {
    this.send({ type: 'hand', raised });
  }

  /** Shows a reaction on our tile for everyone. */
  react(reaction: Reaction): void {
    this.send({ type: 'react', reaction });
  }

  /** Sends a chat message to everyone (`to` null) or to one participant; sealed first in an encrypted meeting. */
  sendChat(to: ParticipantId | null, text: string): void {
    const encryption = this.encryption;
    if (!this.encryptedMeeting) return this.send({ type: 'chat-send', to, text });
    if (!encryption) return this.update({ notice: t('meeting.chatNotSealed') });
    encryption.session.sealChat(text, to).then(
      (sealed) => this.send({ type: 'chat-send', to, sealed }),
      () => this.update({ notice: t('meeting.chatNotSealed') }),
    );
  }

  /**
   * A chat message as the page shows it. In an encrypted meeting: sealed ones opened (one we hold
   * no key for says so; one seen before is dropped), one in clear from a participant dropped (only
   * the server could have made it), one in clear from outside the meeting marked as not encrypted.
   */
  private async openChatMessage(message: ChatMessage): Promise<ChatMessage | undefined> {
    if (!this.encryptedMeeting) return message;
    if (!message.sealed)
      return message.fromId === null ? { ...message, text: t('meeting.chatNotEncrypted', { text: message.text }) } : undefined;
    const opened = message.fromId ? await this.encryption?.session.openChat(message.text, message.fromId, message.toId) : undefined;
    if (opened && !opened.ok && opened.reason === 'replayed') return undefined;
    return { ...message, text: opened?.ok ? opened.text : t('meeting.chatUnreadable') };
  }

  /** Adds messages to the chat in order, opening sealed ones (one we hold no key for says so instead). */
  private chatArrived(messages: ChatMessage[]): void {
    this.chatQueue = this.chatQueue.then(async () => {
      const opened: ChatMessage[] = [];
      for (const message of messages) {
        const shown = await this.openChatMessage(message);
        if (shown) opened.push(shown);
      }
      if (opened.length > 0) this.update({ chat: [...this.snapshot.chat, ...opened] });
    });
  }

  /** The chair's and the members' assembly messages (open, motions, votes, close); the server checks who may. */
  assembly(message: AssemblyMessage): void {
    this.send(message);
  }

  /** The shared notes' way to the server and back (the notes panel opens it while it shows). */
  readonly notesChannel: NotesChannel = {
    send: (message) => this.send(message),
    listen: (listener) => {
      this.notesListeners.add(listener);
      return () => this.notesListeners.delete(listener);
    },
  };

  /** A moderator locks or unlocks the shared notes, or keeps them with the room; the server checks who may. */
  notes(message: Extract<ClientMessage, { type: 'notes-lock' | 'notes-keep' }>): void {
    this.send(message);
  }

  /** The whiteboard's way to the server and back (opened while a board or an annotated page shows). */
  readonly whiteboardChannel: WhiteboardChannel = {
    send: (message) => this.send(message),
    listen: (listener) => {
      this.whiteboardListeners.add(listener);
      return () => this.whiteboardListeners.delete(listener);
    },
  };

  /** The presenter or a moderator lets everyone draw, clears a board, or shows the blank board; the server checks who may. */
  whiteboard(message: Extract<ClientMessage, { type: 'whiteboard-settings' | 'whiteboard-clear' | 'whiteboard-blank' }>): void {
    this.send(message);
  }

  /** A poll message: a moderator asks (`poll-open`), closes, publishes or exports (`poll-action`); anyone answers once (`poll-answer`). The server checks who may. */
  poll(message: PollMessage): void {
    this.send(message);
  }

  /** A presentation message: the presenter pages or zooms; the presenter or a moderator hands over, allows downloads or closes. The server checks who may. */
  presentation(message: PresentationMessage): void {
    this.send(message);
  }

  /** A moderator's ticket to upload a PDF (`POST /api/rooms/<room>/presentations`); rejected with the server's code when refused. */
  presentationTicket(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.presentationTicketWaiters.push({ resolve, reject });
      this.send({ type: 'presentation-ticket' });
    });
  }

  /** A moderator action; the server checks it. */
  moderate(moderation: Moderation): void {
    this.send({ type: 'moderate', moderation });
  }

  /** Asks for the given layer of a remote camera (0 low … 2 high, null = no video). */
  setVideoLayer(participantId: ParticipantId, layer: VideoLayer): void {
    this.media.setVideoLayer(participantId, layer);
  }

  /** The layer new camera subscriptions start on, before their tile is measured (the layout's guess). */
  setDefaultVideoLayer(layer: VideoLayer): void {
    this.media.defaultLayer = layer;
  }

  /** Starts sharing `stream` (from getDisplayMedia). */
  startScreenShare(stream: MediaStream): void {
    this.update({ screen: stream });
    for (const track of stream.getVideoTracks()) track.addEventListener('ended', () => this.stopScreenShare());
    void this.publish('screen');
  }

  /** Stops sharing the screen. */
  stopScreenShare(): void {
    const stream = this.snapshot.screen;
    if (!stream) return;
    for (const track of stream.getTracks()) track.stop();
    this.media.unpublish('screen');
    this.update({ screen: undefined });
  }

  /** Shows `notice` (a sentence for the person) in the notice line. */
  showNotice(notice: string): void {
    this.update({ notice });
  }

  /** Clears the notice line. */
  dismissNotice(): void {
    this.update({ notice: undefined, askedToUnmute: false });
  }

  /** Hides the poor-connection hint until the connection has been good again. */
  dismissPoorConnection(): void {
    this.poorHintDismissed = true;
    this.update({ poorConnection: false });
  }

  /** Takes a round of connection samples: the tiles' indicators, the poor-connection hint, and now and then a report to the server. */
  private sampled(sample: QualitySample): void {
    const self = sample.self;
    this.poorSamples = self?.level === 'poor' ? this.poorSamples + 1 : 0;
    if (self?.level === 'good') this.poorHintDismissed = false;
    const poorConnection =
      !this.poorHintDismissed && (this.poorSamples >= poorSamplesBeforeHint || (this.snapshot.poorConnection && self?.level !== 'good'));
    this.update({ quality: { self, remotes: sample.remotes }, poorConnection });
    const nowMs = performance.now();
    if (self && nowMs - this.networkReportedAtMs >= networkReportIntervalMs) {
      this.networkReportedAtMs = nowMs;
      this.send({ type: 'connection-quality', quality: networkReportOf(self) });
    }
  }

  /** Sends a breakout rooms' message (the breakout panel's), on this, the main meeting's, socket. */
  breakoutRooms(message: BreakoutMessage): void {
    this.send(message);
  }

  private breakoutsChanged(breakouts: BreakoutsView | undefined): void {
    this.update({ breakouts, ...(breakouts ? {} : { breakoutsEnding: false, breakoutBroadcast: undefined }) });
    if (!breakouts) this.returnFromBreakout(t('meeting.breakoutsClosed'));
  }

  /**
   * Goes to a breakout room with the ticket the main meeting gave: this meeting stops sending and
   * receiving media (our place is kept), and a second controller joins the room's meeting with the
   * same camera and microphone. From another breakout room, that one is left first.
   */
  private enterBreakout(ticket: Extract<ServerMessage, { type: 'breakout-ticket' }>): void {
    if (this.finished) return;
    const media = this.visit?.controller.state.peek().media ?? this.snapshot.media;
    if (this.visit) this.closeVisit();
    else this.stopMediaForBreakout();
    const controller = new MeetingController({
      ...this.options,
      roomId: ticket.roomId,
      breakoutTicket: ticket.ticket,
      accessCode: undefined,
      grant: undefined,
      // A socket of its own: the one the pre-join screen opened is this meeting's.
      socket: undefined,
      media,
    });
    // The room's meeting ends (the rooms closed), we leave it, or it refuses us: back to this one.
    let over = false;
    const unwatch = effect(() => {
      const { status, notice } = controller.state.value;
      if (over || !['left', 'denied', 'removed', 'ended', 'failed'].includes(status)) return;
      over = true;
      queueMicrotask(() => {
        // The rooms closing ends the room's meeting: the same words as when the main meeting says so first.
        if (this.visit?.controller === controller)
          this.returnFromBreakout(status === 'ended' ? t('meeting.breakoutsClosed') : notice || undefined);
      });
    });
    this.visit = { room: ticket.room, name: ticket.name, roomId: ticket.roomId, controller, unwatch };
    // From now on this meeting's notices (a refused breakout message) show in the breakout bar.
    this.update({ breakout: { room: ticket.room, name: ticket.name, roomId: ticket.roomId, controller }, notice: undefined });
    controller.start();
  }

  /** This meeting's media stops while we are in a breakout room: nothing published, nothing received. */
  private stopMediaForBreakout(): void {
    if (this.snapshot.screen) this.stopScreenShare();
    if (this.snapshot.status === 'joined') this.media.unpublish('camera');
    this.teardownMedia();
  }

  /** Leaves the breakout room we are in, if any, and takes our place in this meeting's media again. */
  returnFromBreakout(notice?: string): void {
    const visit = this.visit;
    if (!visit) return;
    const media = visit.controller.state.peek().media;
    this.closeVisit();
    this.update({ breakout: undefined, ...(notice ? { notice } : {}) });
    if (this.snapshot.status !== 'joined') return;
    this.setMedia(media);
    this.publishCameraIfAllowed();
    this.monitor.start();
    this.speaking.start(false);
    for (const remote of this.remotes.values()) this.subscribeToWhatIsLive(remote.summary);
  }

  private closeVisit(): void {
    const visit = this.visit;
    this.visit = undefined;
    visit?.unwatch();
    visit?.controller.dispose();
  }

  /** Leaves the meeting; the camera and microphone stay open for a rejoin until `dispose()`. */
  leave(): void {
    this.send({ type: 'leave' });
    this.finish('left', '');
    this.update({ notice: undefined });
  }

  private shutdown(): void {
    window.clearTimeout(this.reconnectTimer);
    this.warmSocket?.close();
    this.warmSocket = undefined;
    this.closeVisit();
    this.teardownMedia();
    this.closeEncryption();
    for (const track of this.snapshot.screen?.getTracks() ?? []) track.stop();
    this.remotes.clear();
    this.signaling?.close();
    this.signaling = undefined;
  }

  /** Leaves and releases everything. Idempotent. */
  dispose(): void {
    if (!this.finished) this.send({ type: 'leave' });
    this.shutdown();
  }
}
