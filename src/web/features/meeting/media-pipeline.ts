/**
 * Where media passes through on its way out and in. Today it only applies settings; the
 * end-to-end encryption feature will install an encoded transform per sender and receiver
 * here (`RTCRtpScriptTransform`), and simulcast will set the sender's encodings.
 */
export interface MediaPipeline {
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
