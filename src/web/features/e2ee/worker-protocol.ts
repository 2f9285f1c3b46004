/** What the page and the encoded-transform worker (`e2ee-worker.ts`) tell each other. */

import type { ParticipantId } from '../../../shared/ids.js';
import type { DropReason } from './frame-crypto.js';
import type { MediaKey } from './key-agreement.js';

/** What a transform does, given to `RTCRtpScriptTransform` (or posted with the streams). */
export interface TransformOptions {
  operation: 'encrypt' | 'decrypt';
  kind: 'audio' | 'video';
  /** A receiver's transceiver mid: its frames must come from whoever sends on it (`stream-senders`). */
  mid?: string | null;
}

/** The page's commands to the worker. */
export type WorkerCommand =
  /** Encrypt our frames with this key from the next frame on. */
  | { type: 'sending-key'; key: MediaKey }
  /** Decrypt frames under this key's KID, on the mids `owner` sends on. */
  | { type: 'receiving-key'; key: MediaKey; owner: ParticipantId }
  /** Who sends on each mid of the subscription now. */
  | { type: 'stream-senders'; senders: [string, ParticipantId][] }
  /** Stop decrypting frames under this KID (its sender left, or moved on to a newer key). */
  | { type: 'forget-key'; kid: bigint }
  /** A sender's or receiver's encoded streams (browsers with `createEncodedStreams` only). */
  | { type: 'streams'; readable: ReadableStream; writable: WritableStream; options: TransformOptions };

/** The worker's report, posted at most once a second while frames flow. */
export interface WorkerReport {
  type: 'report';
  /** Frames encrypted and decrypted so far. */
  encrypted: number;
  decrypted: number;
  /** Frames dropped so far, by reason (`no_sending_key`: ours, before our first key or too short to encrypt). */
  dropped: Record<DropReason | 'no_sending_key' | 'wrong_sender', number>;
  /** The KID our frames go out under; `undefined` before the first key. */
  sendingKid: bigint | undefined;
  /** The KIDs of the keys that decrypted received frames, and are still held. */
  receivedKids: bigint[];
}
