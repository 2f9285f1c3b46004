/**
 * Whether one's own microphone carries speech, decided in the browser and reported to the server
 * (`speaking`), which tells everyone in its batches. The level is the one the browser measures of
 * every audio frame it sends — the source of the RTP audio-level header — read from the sender's
 * `media-source` statistics (total audio energy over total duration), so nothing else listens to
 * the microphone. Deciding here costs the server one message per change instead of Janus's
 * talking events, which reach every publisher of the room (N² in a room of N).
 */

/** How the decision is made: samples of `sampleMs`; a sample is loud at `loudDbov` or more. */
export const speakingDetection = {
  sampleMs: 100,
  /** Janus's own talking threshold was an average of −40 dBov over a second; speech sits well above. */
  loudDbov: -40,
  /** Speaking starts when this many of the latest `startWindow` samples are loud (300 ms of the last 500)… */
  startLoud: 3,
  startWindow: 5,
  /** …and stops when at most this many of the latest `stopWindow` are (a second and a half of near silence). */
  stopLoud: 1,
  stopWindow: 15,
} as const;

/** The quietest level told apart, in dBov (the RTP audio-level header's range ends at −127). */
const silenceDbov = -127;

/** One reading of the sender's cumulative energy and duration (seconds). */
export interface EnergyReading {
  totalAudioEnergy: number;
  totalSamplesDuration: number;
}

/** The mean level between two readings, in dBov; `undefined` when no audio passed between them. */
export function meanLevelDbov(before: EnergyReading, after: EnergyReading): number | undefined {
  const seconds = after.totalSamplesDuration - before.totalSamplesDuration;
  if (!(seconds > 0)) return undefined;
  // The energy is the integral of the squared level (0–1) over time: its mean is the mean power.
  const power = (after.totalAudioEnergy - before.totalAudioEnergy) / seconds;
  return power > 0 ? Math.max(silenceDbov, 10 * Math.log10(power)) : silenceDbov;
}

/**
 * The decision itself, from one level per sample: quick to start (a word or two), slow to stop (the
 * pauses between words do not make a speaker flicker), and deaf to short clicks and beeps.
 */
export class SpeakingDecision {
  #recent: boolean[] = [];
  #speaking = false;

  get speaking(): boolean {
    return this.#speaking;
  }

  /** Takes one sample's level; true when the decision changed. */
  take(levelDbov: number): boolean {
    this.#recent.push(levelDbov >= speakingDetection.loudDbov);
    if (this.#recent.length > speakingDetection.stopWindow) this.#recent.shift();
    const loudIn = (window: number) => this.#recent.slice(-window).filter(Boolean).length;
    const next = this.#speaking
      ? !(this.#recent.length >= speakingDetection.stopWindow && loudIn(speakingDetection.stopWindow) <= speakingDetection.stopLoud)
      : loudIn(speakingDetection.startWindow) >= speakingDetection.startLoud;
    if (next === this.#speaking) return false;
    this.#speaking = next;
    // A fresh start: stopping needs a full window of quiet counted from now.
    if (next) this.#recent = this.#recent.slice(-speakingDetection.startWindow);
    return true;
  }

  /** Sets the decision without a sample (muted: silent at once; or what the server last said). */
  reset(speaking: boolean): void {
    this.#speaking = speaking;
    this.#recent = [];
  }
}

/**
 * Samples the microphone's sender every `speakingDetection.sampleMs` while started and calls
 * `onChange` on each change of decision. While `audible()` is false (muted, or nothing sent yet)
 * the decision is "not speaking".
 */
export class SpeakingDetector {
  readonly #decision = new SpeakingDecision();
  #timer: number | undefined;
  #previous: EnergyReading | undefined;
  #sampling = false;

  constructor(
    private readonly sender: () => RTCRtpSender | undefined,
    private readonly audible: () => boolean,
    private readonly onChange: (speaking: boolean) => void,
  ) {}

  /** Starts sampling from `speaking`, the server's view of us (so that a change from it is told). */
  start(speaking: boolean): void {
    this.#decision.reset(speaking);
    this.#previous = undefined;
    if (this.#timer === undefined) this.#timer = window.setInterval(() => void this.#sample(), speakingDetection.sampleMs);
  }

  stop(): void {
    window.clearInterval(this.#timer);
    this.#timer = undefined;
    this.#previous = undefined;
    this.#decision.reset(false);
  }

  async #sample(): Promise<void> {
    // A slow `getStats` is not queued behind: the next tick simply skips.
    if (this.#sampling) return;
    this.#sampling = true;
    try {
      const sender = this.sender();
      const reading = this.audible() && sender ? await energyOf(sender) : undefined;
      if (this.#timer === undefined) return;
      if (!reading) {
        this.#previous = undefined;
        if (this.#decision.speaking) {
          this.#decision.reset(false);
          this.onChange(false);
        }
        return;
      }
      const level = this.#previous ? meanLevelDbov(this.#previous, reading) : undefined;
      this.#previous = reading;
      if (level !== undefined && this.#decision.take(level)) this.onChange(this.#decision.speaking);
    } finally {
      this.#sampling = false;
    }
  }
}

/** The sender's cumulative audio energy, from its `media-source` statistics; `undefined` if it has none (yet). */
async function energyOf(sender: RTCRtpSender): Promise<EnergyReading | undefined> {
  const report = await sender.getStats().catch(() => undefined);
  let reading: EnergyReading | undefined;
  report?.forEach((stats: { type?: string; kind?: string; totalAudioEnergy?: unknown; totalSamplesDuration?: unknown }) => {
    if (stats.type !== 'media-source' || stats.kind !== 'audio') return;
    if (typeof stats.totalAudioEnergy !== 'number' || typeof stats.totalSamplesDuration !== 'number') return;
    reading = { totalAudioEnergy: stats.totalAudioEnergy, totalSamplesDuration: stats.totalSamplesDuration };
  });
  return reading;
}
