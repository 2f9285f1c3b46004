/**
 * `/coop/assemblies`: every general assembly (title, status, chair, times, a link to each), newest
 * first, and for operators the form to convene one. Members, their voters and operators only.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../app/session.js';
import { EmptyState, ErrorLine, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { type AssemblySummary, assembliesApi, isMembersOnly, refusal } from './assemblies-client.js';
import { ConveneForm } from './ConveneForm.js';
import { t } from './messages.js';
import { statusWord, when } from './words.js';
import './assemblies.css';

/** An assembly's line: its title as a link, its status, its chair and its times so far. */
function AssemblyItem({ assembly }: { assembly: AssemblySummary }) {
  const times = [
    t('item.convened', { at: when(assembly.convenedAtMs) }),
    ...(assembly.openedAtMs === null ? [] : [t('item.opened', { at: when(assembly.openedAtMs) })]),
    ...(assembly.closedAtMs === null ? [] : [t('item.closed', { at: when(assembly.closedAtMs) })]),
  ];
  return (
    <li class="assembly-item">
      <Link href={`/coop/assemblies/${encodeURIComponent(assembly.id)}`}>{assembly.title}</Link>
      <span class={`assembly-badge status-${assembly.status}`}>{statusWord(assembly.status)}</span>
      <span class="notice">{[t('item.chair', { name: assembly.chairName }), ...times].join(' · ')}</span>
    </li>
  );
}

function AssemblyList({ assemblies }: { assemblies: readonly AssemblySummary[] }) {
  return (
    <section aria-labelledby="assemblies-list">
      <h2 id="assemblies-list">{t('assemblies.heading')}</h2>
      {assemblies.length === 0 ? (
        <p class="notice">{t('assemblies.empty')}</p>
      ) : (
        <ul class="assembly-list">
          {assemblies.map((assembly) => (
            <AssemblyItem key={assembly.id} assembly={assembly} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The assemblies' page; takes no props. */
export function AssembliesPage() {
  usePageTitle(t('assemblies.title'));
  const session = useSession();
  const [assemblies, setAssemblies] = useState<AssemblySummary[] | undefined>();
  const [refused, setRefused] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const signedIn = session.kind === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    assembliesApi
      .list()
      .then(setAssemblies, (failure: unknown) => (isMembersOnly(failure) ? setRefused(refusal(failure)) : setError(refusal(failure))));
  }, [signedIn]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  const operator = session.session.person.operator;
  return (
    <main class="page assemblies">
      <h1>{t('assemblies.title')}</h1>
      <p class="lead">{t('assemblies.lead')}</p>
      <ErrorLine error={error} />
      {refused && (
        <EmptyState text={refused}>
          <Link href="/coop" class="button primary">
            {t('assemblies.apply')}
          </Link>
        </EmptyState>
      )}
      {!assemblies && !refused && !error && <p aria-live="polite">{t('assemblies.loading')}</p>}
      {assemblies && <AssemblyList assemblies={assemblies} />}
      {operator && assemblies && <ConveneForm onConvened={(convened) => setAssemblies((before) => [convened, ...(before ?? [])])} />}
    </main>
  );
}
