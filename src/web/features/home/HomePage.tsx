/**
 * The home page: what the co-op is (private meetings, renewable-powered servers, money or mutual
 * credit, owned by its members), starting a meeting now or joining one by its link, and how to
 * join — as a member (an account) or as a trading business (the network).
 */
import { useSignal } from '@preact/signals';
import { Coins, Leaf, Network, ShieldCheck, UserPlus, Users, Video } from 'lucide-preact';
import type { ComponentChildren } from 'preact';
import { CreatedRoomSchema } from '../../../shared/api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { rememberModeratorCode } from '../../app/local-identity.js';
import { navigate } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { Link, usePageTitle } from '../../ui/index.js';
import { t } from './messages.js';

export function HomePage() {
  usePageTitle(t('home.documentTitle'));
  return (
    <main class="page home">
      <div class="home-top">
        <section class="hero" aria-labelledby="home-title">
          <h1 id="home-title">{t('home.headline')}</h1>
          <p class="lead">{t('home.intro')}</p>
          <p>
            <Link href="/about">{t('home.aboutLink')}</Link>
          </p>
        </section>
        <StartMeeting />
      </div>
      <section aria-labelledby="why-title">
        <h2 id="why-title">{t('home.why')}</h2>
        <ul class="reasons">
          <Reason icon={<ShieldCheck size={24} />} title={t('home.private.title')} body={t('home.private.body')} />
          <Reason icon={<Leaf size={24} />} title={t('home.renewable.title')} body={t('home.renewable.body')} />
          <Reason icon={<Coins size={24} />} title={t('home.credit.title')} body={t('home.credit.body')} />
          <Reason icon={<Users size={24} />} title={t('home.owned.title')} body={t('home.owned.body')} />
        </ul>
      </section>
      <JoinTheCoop />
    </main>
  );
}

function Reason(props: { icon: ComponentChildren; title: string; body: string }) {
  return (
    <li class="reason">
      <span class="reason-icon">{props.icon}</span>
      <h3>{props.title}</h3>
      <p>{props.body}</p>
    </li>
  );
}

/** The two ways in: an account (or your rooms, signed in), and the trading network. */
function JoinTheCoop() {
  const session = useSession();
  return (
    <section aria-labelledby="join-title">
      <h2 id="join-title">{t('home.join.title')}</h2>
      <div class="two-ways">
        <div class="card">
          <h3>{t('home.member.title')}</h3>
          <p>{t('home.member.body')}</p>
          <p>
            {session.kind === 'signed-in' ? (
              <Link href="/dashboard" class="button">
                <Video size={18} />
                <span>{t('home.member.rooms')}</span>
              </Link>
            ) : (
              <Link href="/signup" class="button">
                <UserPlus size={18} />
                <span>{t('home.member.signUp')}</span>
              </Link>
            )}
          </p>
        </div>
        <div class="card">
          <h3>{t('home.business.title')}</h3>
          <p>{t('home.business.body')}</p>
          <p>
            <Link href="/network" class="button">
              <Network size={18} />
              <span>{t('home.business.link')}</span>
            </Link>
          </p>
        </div>
      </div>
    </section>
  );
}

/** Start a meeting now (no account needed), or join one by pasting its link. */
function StartMeeting() {
  const creating = useSignal(false);
  const error = useSignal<string | undefined>(undefined);
  const link = useSignal('');
  const linkError = useSignal<string | undefined>(undefined);

  const createMeeting = async () => {
    creating.value = true;
    error.value = undefined;
    try {
      const room = await callApi(CreatedRoomSchema, '/api/rooms', { method: 'POST', body: {} });
      // The creator's browser keeps the moderator code: it joins as moderator.
      rememberModeratorCode(room.roomId, room.moderatorCode);
      navigate(`/r/${room.roomId}`);
    } catch (failure) {
      error.value = t('home.createFailed', { reason: failure instanceof ApiFailure ? failure.message : String(failure) });
      creating.value = false;
    }
  };

  const joinByLink = (event: Event) => {
    event.preventDefault();
    const match = /(?:\/r\/)?([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})\/?$/.exec(link.value.trim());
    if (!match?.[1]) {
      linkError.value = t('home.joinInvalid');
      return;
    }
    navigate(`/r/${match[1]}`);
  };

  return (
    <section class="card start-meeting" aria-labelledby="start-title">
      <h2 id="start-title">{t('home.title')}</h2>
      <p>{t('home.lead')}</p>
      <button type="button" class="primary large" onClick={createMeeting} disabled={creating.value} aria-busy={creating.value}>
        <Video size={20} />
        <span>{creating.value ? t('home.creating') : t('home.newMeeting')}</span>
      </button>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <form class="join-by-link" onSubmit={joinByLink} noValidate>
        <label for="meeting-link">{t('home.joinLabel')}</label>
        <div class="row">
          <input
            id="meeting-link"
            type="text"
            inputMode="url"
            autoComplete="off"
            value={link.value}
            aria-invalid={linkError.value ? true : undefined}
            aria-describedby={linkError.value ? 'meeting-link-error' : undefined}
            onInput={(event) => {
              link.value = event.currentTarget.value;
              linkError.value = undefined;
            }}
          />
          <button type="submit">{t('home.join')}</button>
        </div>
        {linkError.value && (
          <p id="meeting-link-error" class="error" role="alert">
            {linkError.value}
          </p>
        )}
      </form>
    </section>
  );
}
