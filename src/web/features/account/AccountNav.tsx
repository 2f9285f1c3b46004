/** On the home page: log in and sign up, or a link to your rooms when signed in. */
import { t } from '../../app/i18n.js';
import { Link } from './Link.js';
import { useSession } from './session.js';

export function AccountNav() {
  const session = useSession();
  return (
    <nav class="account-nav" aria-label={t('nav.label')}>
      {session.kind === 'signed-in' ? (
        <Link href="/dashboard">{t('nav.dashboard')}</Link>
      ) : (
        <>
          <Link href="/login">{t('nav.logIn')}</Link>
          <Link href="/signup">{t('nav.signUp')}</Link>
        </>
      )}
    </nav>
  );
}
