/**
 * The media pipeline of an encrypted meeting: every sender and receiver gets an encoded transform
 * that runs in one worker (`e2ee-worker.ts`), which holds the keys. `RTCRtpScriptTransform` where
 * the browser has it; `createEncodedStreams` (Chromium before it) otherwise.
 */
import type { ParticipantId } from '../../../shared/ids.js';
import type { MediaPipeline } from '../meeting/media-pipeline.js';
import type { MediaKey } from './key-agreement.js';
import type { TransformOptions, WorkerCommand, WorkerReport } from './worker-protocol.js';

/** Chromium's older encoded-streams API, which the DOM types do not describe. */
interface EncodedStreams {
  readable: ReadableStream;
  writable: WritableStream;
}
type WithEncodedStreams = { createEncodedStreams?: () => EncodedStreams };

const usesScriptTransform = () => typeof RTCRtpScriptTransform !== 'undefined';

/** An encrypting pipeline and the worker behind it; `close` stops the worker. */
export class EncryptedMediaPipeline implements MediaPipeline {
  readonly #worker = new Worker(new URL('./e2ee-worker.ts', import.meta.url), { type: 'module', name: 'plenary-e2ee' });
  readonly #prepared = new WeakSet<RTCRtpSender | RTCRtpReceiver>();

  /** Peer connections need `encodedInsertableStreams` for `createEncodedStreams` (none for script transforms). */
  readonly connectionConfiguration: Record<string, unknown> = usesScriptTransform() ? {} : { encodedInsertableStreams: true };

  constructor(onReport: (report: WorkerReport) => void) {
    this.#worker.addEventListener('message', (event: MessageEvent<WorkerReport>) => onReport(event.data));
  }

  prepareSender(sender: RTCRtpSender, kind: 'audio' | 'video'): void {
    this.#attach(sender, { operation: 'encrypt', kind });
  }

  prepareReceiver(receiver: RTCRtpReceiver, kind: 'audio' | 'video', mid: string | null): void {
    this.#attach(receiver, { operation: 'decrypt', kind, mid });
  }

  streamsChanged(senders: ReadonlyMap<string, ParticipantId>): void {
    this.#command({ type: 'stream-senders', senders: [...senders] });
  }

  /** Encrypts our frames with `key` from the next frame on. */
  useSendingKey(key: MediaKey): void {
    this.#command({ type: 'sending-key', key });
  }

  /** Decrypts frames under `key.kid`, on the mids `owner` sends on. */
  addReceivingKey(key: MediaKey, owner: ParticipantId): void {
    this.#command({ type: 'receiving-key', key, owner });
  }

  /** Stops decrypting frames under `kid`. */
  forgetKey(kid: bigint): void {
    this.#command({ type: 'forget-key', kid });
  }

  close(): void {
    this.#worker.terminate();
  }

  #command(command: WorkerCommand, transfer: Transferable[] = []): void {
    this.#worker.postMessage(command, transfer);
  }

  /** Puts one transform on a sender or receiver (once: a receiver reused for another stream keeps it). */
  #attach(endpoint: RTCRtpSender | RTCRtpReceiver, options: TransformOptions): void {
    if (this.#prepared.has(endpoint)) return;
    this.#prepared.add(endpoint);
    if (usesScriptTransform()) {
      endpoint.transform = new RTCRtpScriptTransform(this.#worker, options);
      return;
    }
    const streams = (endpoint as unknown as WithEncodedStreams).createEncodedStreams?.();
    if (!streams) throw new Error('this browser cannot encrypt media');
    this.#command({ type: 'streams', ...streams, options }, [streams.readable, streams.writable]);
  }
}
