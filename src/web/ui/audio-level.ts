/** The loudness of audio samples as a level from 0 to 100, for the microphone meter (pure, tested without a browser). */

/** How much the root mean square is multiplied by: ordinary speech (RMS about 0.05–0.2) fills the bar's middle and upper part. */
const levelPerRms = 400;

/** The level (0–100, rounded) of samples between -1 and 1: their root mean square, scaled and capped. */
export function levelOf(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  return Math.min(100, Math.round(rms * levelPerRms));
}
