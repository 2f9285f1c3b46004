/**
 * One person in a live meeting. Owns its publisher handle and its subscriptions to others;
 * `close()` is idempotent, closes all of them, and tells the room.
 */
import { customAlphabet } from 'nanoid';
import { type ParticipantId, ParticipantIdSchema } from '../../../shared/ids.js';
import type { IceCandidate, MediaState, ParticipantSummary, ServerMessage } from '../../../shared/protocol.js';
import type { PublisherHandle, SubscriberHandle } from '../../media/index.js';

const participantIdSuffix = customAlphabet('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 16);

/** Makes a fresh participant id, e.g. `p_Xq3…`. */
export function newParticipantId(): ParticipantId {
  return ParticipantIdSchema.parse(`p_${participantIdSuffix()}`);
}

/** Where a participant's messages go: its WebSocket, seen from the meeting. */
export interface ParticipantConnection {
  send(message: ServerMessage): void;
}

export class LiveParticipant {
  readonly id = newParticipantId();
  /** The publisher handle, once the participant has started publishing. */
  publisher: PublisherHandle | undefined;
  /** A publish in progress, so that a second `publish` cannot race the first. */
  publishing: Promise<unknown> | undefined;
  /** Browser candidates that arrived before the publisher handle existed (at most `candidatesQueuedMax`). */
  readonly earlyPublisherCandidates: IceCandidate[] = [];
  /** True once Janus reports the publisher's PeerConnection up. */
  streamsLive = false;
  /** Subscriptions to other participants' streams, by whose they are. */
  readonly subscriptions = new Map<ParticipantId, SubscriberHandle>();
  private isClosed = false;

  constructor(
    readonly displayName: string,
    public media: MediaState,
    readonly connection: ParticipantConnection,
    private readonly onClose: (participant: LiveParticipant) => void,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  /** What others see of this participant. */
  summary(): ParticipantSummary {
    return { participantId: this.id, displayName: this.displayName, media: this.media, publishing: this.streamsLive };
  }

  /** Sends a message if the participant is still here. */
  send(message: ServerMessage): void {
    if (!this.isClosed) this.connection.send(message);
  }

  /** Replaces the subscription to `publisherId`, closing any earlier one. */
  setSubscription(publisherId: ParticipantId, handle: SubscriberHandle): void {
    const previous = this.subscriptions.get(publisherId);
    if (previous && previous !== handle) void previous.close();
    this.subscriptions.set(publisherId, handle);
    handle.once('closed', () => {
      if (this.subscriptions.get(publisherId) === handle) this.subscriptions.delete(publisherId);
    });
  }

  /** Closes the subscription to `publisherId`, if any. */
  closeSubscription(publisherId: ParticipantId): void {
    const handle = this.subscriptions.get(publisherId);
    this.subscriptions.delete(publisherId);
    if (handle) void handle.close();
  }

  /** Forgets every media handle without asking Janus (used when Janus itself went away). */
  dropMedia(): void {
    this.publisher = undefined;
    this.publishing = undefined;
    this.streamsLive = false;
    this.earlyPublisherCandidates.length = 0;
    this.subscriptions.clear();
  }

  /** Closes every media handle and leaves the room. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const publisherId of [...this.subscriptions.keys()]) this.closeSubscription(publisherId);
    const publisher = this.publisher;
    this.publisher = undefined;
    if (publisher) void publisher.close();
    this.onClose(this);
  }
}
