/**
 * Paying another member and asking one to pay, used on a member's profile (the other member is
 * fixed) and on your account page (you choose it). Each form keeps one idempotency key per
 * payment until the server confirms it, so a double click or a retry never pays twice.
 */
import { useRef, useState } from 'preact/hooks';
import { networkLimits } from '../../../shared/limits.js';
import {
  type CurrencyView,
  InvoiceRequestSchema,
  type InvoiceView,
  PaymentRequestSchema,
  type PaymentView,
} from '../../../shared/network-api.js';
import { Field } from '../../ui/index.js';
import { checkAmount, SubmissionKey } from './amounts.js';
import { AmountField, SelectField } from './fields.js';
import { money } from './format.js';
import { t } from './messages.js';
import { checkBody, InputProblem, NetworkForm } from './NetworkForm.js';
import { networkApi } from './network-client.js';

/** A trading member on one side of a payment. */
export interface Party {
  slug: string;
  name: string;
}

/** The sides of a form: yours (a select when you act for several) and the other (a select when `chooseOther`). */
interface Sides {
  /** The form's accessible name. */
  label: string;
  /** Prefix of the fields' ids (unique on the page). */
  idPrefix: string;
  currency: CurrencyView;
  /** Members you trade for that may take part; the first is chosen at first. */
  own: Party[];
  /** The other members; with `chooseOther` false, only the first is used. */
  others: Party[];
  chooseOther: boolean;
}

/** The selects of a form's two sides: the other member when it is chosen, yours when you act for several. */
function PartySelects(props: { sides: Sides; trade: Trade; ownLabel: string; otherLabel: string }) {
  const { sides, trade } = props;
  const choices = (members: Party[]) => members.map(({ slug, name }) => ({ value: slug, label: name }));
  return (
    <>
      {sides.chooseOther && (
        <SelectField
          id={`${sides.idPrefix}-other`}
          label={props.otherLabel}
          value={trade.other}
          onChange={trade.setOther}
          choices={[{ value: '', label: t('network.trade.chooseMember') }, ...choices(sides.others)]}
        />
      )}
      {sides.own.length > 1 && (
        <SelectField
          id={`${sides.idPrefix}-own`}
          label={props.ownLabel}
          value={trade.own}
          onChange={trade.setOwn}
          choices={choices(sides.own)}
        />
      )}
    </>
  );
}

/** The two members of a submission, or an `InputProblem` when the other one is not chosen. */
function parties(sides: Sides, ownSlug: string, otherSlug: string): { own: Party; other: Party } {
  const own = sides.own.find((party) => party.slug === ownSlug) ?? sides.own[0];
  const other = sides.others.find((party) => party.slug === otherSlug);
  if (!other) throw new InputProblem(t('network.trade.memberRequired'), `${sides.idPrefix}-other`);
  if (!own) throw new Error('a trade form needs a member to act for');
  return { own, other };
}

/** The form's amount, checked as the server checks it. */
function amountOf(text: string, sides: Sides): string {
  const checked = checkAmount(text, sides.currency);
  if (!checked.ok) throw new InputProblem(checked.message, `${sides.idPrefix}-amount`);
  return checked.text;
}

/**
 * What a payment and a payment request share while being typed: who pays whom, amount,
 * description, reference, and one idempotency key per attempt until the server confirms it.
 */
function useTrade(sides: Sides) {
  const [own, setOwn] = useState(sides.own[0]?.slug ?? '');
  const [other, setOther] = useState(sides.chooseOther ? '' : (sides.others[0]?.slug ?? ''));
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [reference, setReference] = useState('');
  const key = useRef(new SubmissionKey()).current;
  return {
    own,
    setOwn,
    other,
    setOther,
    amount,
    setAmount,
    description,
    setDescription,
    reference,
    setReference,
    key,
    /** The server confirmed: the next submission is a new one, from empty fields. */
    sent() {
      key.confirmed();
      setAmount('');
      setDescription('');
      setReference('');
    },
  };
}

type Trade = ReturnType<typeof useTrade>;

/** What a payment and a payment request both ask for: the members, amount, description and reference. */
function TradeFields(props: { sides: Sides; trade: Trade; ownLabel: string; otherLabel: string }) {
  const { sides, trade } = props;
  const { idPrefix } = sides;
  return (
    <>
      <PartySelects {...props} />
      <AmountField
        id={`${idPrefix}-amount`}
        label={t('network.trade.amount')}
        value={trade.amount}
        onInput={trade.setAmount}
        currency={sides.currency}
      />
      <Field
        id={`${idPrefix}-description`}
        label={t('network.trade.description')}
        value={trade.description}
        onInput={trade.setDescription}
        autoComplete="off"
      />
      <Field
        id={`${idPrefix}-reference`}
        label={t('network.trade.reference')}
        value={trade.reference}
        onInput={trade.setReference}
        autoComplete="off"
        required={false}
        hint={t('network.trade.referenceHint')}
      />
    </>
  );
}

/** Pays another member at once; says what was paid and the payer's balance after. */
export function PayForm(props: Sides & { onPaid?: (payment: PaymentView) => Promise<void> }) {
  const { idPrefix, currency } = props;
  const trade = useTrade(props);
  const { own, other, amount, description, reference, key } = trade;
  return (
    <NetworkForm
      label={props.label}
      submit={t('network.pay.submit')}
      onSubmit={async () => {
        const sides = parties(props, own, other);
        const body = checkBody(
          PaymentRequestSchema,
          { payee: sides.other.slug, amount: amountOf(amount, props), description, reference, idempotencyKey: key.current() },
          {
            description: { label: t('network.trade.description'), id: `${idPrefix}-description` },
            reference: { label: t('network.trade.reference'), id: `${idPrefix}-reference` },
          },
        );
        const payment = await networkApi.pay(sides.own.slug, body);
        trade.sent();
        await props.onPaid?.(payment);
        return t(payment.replayed ? 'network.pay.replayed' : 'network.pay.paid', {
          amount: money(payment.amount, currency),
          payee: sides.other.name,
          payer: sides.own.name,
          balance: money(payment.balanceAfter, currency),
        });
      }}
    >
      <h2>{props.label}</h2>
      <TradeFields sides={props} trade={trade} ownLabel={t('network.pay.from')} otherLabel={t('network.pay.to')} />
    </NetworkForm>
  );
}

/** Today's date where the person is, as `YYYY-MM-DD` (a due date cannot be earlier). */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A whole number of days from 1 to the longest expiry, or an `InputProblem` naming the field. */
function daysOf(text: string, id: string): number {
  const days = /^\s*\d{1,3}\s*$/.test(text) ? Number(text) : 0;
  if (days >= 1 && days <= networkLimits.requestExpiryDaysMax) return days;
  throw new InputProblem(
    t('network.error.field', {
      field: t('network.request.expiresInDays'),
      message: t('network.request.expiresInDaysInvalid', { max: networkLimits.requestExpiryDaysMax }),
    }),
    id,
  );
}

/** Asks another member to pay; says whether it was sent or paid at once under the payer's auto-accept rule. */
export function RequestForm(props: Sides & { onRequested?: (request: InvoiceView) => Promise<void> }) {
  const { idPrefix, currency } = props;
  const trade = useTrade(props);
  const { own, other, amount, description, reference, key } = trade;
  const [dueDate, setDueDate] = useState('');
  const [expiresInDays, setExpiresInDays] = useState(String(networkLimits.requestExpiryDaysDefault));
  return (
    <NetworkForm
      label={props.label}
      submit={t('network.request.submit')}
      onSubmit={async () => {
        const sides = parties(props, own, other);
        if (dueDate && dueDate < localToday()) {
          throw new InputProblem(
            t('network.error.field', { field: t('network.request.dueDate'), message: t('network.request.dueDatePast') }),
            `${idPrefix}-due`,
          );
        }
        const body = checkBody(
          InvoiceRequestSchema,
          {
            payer: sides.other.slug,
            amount: amountOf(amount, props),
            description,
            reference,
            ...(dueDate ? { dueDate } : {}),
            expiresInDays: daysOf(expiresInDays, `${idPrefix}-expires`),
            idempotencyKey: key.current(),
          },
          {
            description: { label: t('network.trade.description'), id: `${idPrefix}-description` },
            reference: { label: t('network.trade.reference'), id: `${idPrefix}-reference` },
            dueDate: { label: t('network.request.dueDate'), id: `${idPrefix}-due` },
            expiresInDays: { label: t('network.request.expiresInDays'), id: `${idPrefix}-expires` },
          },
        );
        const request = await networkApi.requestPayment(sides.own.slug, body);
        trade.sent();
        setDueDate('');
        setExpiresInDays(String(networkLimits.requestExpiryDaysDefault));
        await props.onRequested?.(request);
        const words = { amount: money(request.amount, currency), payer: sides.other.name };
        return request.status === 'accepted' ? t('network.request.paidAutomatically', words) : t('network.request.sent', words);
      }}
    >
      <h2>{props.label}</h2>
      <TradeFields sides={props} trade={trade} ownLabel={t('network.request.as')} otherLabel={t('network.request.from')} />
      <Field
        id={`${idPrefix}-due`}
        label={t('network.request.dueDate')}
        type="date"
        min={localToday()}
        value={dueDate}
        onInput={setDueDate}
        required={false}
        hint={t('network.request.dueDateHint')}
      />
      <Field
        id={`${idPrefix}-expires`}
        label={t('network.request.expiresInDays')}
        inputMode="numeric"
        value={expiresInDays}
        onInput={setExpiresInDays}
        hint={t('network.request.expiresInDaysHint', { max: networkLimits.requestExpiryDaysMax })}
      />
    </NetworkForm>
  );
}
