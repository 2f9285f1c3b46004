/**
 * The browser's PeerConnections with Janus: one per own published source (camera, screen) and
 * one subscription that receives everyone else's streams. Knows nothing of the meeting; MeetingController drives it.
 */
import { withOpusDtx } from '../../../shared/opus-dtx.js';
import type { IceCandidate, MediaSource } from '../../../shared/protocol.js';
import type { MediaPipeline } from './media-pipeline.js';

/**
 * Simulcast layers of the camera (Janus relays one of them to each subscriber). Janus takes the
 * first rid as the highest quality, so the order is high, medium, low — as in janus.js.
 */
const simulcastEncodings: RTCRtpEncodingParameters[] = [
  { rid: 'h', maxBitrate: 1_000_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 450_000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
];

/** The protocol's form of a gathered candidate; `null` when gathering is complete. */
function candidateOf(event: RTCPeerConnectionIceEvent): IceCandidate {
  if (!event.candidate) return null;
  return { candidate: event.candidate.candidate, sdpMid: event.candidate.sdpMid, sdpMLineIndex: event.candidate.sdpMLineIndex };
}

/** A PeerConnection that keeps Janus's early ICE candidates until its remote description is set. */
export class JanusPeer {
  readonly connection: RTCPeerConnection;
  /** The browser refused to answer as the DTLS server (`answerOffer`): its own role is kept from then on. */
  dtlsServerRefused = false;
  private readonly earlyCandidates: IceCandidate[] = [];

  constructor(iceServers: RTCIceServer[], onCandidate: (candidate: IceCandidate) => void, pipeline: MediaPipeline) {
    this.connection = new RTCPeerConnection({ ...pipeline.connectionConfiguration, iceServers, bundlePolicy: 'max-bundle' });
    this.connection.addEventListener('icecandidate', (event) => onCandidate(candidateOf(event)));
  }

  /** Adds Janus's candidate now, or once the remote description is set. */
  async addRemoteCandidate(candidate: IceCandidate): Promise<void> {
    if (!this.connection.remoteDescription) {
      this.earlyCandidates.push(candidate);
      return;
    }
    await this.connection.addIceCandidate(candidate ?? undefined).catch((error: unknown) => console.warn('candidate refused', error));
  }

  /** Sets Janus's description and then the candidates that came early. */
  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    await this.connection.setRemoteDescription(description);
    for (const candidate of this.earlyCandidates.splice(0))
      await this.connection.addIceCandidate(candidate ?? undefined).catch(() => undefined);
  }

  /** Replaces the ICE servers (the rest of the configuration is kept; a closed connection ignores it). */
  setIceServers(iceServers: RTCIceServer[]): void {
    if (this.connection.signalingState === 'closed') return;
    try {
      this.connection.setConfiguration({ ...this.connection.getConfiguration(), iceServers });
    } catch (error: unknown) {
      console.warn('ICE servers refused', error);
    }
  }

  close(): void {
    this.connection.close();
  }
}

/** Creates a send-only publisher for `stream`'s tracks and returns it with its offer. */
export async function createPublisher(options: {
  source: MediaSource;
  stream: MediaStream;
  iceServers: RTCIceServer[];
  simulcast: boolean;
  pipeline: MediaPipeline;
  onCandidate: (candidate: IceCandidate) => void;
}): Promise<{ peer: JanusPeer; offer: { type: 'offer'; sdp: string } }> {
  const peer = new JanusPeer(options.iceServers, options.onCandidate, options.pipeline);
  for (const track of options.stream.getTracks()) {
    const video = track.kind === 'video';
    const transceiver = peer.connection.addTransceiver(track, {
      direction: 'sendonly',
      streams: [options.stream],
      ...(video && options.simulcast && options.source === 'camera' ? { sendEncodings: simulcastEncodings } : {}),
    });
    options.pipeline.prepareSender(transceiver.sender, video ? 'video' : 'audio');
  }
  // Silent microphones then cost the others almost nothing (Opus DTX, see `withOpusDtx`).
  const offer = { type: 'offer' as const, sdp: withOpusDtx((await peer.connection.createOffer()).sdp ?? '') };
  await peer.connection.setLocalDescription(offer);
  return { peer, offer };
}

/**
 * Our one receive-only connection for the others' streams: each offer (the first, then each
 * renegotiation as streams come and go) is answered in turn; every new receiver passes through
 * the media pipeline once.
 */
export function createSubscriber(options: {
  iceServers: RTCIceServer[];
  pipeline: MediaPipeline;
  onCandidate: (candidate: IceCandidate) => void;
}): JanusPeer {
  const peer = new JanusPeer(options.iceServers, options.onCandidate, options.pipeline);
  peer.connection.addEventListener('track', (event) => {
    options.pipeline.prepareReceiver(event.receiver, event.track.kind === 'audio' ? 'audio' : 'video', event.transceiver.mid);
  });
  return peer;
}

/**
 * Waits until `connection` has gathered its first local candidate (or finished gathering), at most
 * `timeoutMs`. Host candidates take a few milliseconds; TURN's relayed ones follow by trickle.
 */
function firstCandidate(connection: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (connection.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      window.clearTimeout(timer);
      connection.removeEventListener('icecandidate', done);
      resolve();
    };
    const timer = window.setTimeout(done, timeoutMs);
    connection.addEventListener('icecandidate', done);
  });
}

/**
 * Our answer with this end as the DTLS server (`a=setup:passive`; the browser would choose the
 * client). Janus, the client then, starts the handshake the moment its own ICE check succeeds;
 * as the client the browser would send its hello as soon as *its* check did — often before Janus
 * has the answer and a DTLS context to take it, so that hello was lost and resent 50 ms later,
 * holding back the first frame. A browser that refuses the change keeps its own answer.
 */
export function asDtlsServer(sdp: string): string {
  return sdp.replace(/^a=setup:active(?=\r?$)/gm, 'a=setup:passive');
}

/** How long a fresh subscription's answer waits for its first local candidate (`answerOffer`). */
const answerCandidateWaitMs = 40;

/**
 * Answers one of Janus's offers on `peer`; resolves with the answer to send. A fresh connection's
 * answer carries the candidates gathered by then (its first host candidates, a few milliseconds):
 * Janus can check them at once, instead of when their trickle gets through a page that may be
 * busy rendering the meeting — the subscription's ICE then waits for nothing from this page.
 */
export async function answerOffer(
  peer: JanusPeer,
  offer: RTCSessionDescriptionInit,
  options: { fresh: boolean } = { fresh: false },
): Promise<{ type: 'answer'; sdp: string }> {
  await peer.setRemoteDescription(offer);
  const answer = await peer.connection.createAnswer();
  // Only where the offer leaves the role to us, and never once this connection kept its own.
  if (peer.dtlsServerRefused || !/^a=setup:actpass\r?$/m.test(offer.sdp ?? '')) await peer.connection.setLocalDescription(answer);
  else
    await peer.connection.setLocalDescription({ type: 'answer', sdp: asDtlsServer(answer.sdp ?? '') }).catch(async () => {
      peer.dtlsServerRefused = true;
      await peer.connection.setLocalDescription(answer);
    });
  if (options.fresh) await firstCandidate(peer.connection, answerCandidateWaitMs);
  return { type: 'answer', sdp: peer.connection.localDescription?.sdp || answer.sdp || '' };
}
