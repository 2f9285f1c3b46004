/**
 * Administrators' actions on one member: approve or decline an application (with a reason), and
 * for members: change the credit limit, suspend or reinstate (each with a reason), and read the
 * recorded changes (who, when, why).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type AdminMemberView, type CurrencyView, ReasonRequestSchema } from '../../../shared/network-api.js';
import { Link } from '../../ui/index.js';
import { checkCreditLimit } from './amounts.js';
import { AmountField, TextAreaField } from './fields.js';
import { dateTime, money, share, statusText } from './format.js';
import { t } from './messages.js';
import { ActionButton, checkBody, Disclosure, ErrorLine, InputProblem, NetworkForm } from './NetworkForm.js';
import { networkApi } from './network-client.js';
import { useRemote } from './remote.js';

/** Called after a change with the sentence that says what happened. */
type Changed = (text: string) => Promise<void>;

function MemberHeading({ member, id }: { member: AdminMemberView; id: string }) {
  return (
    <h3 id={id}>
      <Link href={`/network/members/${encodeURIComponent(member.slug)}`}>{member.name}</Link>
      {/* The co-op's own account: an application for it deserves a second look. */}
      {member.coOp && <span class="badge">{t('network.member.coOp')}</span>}
    </h3>
  );
}

/** The reason every administrative decision carries, checked with the shared schema. */
function checkedReason(reason: string, id: string): string {
  return checkBody(ReasonRequestSchema, { reason }, { reason: { label: t('network.admin.reason'), id } }).reason;
}

/** A form with only a reason, for decline, suspend and reinstate. */
function ReasonForm(props: { id: string; label: string; submit: string; danger?: boolean; run: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  return (
    <NetworkForm
      class="inline-form"
      label={props.label}
      submit={props.submit}
      danger={props.danger ?? false}
      onSubmit={() => props.run(checkedReason(reason, props.id))}
    >
      <TextAreaField id={props.id} label={t('network.admin.reason')} value={reason} onInput={setReason} rows={2} required />
    </NetworkForm>
  );
}

/** An application waiting for review. */
export function ApplicationCard({ member, onChanged }: { member: AdminMemberView; onChanged: Changed }) {
  const [error, setError] = useState<string | undefined>();
  const headingId = `application-${member.slug}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <MemberHeading member={member} id={headingId} />
      <p class="hint">{t('network.admin.appliedAt', { when: dateTime(member.appliedAtMs), who: member.appliedBy })}</p>
      {member.description && <p class="member-description">{member.description}</p>}
      {member.location && <p>{member.location}</p>}
      <div class="row wrap">
        <ActionButton
          class="primary"
          onFailure={setError}
          action={async () => {
            setError(undefined);
            await networkApi.approve(member.slug);
            await onChanged(t('network.admin.approved', { name: member.name }));
          }}
        >
          {t('network.admin.approve')}
        </ActionButton>
        <Disclosure id={`decline-${member.slug}`} toggle={t('network.admin.decline')}>
          {() => (
            <ReasonForm
              id={`decline-reason-${member.slug}`}
              label={t('network.admin.declineForm', { name: member.name })}
              submit={t('network.admin.declineSubmit')}
              danger
              run={async (reason) => {
                await networkApi.decline(member.slug, reason);
                await onChanged(t('network.admin.declined', { name: member.name }));
              }}
            />
          )}
        </Disclosure>
      </div>
      <ErrorLine error={error} />
    </li>
  );
}

/** An approved or suspended member: its balance and limit, and the administrators' actions on it. */
export function MemberCard({ member, currency, onChanged }: { member: AdminMemberView; currency: CurrencyView; onChanged: Changed }) {
  const headingId = `member-${member.slug}`;
  const [historyVersion, setHistoryVersion] = useState(0);
  const changed: Changed = async (text) => {
    setHistoryVersion(historyVersion + 1);
    await onChanged(text);
  };
  return (
    <li class="card" aria-labelledby={headingId}>
      <MemberHeading member={member} id={headingId} />
      <dl class="links">
        <dt>{t('network.home.status')}</dt>
        <dd>
          <span class={`badge status-${member.status}`}>{statusText(member.status)}</span>
          {member.status === 'suspended' && member.reason && ` — ${member.reason}`}
        </dd>
        <dt>{t('network.account.balance')}</dt>
        <dd class="amount">{member.balance === null ? '' : money(member.balance, currency)}</dd>
        <dt>{t('network.account.creditLimit')}</dt>
        <dd class="amount">{member.creditLimit === null ? t('network.admin.noLimit') : money(member.creditLimit, currency)}</dd>
        {member.limitUsed !== null && (
          <>
            <dt>{t('network.admin.used')}</dt>
            <dd>{share(member.limitUsed)}</dd>
          </>
        )}
      </dl>
      <div class="row wrap">
        <Disclosure id={`limit-${member.slug}`} toggle={t('network.admin.changeLimit')}>
          {(close) => (
            <CreditLimitForm
              member={member}
              currency={currency}
              onChanged={async (text) => {
                close();
                await changed(text);
              }}
            />
          )}
        </Disclosure>
        {member.status === 'approved' ? (
          // Keys: the two must never share state (an open suspension form must not become a reinstatement).
          <Disclosure key="suspend" id={`suspend-${member.slug}`} toggle={t('network.admin.suspend')}>
            {() => (
              <ReasonForm
                id={`suspend-reason-${member.slug}`}
                label={t('network.admin.suspendForm', { name: member.name })}
                submit={t('network.admin.suspendSubmit')}
                danger
                run={async (reason) => {
                  await networkApi.setSuspended(member.slug, true, reason);
                  await changed(t('network.admin.suspended', { name: member.name }));
                }}
              />
            )}
          </Disclosure>
        ) : (
          <Disclosure key="reinstate" id={`reinstate-${member.slug}`} toggle={t('network.admin.reinstate')}>
            {() => (
              <ReasonForm
                id={`reinstate-reason-${member.slug}`}
                label={t('network.admin.reinstateForm', { name: member.name })}
                submit={t('network.admin.reinstateSubmit')}
                run={async (reason) => {
                  await networkApi.setSuspended(member.slug, false, reason);
                  await changed(t('network.admin.reinstated', { name: member.name }));
                }}
              />
            )}
          </Disclosure>
        )}
        <Disclosure id={`history-${member.slug}`} toggle={t('network.admin.history')}>
          {() => <LimitHistory key={historyVersion} slug={member.slug} name={member.name} />}
        </Disclosure>
      </div>
    </li>
  );
}

function CreditLimitForm(props: { member: AdminMemberView; currency: CurrencyView; onChanged: Changed }) {
  const { member, currency } = props;
  const [limit, setLimit] = useState(member.creditLimit ?? '');
  const [reason, setReason] = useState('');
  const limitId = `limit-amount-${member.slug}`;
  const reasonId = `limit-reason-${member.slug}`;
  return (
    <NetworkForm
      class="inline-form"
      label={t('network.admin.limitForm', { name: member.name })}
      submit={t('network.admin.saveLimit')}
      onSubmit={async () => {
        const checked = checkCreditLimit(limit, currency);
        if (!checked.ok) throw new InputProblem(checked.message, limitId);
        const why = checkedReason(reason, reasonId);
        await networkApi.changeCreditLimit(member.slug, checked.text, why);
        await props.onChanged(t('network.admin.limitChanged', { name: member.name, limit: money(checked.text, currency) }));
      }}
    >
      <AmountField
        id={limitId}
        label={t('network.admin.newLimit')}
        value={limit}
        onInput={setLimit}
        currency={currency}
        hint={t('network.admin.newLimitHint', { currency: currency.name })}
      />
      <TextAreaField id={reasonId} label={t('network.admin.reason')} value={reason} onInput={setReason} rows={2} required />
    </NetworkForm>
  );
}

/** The recorded credit-limit and state changes of a member's account, newest first. */
function LimitHistory({ slug, name }: { slug: string; name: string }) {
  const changes = useRemote(true, slug, () => networkApi.limitChanges(slug));
  let body: ComponentChildren = null;
  if (changes.value && changes.value.changes.length === 0) body = <p class="hint">{t('network.admin.noHistory')}</p>;
  else if (changes.value) {
    body = (
      <table>
        <caption>{t('network.admin.historyCaption', { name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('network.admin.when')}</th>
            <th scope="col">{t('network.admin.who')}</th>
            <th scope="col">{t('network.admin.change')}</th>
            <th scope="col">{t('network.admin.why')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.value.changes.map((change, index) => (
            <tr key={index}>
              <td>{dateTime(change.atMs)}</td>
              <td>{change.changedBy}</td>
              <td>{change.change}</td>
              <td>{change.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <div class="history">
      <ErrorLine error={changes.error} />
      {body}
    </div>
  );
}
