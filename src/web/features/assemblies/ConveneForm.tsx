/**
 * An operator convenes a general assembly: its title, the meeting room (its pasted link or its id),
 * the quorum as a percentage and the most proxies one member may hold (default 2). Once convened,
 * the assembly's page is shown.
 */
import { useState } from 'preact/hooks';
import { proxiesPerHolderCeiling } from '../../../shared/assembly-api.js';
import { navigate } from '../../app/router.js';
import { Field, showToast } from '../../ui/index.js';
import { AssemblyForm } from './AssemblyForm.js';
import { conveneRequestOf } from './assemblies.js';
import { type AssemblyView, assembliesApi } from './assemblies-client.js';
import { t } from './messages.js';

const exampleRoomLink = () => `${typeof location === 'undefined' ? '' : location.origin}/r/abcd-efgh-jkmn`;

/** The convene form, under its heading; `onConvened` hears of the new assembly before its page is shown. */
export function ConveneForm({ onConvened }: { onConvened: (assembly: AssemblyView) => void }) {
  const [title, setTitle] = useState('');
  const [room, setRoom] = useState('');
  const [quorum, setQuorum] = useState('25');
  const [proxies, setProxies] = useState('2');
  const submit = async () => {
    const request = conveneRequestOf({ title, room, quorum, proxies });
    if ('problem' in request) {
      return request.problem === 'proxiesInvalid'
        ? t('convene.proxiesInvalid', { max: proxiesPerHolderCeiling })
        : t(`convene.${request.problem}`);
    }
    const convened = await assembliesApi.convene(request);
    showToast(t('convene.done'));
    onConvened(convened);
    navigate(`/coop/assemblies/${encodeURIComponent(convened.id)}`);
    return undefined;
  };
  return (
    <section aria-labelledby="assembly-convene">
      <h2 id="assembly-convene">{t('convene.heading')}</h2>
      <p class="notice">{t('convene.lead')}</p>
      <AssemblyForm label={t('convene.heading')} submit={t('convene.submit')} onSubmit={submit}>
        <Field id="assembly-title" label={t('convene.title')} value={title} onInput={setTitle} />
        <Field
          id="assembly-room"
          label={t('convene.room')}
          hint={t('convene.roomHint', { example: exampleRoomLink() })}
          inputMode="text"
          autoComplete="off"
          value={room}
          onInput={setRoom}
        />
        <div class="field-row">
          <Field
            id="assembly-quorum"
            label={t('convene.quorum')}
            hint={t('convene.quorumHint')}
            inputMode="decimal"
            value={quorum}
            onInput={setQuorum}
          />
          <Field
            id="assembly-proxies"
            label={t('convene.proxies')}
            hint={t('convene.proxiesHint', { max: proxiesPerHolderCeiling })}
            inputMode="numeric"
            value={proxies}
            onInput={setProxies}
          />
        </div>
      </AssemblyForm>
    </section>
  );
}
