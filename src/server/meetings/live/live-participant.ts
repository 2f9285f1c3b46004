/**
 * One person in a live meeting. Owns its publications (camera, screen) and its subscriptions to
 * others' streams; `close()` is idempotent, closes all of them, and tells the room. Its state is
 * private: others read it through `ParticipantView`, and only the room (through its commands)
 * changes it.
 */
import { randomBytes } from 'node:crypto';
import { customAlphabet } from 'nanoid';
import { type ParticipantId, ParticipantIdSchema } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type {
  IceCandidate,
  MediaSource,
  MediaState,
  NetworkReport,
  ParticipantSummary,
  Role,
  ServerMessage,
} from '../../../shared/protocol.js';
import type { ScheduledCall } from '../../platform/clock.js';
import { TokenBucket } from '../../platform/token-bucket.js';
import type { MediaPublisher } from './media-server.js';
import { ParticipantSubscription, streamKey } from './participant-subscription.js';

const participantIdSuffix = customAlphabet('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 16);

/** Makes a fresh participant id, e.g. `p_Xq3…`. */
export function newParticipantId(): ParticipantId {
  return ParticipantIdSchema.parse(`p_${participantIdSuffix()}`);
}

/** Where a participant's messages go: its WebSocket, seen from the meeting. */
export interface ParticipantConnection {
  send(message: ServerMessage): void;
  /** Closes the connection after the messages already sent (removal, denial, end). */
  disconnect(): void;
  /** A moderator let this participant in from the waiting room. */
  admitted(): void;
}

/** A publisher of one source, with its state (kept by the participant, driven by `RoomMedia`). */
export interface Publication {
  handle: MediaPublisher | undefined;
  /** A publish in progress, so that a second one cannot race the first. */
  pending: Promise<unknown> | undefined;
  /** True once the media server reports the PeerConnection up. */
  live: boolean;
  /** Browser candidates that arrived before the handle existed. */
  earlyCandidates: IceCandidate[];
  /** What the media server was last told to drop of this publisher's streams. */
  blocked: { audio: boolean; video: boolean };
  /** How many times it was emptied (connection lost or resumed, media server gone): a publish in flight that sees it change was overtaken. */
  resets: number;
}

const emptyPublication = (): Publication => ({
  handle: undefined,
  pending: undefined,
  live: false,
  earlyCandidates: [],
  blocked: { audio: false, video: false },
  resets: 0,
});

/** Empties a publication in place (a publish in flight holds the same object). */
function resetPublication(publication: Publication): void {
  publication.handle = undefined;
  publication.pending = undefined;
  publication.live = false;
  publication.blocked = { audio: false, video: false };
  publication.earlyCandidates.length = 0;
  publication.resets += 1;
}

/** What anyone outside the room may read of a participant: a read-only view. */
export interface ParticipantView {
  readonly id: ParticipantId;
  readonly displayName: string;
  /** The signed-in person behind this participant, verified from their session; `undefined` for a guest. */
  readonly personId: string | undefined;
  /** The browser's own stable id (its word, unverified), the same across its joins; `undefined` if it sent none. */
  readonly clientId: string | undefined;
  /** Who an integration that let this participant in says they are (a BigBlueButton join's `userID` and `userdata-*`); `undefined` otherwise. */
  readonly external: ExternalIdentity | undefined;
  readonly role: Role;
  readonly isModerator: boolean;
  readonly media: Readonly<MediaState>;
  /** When the hand went up (room clock), or `null`. */
  readonly handRaisedAtMs: number | null;
  readonly speaking: boolean;
  /** The connection dropped; the room keeps the place for the grace period. */
  readonly reconnecting: boolean;
  /** The camera is published and live. */
  readonly publishing: boolean;
  /** How the participant's own connection fared at their browser's latest report; `undefined` before one. */
  readonly network: Readonly<NetworkReport> | undefined;
  /** The screen is published and live. */
  readonly sharingScreen: boolean;
  /** Lets the same person take this place back after a dropped connection. */
  readonly resumeToken: string;
  readonly closed: boolean;
  /** What others see of this participant (a fresh snapshot). */
  summary(): ParticipantSummary;
}

/**
 * Who an integration says a participant is, as it gave it when it let them in: its own id for the
 * person and the data it attached (shown back to the integration, never to other participants).
 */
export interface ExternalIdentity {
  userId: string;
  data: Readonly<Record<string, string>>;
}

/** What a participant starts with. */
export interface ParticipantInit {
  displayName: string;
  role: Role;
  media: MediaState;
  connection: ParticipantConnection;
  /** A stable id of the person's browser, to keep a meeting ban; may be absent. */
  clientId: string | undefined;
  /** The signed-in person, verified from their session; absent for a guest. */
  personId?: string | undefined;
  /** Who the integration that let them in says they are; absent when none did. */
  external?: ExternalIdentity | undefined;
  /** The id and resume token of the participant this one continues (its meeting moved to this instance); absent: new ones. */
  continues?: { id: ParticipantId; resumeToken: string } | undefined;
}

export class LiveParticipant implements ParticipantView {
  readonly id: ParticipantId;
  readonly resumeToken: string;
  readonly displayName: string;
  readonly clientId: string | undefined;
  readonly personId: string | undefined;
  readonly external: ExternalIdentity | undefined;
  #role: Role;
  #media: Readonly<MediaState>;
  #connection: ParticipantConnection | undefined;
  #handRaisedAtMs: number | null = null;
  #network: NetworkReport | undefined;
  /** What the browser last said of its own speaking. */
  #speaking = false;
  #reconnectTimer: ScheduledCall | undefined;
  #closed = false;
  readonly #publications: Record<MediaSource, Publication> = { camera: emptyPublication(), screen: emptyPublication() };
  /** This participant's one subscription to the others' streams (driven by `RoomMedia`). */
  readonly subscription = new ParticipantSubscription((message) => this.send(message));
  readonly #gestures = new TokenBucket(limits.gesturesPerSecondMax, limits.gestureBurst);
  readonly #speakingReports = new TokenBucket(limits.speakingReportsPerSecondMax, limits.speakingReportBurst);
  readonly #onClose: (participant: LiveParticipant) => void;

  /** Made by the room only (`LiveRoom.join`); `onClose` tells the room. */
  constructor(init: ParticipantInit, onClose: (participant: LiveParticipant) => void) {
    this.id = init.continues?.id ?? newParticipantId();
    this.resumeToken = init.continues?.resumeToken ?? randomBytes(24).toString('base64url');
    this.displayName = init.displayName;
    this.clientId = init.clientId;
    this.personId = init.personId;
    this.external = init.external;
    this.#role = init.role;
    this.#media = init.media;
    this.#connection = init.connection;
    this.#onClose = onClose;
  }

  get role(): Role {
    return this.#role;
  }
  get isModerator(): boolean {
    return this.#role === 'moderator';
  }
  get media(): Readonly<MediaState> {
    return this.#media;
  }
  get network(): Readonly<NetworkReport> | undefined {
    return this.#network;
  }
  /** Keeps the browser's latest report on its own connection. */
  setNetwork(report: NetworkReport): void {
    this.#network = report;
  }
  get handRaisedAtMs(): number | null {
    return this.#handRaisedAtMs;
  }
  /** Heard speaking: the browser says so, and its microphone is live and unmuted. */
  get speaking(): boolean {
    return this.#speaking && this.publishing && !this.#media.audioMuted;
  }
  get reconnecting(): boolean {
    return this.#reconnectTimer !== undefined;
  }
  get publishing(): boolean {
    return this.#publications.camera.live;
  }
  get sharingScreen(): boolean {
    return this.#publications.screen.live;
  }
  get closed(): boolean {
    return this.#closed;
  }
  /** The current connection; `undefined` while reconnecting. */
  get connection(): ParticipantConnection | undefined {
    return this.#connection;
  }

  summary(): ParticipantSummary {
    return {
      participantId: this.id,
      displayName: this.displayName,
      role: this.#role,
      media: { ...this.#media },
      publishing: this.publishing,
      sharingScreen: this.sharingScreen,
      handRaisedAtMs: this.#handRaisedAtMs,
      speaking: this.speaking,
      reconnecting: this.reconnecting,
    };
  }

  // ---- changed by the room and its parts only ----------------------------------------------

  setRole(role: Role): void {
    this.#role = role;
  }
  /** A muted microphone is not speaking any more (everyone learns it with the new state). */
  setMedia(media: MediaState): void {
    this.#media = { audioMuted: media.audioMuted, videoMuted: media.videoMuted };
    if (media.audioMuted) this.#speaking = false;
  }
  setHand(raisedAtMs: number | null): void {
    this.#handRaisedAtMs = raisedAtMs;
  }
  /** What the browser last said of its speaking (heard only while `speaking` allows). */
  setSpeaking(speaking: boolean): void {
    this.#speaking = speaking;
  }
  /** Takes one token of the speaking-report rate; false when spent. */
  takeSpeakingReport(): boolean {
    return this.#speakingReports.take();
  }
  /** Takes one token of the gesture rate (media state, hands, reactions); false when spent. */
  takeGesture(): boolean {
    return this.#gestures.take();
  }
  /** The publication of `source` (driven by `RoomMedia`). */
  publication(source: MediaSource): Publication {
    return this.#publications[source];
  }

  /** Sends a message if the participant is connected. */
  send(message: ServerMessage): void {
    if (!this.#closed) this.#connection?.send(message);
  }
  /** Closes the connection after what was sent (removal, denial, end). */
  disconnect(): void {
    this.#connection?.disconnect();
  }
  /** Tells the connection a moderator admitted this participant. */
  admitted(): void {
    this.#connection?.admitted();
  }

  /** The connection dropped: keep the place (reconnecting) until `expiry` fires or `resume`. */
  connectionLost(expiry: ScheduledCall): void {
    this.#connection = undefined;
    this.#reconnectTimer?.cancel();
    this.#reconnectTimer = expiry;
    this.closeMedia();
  }

  /** A new connection takes this place back; the earlier one (if any, and different) is closed. */
  resume(connection: ParticipantConnection): void {
    const previous = this.#connection;
    this.#connection = connection;
    if (previous && previous !== connection) previous.disconnect();
    this.#reconnectTimer?.cancel();
    this.#reconnectTimer = undefined;
    this.closeMedia();
  }

  /** Closes every subscription to `publisherId`'s streams. */
  closeSubscriptionsTo(publisherId: ParticipantId): void {
    this.subscription.drop(streamKey(publisherId, 'camera'));
    this.subscription.drop(streamKey(publisherId, 'screen'));
  }

  /** Closes all own media (publishers and subscriptions), keeping the participant; their browser says anew whether they speak. */
  closeMedia(): void {
    this.#speaking = false;
    this.subscription.close();
    for (const publication of Object.values(this.#publications)) {
      const handle = publication.handle;
      resetPublication(publication);
      if (handle) void handle.close();
    }
  }

  /** Forgets every media handle without asking the media server (used when it went away). */
  dropMedia(): void {
    for (const publication of Object.values(this.#publications)) resetPublication(publication);
    this.subscription.forget();
    this.#speaking = false;
  }

  /** Closes every media handle and leaves the room. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#reconnectTimer?.cancel();
    this.closeMedia();
    this.#onClose(this);
  }
}
