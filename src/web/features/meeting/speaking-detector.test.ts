import { describe, expect, it } from 'vitest';
import { meanLevelDbov, SpeakingDecision, speakingDetection } from './speaking-detector.js';

const loud = -20;
const quiet = -70;

/** Feeds `levels` and returns the decision after each sample. */
function decisions(levels: readonly number[], decision = new SpeakingDecision()): boolean[] {
  return levels.map((level) => {
    decision.take(level);
    return decision.speaking;
  });
}

describe('meanLevelDbov', () => {
  it('reads the mean power between two readings of the cumulative energy as dBov', () => {
    // A full-scale square wave for 0.1 s: power 1, 0 dBov; half amplitude: a quarter of the power, −6 dBov.
    expect(
      meanLevelDbov({ totalAudioEnergy: 0, totalSamplesDuration: 0 }, { totalAudioEnergy: 0.1, totalSamplesDuration: 0.1 }),
    ).toBeCloseTo(0);
    expect(
      meanLevelDbov({ totalAudioEnergy: 1, totalSamplesDuration: 2 }, { totalAudioEnergy: 1.025, totalSamplesDuration: 2.1 }),
    ).toBeCloseTo(-6.02, 1);
  });

  it('says silence for no energy, and nothing at all when no audio passed', () => {
    expect(meanLevelDbov({ totalAudioEnergy: 3, totalSamplesDuration: 2 }, { totalAudioEnergy: 3, totalSamplesDuration: 2.1 })).toBe(-127);
    expect(
      meanLevelDbov({ totalAudioEnergy: 3, totalSamplesDuration: 2 }, { totalAudioEnergy: 3, totalSamplesDuration: 2 }),
    ).toBeUndefined();
    // A restarted source (totals going backwards) is not a level either.
    expect(
      meanLevelDbov({ totalAudioEnergy: 3, totalSamplesDuration: 2 }, { totalAudioEnergy: 0, totalSamplesDuration: 0.1 }),
    ).toBeUndefined();
  });
});

describe('SpeakingDecision', () => {
  it('starts after three loud samples of five, not on a click or a beep a second', () => {
    expect(decisions([loud, quiet, loud, quiet, loud])).toEqual([false, false, false, false, true]);
    const beeps = Array.from({ length: 50 }, (_, index) => (index % 10 === 0 ? 0 : quiet));
    expect(decisions(beeps).some(Boolean)).toBe(false);
    expect(decisions([loud, loud, quiet, quiet, quiet, loud, quiet, quiet, quiet, loud]).some(Boolean)).toBe(false);
  });

  it('keeps speaking through the pauses between words, and stops once a second and a half holds at most one loud sample', () => {
    const decision = new SpeakingDecision();
    decisions([loud, loud, loud], decision);
    expect(decision.speaking).toBe(true);
    // Words with pauses between them: one loud sample in three, for three seconds.
    const talk = Array.from({ length: 30 }, (_, index) => (index % 3 === 0 ? loud : quiet));
    expect(decisions(talk, decision).every(Boolean)).toBe(true);
    const silence = decisions(
      Array.from({ length: speakingDetection.stopWindow }, () => quiet),
      decision,
    );
    // The last word was loud two samples before the silence: the decision holds for a second after it.
    expect(silence.indexOf(false)).toBeGreaterThanOrEqual(1_000 / speakingDetection.sampleMs - 2);
    expect(decision.speaking).toBe(false);
  });

  it('tells a change once, and a reset starts from what it is told', () => {
    const decision = new SpeakingDecision();
    expect([loud, loud, loud, loud].map((level) => decision.take(level))).toEqual([false, false, true, false]);
    decision.reset(false);
    expect(decision.speaking).toBe(false);
    decision.reset(true);
    // Told "speaking" by the server after a reconnection: stopping still needs a full window of quiet.
    expect(
      decisions(
        Array.from({ length: speakingDetection.stopWindow - 1 }, () => quiet),
        decision,
      ).every(Boolean),
    ).toBe(true);
    expect(decision.take(quiet)).toBe(true);
    expect(decision.speaking).toBe(false);
  });
});
