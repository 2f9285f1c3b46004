/**
 * The operator console's media servers view: the pool (this instance's own Janus and the
 * registered ones) with each server's state, what the meetings put on it and — where its admin API
 * is read — what it says it carries (CPU for the supervised one, bitrate in and out), asked
 * again every 5 seconds while shown (not while the tab is hidden); per server Drain / Undrain,
 * and for registered ones Remove (asked first) and Change (weight, region, renewable power);
 * and the form that registers one.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { MediaServersViewSchema, type MediaServerView, MediaServerViewSchema } from '../../../shared/media-servers-api.js';
import { callApi } from '../../app/api.js';
import { formatNumber } from '../../app/intl/language.js';
import { Button, ErrorLine, failureText, Prompt, showToast } from '../../ui/index.js';
import { ChangeMediaServer, mediaServersPath, RegisterMediaServer } from './MediaServerForms.js';
import { adminReasonText, bitrateText, cpuText, downReasonText } from './media-servers.js';
import { t } from './messages.js';
import { usePolled } from './use-polled.js';

const countColumns = ['weight', 'rooms', 'participants', 'publishedStreams', 'forwardedStreams'] as const;
/** What the server says through its admin API, where it is read. */
const measuredColumns = ['cpu', 'receiving', 'sending'] as const;

export function MediaServers() {
  const { data, error, load } = usePolled(MediaServersViewSchema, mediaServersPath);
  const servers = data?.servers;
  const [actionError, setActionError] = useState<string | undefined>();
  const reload = () => void load();
  return (
    <section class="media-servers" aria-busy={servers === undefined && !error}>
      <p class="hint">{t('operator.media.lead')}</p>
      <div class="media-toolbar">
        <Button onClick={reload}>{t('operator.media.refresh')}</Button>
        <p class="hint">{t('operator.media.refreshHint')}</p>
      </div>
      <ErrorLine error={error} />
      <ErrorLine error={actionError} />
      {servers === undefined && !error && (
        <p role="status" class="status">
          {t('operator.media.loading')}
        </p>
      )}
      {servers && servers.length === 0 && <p>{t('operator.media.none')}</p>}
      {servers && servers.length > 0 && <ServersTable servers={servers} onChanged={reload} onFailed={setActionError} />}
      <RegisterMediaServer onRegistered={reload} />
    </section>
  );
}

function ServersTable(props: { servers: MediaServerView[]; onChanged: () => void; onFailed: (text: string | undefined) => void }) {
  return (
    // Focusable so that the keyboard can scroll it on a narrow screen.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-scroll" aria-labelledby="media-servers-caption" tabIndex={0}>
      <table class="media-servers-table">
        <caption id="media-servers-caption">{t('operator.media.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operator.media.column.name')}</th>
            <th scope="col">{t('operator.media.column.url')}</th>
            <th scope="col">{t('operator.media.column.state')}</th>
            <th scope="col">{t('operator.media.column.region')}</th>
            <th scope="col">{t('operator.media.column.renewable')}</th>
            {countColumns.map((column) => (
              <th key={column} scope="col" class="number">
                {t(`operator.media.column.${column}`)}
              </th>
            ))}
            {measuredColumns.map((column) => (
              <th key={column} scope="col" class="number">
                {t(`operator.media.column.${column}`)}
              </th>
            ))}
            <th scope="col">{t('operator.media.column.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.servers.map((server) => (
            <tr key={server.id}>
              <th scope="row">
                {server.name}
                {server.local && <span class="media-local"> ({t('operator.media.local')})</span>}
              </th>
              <td class="media-url">{server.url ?? <span class="media-none">{t('operator.media.noAddress')}</span>}</td>
              <td>
                <ServerState server={server} />
              </td>
              <td>{server.region || <span class="media-none">{t('operator.media.noRegion')}</span>}</td>
              <td>{server.renewable ? t('operator.yes') : t('operator.no')}</td>
              {countColumns.map((column) => (
                <td key={column} class="number">
                  {formatNumber(server[column])}
                </td>
              ))}
              <MeasuredCells server={server} />
              <td>
                <ServerActions server={server} onChanged={props.onChanged} onFailed={props.onFailed} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Up, or Down and why; and Drained when it takes no new meetings. In words, not colour alone. */
function ServerState({ server }: { server: MediaServerView }) {
  return (
    <div class="media-state">
      {server.up ? (
        <span class="media-up">{t('operator.media.state.up')}</span>
      ) : (
        <span>
          <span class="media-down">{t('operator.media.state.down')}</span>: {downReasonText(server.lastFailure)}
        </span>
      )}
      {server.drained && <span class="media-drained">{t('operator.media.state.drained')}</span>}
      {server.measured && (
        <span class="media-measured">
          {t('operator.media.measured', { rooms: server.measured.rooms, streams: server.measured.forwardedStreams })}
        </span>
      )}
      {/* Down, the server's own reason says it all. */}
      {server.up && server.adminFailure !== null && (
        <span class="media-admin-failing">{t('operator.media.adminFailing', { reason: adminReasonText(server.adminFailure) })}</span>
      )}
    </div>
  );
}

/** CPU, receiving and sending, as the server's admin API last said; "not read" where it is not (and CPU "not known" for a server on another machine). */
function MeasuredCells({ server }: { server: MediaServerView }) {
  const { measured } = server;
  const none = (key: 'operator.media.notMeasured' | 'operator.media.cpuUnknown') => <span class="media-none">{t(key)}</span>;
  if (!measured)
    return (
      <>
        {measuredColumns.map((column) => (
          <td key={column} class="number">
            {none('operator.media.notMeasured')}
          </td>
        ))}
      </>
    );
  return (
    <>
      <td class="number">{measured.cpu === null ? none('operator.media.cpuUnknown') : cpuText(measured.cpu)}</td>
      <td class="number">{bitrateText(measured.bitrateInBps)}</td>
      <td class="number">{bitrateText(measured.bitrateOutBps)}</td>
    </>
  );
}

/** Drain / Undrain; for a registered server Remove (after a confirmation) and Change. */
function ServerActions(props: { server: MediaServerView; onChanged: () => void; onFailed: (text: string | undefined) => void }) {
  const { server } = props;
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keepButton.current?.focus();
  }, [asking]);
  const serverPath = `${mediaServersPath}/${encodeURIComponent(server.id)}`;
  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    props.onFailed(undefined);
    try {
      await action();
    } catch (failure) {
      props.onFailed(failureText(failure));
    } finally {
      setBusy(false);
      props.onChanged();
    }
  };
  const toggleDrain = () =>
    run(async () => {
      const changed = await callApi(MediaServerViewSchema, serverPath, { method: 'PATCH', body: { drained: !server.drained } });
      showToast(t(changed.drained ? 'operator.media.drained' : 'operator.media.undrained', { name: changed.name }));
    });
  const remove = () =>
    run(async () => {
      setAsking(false);
      await callApi(undefined, serverPath, { method: 'DELETE' });
      showToast(t('operator.media.removed', { name: server.name }));
    });
  const keep = () => {
    setAsking(false);
    removeButton.current?.focus();
  };
  return (
    <div class="media-actions">
      <div class="row">
        {/* aria-disabled, not disabled: a disabled button loses the keyboard focus; `run` ignores clicks meanwhile. */}
        <button
          type="button"
          aria-disabled={busy}
          aria-busy={busy}
          aria-label={t(server.drained ? 'operator.media.undrainLabel' : 'operator.media.drainLabel', { name: server.name })}
          onClick={toggleDrain}
        >
          {server.drained ? t('operator.media.undrain') : t('operator.media.drain')}
        </button>
        {!server.local && (
          <button
            ref={removeButton}
            type="button"
            class="danger"
            aria-disabled={busy}
            aria-label={t('operator.media.removeLabel', { name: server.name })}
            onClick={() => setAsking(true)}
          >
            {t('operator.media.remove')}
          </button>
        )}
      </div>
      {asking && (
        <Prompt text={t('operator.media.removeQuestion', { name: server.name })} class="confirmation">
          <div class="row">
            <Button variant="danger" onClick={remove}>
              {t('operator.media.removeYes')}
            </Button>
            <button ref={keepButton} type="button" onClick={keep}>
              {t('operator.media.removeNo')}
            </button>
          </div>
        </Prompt>
      )}
      {!server.local && <ChangeMediaServer server={server} onChanged={props.onChanged} />}
    </div>
  );
}
