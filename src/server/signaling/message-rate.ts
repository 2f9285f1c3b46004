/**
 * The per-socket message rate: a token bucket, plus what to do once it runs dry. The first
 * message dropped opens an *excess window*; it alone is answered (one `rate_limited` error), the
 * rest of the window's drops are silent, and a socket that keeps flooding — more than
 * `excessDroppedMessagesMax` drops within one window — is closed.
 */
import { limits } from '../../shared/limits.js';
import { TokenBucket } from '../platform/token-bucket.js';

/**
 * What to do with one incoming message: handle it; drop it and send one `rate_limited` error
 * (the first drop of an excess window); drop it silently; or drop it and close the socket.
 */
export type MessageRateVerdict = 'accept' | 'drop-and-warn' | 'drop' | 'close';

/** The rates a `MessageRateGuard` enforces. Defaults: the `signaling*` entries of `limits`. */
export interface MessageRateSettings {
  messagesPerSecondMax: number;
  burstMessages: number;
  excessWindowMs: number;
  excessDroppedMessagesMax: number;
}

const defaultSettings: MessageRateSettings = {
  messagesPerSecondMax: limits.signalingMessagesPerSecondMax,
  burstMessages: limits.signalingBurstMessages,
  excessWindowMs: limits.signalingExcessWindowMs,
  excessDroppedMessagesMax: limits.signalingExcessDroppedMessagesMax,
};

/** Judges each message of one socket against its rate. Time comes from `nowMs` (default: the monotonic `performance.now()`). */
export class MessageRateGuard {
  private readonly bucket: TokenBucket;
  private excessStartedMs: number | undefined;
  private droppedInExcess = 0;

  constructor(
    private readonly settings: MessageRateSettings = defaultSettings,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.bucket = new TokenBucket(settings.messagesPerSecondMax, settings.burstMessages, nowMs);
  }

  /** The verdict on the next message; call once per message received. */
  next(): MessageRateVerdict {
    if (this.bucket.take()) return 'accept';
    const now = this.nowMs();
    if (this.excessStartedMs === undefined || now - this.excessStartedMs >= this.settings.excessWindowMs) {
      this.excessStartedMs = now;
      this.droppedInExcess = 1;
      return 'drop-and-warn';
    }
    this.droppedInExcess += 1;
    return this.droppedInExcess > this.settings.excessDroppedMessagesMax ? 'close' : 'drop';
  }
}
