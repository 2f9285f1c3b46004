/**
 * Publisher handles in a Janus videoroom (subscriptions: `janus-subscription.ts`). Each wraps one janode handle,
 * parses Janus's replies, and closes idempotently (detaching the handle from Janus).
 */
import Janode from 'janode';
import type { VideoRoomHandle } from 'janode/plugins/videoroom';
import { z } from 'zod';
import type { IceCandidate, SessionDescription } from '../../shared/protocol.js';
import { TypedEmitter } from '../platform/typed-emitter.js';
import { janusDisplayOf } from './janus-display.js';

export const JsepSchema = z.object({ type: z.enum(['offer', 'answer']), sdp: z.string().min(1) });
const PublisherJoinedSchema = z.object({ feed: z.number().int(), private_id: z.number().int() });
const ConfiguredSchema = z.object({
  jsep: JsepSchema,
  streams: z.array(z.object({ mid: z.string(), type: z.string() }).passthrough()).optional(),
});
const JanusTrickleSchema = z.object({
  candidate: z.string().optional(),
  sdpMid: z.string().optional(),
  sdpMLineIndex: z.number().int().optional(),
  completed: z.boolean().optional(),
});

/** Events of a media handle. */
export type MediaHandleEvents = {
  /** Janus reports the PeerConnection is up (DTLS done). */
  'webrtc-up': [];
  /** The PeerConnection went away on Janus's side (ICE failure, hang-up, detach). */
  hangup: [reason: string];
  /** Janus's own ICE candidate for this connection; `null` when it has finished gathering. */
  candidate: [candidate: IceCandidate];
  /** The handle was closed (by us or by Janus). */
  closed: [];
};

/** Janus's trickle event as a candidate (`null`: gathering finished); `undefined` for anything else. */
export function candidateOfTrickle(data: unknown): IceCandidate | undefined {
  const parsed = JanusTrickleSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const { candidate, sdpMid, sdpMLineIndex } = parsed.data;
  return candidate === undefined ? null : { candidate, sdpMid: sdpMid ?? null, sdpMLineIndex: sdpMLineIndex ?? null };
}

/** One janode handle: its events, trickling both ways, idempotent close. */
export abstract class MediaHandle extends TypedEmitter<MediaHandleEvents> {
  private isClosed = false;
  /**
   * Janus's candidates that came before anyone listened — a subscription's arrive while it joins,
   * before its offer is even returned — handed to the first `candidate` listener. Without them a
   * browser knows Janus only from Janus's own connectivity checks and cannot try a relayed path.
   */
  private unheardCandidates: IceCandidate[] | undefined = [];

  protected constructor(protected readonly handle: VideoRoomHandle) {
    super();
    handle.on(Janode.EVENT.HANDLE_WEBRTCUP, () => this.emit('webrtc-up'));
    handle.on(Janode.EVENT.HANDLE_HANGUP, (data: { reason?: unknown }) =>
      this.emit('hangup', typeof data?.reason === 'string' ? data.reason : 'hangup'),
    );
    handle.on(Janode.EVENT.HANDLE_ICE_FAILED, () => this.emit('hangup', 'ice failed'));
    handle.on(Janode.EVENT.HANDLE_TRICKLE, (data: unknown) => this.receiveTrickle(data));
    handle.once(Janode.EVENT.HANDLE_DETACHED, () => void this.close());
  }

  /** Passes on one of Janus's trickle events, or keeps it until someone listens. */
  protected receiveTrickle(data: unknown): void {
    const candidate = candidateOfTrickle(data);
    if (candidate === undefined) return;
    if (this.unheardCandidates) this.unheardCandidates.push(candidate);
    else this.emit('candidate', candidate);
  }

  /** Adds a listener; the first `candidate` listener first gets the candidates that came before it. */
  override on<Name extends keyof MediaHandleEvents>(event: Name, listener: (...args: MediaHandleEvents[Name]) => void): () => void {
    const remove = super.on(event, listener);
    const unheard = event === 'candidate' ? this.unheardCandidates : undefined;
    if (unheard) {
      this.unheardCandidates = undefined;
      for (const candidate of unheard) this.emit('candidate', candidate);
    }
    return remove;
  }

  /** True once closed. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Passes a browser's ICE candidate to Janus; `null` means the browser finished gathering. */
  async trickle(candidate: IceCandidate): Promise<void> {
    if (this.isClosed) return;
    if (candidate === null || candidate.candidate === '') await this.handle.trickleComplete();
    else await this.handle.trickle(candidate);
  }

  /** Detaches the handle from Janus. Idempotent; never throws. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.emit('closed');
    this.removeAllListeners();
    this.handle.removeAllListeners();
    await this.handle.detach().catch(() => undefined);
  }
}

/** A participant's own handle: joined as publisher, later configured with the browser's offer. */
export class PublisherHandle extends MediaHandle {
  private constructor(
    handle: VideoRoomHandle,
    /** The feed id Janus gave this publisher; subscribers ask for it. */
    readonly feedId: number,
    /** Janus's private id, linking this participant's subscriptions to its publisher. */
    readonly privateId: number,
  ) {
    super(handle);
  }

  /**
   * Joins `janusRoomId` as publisher; closes the handle again if the join fails. Janus is given
   * `label` as the display only when it is opaque (`janusDisplayOf`), never a person's name.
   */
  static async join(handle: VideoRoomHandle, janusRoomId: number, label: string, bitrate: number): Promise<PublisherHandle> {
    try {
      const display = janusDisplayOf(label);
      const joined = PublisherJoinedSchema.parse(
        await handle.joinPublisher({ room: janusRoomId, bitrate, ...(display === undefined ? {} : { display }) }),
      );
      return new PublisherHandle(handle, joined.feed, joined.private_id);
    } catch (error) {
      await handle.detach().catch(() => undefined);
      throw error;
    }
  }

  /** The mid of the published audio stream, once published. */
  audioMid: string | undefined;
  /** The mid of the published video stream, once published. */
  videoMid: string | undefined;

  /** Asks the browser for a keyframe (after its video was blocked, so subscribers see a picture at once). */
  async requestKeyframe(): Promise<void> {
    if (!this.closed) await this.handle.configure({ keyframe: true });
  }

  /** Publishes the browser's offer and returns Janus's answer. */
  async publish(offer: SessionDescription): Promise<SessionDescription> {
    const reply = ConfiguredSchema.parse(await this.handle.configure({ jsep: offer, audio: true, video: true }));
    this.audioMid = reply.streams?.find((stream) => stream.type === 'audio')?.mid;
    this.videoMid = reply.streams?.find((stream) => stream.type === 'video')?.mid;
    return reply.jsep;
  }
}
