/** The page for an address that is no page of Plenary's: says so, names the address, and offers the way home (and to your rooms, signed in). */
import { House, Video } from 'lucide-preact';
import { appMessages } from '../../app/messages.js';
import { usePath } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { Link, usePageTitle } from '../../ui/index.js';

const { t } = appMessages;

export function NotFoundPage() {
  const path = usePath();
  const session = useSession();
  usePageTitle(t('notFound.title'));
  return (
    <main class="page centered not-found">
      <p class="not-found-code" aria-hidden="true">
        404
      </p>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path })}</p>
      <p class="actions">
        <Link href="/" class="button primary">
          <House size={18} />
          <span>{t('notFound.home')}</span>
        </Link>
        {session.kind === 'signed-in' && (
          <Link href="/dashboard" class="button">
            <Video size={18} />
            <span>{t('notFound.rooms')}</span>
          </Link>
        )}
      </p>
    </main>
  );
}
