/**
 * One `@roamhq/wrtc` PeerConnection with Janus, as a synthetic participant uses it: a send-only
 * publisher or a receive-only subscription. Janus's candidates that come before its description
 * are kept and added after it; our own are handed to `onCandidate` in the protocol's form.
 */
import wrtc from '@roamhq/wrtc';
import { withOpusDtx } from '../../src/shared/opus-dtx.js';
import type { IceCandidate, IceServer } from '../../src/shared/protocol.js';

/** Totals of one connection's RTP, from `getStats()`. */
export interface RtpTotals {
  bytesSent: number;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
  framesDecoded: number;
  /** Packets of what we sent that Janus reports lost (its RTCP receiver reports). */
  packetsLostUpstream: number;
  /** NACKs (requests to resend lost packets) this side sent for what it received. */
  nacksSent: number;
  /** NACKs Janus sent for what this side sent. */
  nacksReceived: number;
}

/** All-zero totals, to add to. */
export function noRtp(): RtpTotals {
  return {
    bytesSent: 0,
    bytesReceived: 0,
    packetsReceived: 0,
    packetsLost: 0,
    framesDecoded: 0,
    packetsLostUpstream: 0,
    nacksSent: 0,
    nacksReceived: 0,
  };
}

/** Adds `more` into `sum`. */
export function addRtp(sum: RtpTotals, more: RtpTotals): RtpTotals {
  for (const key of Object.keys(sum) as (keyof RtpTotals)[]) sum[key] += more[key];
  return sum;
}

/** A PeerConnection with Janus and the candidates that arrived early. */
export class MediaConnection {
  readonly connection: RTCPeerConnection;
  private readonly earlyCandidates: IceCandidate[] = [];
  /** Resolves when ICE first reaches `connected` (or `completed`); never rejects. */
  readonly iceConnected: Promise<void>;
  /** True once `iceConnected` has resolved. */
  wasConnected = false;

  constructor(iceServers: IceServer[], onCandidate: (candidate: IceCandidate) => void) {
    this.connection = new wrtc.RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle' });
    this.connection.addEventListener('icecandidate', (event: RTCPeerConnectionIceEvent) => {
      const found = event.candidate;
      onCandidate(found ? { candidate: found.candidate, sdpMid: found.sdpMid, sdpMLineIndex: found.sdpMLineIndex } : null);
    });
    this.iceConnected = new Promise((resolve) => {
      const check = () => {
        if (!['connected', 'completed'].includes(this.connection.iceConnectionState)) return;
        this.wasConnected = true;
        resolve();
      };
      this.connection.addEventListener('iceconnectionstatechange', check);
    });
  }

  /** A send-only publisher of `tracks`, and its offer (sent as `publish`). */
  static async publisher(
    tracks: MediaStreamTrack[],
    iceServers: IceServer[],
    onCandidate: (candidate: IceCandidate) => void,
  ): Promise<{ media: MediaConnection; offer: { type: 'offer'; sdp: string } }> {
    const media = new MediaConnection(iceServers, onCandidate);
    const stream = new wrtc.MediaStream(tracks);
    for (const track of tracks) media.connection.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    // As the web client does: silence is sent as Opus DTX.
    const offer = { type: 'offer' as const, sdp: withOpusDtx((await media.connection.createOffer()).sdp ?? '') };
    await media.connection.setLocalDescription(offer);
    return { media, offer };
  }

  /** Answers Janus's subscription offer; the answer is sent as `subscription-answer`. */
  static async subscription(
    offer: { type: 'offer' | 'answer'; sdp: string },
    iceServers: IceServer[],
    onCandidate: (candidate: IceCandidate) => void,
  ): Promise<{ media: MediaConnection; answer: { type: 'answer'; sdp: string } }> {
    const media = new MediaConnection(iceServers, onCandidate);
    await media.setRemoteDescription(offer);
    const answer = await media.connection.createAnswer();
    await media.connection.setLocalDescription(answer);
    return { media, answer: { type: 'answer', sdp: answer.sdp ?? '' } };
  }

  /** Answers a renegotiation of this (subscription) connection. */
  async renegotiate(offer: { type: 'offer' | 'answer'; sdp: string }): Promise<{ type: 'answer'; sdp: string }> {
    await this.setRemoteDescription(offer);
    const answer = await this.connection.createAnswer();
    await this.connection.setLocalDescription(answer);
    return { type: 'answer', sdp: answer.sdp ?? '' };
  }

  /** Sets Janus's description, then the candidates that came before it. */
  async setRemoteDescription(description: { type: 'offer' | 'answer'; sdp: string }): Promise<void> {
    await this.connection.setRemoteDescription(description);
    for (const candidate of this.earlyCandidates.splice(0)) await this.addCandidateNow(candidate);
  }

  /** Adds Janus's candidate now, or once its description is set. */
  async addRemoteCandidate(candidate: IceCandidate): Promise<void> {
    if (!this.connection.remoteDescription) this.earlyCandidates.push(candidate);
    else await this.addCandidateNow(candidate);
  }

  private async addCandidateNow(candidate: IceCandidate): Promise<void> {
    // `null` (end of Janus's candidates) is left out: libwebrtc in Node refuses an empty candidate.
    if (candidate === null || this.connection.signalingState === 'closed') return;
    await this.connection.addIceCandidate(candidate).catch(() => undefined);
  }

  /** RTP totals so far, summed over the connection's streams. */
  async rtpTotals(): Promise<RtpTotals> {
    const totals = noRtp();
    if (this.connection.signalingState === 'closed') return totals;
    const report = await this.connection.getStats();
    report.forEach((entry: { type: string; bytesSent?: number; bytesReceived?: number } & Partial<RTCInboundRtpStreamStats>) => {
      if (entry.type === 'outbound-rtp') {
        totals.bytesSent += entry.bytesSent ?? 0;
        totals.nacksReceived += entry.nackCount ?? 0;
      }
      if (entry.type === 'remote-inbound-rtp') totals.packetsLostUpstream += entry.packetsLost ?? 0;
      if (entry.type === 'inbound-rtp') {
        totals.bytesReceived += entry.bytesReceived ?? 0;
        totals.packetsReceived += entry.packetsReceived ?? 0;
        totals.packetsLost += entry.packetsLost ?? 0;
        totals.framesDecoded += entry.framesDecoded ?? 0;
        totals.nacksSent += entry.nackCount ?? 0;
      }
    });
    return totals;
  }

  /** Closes the connection. Idempotent. */
  close(): void {
    if (this.connection.signalingState !== 'closed') this.connection.close();
  }
}
