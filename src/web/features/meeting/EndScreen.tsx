/** The screens around the meeting: waiting in the lobby, and the end (left, not let in, removed, ended, failed). */
import { useEffect } from 'preact/hooks';
import { navigate } from '../../app/router.js';
import { Button, Link } from '../../ui/index.js';
import type { MeetingState } from './meeting-controller.js';
import { t } from './messages.js';

/**
 * `logoutUrl`: where an integration (a BigBlueButton join link) sends people when they leave or
 * the meeting ends — they go there at once, and the screen links to it in case the browser stays.
 */
export function EndScreen({ state, onRejoin, logoutUrl }: { state: MeetingState; onRejoin: () => void; logoutUrl?: string | undefined }) {
  const leavesForIntegration = logoutUrl !== undefined && ['left', 'ended', 'removed'].includes(state.status);
  useEffect(() => {
    if (leavesForIntegration) location.assign(logoutUrl);
  }, [leavesForIntegration]);
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
      {logoutUrl ? (
        <a class="button" href={logoutUrl}>
          {t('meeting.backToIntegration', { host: new URL(logoutUrl).host })}
        </a>
      ) : (
        <Button onClick={() => navigate('/')}>{t('meeting.backHome')}</Button>
      )}
    </main>
  );
}

/** What the page shows while it joins and, just joined, answers the others' media (`answeringFirst`): a light screen, quick to render. */
/** Until joined (and, just joined, until the others' media is answered); Leave is the way out of a join that hangs. */
export function ConnectingScreen({ onLeave }: { onLeave: () => void }) {
  return (
    <main class="page centered" aria-busy="true">
      <p class="status" role="status">
        {t('meeting.connecting')}
      </p>
      <Button onClick={onLeave}>{t('meeting.leave')}</Button>
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
