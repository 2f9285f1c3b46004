/**
 * The line above the stage while breakout rooms are open: which room this page is in (or that
 * rooms are open), the time left, the minute's warning and a moderator's message to every room,
 * and the way back to the main room — or to one's own room, for someone who came back early.
 * Driven by the main meeting's state; small, so it is part of the meeting's first download.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Button } from '../../ui/index.js';
import type { MeetingController, MeetingState } from './meeting-controller.js';
import { t } from './messages.js';

/** `m:ss` until `endsAtMs`, never below zero. */
export function timeLeft(endsAtMs: number, nowMs: number): { minutes: number; seconds: string } {
  const totalSeconds = Math.max(0, Math.ceil((endsAtMs - nowMs) / 1000));
  return { minutes: Math.floor(totalSeconds / 60), seconds: String(totalSeconds % 60).padStart(2, '0') };
}

/** The clock, read again every second while mounted. */
function useNow(): number {
  const now = useSignal(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => (now.value = Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now.value;
}

/** The time left until `endsAtMs`, read again every second (only while rooms are open: this is mounted only then). */
function TimeLeft({ endsAtMs }: { endsAtMs: number }) {
  const nowMs = useNow();
  return <p class="breakout-time">{t('breakout.timeLeft', timeLeft(endsAtMs, nowMs))}</p>;
}

export function BreakoutBar({ main, state }: { main: MeetingController; state: MeetingState }) {
  const breakouts = state.breakouts;
  if (!breakouts) return null;
  const visit = state.breakout;
  const selfId = state.self?.participantId;
  const ownRoom = selfId === undefined ? -1 : breakouts.rooms.findIndex((room) => room.assigned.includes(selfId));
  const own = breakouts.rooms[ownRoom];
  return (
    <section class="banner breakout-bar" aria-label={t('panel.breakouts')}>
      {/* Where one is, said when it changes; the time left, shown but not read out every second. */}
      <p role="status">
        <strong>{visit ? t('breakout.inRoom', { name: visit.name }) : t('breakout.open')}</strong>
      </p>
      <TimeLeft endsAtMs={breakouts.endsAtMs} />
      {visit ? (
        <Button variant="primary" onClick={() => main.returnFromBreakout()}>
          {t('breakout.back')}
        </Button>
      ) : (
        own && (
          <Button variant="primary" onClick={() => main.breakoutRooms({ type: 'breakout-enter', room: ownRoom })}>
            {t('breakout.goToRoom', { name: own.name })}
          </Button>
        )
      )}
      {visit && state.notice && (
        <p class="breakout-notice" role="alert">
          {state.notice}
        </p>
      )}
      {state.breakoutsEnding && (
        <p class="breakout-ending" role="alert">
          {t('breakout.ending')}
        </p>
      )}
      {state.breakoutBroadcast && (
        <p class="breakout-broadcast" role="alert">
          {t('breakout.broadcast', { name: state.breakoutBroadcast.fromName, text: state.breakoutBroadcast.text })}
        </p>
      )}
    </section>
  );
}

/**
 * The main meeting's state as its stage shows it: without those who are in a breakout room now
 * (they send and receive nothing here until they come back).
 */
export function withoutThoseAway(state: MeetingState): MeetingState {
  const away = new Set(state.breakouts?.rooms.flatMap((room) => room.present));
  if (away.size === 0) return state;
  return { ...state, remotes: state.remotes.filter((remote) => !away.has(remote.summary.participantId)) };
}
