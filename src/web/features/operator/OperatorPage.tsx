/**
 * The operator console: accounts, organisations, live meetings and their load, the media
 * servers (`MediaServers.tsx`: their state and load, drain, register, remove), the instances
 * serving the installation (`Instances.tsx`), the outbox and the audit log. Every view is audited on the server. There is no chat, notes or media to show.
 */
import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { callApi } from '../../app/api.js';
import { formatDate } from '../../app/intl/language.js';
import { useSession } from '../../app/session.js';
import { failureText, SignInRequired, usePageTitle } from '../../ui/index.js';
import { Instances } from './Instances.js';
import { MediaServers } from './MediaServers.js';
import { t } from './messages.js';
import './operator.css';

const views = {
  people: { path: '/api/operator/people', key: 'people', columns: ['name', 'email', 'emailVerified', 'deleted', 'createdAtMs'] },
  organisations: { path: '/api/operator/organisations', key: 'organisations', columns: ['slug', 'name', 'people', 'rooms', 'createdAtMs'] },
  live: {
    path: '/api/operator/live',
    key: 'meetings',
    columns: ['roomName', 'roomId', 'startedAtMs', 'participantsNow', 'participantsPeak'],
  },
  outbox: { path: '/api/operator/outbox', key: 'messages', columns: ['createdAtMs', 'to', 'subject', 'sentAtMs', 'text'] },
  audit: { path: '/api/operator/audit', key: 'entries', columns: ['atMs', 'operatorId', 'action', 'target'] },
} as const;
type TableViewName = keyof typeof views;
/** The views in the order of their buttons: the tables above, and the media servers' and instances' own views. */
const viewNames = ['people', 'organisations', 'live', 'mediaServers', 'instances', 'outbox', 'audit'] as const;
type ViewName = (typeof viewNames)[number];

const RowsSchema = z.record(z.string(), z.unknown());

function cell(column: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? t('operator.yes') : t('operator.no');
  if (column.endsWith('Ms') && typeof value === 'number')
    return formatDate(value, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return String(value);
}

export function OperatorPage() {
  const session = useSession();
  const [view, setView] = useState<ViewName>('people');
  const [rows, setRows] = useState<Record<string, unknown>[]>([]);
  const [error, setError] = useState<string | undefined>();
  usePageTitle(t('operator.title'));
  useEffect(() => {
    setError(undefined);
    setRows([]);
    if (session.kind !== 'signed-in' || view === 'mediaServers' || view === 'instances') return;
    callApi(RowsSchema, views[view].path).then(
      (reply) => setRows(z.array(RowsSchema).parse(reply[views[view].key] ?? [])),
      (failure: unknown) => setError(failureText(failure)),
    );
  }, [session.kind, view]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  return (
    <main class="page operator">
      <h1>{t('operator.title')}</h1>
      <p class="hint">{t('operator.privacy')}</p>
      <fieldset class="row">
        <legend>{t('operator.views')}</legend>
        {viewNames.map((name) => (
          <button key={name} type="button" aria-pressed={view === name} onClick={() => setView(name)}>
            {t(`operator.view.${name}`)}
          </button>
        ))}
      </fieldset>
      {view === 'mediaServers' ? (
        <MediaServers />
      ) : view === 'instances' ? (
        <Instances />
      ) : (
        <TableView view={view} rows={rows} error={error} />
      )}
    </main>
  );
}

/** One of the generic views: a table of what the server listed. */
function TableView({ view, rows, error }: { view: TableViewName; rows: Record<string, unknown>[]; error: string | undefined }) {
  return (
    <>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <table>
        <caption>{t(`operator.view.${view}`)}</caption>
        <thead>
          <tr>
            {views[view].columns.map((column) => (
              <th key={column} scope="col">
                {t(`operator.column.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {views[view].columns.map((column) => (
                <td key={column}>{cell(column, row[column])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
