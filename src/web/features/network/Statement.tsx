/** A member's account: balance and limits, and its statement with filters, paging and the CSV export. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AccountView, CurrencyView, StatementLineView } from '../../../shared/network-api.js';
import { Field } from '../../ui/index.js';
import { SelectField } from './fields.js';
import { dateTime, money } from './format.js';
import { t } from './messages.js';
import { ActionButton, ErrorLine, InputProblem, NetworkForm, networkFailureText } from './NetworkForm.js';
import { networkApi, type StatementFilters, statementCsvPath } from './network-client.js';
import type { Party } from './TradeForms.js';

const noFilters: StatementFilters = { from: '', to: '', direction: '', counterparty: '' };

/** The account as last read, the statement lines read so far, and the filters they were read with. */
export interface Statement {
  view: AccountView | undefined;
  lines: StatementLineView[];
  filters: StatementFilters;
  error: string | undefined;
  /** Reads the first page with `filters` (throws when the server refuses). */
  show: (filters: StatementFilters) => Promise<void>;
  /** Reads the first page again with the same filters (after a payment). */
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

export function useStatement(slug: string, enabled: boolean): Statement {
  const [view, setView] = useState<AccountView | undefined>();
  const [lines, setLines] = useState<StatementLineView[]>([]);
  const [filters, setFilters] = useState<StatementFilters>(noFilters);
  const [error, setError] = useState<string | undefined>();
  // What the lines on screen were read with. A new `show` starts a new generation and forgets the
  // cursor at once, so a "Load more" meanwhile cannot mix the old filters' lines into the new ones.
  const current = useRef({ filters: noFilters, cursor: null as string | null, generation: 0, loadingMore: false });
  const show = useCallback(
    async (next: StatementFilters) => {
      current.current.generation += 1;
      current.current.cursor = null;
      const generation = current.current.generation;
      const answer = await networkApi.account(slug, next);
      if (generation !== current.current.generation) return;
      current.current = { ...current.current, filters: next, cursor: answer.nextCursor };
      setFilters(next);
      setView(answer);
      setLines(answer.lines);
      setError(undefined);
    },
    [slug],
  );
  const reload = useCallback(
    () => show(current.current.filters).catch((failure: unknown) => setError(networkFailureText(failure))),
    [show],
  );
  const loadMore = async () => {
    const { cursor, filters: shown, generation, loadingMore } = current.current;
    if (!cursor || loadingMore) return;
    current.current.loadingMore = true;
    try {
      const answer = await networkApi.account(slug, shown, cursor);
      if (generation !== current.current.generation) return;
      current.current.cursor = answer.nextCursor;
      setView(answer);
      setLines((previous) => [...previous, ...answer.lines]);
    } finally {
      current.current.loadingMore = false;
    }
  };
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);
  return { view, lines, filters, error, show, reload, loadMore };
}

/** Balance, available credit and limits; `data-testid`s `balance` and `available` for tests. */
export function AccountSummary({ view }: { view: AccountView }) {
  const { currency } = view;
  return (
    <section aria-labelledby="summary-title" class="card">
      <h2 id="summary-title">{t('network.account.summary')}</h2>
      <dl class="summary">
        <dt>{t('network.account.balance')}</dt>
        <dd class="amount large" data-testid="balance">
          {money(view.balance, currency)}
        </dd>
        <dt>{t('network.account.available')}</dt>
        <dd class="amount large" data-testid="available">
          {money(view.available, currency)}
        </dd>
        <dt>{t('network.account.creditLimit')}</dt>
        <dd class="amount">{money(view.creditLimit, currency)}</dd>
        {view.balanceLimit !== null && (
          <>
            <dt>{t('network.account.balanceLimit')}</dt>
            <dd class="amount">{money(view.balanceLimit, currency)}</dd>
          </>
        )}
        <dt>{t('network.trust.sold')}</dt>
        <dd class="amount">{money(view.sold, currency)}</dd>
        <dt>{t('network.trust.bought')}</dt>
        <dd class="amount">{money(view.bought, currency)}</dd>
      </dl>
      <p class="hint">{t('network.account.availableHint')}</p>
    </section>
  );
}

export function StatementSection(props: { slug: string; statement: Statement; counterparties: Party[] }) {
  const { statement } = props;
  const [draft, setDraft] = useState<StatementFilters>(noFilters);
  const [error, setError] = useState<string | undefined>();
  const currency = statement.view?.currency;
  return (
    <section aria-labelledby="statement-title">
      <h2 id="statement-title">{t('network.statement.title')}</h2>
      <NetworkForm
        class="card filters"
        label={t('network.statement.filters')}
        submit={t('network.statement.show')}
        onSubmit={async () => {
          if (draft.from && draft.to && draft.from > draft.to) throw new InputProblem(t('network.statement.fromAfterTo'), 'statement-from');
          await props.statement.show(draft);
        }}
      >
        <div class="filter-fields">
          <Field
            id="statement-from"
            label={t('network.statement.from')}
            type="date"
            value={draft.from}
            required={false}
            onInput={(from) => setDraft({ ...draft, from })}
          />
          <Field
            id="statement-to"
            label={t('network.statement.to')}
            type="date"
            value={draft.to}
            required={false}
            onInput={(to) => setDraft({ ...draft, to })}
          />
          <SelectField
            id="statement-direction"
            label={t('network.statement.direction')}
            value={draft.direction}
            onChange={(direction) => setDraft({ ...draft, direction: direction === 'in' || direction === 'out' ? direction : '' })}
            choices={[
              { value: '', label: t('network.statement.bothDirections') },
              { value: 'in', label: t('network.statement.received') },
              { value: 'out', label: t('network.statement.paid') },
            ]}
          />
          <SelectField
            id="statement-counterparty"
            label={t('network.statement.counterparty')}
            value={draft.counterparty}
            onChange={(counterparty) => setDraft({ ...draft, counterparty })}
            choices={[
              { value: '', label: t('network.statement.anyMember') },
              ...props.counterparties.map(({ slug, name }) => ({ value: slug, label: name })),
            ]}
          />
        </div>
      </NetworkForm>
      <p>
        <a class="button" href={statementCsvPath(props.slug, statement.filters)} download>
          {t('network.statement.csv')}
        </a>
      </p>
      <ErrorLine error={statement.error ?? error} />
      {currency && <StatementTable lines={statement.lines} currency={currency} />}
      <p role="status" class="result">
        {statement.view ? t('network.statement.count', { count: statement.lines.length }) : ''}
      </p>
      {statement.view?.nextCursor && (
        <ActionButton
          onFailure={setError}
          action={async () => {
            setError(undefined);
            await statement.loadMore();
          }}
        >
          {t('network.statement.loadMore')}
        </ActionButton>
      )}
    </section>
  );
}

function StatementTable({ lines, currency }: { lines: StatementLineView[]; currency: CurrencyView }) {
  return (
    // Scrolls sideways on narrow screens: a named region the keyboard can focus and scroll.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the focus for keyboards to scroll it (WCAG 2.1.1).
    <section class="table-scroll" tabIndex={0} aria-label={t('network.statement.caption', { currency: currency.name })}>
      <table class="statement">
        <caption>{t('network.statement.caption', { currency: currency.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('network.statement.date')}</th>
            <th scope="col">{t('network.statement.member')}</th>
            <th scope="col">{t('network.trade.description')}</th>
            <th scope="col">{t('network.trade.reference')}</th>
            <th scope="col" class="number">
              {t('network.statement.received')}
            </th>
            <th scope="col" class="number">
              {t('network.statement.paid')}
            </th>
            <th scope="col" class="number">
              {t('network.statement.balanceAfter')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 && (
            <tr>
              <td colSpan={7}>{t('network.statement.empty')}</td>
            </tr>
          )}
          {lines.map((line) => (
            <tr key={line.sequence}>
              <td class="nowrap">{dateTime(line.atMs)}</td>
              <td>{line.counterparty?.name ?? t('network.statement.outside')}</td>
              <td>{line.description}</td>
              <td>{line.reference}</td>
              <td class="number">{line.direction === 'in' ? line.amount : ''}</td>
              <td class="number">{line.direction === 'out' ? line.amount : ''}</td>
              <td class="number">{line.balanceAfter}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
