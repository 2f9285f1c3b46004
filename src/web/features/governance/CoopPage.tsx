/**
 * `/coop`: the co-op — its classes of members and what each means, the person's memberships in any
 * state (from `GET /api/governance/memberships`), the application form, and the ways to the
 * register, the proposals and the general assemblies.
 */
import { useEffect, useState } from 'preact/hooks';
import { money } from '../../app/intl/money.js';
import { useSession } from '../../app/session.js';
import { ErrorLine, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { sanctionsLinkText } from '../sanctions/messages.js';
import { ApplicationForm } from './ApplicationForm.js';
import { governanceApi, type MemberClassView, type MemberView, refusal } from './governance-client.js';
import { t } from './messages.js';
import { statusWord } from './words.js';
import './governance.css';

function ClassList({ classes }: { classes: readonly MemberClassView[] }) {
  return (
    <section aria-labelledby="coop-classes">
      <h2 id="coop-classes">{t('classes.heading')}</h2>
      <ul class="coop-classes">
        {classes.map((each) => (
          <li key={each.id} class="card">
            <h3>{each.name}</h3>
            <p>{each.description}</p>
            <p class="notice">
              {each.holder === 'organisation' ? t('classes.holderOrganisation') : t('classes.holderPerson')}{' '}
              {each.admission === 'vote' ? t('classes.admissionVote') : t('classes.admissionOperators')}{' '}
              {t('classes.shares', { count: each.sharesMin, value: money(each.shareValueMinor) })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The person's memberships in any state (applied, admitted, declined with its reason, resigned). */
function Membership(props: { mine: MemberView[] | undefined }) {
  return (
    <section aria-labelledby="coop-membership">
      <h2 id="coop-membership">{t('membership.heading')}</h2>
      {props.mine && props.mine.length === 0 && <p>{t('membership.none')}</p>}
      {props.mine && props.mine.length > 0 && (
        <ul>
          {props.mine.map((member) => (
            <li key={member.id}>
              {t('membership.item', { name: member.name, className: member.className, status: statusWord(member.status) })}
              {member.status === 'declined' && member.reason && (
                <p class="hint">{t('register.declinedBecause', { reason: member.reason })}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The co-op's page; takes no props. */
export function CoopPage() {
  usePageTitle(t('coop.title'));
  const session = useSession();
  const [classes, setClasses] = useState<MemberClassView[] | undefined>();
  const [mine, setMine] = useState<MemberView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const person = session.kind === 'signed-in' ? session.session.person : undefined;
  useEffect(() => {
    if (!person) return;
    governanceApi.classes().then(setClasses, (failure: unknown) => setError(refusal(failure)));
    governanceApi.memberships().then(setMine, (failure: unknown) => setError(refusal(failure)));
  }, [person?.id]);
  if (session.kind !== 'signed-in' || !person) return <SignInRequired />;
  const applied = (member: MemberView) => setMine((before) => [...(before ?? []), member]);
  return (
    <main class="page governance">
      <h1>{t('coop.title')}</h1>
      <p class="lead">{t('coop.lead')}</p>
      <ul class="actions coop-links">
        <li>
          <Link href="/coop/proposals" class="button">
            {t('coop.proposals')}
          </Link>
        </li>
        <li>
          <Link href="/coop/assemblies" class="button">
            {t('coop.assemblies')}
          </Link>
        </li>
        <li>
          <Link href="/coop/register" class="button">
            {t('coop.register')}
          </Link>
        </li>
        <li>
          <Link href="/coop/sanctions" class="button">
            {sanctionsLinkText()}
          </Link>
        </li>
      </ul>
      <ErrorLine error={error} />
      {!classes && !error && <p aria-live="polite">{t('coop.loading')}</p>}
      <Membership mine={mine} />
      {classes && <ApplicationForm classes={classes} organisations={person.organisations} onApplied={applied} />}
      {classes && <ClassList classes={classes} />}
    </main>
  );
}
