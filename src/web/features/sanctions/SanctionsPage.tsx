/**
 * `/coop/sanctions`: the co-op's log of suspensions and reinstatements — from the trading network,
 * from holding meetings, from membership — with their reasons, who decided and their appeals; the
 * suspended party's appeal to the members; and for operators, suspending and lifting. Members and
 * operators read every line, the suspended party's people their own.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../../app/session.js';
import { EmptyState, ErrorLine, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { t } from './messages.js';
import { SanctionLog } from './SanctionLog.js';
import { SuspendForm } from './SuspendForm.js';
import { isMembersOnly, refusal, type SanctionView, sanctionsApi } from './sanctions-client.js';
import './sanctions.css';

/** The log as last read: loading, refused to a non-member, failed, or its lines; `reload` reads it again (the latest answer wins). */
function useLog(personId: string | undefined) {
  const [log, setLog] = useState<SanctionView[] | undefined>();
  const [refused, setRefused] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const latest = useRef(0);
  const reload = () => {
    const request = ++latest.current;
    sanctionsApi.log().then(
      (lines) => {
        if (request !== latest.current) return;
        setLog(lines);
        setRefused(false);
        setError(undefined);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        if (isMembersOnly(failure)) setRefused(true);
        else setError(refusal(failure));
      },
    );
  };
  useEffect(() => {
    if (personId) reload();
  }, [personId]);
  return { log, setLog, refused, error, reload };
}

/** The page; takes no props. */
export function SanctionsPage() {
  usePageTitle(t('sanctions.title'));
  const session = useSession();
  const person = session.kind === 'signed-in' ? session.session.person : undefined;
  const { log, setLog, refused, error, reload } = useLog(person?.id);
  const [justAppealedId, setJustAppealedId] = useState<string | undefined>();
  const logHeading = useRef<HTMLHeadingElement>(null);
  if (!person) return <SignInRequired />;
  const operator = person.operator;
  /** A new line (a suspension or a lifting) goes on top at once, the reader is brought to the log, and the log is read again. */
  const added = (line: SanctionView) => {
    setLog((before) => [line, ...(before ?? []).filter((each) => each.id !== line.id)]);
    logHeading.current?.focus();
    reload();
  };
  const appealed = (line: SanctionView, proposalId: string) => {
    setLog((before) => before?.map((each) => (each.id === line.id ? { ...each, appealProposalId: proposalId, appealable: false } : each)));
    setJustAppealedId(line.id);
    reload();
  };
  return (
    <main class="page sanctions">
      <h1>{t('sanctions.title')}</h1>
      <p class="lead">{t('sanctions.lead')}</p>
      <ErrorLine error={error} />
      {refused && (
        <EmptyState text={t('refused.text')}>
          <Link href="/coop" class="button primary">
            {t('refused.apply')}
          </Link>
        </EmptyState>
      )}
      {!log && !refused && !error && <p aria-live="polite">{t('sanctions.loading')}</p>}
      {log && (
        <SanctionLog
          log={log}
          operator={operator}
          justAppealedId={justAppealedId}
          headingRef={logHeading}
          onAppealed={appealed}
          onLifted={added}
        />
      )}
      {operator && log && <SuspendForm onSuspended={added} />}
    </main>
  );
}
