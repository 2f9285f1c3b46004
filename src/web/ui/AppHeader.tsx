/**
 * The one header of every page but the live meeting (which has its own): the co-op's name and
 * mark, the main navigation, and the account's links — Log in and Sign up when signed out, the
 * Account menu (your data, the operator console for operators, Log out) when signed in. On a
 * phone the navigation folds into a Menu button. The App hides it while a live meeting is shown
 * (`WithoutAppShell`).
 */
import { signal } from '@preact/signals';
import {
  ChartColumn,
  ChevronDown,
  CircleUser,
  Info,
  Landmark,
  LogIn,
  LogOut,
  Menu as MenuIcon,
  Network,
  ShieldCheck,
  Tags,
  UserCog,
  UserPlus,
  Video,
  Vote,
} from 'lucide-preact';
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { callApi } from '../app/api.js';
import { appMessages } from '../app/messages.js';
import { navigate, usePath } from '../app/router.js';
import { type SessionState, setSession, useSession } from '../app/session.js';
import { Link } from './Link.js';
import { Logo } from './Logo.js';
import { Menu } from './Menu.js';

const { t } = appMessages;

/** How many `WithoutAppShell`s are shown: while any is, the App shows no header or footer. */
const shellHidden = signal(0);

/** Shown by a page while it needs the whole window (the live meeting): the app's header and footer step aside. */
export function WithoutAppShell() {
  useEffect(() => {
    shellHidden.value += 1;
    return () => {
      shellHidden.value -= 1;
    };
  }, []);
  return null;
}

/** Whether the app's header and footer are shown (not while a live meeting is); re-renders the caller when it changes. */
export function useAppShellShown(): boolean {
  return shellHidden.value === 0;
}

/** One link of the main navigation; `aria-current` when the page shown is it or under it (but not `except`, another link's page). */
function NavigationLink(props: { href: string; icon: ComponentChildren; children: string; path: string; except?: string }) {
  const under = props.path === props.href || props.path.startsWith(`${props.href}/`);
  const current = props.href === '/' ? props.path === '/' : under && props.path !== props.except;
  return (
    <li>
      <Link href={props.href} current={current} class="nav-link">
        {props.icon}
        <span>{props.children}</span>
      </Link>
    </li>
  );
}

const iconSize = 18;

/** The main navigation's links for who is here. The places kept for later are marked. */
function NavigationLinks({ session, path }: { session: SessionState; path: string }) {
  if (session.kind === 'signed-in') {
    return (
      <ul>
        <NavigationLink href="/dashboard" icon={<Video size={iconSize} />} path={path}>
          {t('nav.rooms')}
        </NavigationLink>
        <NavigationLink href="/network" icon={<Network size={iconSize} />} path={path}>
          {t('nav.network')}
        </NavigationLink>
        <NavigationLink href="/coop/finances" icon={<ChartColumn size={iconSize} />} path={path}>
          {t('nav.finances')}
        </NavigationLink>
        <NavigationLink href="/coop" icon={<Vote size={iconSize} />} path={path} except="/coop/finances">
          {t('nav.coop')}
        </NavigationLink>
      </ul>
    );
  }
  return (
    <ul>
      <NavigationLink href="/" icon={<Video size={iconSize} />} path={path}>
        {t('nav.meetings')}
      </NavigationLink>
      <NavigationLink href="/network" icon={<Network size={iconSize} />} path={path}>
        {t('nav.network')}
      </NavigationLink>
      <NavigationLink href="/pricing" icon={<Tags size={iconSize} />} path={path}>
        {t('nav.pricing')}
      </NavigationLink>
      <NavigationLink href="/about" icon={<Info size={iconSize} />} path={path}>
        {t('nav.about')}
      </NavigationLink>
    </ul>
  );
}

export function AppHeader() {
  const session = useSession();
  const path = usePath().replace(/(.)\/+$/, '$1');
  const menuLabel = (
    <>
      <MenuIcon size={20} />
      <span class="menu-word">{t('nav.menu')}</span>
    </>
  );
  return (
    <header class="app-header">
      <Link href="/" class="brand-link">
        <Logo />
        <span>{t('app.name')}</span>
      </Link>
      {session.kind !== 'loading' && (
        <Menu class="site-nav" label={menuLabel}>
          <nav aria-label={t('nav.main')}>
            <NavigationLinks session={session} path={path} />
          </nav>
          {session.kind === 'signed-out' && (
            <div class="nav-account">
              <Link href="/login" current={path === '/login'} class="nav-link">
                <LogIn size={iconSize} />
                <span>{t('nav.logIn')}</span>
              </Link>
              <Link href="/signup" current={path === '/signup'} class="button primary">
                <UserPlus size={iconSize} />
                <span>{t('nav.signUp')}</span>
              </Link>
            </div>
          )}
        </Menu>
      )}
      {session.kind === 'signed-in' && <AccountMenu name={session.session.person.name} operator={session.session.person.operator} />}
    </header>
  );
}

/** The signed-in person's menu: who is signed in, your data, the operator console (operators), Log out. */
function AccountMenu(props: { name: string; operator: boolean }) {
  const label = (
    <>
      <CircleUser size={20} />
      <span class="menu-word">{t('nav.account')}</span>
      <ChevronDown size={16} class="chevron" />
    </>
  );
  return (
    <Menu class="account-menu" label={label} accessibleName={t('nav.account')}>
      <p class="menu-note">{t('nav.signedInAs', { name: props.name })}</p>
      <ul>
        <li>
          <Link href="/account" class="menu-item">
            <UserCog size={iconSize} />
            <span>{t('nav.yourData')}</span>
          </Link>
        </li>
        {props.operator && (
          <li>
            <Link href="/operator" class="menu-item">
              <ShieldCheck size={iconSize} />
              <span>{t('nav.operator')}</span>
            </Link>
          </li>
        )}
        {props.operator && (
          <li>
            <Link href="/operator/treasury" class="menu-item">
              <Landmark size={iconSize} />
              <span>{t('nav.treasury')}</span>
            </Link>
          </li>
        )}
        <li>
          <button
            type="button"
            class="menu-item"
            onClick={async () => {
              await callApi(undefined, '/api/account/logout', { method: 'POST' }).catch(() => undefined);
              setSession(undefined);
              navigate('/');
            }}
          >
            <LogOut size={iconSize} />
            <span>{t('nav.logOut')}</span>
          </button>
        </li>
      </ul>
    </Menu>
  );
}
