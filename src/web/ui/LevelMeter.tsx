/**
 * A microphone's level, live: a `<meter>` (0–100) that follows the loudness of the
 * stream's audio (Web Audio `AnalyserNode`), so people see their microphone works before and
 * during a meeting. Draws nothing for a stream without audio. A muted track reads 0.
 * Imported by its own path (`ui/LevelMeter.js`).
 */
import { useEffect, useRef } from 'preact/hooks';
import { levelOf } from './audio-level.js';
import './level-meter.css';

export function LevelMeter({ stream, label }: { stream: MediaStream | undefined; label: string }) {
  const meter = useRef<HTMLMeterElement>(null);
  const track = stream?.getAudioTracks()[0];
  useEffect(() => {
    const element = meter.current;
    if (!stream || !track || !element) return;
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 512;
    audio.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    // A page may not start audio before a gesture; the first one resumes it.
    const resume = () => void audio.resume().catch(() => undefined);
    resume();
    document.addEventListener('pointerdown', resume, { once: true });
    document.addEventListener('keydown', resume, { once: true });
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      element.value = track.enabled ? levelOf(samples) : 0;
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('pointerdown', resume);
      document.removeEventListener('keydown', resume);
      void audio.close().catch(() => undefined);
    };
  }, [stream, track]);
  if (!track) return null;
  return <meter ref={meter} class="level-meter" aria-label={label} min={0} max={100} value={0} />;
}
