/**
 * One person in a live meeting. Owns its publisher handles (camera, screen) and its
 * subscriptions to others' streams; `close()` is idempotent, closes all of them, and tells the room.
 */
import { randomBytes } from 'node:crypto';
import { customAlphabet } from 'nanoid';
import { type ParticipantId, ParticipantIdSchema } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { IceCandidate, MediaSource, MediaState, ParticipantSummary, Role, ServerMessage } from '../../../shared/protocol.js';
import type { PublisherHandle, SubscriberHandle } from '../../media/index.js';
import { TokenBucket } from '../../platform/token-bucket.js';

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

/** The key of a subscription: whose stream, which source. */
export type SubscriptionKey = `${ParticipantId}/${MediaSource}`;
export const subscriptionKey = (participantId: ParticipantId, source: MediaSource): SubscriptionKey => `${participantId}/${source}`;

/** A publisher of one source, with its state. */
export interface Publication {
  handle: PublisherHandle | undefined;
  /** A publish in progress, so that a second one cannot race the first. */
  pending: Promise<unknown> | undefined;
  /** True once Janus reports the PeerConnection up. */
  live: boolean;
  /** Browser candidates that arrived before the handle existed. */
  earlyCandidates: IceCandidate[];
  /** What Janus was last told to drop of this publisher's streams. */
  blocked: { audio: boolean; video: boolean };
}

export class LiveParticipant {
  readonly id = newParticipantId();
  /** Lets the same person take this place back after a dropped connection. */
  readonly resumeToken = randomBytes(24).toString('base64url');
  readonly publications: Record<MediaSource, Publication> = {
    camera: { handle: undefined, pending: undefined, live: false, earlyCandidates: [], blocked: { audio: false, video: false } },
    screen: { handle: undefined, pending: undefined, live: false, earlyCandidates: [], blocked: { audio: false, video: false } },
  };
  /** Subscriptions to other participants' streams. */
  readonly subscriptions = new Map<SubscriptionKey, SubscriberHandle>();
  handRaisedAtMs: number | null = null;
  speaking = false;
  /** The connection dropped; the room keeps the place for `limits.reconnectGraceMs`. */
  reconnecting = false;
  reconnectTimer: NodeJS.Timeout | undefined;
  readonly chatBucket = new TokenBucket(limits.chatMessagesPerSecondMax, limits.chatBurstMessages);
  readonly gestureBucket = new TokenBucket(limits.gesturesPerSecondMax, limits.gestureBurst);
  private isClosed = false;

  constructor(
    readonly displayName: string,
    public role: Role,
    public media: MediaState,
    public connection: ParticipantConnection | undefined,
    /** A stable id of the person's browser, to keep a meeting ban; may be absent. */
    readonly clientId: string | undefined,
    private readonly onClose: (participant: LiveParticipant) => void,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  get isModerator(): boolean {
    return this.role === 'moderator';
  }

  /** What others see of this participant. */
  summary(): ParticipantSummary {
    return {
      participantId: this.id,
      displayName: this.displayName,
      role: this.role,
      media: this.media,
      publishing: this.publications.camera.live,
      sharingScreen: this.publications.screen.live,
      handRaisedAtMs: this.handRaisedAtMs,
      speaking: this.speaking,
      reconnecting: this.reconnecting,
    };
  }

  /** Sends a message if the participant is connected. */
  send(message: ServerMessage): void {
    if (!this.isClosed) this.connection?.send(message);
  }

  /** Replaces the subscription under `key`, closing any earlier one. */
  setSubscription(key: SubscriptionKey, handle: SubscriberHandle): void {
    const previous = this.subscriptions.get(key);
    if (previous && previous !== handle) void previous.close();
    this.subscriptions.set(key, handle);
    handle.once('closed', () => {
      if (this.subscriptions.get(key) === handle) this.subscriptions.delete(key);
    });
  }

  /** Closes the subscription under `key`, if any. */
  closeSubscription(key: SubscriptionKey): void {
    const handle = this.subscriptions.get(key);
    this.subscriptions.delete(key);
    if (handle) void handle.close();
  }

  /** Closes every subscription to `publisherId`'s streams. */
  closeSubscriptionsTo(publisherId: ParticipantId): void {
    this.closeSubscription(subscriptionKey(publisherId, 'camera'));
    this.closeSubscription(subscriptionKey(publisherId, 'screen'));
  }

  /** Closes all own media (publishers and subscriptions), keeping the participant. */
  closeMedia(): void {
    for (const key of [...this.subscriptions.keys()]) this.closeSubscription(key);
    for (const publication of Object.values(this.publications)) {
      const handle = publication.handle;
      publication.handle = undefined;
      publication.pending = undefined;
      publication.live = false;
      publication.blocked = { audio: false, video: false };
      publication.earlyCandidates.length = 0;
      if (handle) void handle.close();
    }
  }

  /** Forgets every media handle without asking Janus (used when Janus itself went away). */
  dropMedia(): void {
    for (const publication of Object.values(this.publications)) {
      publication.handle = undefined;
      publication.pending = undefined;
      publication.live = false;
      publication.blocked = { audio: false, video: false };
      publication.earlyCandidates.length = 0;
    }
    this.subscriptions.clear();
  }

  /** Closes every media handle and leaves the room. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    clearTimeout(this.reconnectTimer);
    this.closeMedia();
    this.onClose(this);
  }
}
