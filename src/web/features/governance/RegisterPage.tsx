/**
 * `/coop/register`: the register of members and share capital (members and operators only; others
 * see the server's sentence and the way to apply), its CSV, the operators' decisions and share
 * movements, and a member's own people's resignation and voter (for the members the server says
 * the reader speaks for: `mine`).
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionView } from '../../../shared/accounts-api.js';
import { formatNumber } from '../../app/intl/language.js';
import { money } from '../../app/intl/money.js';
import { useSession } from '../../app/session.js';
import { EmptyState, ErrorLine, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { governanceApi, isMembersOnly, type RegisterView, refusal, registerCsvHref } from './governance-client.js';
import { MemberActions } from './MemberActions.js';
import { t } from './messages.js';
import { SharesForm } from './SharesForm.js';
import { statusWord } from './words.js';
import './governance.css';

function RegisterTable(props: { register: RegisterView; person: SessionView['person']; onChanged: () => void }) {
  const { person } = props;
  if (props.register.members.length === 0) return <EmptyState text={t('register.empty')} />;
  const mine = new Set(props.register.mine);
  const withActions = props.register.members.map((member) => ({ member, mine: mine.has(member.id) }));
  const anyActions = person.operator || withActions.some((each) => each.mine);
  return (
    <div class="table-scroll">
      <table class="governance-table register-table">
        <caption class="visually-hidden">{t('register.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('register.member')}</th>
            <th scope="col">{t('register.class')}</th>
            <th scope="col">{t('register.status')}</th>
            <th scope="col">{t('register.voter')}</th>
            <th scope="col" class="number">
              {t('register.subscribed')}
            </th>
            <th scope="col" class="number">
              {t('register.paid')}
            </th>
            <th scope="col" class="number">
              {t('register.repaid')}
            </th>
            <th scope="col" class="number">
              {t('register.paidAmount')}
            </th>
            {anyActions && <th scope="col">{t('register.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {withActions.map(({ member, mine }) => (
            <tr key={member.id}>
              <th scope="row">{member.name}</th>
              <td data-label={t('register.class')}>{member.className}</td>
              <td data-label={t('register.status')}>
                <span class={`governance-badge status-${member.status}`}>{statusWord(member.status)}</span>
                {member.reason && <p class="hint">{t('register.declinedBecause', { reason: member.reason })}</p>}
              </td>
              <td data-label={t('register.voter')}>{member.voterName}</td>
              <td class="number" data-label={t('register.subscribed')}>
                {formatNumber(member.shares.subscribed)}
              </td>
              <td class="number" data-label={t('register.paid')}>
                {formatNumber(member.shares.paid)}
              </td>
              <td class="number" data-label={t('register.repaid')}>
                {formatNumber(member.shares.repaid)}
              </td>
              <td class="number" data-label={t('register.paidAmount')}>
                {money(member.shares.paidMinor)}
              </td>
              {anyActions && (
                <td data-label={t('register.actions')}>
                  <MemberActions member={member} operator={person.operator} speaksFor={mine} onChanged={props.onChanged} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The register's page; takes no props. */
export function RegisterPage() {
  usePageTitle(t('register.title'));
  const session = useSession();
  const [register, setRegister] = useState<RegisterView | undefined>();
  const [refused, setRefused] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [revision, setRevision] = useState(0);
  const signedIn = session.kind === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    governanceApi.register().then(
      (view) => {
        setError(undefined);
        setRegister(view);
      },
      (failure: unknown) => (isMembersOnly(failure) ? setRefused(refusal(failure)) : setError(refusal(failure))),
    );
  }, [signedIn, revision]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  const person = session.session.person;
  const changed = () => setRevision((value) => value + 1);
  return (
    <main class="page governance wide">
      <h1>{t('register.title')}</h1>
      <p class="lead">{t('register.lead')}</p>
      <ErrorLine error={error} />
      {refused && (
        <EmptyState text={refused}>
          <Link href="/coop" class="button primary">
            {t('register.apply')}
          </Link>
        </EmptyState>
      )}
      {!register && !refused && !error && <p aria-live="polite">{t('register.loading')}</p>}
      {register && (
        <>
          <p>
            <a href={registerCsvHref} download>
              {t('register.csv')}
            </a>
          </p>
          <RegisterTable register={register} person={person} onChanged={changed} />
          {person.operator && register.members.length > 0 && <SharesForm members={register.members} onRecorded={changed} />}
        </>
      )}
    </main>
  );
}
