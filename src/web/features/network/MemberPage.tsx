/**
 * `/network/members/<slug>`: a member's profile, offers and wants, and trust indicators when it
 * shows them; forms to pay it or ask it to pay (for traders of another approved member); its own
 * traders edit the profile and listings here.
 */
import type { MemberView, NetworkHomeView } from '../../../shared/network-api.js';
import { useSession } from '../../app/session.js';
import { Link } from '../../ui/index.js';
import { money, statusText } from './format.js';
import { ListingList } from './listings.js';
import { ListingForm, ProfileForm } from './MemberEditing.js';
import { t } from './messages.js';
import { ErrorLine } from './NetworkForm.js';
import { NetworkLayout } from './NetworkLayout.js';
import { networkApi } from './network-client.js';
import { useRemote } from './remote.js';
import { type Party, PayForm, RequestForm } from './TradeForms.js';

export function MemberPage({ slug }: { slug: string }) {
  const session = useSession();
  const signedIn = session.kind === 'signed-in';
  const member = useRemote(signedIn, slug, () => networkApi.member(slug));
  const home = useRemote(signedIn, 'home', networkApi.home);
  return (
    <NetworkLayout title={member.value?.name ?? t('network.member.loading')}>
      {!member.value && <h1>{member.error ? t('network.member.notShown') : t('network.member.loading')}</h1>}
      <ErrorLine error={member.error ?? home.error} />
      {member.value && home.value && <Profile member={member.value} home={home.value} reload={member.reload} />}
    </NetworkLayout>
  );
}

/** Members you trade for that can pay or ask payment now, other than `member`. */
function tradingMembers(home: NetworkHomeView, member: MemberView): Party[] {
  return home.mine
    .filter((mine) => mine.access === 'trader' && mine.status === 'approved' && mine.slug !== member.slug)
    .map(({ slug, name }) => ({ slug, name }));
}

function Profile({ member, home, reload }: { member: MemberView; home: NetworkHomeView; reload: () => Promise<void> }) {
  const own = tradingMembers(home, member);
  const trader = member.access === 'trader';
  const them: Party = { slug: member.slug, name: member.name };
  return (
    <>
      <h1>
        {member.name} {member.coOp && <span class="badge">{t('network.member.coOp')}</span>}
        {member.status !== 'approved' && <span class={`badge status-${member.status}`}>{statusText(member.status)}</span>}
      </h1>
      {/* Its own people and administrators read its statement; every member reads the co-op's. */}
      {(member.access || home.administrator || member.coOp) && (
        <p>
          <Link href={`/network/members/${encodeURIComponent(member.slug)}/account`}>
            {t('network.home.accountOf', { name: member.name })}
          </Link>
        </p>
      )}
      {member.statusReason && (
        <p class="notice">
          {t('network.home.statusReason')}: {member.statusReason}
        </p>
      )}
      {member.description && <p class="member-description">{member.description}</p>}
      <Contact member={member} />
      <Trust member={member} home={home} />
      <div class="two-columns">
        <ListingList
          slug={member.slug}
          kind="offer"
          title={t('network.member.offers')}
          empty={t('network.member.noOffers')}
          listings={member.offers}
          removable={trader}
          onRemoved={reload}
        />
        <ListingList
          slug={member.slug}
          kind="want"
          title={t('network.member.wants')}
          empty={t('network.member.noWants')}
          listings={member.wants}
          removable={trader}
          onRemoved={reload}
        />
      </div>
      {member.status === 'suspended' && own.length > 0 && <p class="notice">{t('network.member.suspendedHint', { name: member.name })}</p>}
      {member.status === 'approved' && own.length > 0 && (
        <section aria-labelledby="trade-title">
          <h2 id="trade-title">{t('network.member.trade', { name: member.name })}</h2>
          <div class="two-columns">
            <PayForm
              label={t('network.pay.member', { name: member.name })}
              idPrefix="pay"
              currency={home.currency}
              own={own}
              others={[them]}
              chooseOther={false}
              onPaid={reload}
            />
            <RequestForm
              label={t('network.request.member', { name: member.name })}
              idPrefix="request"
              currency={home.currency}
              own={own}
              others={[them]}
              chooseOther={false}
              onRequested={reload}
            />
          </div>
        </section>
      )}
      {trader && (
        <div class="two-columns">
          <ProfileForm member={member} onSaved={reload} />
          <ListingForm member={member} onAdded={reload} />
        </div>
      )}
    </>
  );
}

function Contact({ member }: { member: MemberView }) {
  if (!member.location && !member.website && !member.contact) return null;
  return (
    <dl class="links">
      {member.location && (
        <>
          <dt>{t('network.profile.location')}</dt>
          <dd>{member.location}</dd>
        </>
      )}
      {/^https?:\/\//i.test(member.website) && (
        <>
          <dt>{t('network.profile.website')}</dt>
          <dd>
            <a href={member.website} rel="noopener noreferrer">
              {member.website}
            </a>
          </dd>
        </>
      )}
      {member.contact && (
        <>
          <dt>{t('network.profile.contact')}</dt>
          <dd>{member.contact}</dd>
        </>
      )}
    </dl>
  );
}

/** Balance and turnover, when the member shows them (always to its own people and administrators). */
function Trust({ member, home }: { member: MemberView; home: NetworkHomeView }) {
  return (
    <section aria-labelledby="trust-title">
      <h2 id="trust-title">{t('network.trust.title')}</h2>
      {member.trust ? (
        <>
          <dl class="links">
            <dt>{t('network.account.balance')}</dt>
            <dd class="amount">{money(member.trust.balance, home.currency)}</dd>
            <dt>{t('network.trust.sold')}</dt>
            <dd class="amount">{money(member.trust.sold, home.currency)}</dd>
            <dt>{t('network.trust.bought')}</dt>
            <dd class="amount">{money(member.trust.bought, home.currency)}</dd>
          </dl>
          {!member.showBalance && <p class="hint">{t('network.trust.hiddenFromOthers')}</p>}
        </>
      ) : (
        <p class="hint">
          {member.status === 'applied' || member.status === 'declined'
            ? t('network.trust.noAccount')
            : t('network.trust.private', { name: member.name })}
        </p>
      )}
    </section>
  );
}
