/**
 * How each connection with the media server fares, from `getStats` every few seconds: the share
 * of packets lost, the round trip and the bitrate since the last sample, rated good, fair or poor.
 * Our own (the camera publisher's) drives the "your connection is poor" hint and the report the
 * server keeps for the operators' figures; each remote participant's (their subscription's) is
 * shown on their tile. Pure reading and rating here; `ConnectionMonitor` samples on a timer.
 */
import type { ParticipantId } from '../../../shared/ids.js';
import type { NetworkReport } from '../../../shared/protocol.js';

/** Counters read from one connection's stats at one moment. */
export interface StatsTotals {
  atMs: number;
  /** Packets received (inbound) or sent and acknowledged (outbound), and lost, so far. */
  packets: number;
  packetsLost: number;
  /** Bytes received or sent so far. */
  bytes: number;
  /** The selected candidate pair's current round trip, ms; undefined while unknown. */
  roundTripMs: number | undefined;
  /** The selected path goes through a TURN relay. */
  relayed: boolean;
}

export type QualityLevel = 'good' | 'fair' | 'poor';

/** A connection's quality over the last sample period. */
export interface LinkQuality {
  level: QualityLevel;
  /** Share of packets lost, 0–1. */
  lossRatio: number;
  roundTripMs: number | undefined;
  bitrateKbps: number;
  relayed: boolean;
}

/** Loss and round trip beyond which a link is fair, then poor (a call is still usable when fair). */
const thresholds = { fair: { lossRatio: 0.03, roundTripMs: 300 }, poor: { lossRatio: 0.08, roundTripMs: 600 } };

/** The level for a loss ratio and round trip. */
export function qualityLevel(lossRatio: number, roundTripMs: number | undefined): QualityLevel {
  const beyond = (limit: { lossRatio: number; roundTripMs: number }) =>
    lossRatio >= limit.lossRatio || (roundTripMs !== undefined && roundTripMs >= limit.roundTripMs);
  if (beyond(thresholds.poor)) return 'poor';
  return beyond(thresholds.fair) ? 'fair' : 'good';
}

/** The quality between two samples of the same connection; undefined when nothing flowed in between. */
export function linkQuality(before: StatsTotals, now: StatsTotals): LinkQuality | undefined {
  const packets = now.packets - before.packets;
  const lost = Math.max(0, now.packetsLost - before.packetsLost);
  const elapsedMs = now.atMs - before.atMs;
  if (packets + lost <= 0 || elapsedMs <= 0) return undefined;
  const lossRatio = lost / (packets + lost);
  return {
    level: qualityLevel(lossRatio, now.roundTripMs),
    lossRatio,
    roundTripMs: now.roundTripMs,
    bitrateKbps: Math.round(((now.bytes - before.bytes) * 8) / elapsedMs),
    relayed: now.relayed,
  };
}

type StatsEntry = Record<string, unknown> & { type: string; id: string };
const numberOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Reads a connection's counters from its stats report: inbound RTP for a subscription, outbound and the far end's reports for a publisher. */
export function readTotals(
  report: RTCStatsReport,
  direction: 'send' | 'receive',
  atMs: number,
  /** For a subscription: only these mids' streams (one participant's). */
  mids?: readonly string[],
): StatsTotals {
  const totals: StatsTotals = { atMs, packets: 0, packetsLost: 0, bytes: 0, roundTripMs: undefined, relayed: false };
  const entries = new Map<string, StatsEntry>();
  report.forEach((entry: StatsEntry) => {
    entries.set(entry.id, entry);
  });
  for (const entry of entries.values()) {
    if (direction === 'receive' && entry.type === 'inbound-rtp' && (!mids || mids.includes(String(entry.mid)))) {
      totals.packets += numberOf(entry.packetsReceived);
      totals.packetsLost += numberOf(entry.packetsLost);
      totals.bytes += numberOf(entry.bytesReceived);
    }
    if (direction === 'send' && entry.type === 'outbound-rtp') {
      totals.packets += numberOf(entry.packetsSent);
      totals.bytes += numberOf(entry.bytesSent);
    }
    // What the media server says it lost of ours.
    if (direction === 'send' && entry.type === 'remote-inbound-rtp') totals.packetsLost += numberOf(entry.packetsLost);
    if (entry.type === 'candidate-pair' && entry.state === 'succeeded' && entry.nominated === true) {
      if (typeof entry.currentRoundTripTime === 'number') totals.roundTripMs = Math.round(entry.currentRoundTripTime * 1000);
      const local = entries.get(String(entry.localCandidateId));
      totals.relayed ||= local?.candidateType === 'relay';
    }
  }
  // Sent packets include the lost ones: keep `packets` as those that arrived, like inbound's.
  if (direction === 'send') totals.packets = Math.max(0, totals.packets - totals.packetsLost);
  return totals;
}

/** The report the server keeps of our own link. */
export function networkReportOf(quality: LinkQuality): NetworkReport {
  return {
    relayed: quality.relayed,
    lossRatio: Math.min(1, Math.max(0, quality.lossRatio)),
    roundTripMs: quality.roundTripMs === undefined ? null : Math.min(60_000, Math.max(0, quality.roundTripMs)),
  };
}

/** The connections to sample: our camera publisher's, and the subscription with the mids of each remote participant's camera. */
export interface StatsConnections {
  self: RTCPeerConnection | undefined;
  remotes: { participantId: ParticipantId; connection: RTCPeerConnection; mids: readonly string[] }[];
}

/** What one round of sampling found. */
export interface QualitySample {
  self: LinkQuality | undefined;
  remotes: Map<ParticipantId, LinkQuality>;
}

/** Samples the connections every `intervalMs` and hands each round's qualities to `onSample`. */
export class ConnectionMonitor {
  /** The latest totals of each sampled link (ours: `self`; a remote participant's: their id), with the connection they came from. */
  private readonly previous = new Map<string, { connection: RTCPeerConnection; totals: StatsTotals }>();
  private timer: number | undefined;

  constructor(
    private readonly connections: () => StatsConnections,
    private readonly onSample: (sample: QualitySample) => void,
    private readonly intervalMs = 3_000,
  ) {}

  start(): void {
    if (this.timer === undefined) this.timer = window.setInterval(() => void this.sample(), this.intervalMs);
  }

  stop(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
    this.previous.clear();
  }

  private async sample(): Promise<void> {
    const { self, remotes } = this.connections();
    const atMs = performance.now();
    // One stats report per connection per round: every remote participant shares the subscription's.
    const reports = new Map<RTCPeerConnection, Promise<RTCStatsReport | undefined>>();
    const reportOf = (connection: RTCPeerConnection) => {
      let report = reports.get(connection);
      if (!report) {
        report = connection.getStats().catch(() => undefined);
        reports.set(connection, report);
      }
      return report;
    };
    const qualityOf = async (link: string, connection: RTCPeerConnection, direction: 'send' | 'receive', mids?: readonly string[]) => {
      if (connection.connectionState === 'closed') return undefined;
      const report = await reportOf(connection);
      if (!report) return undefined;
      const now = readTotals(report, direction, atMs, mids);
      const before = this.previous.get(link);
      this.previous.set(link, { connection, totals: now });
      return before?.connection === connection ? linkQuality(before.totals, now) : undefined;
    };
    const sample: QualitySample = { self: self ? await qualityOf('self', self, 'send') : undefined, remotes: new Map() };
    for (const { participantId, connection, mids } of remotes) {
      const quality = await qualityOf(participantId, connection, 'receive', mids);
      if (quality) sample.remotes.set(participantId, quality);
    }
    // Forget links that are gone.
    const live = new Set<string>(['self', ...remotes.map((remote) => remote.participantId)]);
    for (const link of [...this.previous.keys()]) if (!live.has(link)) this.previous.delete(link);
    if (this.timer !== undefined) this.onSample(sample);
  }
}
