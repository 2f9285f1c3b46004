/** On the home page: log in and sign up, or a link to your rooms when signed in; and the language choice. */
import { appMessages } from '../../app/messages.js';
import { useSession } from '../../app/session.js';
import { Header, Link } from '../../ui/index.js';

const { t } = appMessages;

export function AccountNav() {
  const session = useSession();
  return (
    <Header class="account-nav">
      <nav aria-label={t('nav.label')}>
        {session.kind === 'signed-in' ? (
          <Link href="/dashboard">{t('nav.dashboard')}</Link>
        ) : (
          <>
            <Link href="/login">{t('nav.logIn')}</Link>
            <Link href="/signup">{t('nav.signUp')}</Link>
          </>
        )}
      </nav>
    </Header>
  );
}
