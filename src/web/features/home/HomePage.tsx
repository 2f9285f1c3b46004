/** The home page: start a new meeting, or paste a link to join one. */
import { useSignal } from '@preact/signals';
import { CreatedRoomSchema } from '../../../shared/api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { rememberModeratorCode } from '../../app/local-identity.js';
import { appMessages } from '../../app/messages.js';
import { navigate } from '../../app/router.js';
import { t } from './messages.js';

export function HomePage() {
  const creating = useSignal(false);
  const error = useSignal<string | undefined>(undefined);
  const link = useSignal('');
  const linkError = useSignal<string | undefined>(undefined);

  const createMeeting = async () => {
    creating.value = true;
    error.value = undefined;
    try {
      const room = await callApi(CreatedRoomSchema, '/api/rooms', { method: 'POST', body: {} });
      // The creator's browser keeps the moderator code: it joins as moderator.
      rememberModeratorCode(room.roomId, room.moderatorCode);
      navigate(`/r/${room.roomId}`);
    } catch (failure) {
      error.value = t('home.createFailed', { reason: failure instanceof ApiFailure ? failure.message : String(failure) });
      creating.value = false;
    }
  };

  const joinByLink = (event: Event) => {
    event.preventDefault();
    const match = /(?:\/r\/)?([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})\/?$/.exec(link.value.trim());
    if (!match?.[1]) {
      linkError.value = t('home.joinInvalid');
      return;
    }
    navigate(`/r/${match[1]}`);
  };

  return (
    <main class="page home">
      <header class="brand">
        <h1>{appMessages.t('app.name')}</h1>
        <p class="tagline">{appMessages.t('app.tagline')}</p>
      </header>
      <section class="card" aria-labelledby="start-title">
        <h2 id="start-title">{t('home.title')}</h2>
        <p>{t('home.lead')}</p>
        <button type="button" class="primary large" onClick={createMeeting} disabled={creating.value} aria-busy={creating.value}>
          {creating.value ? t('home.creating') : t('home.newMeeting')}
        </button>
        {error.value && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
      </section>
      <form class="card join-by-link" onSubmit={joinByLink} noValidate>
        <label for="meeting-link">{t('home.joinLabel')}</label>
        <div class="row">
          <input
            id="meeting-link"
            type="text"
            inputMode="url"
            autoComplete="off"
            value={link.value}
            aria-invalid={linkError.value ? true : undefined}
            aria-describedby={linkError.value ? 'meeting-link-error' : undefined}
            onInput={(event) => {
              link.value = event.currentTarget.value;
              linkError.value = undefined;
            }}
          />
          <button type="submit">{t('home.join')}</button>
        </div>
        {linkError.value && (
          <p id="meeting-link-error" class="error" role="alert">
            {linkError.value}
          </p>
        )}
      </form>
    </main>
  );
}
