/**
 * The proxies of an assembly not yet closed: those given (grantor → holder), and for each member
 * whose vote the person casts a form to give its proxy to another voting member, or take it back.
 */
import { useRef, useState } from 'preact/hooks';
import { Button, ErrorLine, showToast } from '../../ui/index.js';
import { useSubmission } from './AssemblyForm.js';
import { holdersFor, proxyGivenBy } from './assemblies.js';
import { type AssemblyView, assembliesApi } from './assemblies-client.js';
import { t } from './messages.js';

type Member = AssemblyView['mine'][number];

/** The proxies given so far, each as "grantor → holder" (read as a sentence). */
export function ProxiesGiven({ proxies }: { proxies: AssemblyView['proxies'] }) {
  return (
    <section aria-labelledby="assembly-proxies">
      <h2 id="assembly-proxies">{t('proxies.heading')}</h2>
      {proxies.length === 0 ? (
        <p class="notice">{t('proxies.none')}</p>
      ) : (
        <ul class="assembly-proxies">
          {proxies.map((proxy) => (
            <li key={proxy.grantorMemberId}>
              <span aria-hidden="true">{t('proxies.item', { grantor: proxy.grantorName, holder: proxy.holderName })}</span>
              <span class="visually-hidden">{t('proxies.itemLabel', { grantor: proxy.grantorName, holder: proxy.holderName })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One member's proxy: who holds it, a select of the other voting members, and the buttons to give it or take it back. */
function ProxyForm(props: { assembly: AssemblyView; member: Member; onChanged: (assembly: AssemblyView) => void }) {
  const { assembly, member } = props;
  const given = proxyGivenBy(assembly.proxies, member.memberId);
  const [holder, setHolder] = useState(given?.holderMemberId ?? '');
  const { busy, error, run } = useSubmission();
  const select = useRef<HTMLSelectElement>(null);
  const selectId = `proxy-holder-${member.memberId}`;
  const send = (holderMemberId: string | null) =>
    run(async () => {
      if (holderMemberId === '') return t('proxy.chooseFirst');
      const changed = await assembliesApi.giveProxy(assembly.id, { grantorMemberId: member.memberId, holderMemberId });
      const now = proxyGivenBy(changed.proxies, member.memberId);
      showToast(now ? t('proxy.done', { holder: now.holderName, name: member.name }) : t('proxy.takenBack', { name: member.name }));
      setHolder(now?.holderMemberId ?? '');
      props.onChanged(changed);
      // Taken back, its button is gone: keep the focus in this form rather than lose it to the page.
      if (!now) select.current?.focus();
      return undefined;
    });
  return (
    <form
      class="card assembly-form proxy-form"
      aria-label={t('proxy.form', { name: member.name })}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        send(holder);
      }}
    >
      <p class="proxy-status">
        {given ? t('proxy.given', { holder: given.holderName, name: member.name }) : t('proxy.notGiven', { name: member.name })}
      </p>
      <div class="field">
        <label for={selectId}>{t('proxy.holder', { name: member.name })}</label>
        <select ref={select} id={selectId} value={holder} onChange={(event) => setHolder(event.currentTarget.value)}>
          <option value="">{t('proxy.choose')}</option>
          {holdersFor(assembly.members, member.memberId).map((each) => (
            <option key={each.memberId} value={each.memberId}>
              {each.name}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('proxy.submit')}
        </Button>
        {given && (
          <Button busy={busy} onClick={() => send(null)}>
            {t('proxy.takeBack')}
          </Button>
        )}
      </div>
      <ErrorLine error={error} />
    </form>
  );
}

/** The members whose vote the person casts, each with its proxy form (or why there is none). */
export function MyVotes({ assembly, onChanged }: { assembly: AssemblyView; onChanged: (assembly: AssemblyView) => void }) {
  return (
    <section aria-labelledby="assembly-mine">
      <h2 id="assembly-mine">{t('mine.heading')}</h2>
      {assembly.mine.length === 0 && <p class="notice">{t('mine.none')}</p>}
      {assembly.mine.length > 0 && assembly.proxiesPerHolderMax === 0 && <p class="notice">{t('mine.noProxies')}</p>}
      {assembly.mine.length > 0 && assembly.proxiesPerHolderMax > 0 && (
        <>
          <p class="notice">{t('mine.lead')}</p>
          {assembly.mine.map((member) => (
            <ProxyForm key={member.memberId} assembly={assembly} member={member} onChanged={onChanged} />
          ))}
        </>
      )}
    </section>
  );
}
