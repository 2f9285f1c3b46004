/**
 * The operator console's instances view: the Plenary instances serving this installation — this
 * one, and with several (Redis) the others as they last said — each with whether it is alive,
 * the meetings it holds, their people, and the browsers relayed between instances; whether Redis
 * answers. Asked again every 5 seconds while shown.
 */
import { InstancesViewSchema, type InstanceView } from '../../../shared/instances-api.js';
import { formatDate, formatNumber } from '../../app/intl/language.js';
import { Button, ErrorLine } from '../../ui/index.js';
import { t } from './messages.js';
import { usePolled } from './use-polled.js';

const countColumns = ['meetings', 'participants', 'relayedOut', 'relayedIn'] as const;
const time = (atMs: number) =>
  formatDate(atMs, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });

export function Instances() {
  const { data, error, load } = usePolled(InstancesViewSchema, '/api/operator/instances');
  return (
    <section class="instances" aria-busy={data === undefined && !error}>
      <p class="hint">{t('operator.instances.lead')}</p>
      <div class="media-toolbar">
        <Button onClick={() => void load()}>{t('operator.media.refresh')}</Button>
        <p class="hint">{t('operator.instances.refreshHint')}</p>
      </div>
      <ErrorLine error={error} />
      {data === undefined && !error && (
        <p role="status" class="status">
          {t('operator.instances.loading')}
        </p>
      )}
      {data && (
        <>
          <p class={`instances-redis redis-${data.redis}`}>{t(`operator.instances.redis.${data.redis}`)}</p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
          <section class="table-scroll" aria-labelledby="instances-caption" tabIndex={0}>
            <table class="instances-table">
              <caption id="instances-caption">{t('operator.instances.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('operator.instances.column.id')}</th>
                  <th scope="col">{t('operator.instances.column.state')}</th>
                  <th scope="col">{t('operator.instances.column.started')}</th>
                  <th scope="col">{t('operator.instances.column.heard')}</th>
                  {countColumns.map((column) => (
                    <th key={column} scope="col" class="number">
                      {t(`operator.instances.column.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.instances.map((instance) => (
                  <InstanceRow key={instance.id} instance={instance} />
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}

function InstanceRow({ instance }: { instance: InstanceView }) {
  const unknown = <span class="media-none">{t('operator.instances.unknown')}</span>;
  return (
    <tr>
      <th scope="row">
        {instance.id}
        {instance.current && <span class="media-local"> ({t('operator.instances.current')})</span>}
      </th>
      <td>
        <span class={`instance-${instance.state}`}>{t(`operator.instances.state.${instance.state}`)}</span>
      </td>
      <td>{instance.startedAtMs === null ? unknown : time(instance.startedAtMs)}</td>
      <td>{instance.current ? t('operator.instances.now') : instance.lastHeardAtMs === null ? unknown : time(instance.lastHeardAtMs)}</td>
      {countColumns.map((column) => {
        const value = instance[column];
        return (
          <td key={column} class="number">
            {value === null ? unknown : formatNumber(value)}
          </td>
        );
      })}
    </tr>
  );
}
