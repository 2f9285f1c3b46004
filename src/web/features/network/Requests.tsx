/** Payment requests of a member: those it is asked to pay (accept, reject with a reason) and those it sent (cancel). */
import { useRef, useState } from 'preact/hooks';
import { type CurrencyView, type InvoiceView, ReasonRequestSchema } from '../../../shared/network-api.js';
import { TextAreaField } from './fields.js';
import { dateTime, day, money, today } from './format.js';
import { t } from './messages.js';
import { ActionButton, checkBody, Disclosure, ErrorLine, NetworkForm } from './NetworkForm.js';
import { networkApi } from './network-client.js';
import type { Remote } from './remote.js';

type Side = 'incoming' | 'outgoing';

/**
 * Both lists, with the actions a trader may take on open requests. `onSettled` runs after a
 * request is accepted (the balance changed).
 */
export function RequestsSection(props: {
  slug: string;
  requests: Remote<{ incoming: InvoiceView[]; outgoing: InvoiceView[] }>;
  trader: boolean;
  currency: CurrencyView;
  onSettled: () => Promise<void>;
}) {
  const [result, setResult] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const resultLine = useRef<HTMLParagraphElement>(null);
  // The button that was used is gone once a request is settled: the focus goes to what happened.
  const showResult = (text: string | undefined) => {
    setResult(text);
    if (text) requestAnimationFrame(() => resultLine.current?.focus());
  };
  const context = { ...props, setResult: showResult, setError };
  const lists = props.requests.value;
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">{t('network.requests.title')}</h2>
      <p role="status" class="result success" tabIndex={-1} ref={resultLine}>
        {result ?? ''}
      </p>
      <ErrorLine error={error ?? props.requests.error} />
      {lists && (
        <div class="two-columns">
          <RequestList side="incoming" requests={lists.incoming} context={context} />
          <RequestList side="outgoing" requests={lists.outgoing} context={context} />
        </div>
      )}
    </section>
  );
}

type Context = Parameters<typeof RequestsSection>[0] & {
  setResult: (text: string | undefined) => void;
  setError: (text: string | undefined) => void;
};

function RequestList({ side, requests, context }: { side: Side; requests: InvoiceView[]; context: Context }) {
  const titleId = `requests-${side}`;
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{t(side === 'incoming' ? 'network.requests.incoming' : 'network.requests.outgoing')}</h3>
      {requests.length === 0 ? (
        <p class="hint">{t('network.requests.none')}</p>
      ) : (
        <ul class="card-list">
          {requests.map((request) => (
            <RequestItem key={request.id} side={side} request={request} context={context} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestItem({ side, request, context }: { side: Side; request: InvoiceView; context: Context }) {
  const other = side === 'incoming' ? request.requester : request.payer;
  const amount = money(request.amount, context.currency);
  const headingId = `request-${request.id}`;
  const open = request.status === 'open';
  const overdue = open && request.dueDate !== null && request.dueDate < today();
  const act = async (run: () => Promise<InvoiceView>, done: (view: InvoiceView) => string) => {
    context.setResult(undefined);
    context.setError(undefined);
    try {
      context.setResult(done(await run()));
    } finally {
      // Also after a refusal: the request may have been cancelled, accepted or expired meanwhile.
      await context.requests.reload();
    }
  };
  return (
    <li class={`card request status-${request.status}`} aria-labelledby={headingId}>
      <h4 id={headingId}>
        {t(side === 'incoming' ? 'network.requests.fromMember' : 'network.requests.toMember', { name: other.name, amount })}
      </h4>
      <p>{request.description}</p>
      <dl class="links">
        <dt>{t('network.requests.status')}</dt>
        <dd>
          {t(`network.requests.status.${request.status}`)}
          {request.acceptedAutomatically && ` ${t('network.requests.automatically')}`}
        </dd>
        {request.reference && (
          <>
            <dt>{t('network.trade.reference')}</dt>
            <dd>{request.reference}</dd>
          </>
        )}
        {request.dueDate && (
          <>
            <dt>{t('network.request.dueDate')}</dt>
            <dd>
              {day(request.dueDate)} {overdue && <strong class="overdue">{t('network.requests.overdue')}</strong>}
            </dd>
          </>
        )}
        <dt>{t('network.requests.sent')}</dt>
        <dd>{dateTime(request.createdAtMs)}</dd>
        {open && (
          <>
            <dt>{t('network.requests.expires')}</dt>
            <dd>{dateTime(request.expiresAtMs)}</dd>
          </>
        )}
        {request.reason && (
          <>
            <dt>{t('network.requests.reason')}</dt>
            <dd>{request.reason}</dd>
          </>
        )}
      </dl>
      {open && context.trader && side === 'incoming' && (
        <div class="row wrap">
          <ActionButton
            class="primary"
            onFailure={context.setError}
            action={() =>
              act(
                () => networkApi.acceptRequest(context.slug, request.id),
                () => t('network.requests.accepted', { amount, name: other.name }),
              ).then(context.onSettled)
            }
          >
            {t('network.requests.accept')}
          </ActionButton>
          <Disclosure id={`reject-${request.id}`} toggle={t('network.requests.reject')}>
            {() => <RejectForm request={request} context={context} act={act} otherName={other.name} />}
          </Disclosure>
        </div>
      )}
      {open && context.trader && side === 'outgoing' && (
        <div class="row">
          <ActionButton
            onFailure={context.setError}
            action={() =>
              act(
                () => networkApi.cancelRequest(context.slug, request.id),
                () => t('network.requests.cancelled', { amount, name: other.name }),
              )
            }
          >
            {t('network.requests.cancel')}
          </ActionButton>
        </div>
      )}
    </li>
  );
}

function RejectForm(props: {
  request: InvoiceView;
  context: Context;
  otherName: string;
  act: (run: () => Promise<InvoiceView>, done: (view: InvoiceView) => string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const id = `reject-reason-${props.request.id}`;
  return (
    <NetworkForm
      class="inline-form"
      label={t('network.requests.rejectForm', { name: props.otherName })}
      submit={t('network.requests.confirmReject')}
      danger
      onSubmit={async () => {
        const body = checkBody(ReasonRequestSchema, { reason }, { reason: { label: t('network.requests.reason'), id } });
        await props.act(
          () => networkApi.rejectRequest(props.context.slug, props.request.id, body.reason),
          () => t('network.requests.rejected', { name: props.otherName }),
        );
      }}
    >
      <TextAreaField id={id} label={t('network.requests.reason')} value={reason} onInput={setReason} rows={2} required />
    </NetworkForm>
  );
}
