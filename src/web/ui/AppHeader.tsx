/** The signed-in header: your rooms, the trading network, your data, the operator console (for operators), log out, language. */
import { callApi } from '../app/api.js';
import { appMessages } from '../app/messages.js';
import { navigate } from '../app/router.js';
import { setSession, useSession } from '../app/session.js';
import { Button } from './Button.js';
import { Header } from './Header.js';
import { Link } from './Link.js';

const { t } = appMessages;

export function AppHeader() {
  const session = useSession();
  if (session.kind !== 'signed-in') return null;
  const { person } = session.session;
  return (
    <Header>
      <nav aria-label={t('nav.label')}>
        <Link href="/dashboard">{t('nav.dashboard')}</Link>
        <Link href="/network">{t('nav.network')}</Link>
        <Link href="/account">{t('nav.yourData')}</Link>
        {person.operator && <Link href="/operator">{t('nav.operator')}</Link>}
      </nav>
      <span class="signed-in-as">{t('nav.signedInAs', { name: person.name })}</span>
      <Button
        onClick={async () => {
          await callApi(undefined, '/api/account/logout', { method: 'POST' }).catch(() => undefined);
          setSession(undefined);
          navigate('/');
        }}
      >
        {t('nav.logOut')}
      </Button>
    </Header>
  );
}
