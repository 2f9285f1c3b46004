/** What a page for signed-in people shows to others: a link to log in that comes back here (a wait line while the session loads). */
import { appMessages } from '../app/messages.js';
import { useSession } from '../app/session.js';
import { Link } from './Link.js';

const { t } = appMessages;

export function SignInRequired() {
  const session = useSession();
  if (session.kind === 'loading') {
    return (
      <main class="page centered" aria-busy="true">
        <p class="status">{t('nav.working')}</p>
      </main>
    );
  }
  const next = encodeURIComponent(location.pathname);
  return (
    <main class="page centered">
      <h1 class="sign-in-required">{t('nav.signInRequired')}</h1>
      <p>
        <Link href={`/login?next=${next}`} class="button primary">
          {t('nav.logIn')}
        </Link>
      </p>
    </main>
  );
}
