/**
 * An organisation's usage, for its owners and admins: participant-minutes, meetings and the
 * largest meeting for each of the last twelve months, the latest month by room, and which plan
 * would fit the last three months better, with a link to the plans. Mounted by the organisation
 * page; props: the organisation's `slug`.
 */
import { useEffect, useState } from 'preact/hooks';
import { type UsageMonth, type UsageView, UsageViewSchema } from '../../../shared/usage-api.js';
import { callApi } from '../../app/api.js';
import { formatNumber } from '../../app/intl/language.js';
import { failureText, Link } from '../../ui/index.js';
import './usage.css';
import { adviceText, monthLabel } from './usage-view.js';
import { usageMessages } from './usage-words.js';

const { t } = usageMessages;

/** The props of `UsagePanel`. */
export interface UsagePanelProps {
  /** The organisation's slug (`/api/orgs/:slug/usage`); only its owners and admins may read its usage. */
  slug: string;
}

export function UsagePanel({ slug }: UsagePanelProps) {
  const [view, setView] = useState<UsageView | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setView(undefined);
    setError(undefined);
    callApi(UsageViewSchema, `/api/orgs/${encodeURIComponent(slug)}/usage`).then(setView, (failure: unknown) =>
      setError(failureText(failure)),
    );
  }, [slug]);
  return (
    <section class="usage-panel" aria-labelledby="usage-heading">
      <h2 id="usage-heading">{t('usage.heading')}</h2>
      <p class="hint">{t('usage.lead')}</p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : view ? (
        <UsageTables view={view} />
      ) : (
        <p aria-live="polite">{t('usage.loading')}</p>
      )}
    </section>
  );
}

function UsageTables({ view }: { view: UsageView }) {
  const months = [...view.report.months].reverse();
  const latest = months[0];
  return (
    <>
      <p class="usage-advice">
        {adviceText(view.advice, view.currentPlan.name)} <Link href="/pricing">{t('usage.comparePlans')}</Link>
      </p>
      <div class="table-scroll">
        <table class="usage-table">
          <caption>{t('usage.monthsCaption')}</caption>
          <FiguresHead first={t('usage.month')} />
          <tbody>
            {months.map((month) => (
              <FiguresRow key={month.month} label={monthLabel(month.startMs)} figures={month.total} />
            ))}
          </tbody>
        </table>
      </div>
      {latest && <RoomsTable month={latest} />}
    </>
  );
}

function RoomsTable({ month }: { month: UsageMonth }) {
  if (month.rooms.length === 0) return <p>{t('usage.noRooms')}</p>;
  return (
    <div class="table-scroll">
      <table class="usage-table">
        <caption>{t('usage.roomsCaption', { month: monthLabel(month.startMs) })}</caption>
        <FiguresHead first={t('usage.room')} />
        <tbody>
          {month.rooms.map((room) => (
            <FiguresRow key={room.roomId} label={room.name} figures={room} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FiguresHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('usage.participantMinutes')}</th>
        <th scope="col">{t('usage.meetings')}</th>
        <th scope="col">{t('usage.largestMeeting')}</th>
      </tr>
    </thead>
  );
}

function FiguresRow({ label, figures }: { label: string; figures: UsageMonth['total'] | UsageMonth['rooms'][number] }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{formatNumber(figures.participantMinutes)}</td>
      <td>{formatNumber(figures.meetings)}</td>
      <td>{t('usage.people', { count: figures.largestMeeting })}</td>
    </tr>
  );
}
