/**
 * `/bbb/join#ticket=…`: where a BigBlueButton integration (Moodle, Nextcloud, Greenlight) sends a
 * person. The ticket is taken out of the address at once (so it is in no history), handed to the
 * server once for a grant, and the person goes on to the room's pre-join screen with the name and
 * role the integration gave. A spent or expired link says so and what to do.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { BbbEnterResponseSchema } from '../../../shared/bbb-landing-api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { refusalText } from '../../app/errors/messages.js';
import { keepJoinGrant, ticketInFragment } from '../../app/join-grant.js';
import { navigate } from '../../app/router.js';
import { usePageTitle } from '../../ui/index.js';
import { t } from './messages.js';

export function BbbJoinPage() {
  usePageTitle(t('bbb.title'));
  const problem = useSignal<string | undefined>(undefined);
  useEffect(() => {
    const ticket = ticketInFragment(location.hash);
    history.replaceState(null, '', location.pathname);
    if (!ticket) {
      problem.value = t('bbb.noTicket');
      return;
    }
    callApi(BbbEnterResponseSchema, '/api/bbb/enter', { method: 'POST', body: { ticket } }).then(
      (granted) => {
        keepJoinGrant(granted);
        navigate(`/r/${encodeURIComponent(granted.roomId)}`);
      },
      (failure: unknown) => {
        problem.value =
          failure instanceof ApiFailure ? refusalText(failure.code, failure.message, { preferServer: true }) : t('bbb.failed');
      },
    );
  }, []);
  return (
    <main class="page centered" aria-busy={problem.value === undefined}>
      <h1>{t('bbb.title')}</h1>
      {problem.value === undefined ? (
        <p class="status" role="status">
          {t('bbb.opening')}
        </p>
      ) : (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
    </main>
  );
}
