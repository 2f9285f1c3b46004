/**
 * A new proposal: title, kind, options (choice kinds), how many may be chosen (multiple choice),
 * who votes, when it opens and closes (typed in the browser's time zone, which is named), the
 * quorum as a percentage, the threshold, whether the ballot is secret (default not), and the text
 * in Markdown.
 */
import { useState } from 'preact/hooks';
import type { ProposalRequest } from '../../../shared/governance-api.js';
import { navigate } from '../../app/router.js';
import { Field, showToast } from '../../ui/index.js';
import { GovernanceForm, SelectField, TextAreaField } from './GovernanceForm.js';
import {
  browserTimeZone,
  datetimeLocalToMs,
  isChoiceKind,
  msToDatetimeLocal,
  type ProposalKind,
  percentToBasisPoints,
} from './governance.js';
import { governanceApi, type MemberClassView, type ProposalView } from './governance-client.js';
import { t } from './messages.js';
import { OptionsEditor } from './OptionsEditor.js';

const kinds: readonly ProposalKind[] = ['consent', 'yes_no', 'single_choice', 'multiple_choice', 'ranked_choice'];
type Threshold = ProposalRequest['threshold'];
const thresholds: readonly Threshold[] = ['simple_majority', 'two_thirds', 'consensus'];
const weekMs = 7 * 86_400_000;

/** The request the form's values make, or the problem with them in words. */
function requestOf(values: {
  title: string;
  body: string;
  kind: ProposalKind;
  options: string[];
  choicesMax: string;
  electorate: string;
  opens: string;
  closes: string;
  quorum: string;
  threshold: Threshold;
  secret: boolean;
}): ProposalRequest | string {
  const title = values.title.trim();
  if (title === '') return t('form.titleMissing');
  const options = isChoiceKind(values.kind) ? values.options.map((option) => option.trim()) : [];
  if (isChoiceKind(values.kind) && (options.length < 2 || options.some((option) => option === ''))) return t('form.optionsTooFew');
  let choicesMax: number | undefined;
  if (values.kind === 'multiple_choice' && values.choicesMax.trim() !== '') {
    choicesMax = /^[0-9]{1,2}$/.test(values.choicesMax.trim()) ? Number(values.choicesMax.trim()) : 0;
    if (choicesMax < 1 || choicesMax > options.length) return t('form.choicesMaxInvalid');
  }
  const opensAtMs = datetimeLocalToMs(values.opens);
  const closesAtMs = datetimeLocalToMs(values.closes);
  if (opensAtMs === undefined || closesAtMs === undefined) return t('form.timesInvalid');
  if (closesAtMs <= opensAtMs) return t('form.closesBeforeOpens');
  const quorumBasisPoints = percentToBasisPoints(values.quorum);
  if (quorumBasisPoints === undefined) return t('form.quorumInvalid');
  return {
    title,
    body: values.body,
    kind: values.kind,
    options,
    ...(choicesMax === undefined ? {} : { choicesMax }),
    ...(values.electorate === '' ? {} : { electorateClassId: values.electorate }),
    opensAtMs,
    closesAtMs,
    quorumBasisPoints,
    threshold: values.kind === 'ranked_choice' ? 'simple_majority' : values.threshold,
    secret: values.secret,
  };
}

export function ProposalForm({ classes, onCreated }: { classes: readonly MemberClassView[]; onCreated: (proposal: ProposalView) => void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<ProposalKind>('yes_no');
  const [options, setOptions] = useState(['', '']);
  const [choicesMax, setChoicesMax] = useState('');
  const [electorate, setElectorate] = useState('');
  const [opens, setOpens] = useState(() => msToDatetimeLocal(Date.now()));
  const [closes, setCloses] = useState(() => msToDatetimeLocal(Date.now() + weekMs));
  const [quorum, setQuorum] = useState('25');
  const [threshold, setThreshold] = useState<Threshold>('simple_majority');
  const [secret, setSecret] = useState(false);
  const submit = async () => {
    const request = requestOf({ title, body, kind, options, choicesMax, electorate, opens, closes, quorum, threshold, secret });
    if (typeof request === 'string') return request;
    const created = await governanceApi.propose(request);
    showToast(t('form.created'));
    onCreated(created);
    navigate(`/coop/proposals/${encodeURIComponent(created.id)}`);
    return undefined;
  };
  return (
    <section aria-labelledby="proposal-new">
      <h2 id="proposal-new">{t('form.heading')}</h2>
      <GovernanceForm label={t('form.heading')} submit={t('form.submit')} onSubmit={submit}>
        <Field id="proposal-title" label={t('form.title')} value={title} onInput={setTitle} />
        <SelectField
          id="proposal-kind"
          label={t('form.kind')}
          value={kind}
          onChange={(value) => setKind(kinds.find((each) => each === value) ?? 'yes_no')}
          choices={kinds.map((each) => ({ value: each, label: t(`kind.${each}`) }))}
        />
        {isChoiceKind(kind) && <OptionsEditor options={options} onChange={setOptions} />}
        {kind === 'multiple_choice' && (
          <Field
            id="proposal-choices-max"
            label={t('form.choicesMax')}
            hint={t('form.choicesMaxHint')}
            inputMode="numeric"
            required={false}
            value={choicesMax}
            onInput={setChoicesMax}
          />
        )}
        <SelectField
          id="proposal-electorate"
          label={t('form.electorate')}
          value={electorate}
          onChange={setElectorate}
          choices={[{ value: '', label: t('form.everyMember') }, ...classes.map((each) => ({ value: each.id, label: each.name }))]}
        />
        <div class="field-row">
          <Field
            id="proposal-opens"
            type="datetime-local"
            label={t('form.opens')}
            hint={t('form.timeZone', { zone: browserTimeZone() })}
            value={opens}
            onInput={setOpens}
          />
          <Field
            id="proposal-closes"
            type="datetime-local"
            label={t('form.closes')}
            hint={t('form.timeZone', { zone: browserTimeZone() })}
            value={closes}
            onInput={setCloses}
          />
        </div>
        <Field
          id="proposal-quorum"
          label={t('form.quorum')}
          hint={t('form.quorumHint')}
          inputMode="decimal"
          value={quorum}
          onInput={setQuorum}
        />
        {kind === 'ranked_choice' ? (
          <p class="notice">{t('form.rankedThreshold')}</p>
        ) : (
          <SelectField
            id="proposal-threshold"
            label={t('form.threshold')}
            value={threshold}
            onChange={(value) => setThreshold(thresholds.find((each) => each === value) ?? 'simple_majority')}
            choices={thresholds.map((each) => ({ value: each, label: t(`threshold.${each}`) }))}
          />
        )}
        <div class="field">
          <label class="check">
            <input
              id="proposal-secret"
              type="checkbox"
              checked={secret}
              aria-describedby="proposal-secret-hint"
              onChange={(event) => setSecret(event.currentTarget.checked)}
            />
            {t('form.secret')}
          </label>
          <p id="proposal-secret-hint" class="hint">
            {t('form.secretHint')}
          </p>
        </div>
        <TextAreaField
          id="proposal-body"
          label={t('form.body')}
          hint={t('form.bodyHint')}
          value={body}
          onInput={setBody}
          rows={8}
          required={false}
        />
      </GovernanceForm>
    </section>
  );
}
