/** The frame of every network page: sign-in check, the app header, the network's own navigation and the page title. */
import type { ComponentChildren } from 'preact';
import { usePath } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { t } from './messages.js';

export function NetworkLayout(props: { title: string; children: ComponentChildren }) {
  const session = useSession();
  const path = usePath().replace(/\/+$/, '');
  usePageTitle(props.title);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  return (
    <main class="page network">
      <nav class="network-nav" aria-label={t('network.nav.label')}>
        <Link href="/network" current={path === '/network'}>
          {t('network.nav.home')}
        </Link>
        <Link href="/network/directory" current={path === '/network/directory'}>
          {t('network.nav.directory')}
        </Link>
        {session.session.person.operator && (
          <Link href="/network/admin" current={path === '/network/admin'}>
            {t('network.nav.admin')}
          </Link>
        )}
      </nav>
      {props.children}
    </main>
  );
}
