/**
 * Generated camera and microphone for synthetic participants, through `@roamhq/wrtc`'s
 * nonstandard `RTCVideoSource` (I420 frames from code) and `RTCAudioSource` (10 ms of 16-bit
 * PCM at a time). Cheap on purpose: a frame changes only where a small square moves.
 */
import wrtc from '@roamhq/wrtc';
import { meanLevelDbov, SpeakingDecision, speakingDetection } from '../../src/web/features/meeting/speaking-detector.js';

/** Size and rate of the generated video. */
export interface VideoFormat {
  /** Default 320. Even. */
  width: number;
  /** Default 240. Even. */
  height: number;
  /** Default 15. */
  framesPerSecond: number;
}

/** 320×240 at 15 frames a second. */
export const defaultVideoFormat: VideoFormat = { width: 320, height: 240, framesPerSecond: 15 };

/** Side of the moving square, in pixels. */
const squareSide = 32;

/**
 * A moving pattern: a diagonal gradient with a bright square crossing it. About 2 % of the
 * pixels change each frame, enough for the encoder to send a realistic (small) bitrate; a static
 * frame would encode to almost nothing.
 */
export class GeneratedVideo {
  readonly track: MediaStreamTrack;
  private readonly source = new wrtc.nonstandard.RTCVideoSource();
  private readonly frame: Uint8Array;
  private readonly background: Uint8Array;
  private readonly timer: NodeJS.Timeout;
  private frameIndex = 0;
  private square: { x: number; y: number } | undefined;

  /** Starts producing frames at once; `seed` shifts the pattern so participants differ. */
  constructor(
    private readonly format: VideoFormat = defaultVideoFormat,
    seed = 0,
  ) {
    const { width, height } = format;
    const lumaBytes = width * height;
    this.frame = new Uint8Array(lumaBytes * 1.5);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) this.frame[y * width + x] = 16 + ((x + y + seed * 37) % 200);
    }
    // Chroma: a colour of the participant's own (U and V planes, each a quarter of the luma).
    this.frame.fill(64 + ((seed * 53) % 128), lumaBytes, lumaBytes * 1.25);
    this.frame.fill(64 + ((seed * 91) % 128), lumaBytes * 1.25);
    this.background = this.frame.slice(0, lumaBytes);
    this.track = this.source.createTrack();
    this.frameIndex = seed * 7;
    this.timer = setInterval(() => this.nextFrame(), 1000 / format.framesPerSecond);
  }

  private nextFrame(): void {
    const { width, height } = this.format;
    if (this.square) this.paintSquare(this.square, (offset) => this.background[offset] ?? 0);
    this.frameIndex += 1;
    const travelX = width - squareSide;
    const travelY = height - squareSide;
    const x = (this.frameIndex * 4) % (2 * travelX);
    const y = (this.frameIndex * 3) % (2 * travelY);
    this.square = { x: x < travelX ? x : 2 * travelX - x, y: y < travelY ? y : 2 * travelY - y };
    this.paintSquare(this.square, () => 235);
    this.source.onFrame({ width, height, data: this.frame });
  }

  private paintSquare(at: { x: number; y: number }, luma: (offset: number) => number): void {
    const { width } = this.format;
    for (let row = at.y; row < at.y + squareSide; row += 1) {
      for (let column = at.x; column < at.x + squareSide; column += 1) {
        const offset = row * width + column;
        this.frame[offset] = luma(offset);
      }
    }
  }

  /** Stops the frames and the track. Idempotent. */
  stop(): void {
    clearInterval(this.timer);
    if (this.track.readyState !== 'ended') this.track.stop();
  }
}

/**
 * When a generated microphone talks: bursts of `burstMs` every `everyMs` (always, when the burst
 * is as long as the period), shifted by `phaseMs` so that a room's participants do not talk in chorus.
 */
export interface SpeakingSchedule {
  everyMs: number;
  /** Length of each burst; the speaking indicator needs a few hundred milliseconds to notice one. */
  burstMs: number;
  phaseMs: number;
}

const sampleRate = 48_000;
const samplesPer10Ms = sampleRate / 100;
/** 250 ms of a 220 Hz tone amplitude-modulated at 4 Hz (syllables), as 10 ms chunks that loop seamlessly. */
const speechChunks: Int16Array[] = Array.from({ length: 25 }, (_, chunk) => {
  const samples = new Int16Array(samplesPer10Ms);
  for (let index = 0; index < samplesPer10Ms; index += 1) {
    const time = (chunk * samplesPer10Ms + index) / sampleRate;
    const syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * time);
    samples[index] = Math.round(Math.sin(2 * Math.PI * 220 * time) * 12_000 * syllable);
  }
  return samples;
});
const silenceChunk = new Int16Array(samplesPer10Ms);

/** A chunk's mean power (0–1 of full scale, squared): what a browser adds to its sender's `totalAudioEnergy` per second of it. */
function meanPowerOf(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += (sample / 32_768) ** 2;
  return sum / samples.length;
}
const speechChunkPowers = speechChunks.map(meanPowerOf);
/** 10 ms chunks per sample of the speaking decision (a browser's detector samples every 100 ms). */
const chunksPerLevelSample = speakingDetection.sampleMs / 10;

/**
 * A microphone: silence, with speech-like bursts on a schedule (or never). Sends 10 ms chunks,
 * catching up on a late timer so the audio clock does not drift on a loaded machine. Decides its
 * own speaking as a browser does: from the level of what it sends, 100 ms at a time, through the
 * web client's own `SpeakingDecision` (quick to start, a second and a half of quiet to stop).
 */
export class GeneratedAudio {
  readonly track: MediaStreamTrack;
  private readonly source = new wrtc.nonstandard.RTCAudioSource();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly startedMs = performance.now();
  private chunksSent = 0;
  private readonly decision = new SpeakingDecision();
  /** Energy (power × seconds) and duration sent so far, as a browser's `media-source` statistics count them. */
  private readonly energy = { totalAudioEnergy: 0, totalSamplesDuration: 0 };
  private energyAtLastSample = { totalAudioEnergy: 0, totalSamplesDuration: 0 };
  /** Told when the level of what the microphone sends makes it start or stop speaking (a browser's own detection). */
  onSpeakingChange: (speaking: boolean) => void = () => {};

  /** With `sending` false the track is there but carries nothing (a muted microphone, and no cost). */
  constructor(
    private readonly speaking: SpeakingSchedule | undefined,
    sending = true,
  ) {
    this.track = this.source.createTrack();
    this.timer = sending ? setInterval(() => this.catchUp(), 20) : undefined;
  }

  /** True while the schedule says this microphone is talking. */
  isSpeaking(atMs = performance.now()): boolean {
    if (!this.speaking) return false;
    const { everyMs, burstMs, phaseMs } = this.speaking;
    return burstMs >= everyMs || (atMs - this.startedMs + phaseMs) % everyMs < burstMs;
  }

  /** What this microphone's own detection decided from the level it sent (lags the schedule by 0.3 s to start, 1.5 s to stop). */
  get speakingDecided(): boolean {
    return this.decision.speaking;
  }

  private catchUp(): void {
    const due = Math.floor((performance.now() - this.startedMs) / 10);
    // After a stall longer than a second, skip ahead instead of flooding the encoder.
    if (due - this.chunksSent > 100) this.chunksSent = due - 100;
    for (; this.chunksSent < due; this.chunksSent += 1) {
      const speechChunk = this.isSpeaking(this.startedMs + this.chunksSent * 10) ? this.chunksSent % speechChunks.length : undefined;
      const samples = speechChunk === undefined ? silenceChunk : (speechChunks[speechChunk] ?? silenceChunk);
      this.source.onData({ samples, sampleRate, bitsPerSample: 16, channelCount: 1, numberOfFrames: samplesPer10Ms });
      this.measure(speechChunk === undefined ? 0 : (speechChunkPowers[speechChunk] ?? 0));
    }
  }

  /** Counts a sent chunk's energy; every `speakingDetection.sampleMs`, decides from the mean level since the last decision. */
  private measure(power: number): void {
    this.energy.totalAudioEnergy += power * 0.01;
    this.energy.totalSamplesDuration += 0.01;
    if ((this.chunksSent + 1) % chunksPerLevelSample !== 0) return;
    const level = meanLevelDbov(this.energyAtLastSample, this.energy);
    this.energyAtLastSample = { ...this.energy };
    if (level !== undefined && this.decision.take(level)) this.onSpeakingChange(this.decision.speaking);
  }

  /** Stops the samples and the track. Idempotent. */
  stop(): void {
    clearInterval(this.timer);
    if (this.track.readyState !== 'ended') this.track.stop();
  }
}
