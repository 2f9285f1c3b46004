/** The signed-in navigation: dashboard, the trading network, your data, operator console (for operators), log out. */
import { t } from '../../app/i18n.js';
import { navigate } from '../../app/router.js';
import { Link } from './Link.js';
import { sessionApi, setSession, useSession } from './session.js';

export function AppHeader() {
  const session = useSession();
  if (session.kind !== 'signed-in') return null;
  const { person } = session.session;
  return (
    <header class="app-header">
      <nav aria-label={t('nav.label')}>
        <Link href="/dashboard">{t('dashboard.title')}</Link>
        <Link href="/network">{t('nav.network')}</Link>
        <Link href="/account">{t('account.yourData')}</Link>
        {person.operator && <Link href="/operator">{t('operator.title')}</Link>}
      </nav>
      <span class="signed-in-as">{t('nav.signedInAs', { name: person.name })}</span>
      <button
        type="button"
        onClick={async () => {
          await sessionApi(undefined, '/api/account/logout', { method: 'POST' }).catch(() => undefined);
          setSession(undefined);
          navigate('/');
        }}
      >
        {t('account.logOut')}
      </button>
    </header>
  );
}
