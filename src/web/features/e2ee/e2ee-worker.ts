/// <reference lib="webworker" />
/**
 * The encoded-transform worker of an encrypted meeting: every frame this browser sends passes
 * through `encrypt`, every frame it receives through `decrypt` (`frame-crypto.ts`). Frames come
 * from `RTCRtpScriptTransform` (the `rtctransform` event) or, in browsers that only have
 * `createEncodedStreams`, as streams posted by the page. Keys arrive from the page
 * (`WorkerCommand`); the worker reports what it did every second (`WorkerReport`).
 */
import { type DropReason, FrameDecryptor, FrameEncryptor, type FrameKind } from './frame-crypto.js';
import type { TransformOptions, WorkerCommand, WorkerReport } from './worker-protocol.js';

declare const self: DedicatedWorkerGlobalScope & {
  onrtctransform: ((event: Event & { transformer: RTCRtpScriptTransformer }) => void) | null;
};

const encryptor = new FrameEncryptor();
const decryptor = new FrameDecryptor();
const counts: Omit<WorkerReport, 'type' | 'sendingKid'> = {
  encrypted: 0,
  decrypted: 0,
  dropped: { malformed_header: 0, unknown_key: 0, authentication_failed: 0, replayed: 0, no_sending_key: 0, wrong_sender: 0 },
  receivedKids: [],
};
const receivedKids = new Set<bigint>();
/** Whose each receiving key is, and who sends on each mid of the subscription. */
const ownerByKid = new Map<bigint, string>();
const senderByMid = new Map<string, string>();

/** Whether a frame under `kid` may play on the stream of `mid`: only its owner's. */
function belongs(kid: bigint, mid: string | null | undefined): boolean {
  const sender = mid == null ? undefined : senderByMid.get(mid);
  return sender !== undefined && ownerByKid.get(kid) === sender;
}
let changed = false;

function kindOf(frame: RTCEncodedVideoFrame | RTCEncodedAudioFrame, options: TransformOptions): FrameKind {
  if (options.kind === 'audio') return 'audio';
  return 'type' in frame && frame.type === 'key' ? 'video-key' : 'video-delta';
}

function dropped(reason: DropReason | 'no_sending_key' | 'wrong_sender'): void {
  counts.dropped[reason] += 1;
  changed = true;
}

async function transformFrame(
  frame: RTCEncodedVideoFrame | RTCEncodedAudioFrame,
  controller: TransformStreamDefaultController<RTCEncodedVideoFrame | RTCEncodedAudioFrame>,
  options: TransformOptions,
): Promise<void> {
  const data = new Uint8Array(frame.data);
  const kind = kindOf(frame, options);
  if (options.operation === 'encrypt') {
    const encrypted = await encryptor.encrypt(data, kind);
    if (!encrypted) return dropped('no_sending_key');
    frame.data = encrypted.buffer;
    counts.encrypted += 1;
  } else {
    const result = await decryptor.decrypt(data, kind, (kid) => belongs(kid, options.mid));
    if (!result.ok) return dropped(result.reason);
    frame.data = result.frame.buffer;
    counts.decrypted += 1;
    receivedKids.add(result.kid);
  }
  changed = true;
  controller.enqueue(frame);
}

function pipe(readable: ReadableStream, writable: WritableStream, options: TransformOptions): void {
  readable
    .pipeThrough(new TransformStream({ transform: (frame, controller) => transformFrame(frame, controller, options) }))
    .pipeTo(writable)
    .catch(() => undefined); // The connection closed.
}

self.onrtctransform = (event) => {
  const { readable, writable, options } = event.transformer;
  pipe(readable, writable, options as TransformOptions);
};

/** Commands run one after another, in the order posted (a `forget-key` must not be overtaken by a slower `receiving-key`). */
let commands: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<WorkerCommand>) => {
  commands = commands.then(() => run(event.data)).catch((error: unknown) => console.error('e2ee worker', error));
};

async function run(command: WorkerCommand): Promise<void> {
  switch (command.type) {
    case 'sending-key':
      await encryptor.setKey(command.key);
      changed = true;
      return;
    case 'receiving-key':
      ownerByKid.set(command.key.kid, command.owner);
      return decryptor.addKey(command.key);
    case 'forget-key':
      receivedKids.delete(command.kid);
      ownerByKid.delete(command.kid);
      return decryptor.removeKey(command.kid);
    case 'stream-senders':
      senderByMid.clear();
      for (const [mid, sender] of command.senders) senderByMid.set(mid, sender);
      return;
    case 'streams':
      return pipe(command.readable, command.writable, command.options);
  }
}

setInterval(() => {
  if (!changed) return;
  changed = false;
  const report: WorkerReport = { type: 'report', ...counts, sendingKid: encryptor.kid, receivedKids: [...receivedKids] };
  self.postMessage(report);
}, 1_000);
