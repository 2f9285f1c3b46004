/** `/about`: the co-op — who owns it, what it promises about meetings, where it runs, how it is paid for. */
import { Network, Video } from 'lucide-preact';
import { Link, usePageTitle } from '../../ui/index.js';
import { t } from './messages.js';

const sections = ['owned', 'private', 'green', 'credit'] as const;

export function AboutPage() {
  usePageTitle(t('about.title'));
  return (
    <main class="page about">
      <h1>{t('about.title')}</h1>
      <p class="lead">{t('about.lead')}</p>
      {sections.map((section) => (
        <section key={section} aria-labelledby={`about-${section}`}>
          <h2 id={`about-${section}`}>{t(`about.${section}.title`)}</h2>
          <p>{t(`about.${section}.body`)}</p>
        </section>
      ))}
      <p class="actions">
        <Link href="/" class="button primary">
          <Video size={18} />
          <span>{t('about.start')}</span>
        </Link>
        <Link href="/network" class="button">
          <Network size={18} />
          <span>{t('about.network')}</span>
        </Link>
      </p>
    </main>
  );
}
