/**
 * `/coop/assemblies/:id`: a general assembly — its title, status, chair, times, quorum and proxy
 * rule; the way into its meeting while convened or open; the proxies given and a proxy form for
 * each member whose vote the person casts, until it closes; once closed, its sealed minutes and
 * the links to them as HTML and PDF. Members, their voters and operators only.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../app/session.js';
import { EmptyState, ErrorLine, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { isJoinable } from './assemblies.js';
import { type AssemblyView, assembliesApi, isMembersOnly, refusal } from './assemblies-client.js';
import { MinutesView } from './MinutesView.js';
import { t } from './messages.js';
import { MyVotes, ProxiesGiven } from './ProxyForms.js';
import { percent, statusWord, when } from './words.js';
import './assemblies.css';

/** The assembly's status, chair and times so far. */
function Meta({ assembly }: { assembly: AssemblyView }) {
  const parts = [
    t('item.chair', { name: assembly.chairName }),
    t('item.convened', { at: when(assembly.convenedAtMs) }),
    ...(assembly.openedAtMs === null ? [] : [t('item.opened', { at: when(assembly.openedAtMs) })]),
    ...(assembly.closedAtMs === null ? [] : [t('item.closed', { at: when(assembly.closedAtMs) })]),
  ];
  return (
    <p class="assembly-meta">
      <span class={`assembly-badge status-${assembly.status}`}>{statusWord(assembly.status)}</span> {parts.join(' · ')}
    </p>
  );
}

/** The way into the assembly's meeting, where it sits. */
function JoinMeeting({ roomId }: { roomId: string }) {
  return (
    <div class="assembly-join">
      <Link href={`/r/${encodeURIComponent(roomId)}`} class="button primary">
        {t('assembly.join')}
      </Link>
      <p class="hint">{t('assembly.joinHint')}</p>
    </div>
  );
}

function Rules({ assembly }: { assembly: AssemblyView }) {
  return (
    <section aria-labelledby="assembly-rules">
      <h2 id="assembly-rules">{t('rules.heading')}</h2>
      <ul class="rules">
        <li>{t('rules.quorum', { quorum: percent(assembly.quorumBasisPoints) })}</li>
        <li>{t('rules.proxies', { max: assembly.proxiesPerHolderMax })}</li>
      </ul>
    </section>
  );
}

/** The assembly as it stands: its rules, the proxies, the person's proxy forms, or its minutes once sealed. */
function AssemblyBody({ assembly, onChanged }: { assembly: AssemblyView; onChanged: (assembly: AssemblyView) => void }) {
  if (assembly.minutes) return <MinutesView assemblyId={assembly.id} minutes={assembly.minutes} />;
  return (
    <>
      <Rules assembly={assembly} />
      <ProxiesGiven proxies={assembly.proxies} />
      {assembly.status !== 'closed' && <MyVotes assembly={assembly} onChanged={onChanged} />}
    </>
  );
}

/** The assembly's page for `id`. */
export function AssemblyPage({ id }: { id: string }) {
  const session = useSession();
  const [assembly, setAssembly] = useState<AssemblyView | undefined>();
  const [refused, setRefused] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  usePageTitle(assembly?.title ?? t('assemblies.title'));
  const signedIn = session.kind === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    assembliesApi
      .view(id)
      .then(setAssembly, (failure: unknown) => (isMembersOnly(failure) ? setRefused(refusal(failure)) : setError(refusal(failure))));
  }, [signedIn, id]);
  if (!signedIn) return <SignInRequired />;
  return (
    <main class="page assemblies assembly-page">
      <p>
        <Link href="/coop/assemblies">{t('assembly.back')}</Link>
      </p>
      {!assembly && <h1>{t('assemblies.title')}</h1>}
      <ErrorLine error={error} />
      {refused && <EmptyState text={refused} />}
      {!assembly && !refused && !error && <p aria-live="polite">{t('assembly.loading')}</p>}
      {assembly && (
        <>
          <h1>{assembly.title}</h1>
          <Meta assembly={assembly} />
          {isJoinable(assembly.status) && <JoinMeeting roomId={assembly.roomId} />}
          <AssemblyBody assembly={assembly} onChanged={setAssembly} />
        </>
      )}
    </main>
  );
}
