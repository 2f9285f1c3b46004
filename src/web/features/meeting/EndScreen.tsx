/** The screens around the meeting: waiting in the lobby, and the end (left, not let in, removed, ended, failed). */
import { navigate } from '../../app/router.js';
import { Button, Link } from '../../ui/index.js';
import type { MeetingState } from './meeting-controller.js';
import { t } from './messages.js';

export function EndScreen({ state, onRejoin }: { state: MeetingState; onRejoin: () => void }) {
  const titles = {
    left: t('meeting.leftTitle'),
    denied: t('meeting.deniedTitle'),
    removed: t('meeting.removedTitle'),
    ended: t('meeting.endedTitle'),
    failed: t('meeting.failedTitle'),
  } as const;
  const status = state.status as keyof typeof titles;
  return (
    <main class="page centered">
      <h1>{titles[status]}</h1>
      {state.notice && <p role="status">{state.notice}</p>}
      {state.refusedFor?.startsWith('plan_') && (
        <p>
          <Link href="/pricing">{t('meeting.seePlans')}</Link>
        </p>
      )}
      {(status === 'left' || status === 'failed') && (
        <Button variant="primary" onClick={onRejoin}>
          {t('meeting.rejoin')}
        </Button>
      )}
      <Button onClick={() => navigate('/')}>{t('meeting.backHome')}</Button>
    </main>
  );
}

export function WaitingScreen({ onLeave }: { onLeave: () => void }) {
  return (
    <main class="page centered" aria-busy="true">
      <h1>{t('meeting.waitingTitle')}</h1>
      <p role="status">{t('meeting.waitingBody')}</p>
      <Button onClick={onLeave}>{t('meeting.leave')}</Button>
    </main>
  );
}
