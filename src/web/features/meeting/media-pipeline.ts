/**
 * Where media passes through on its way out and in: plain, or through the encoded transforms of
 * an end-to-end encrypted meeting (`features/e2ee/encrypted-pipeline.ts`).
 */
export interface MediaPipeline {
  /** Extra `RTCConfiguration` members every peer connection needs (Chromium's `encodedInsertableStreams`). Default none. */
  readonly connectionConfiguration?: Record<string, unknown>;
  /** Called for each sender of the publisher connection, before the offer is made. */
  prepareSender(sender: RTCRtpSender, kind: 'audio' | 'video'): void;
  /** Called for each receiver of a subscription, when its track arrives. */
  prepareReceiver(receiver: RTCRtpReceiver, kind: 'audio' | 'video'): void;
}

/** The default pipeline: media as the browser encodes it. */
export const plainMediaPipeline: MediaPipeline = {
  prepareSender() {},
  prepareReceiver() {},
};
