import type { ParticipantId } from '../../../shared/ids.js';

/**
 * Where media passes through on its way out and in: plain, or through the encoded transforms of
 * an end-to-end encrypted meeting (`features/e2ee/encrypted-pipeline.ts`).
 */
export interface MediaPipeline {
  /** Extra `RTCConfiguration` members every peer connection needs (Chromium's `encodedInsertableStreams`). Default none. */
  readonly connectionConfiguration?: Record<string, unknown>;
  /** Called for each sender of the publisher connection, before the offer is made. */
  prepareSender(sender: RTCRtpSender, kind: 'audio' | 'video'): void;
  /** Called for each receiver of a subscription, when its track arrives, with its transceiver's mid. */
  prepareReceiver(receiver: RTCRtpReceiver, kind: 'audio' | 'video', mid: string | null): void;
  /** Who sends what the subscription receives on each mid, before each answer to the server's offer. Optional. */
  streamsChanged?(senders: ReadonlyMap<string, ParticipantId>): void;
}

/** The default pipeline: media as the browser encodes it. */
export const plainMediaPipeline: MediaPipeline = {
  prepareSender() {},
  prepareReceiver() {},
};
