/**
 * The log, newest first: each line says who, where, what, when, why and who decided, and its
 * appeal — the link to the members' vote, or the suspended party's appeal form — and, for
 * operators, the form to lift a suspension still in force.
 */
import { useEffect, useRef } from 'preact/hooks';
import { EmptyState, Link } from '../../ui/index.js';
import { AppealForm, LiftForm } from './LineForms.js';
import { t } from './messages.js';
import { inForceIds, isLiftable, proposalHref } from './sanctions.js';
import type { SanctionView } from './sanctions-client.js';
import { decidedByWord, scopeWord, when } from './words.js';

/** What a line's forms tell the page. */
export interface LineChanges {
  /** The reader appealed `line`: the members vote on `proposalId`. */
  onAppealed: (line: SanctionView, proposalId: string) => void;
  /** An operator lifted a suspension: `reinstated` is the new line. */
  onLifted: (reinstated: SanctionView) => void;
}

/** The appeal of a suspension: the link to the members' vote on it (focused once the reader has just appealed), or that there is none. */
function AppealFact({ line, justAppealed }: { line: SanctionView; justAppealed: boolean }) {
  const link = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (justAppealed) link.current?.querySelector('a')?.focus();
  }, [justAppealed]);
  if (line.appealProposalId === null) return <>{t('appeal.none')}</>;
  const href = proposalHref(line.appealProposalId);
  if (!justAppealed) return <Link href={href}>{t('appeal.link')}</Link>;
  return (
    <span ref={link}>
      {t('appeal.sent')} <Link href={href}>{t('appeal.sentLink')}</Link>
    </span>
  );
}

function SanctionLine(
  props: { line: SanctionView; inForce: boolean; liftable: boolean; operator: boolean; justAppealed: boolean } & LineChanges,
) {
  const { line } = props;
  const headingId = `sanction-${line.id}`;
  return (
    <li class={`sanction-line action-${line.action}`}>
      <article aria-labelledby={headingId}>
        <header class="sanction-line-head">
          <h3 id={headingId}>
            {line.action === 'suspended' ? t('line.suspended', { subject: line.subject }) : t('line.reinstated', { subject: line.subject })}
          </h3>
          {props.inForce && <span class="sanction-badge">{t('line.inForce')}</span>}
        </header>
        <dl class="sanction-facts">
          <div>
            <dt>{t('line.when')}</dt>
            <dd>
              <time dateTime={new Date(line.atMs).toISOString()}>{when(line.atMs)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('line.where')}</dt>
            <dd>{scopeWord(line.scope)}</dd>
          </div>
          <div>
            <dt>{t('line.reason')}</dt>
            <dd class="sanction-reason">{line.reason}</dd>
          </div>
          <div>
            <dt>{t('line.decidedBy')}</dt>
            <dd>{decidedByWord(line.decidedBy)}</dd>
          </div>
          {line.action === 'suspended' && (
            <div>
              <dt>{t('line.appeal')}</dt>
              <dd>
                <AppealFact line={line} justAppealed={props.justAppealed} />
              </dd>
            </div>
          )}
        </dl>
        {line.appealable && line.appealProposalId === null && (
          <AppealForm line={line} onAppealed={(proposalId) => props.onAppealed(line, proposalId)} />
        )}
        {props.operator && props.liftable && <LiftForm line={line} onLifted={props.onLifted} />}
        {props.operator && props.inForce && line.scope === 'network' && <p class="notice">{t('lift.network')}</p>}
      </article>
    </li>
  );
}

/** The log under its heading (focusable, so the page can bring the reader back to it); an empty state when it has no line. */
export function SanctionLog(
  props: {
    log: readonly SanctionView[];
    operator: boolean;
    justAppealedId: string | undefined;
    headingRef?: { current: HTMLHeadingElement | null };
  } & LineChanges,
) {
  const inForce = inForceIds(props.log);
  return (
    <section aria-labelledby="sanctions-log">
      <h2 id="sanctions-log" tabIndex={-1} ref={props.headingRef}>
        {t('log.heading')}
      </h2>
      {props.log.length === 0 ? (
        <EmptyState text={t('log.empty')} />
      ) : (
        <ol class="sanction-log">
          {props.log.map((line) => (
            <SanctionLine
              key={line.id}
              line={line}
              inForce={inForce.has(line.id)}
              liftable={isLiftable(line, inForce)}
              operator={props.operator}
              justAppealed={props.justAppealedId === line.id}
              onAppealed={props.onAppealed}
              onLifted={props.onLifted}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
