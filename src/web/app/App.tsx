import { AccountNav } from '../features/account/AccountNav.js';
import {
  AcceptInvitationPage,
  AccountSettingsPage,
  ForgotPasswordPage,
  LogInPage,
  ResetPasswordPage,
  SignUpPage,
  VerifyPage,
} from '../features/account/AccountPages.js';
import { DashboardPage } from '../features/dashboard/DashboardPage.js';
import { HomePage } from '../features/home/HomePage.js';
import { networkPage } from '../features/network/index.js';
import { OperatorPage } from '../features/operator/OperatorPage.js';
import { OrganisationPage, ReadableRoomLink } from '../features/organisation/OrganisationPage.js';
import { NotFoundPage, RoomPage } from '../features/room/RoomPage.js';
import { SettingsPage } from '../features/room-settings/SettingsPage.js';
import { usePath } from './router.js';

/** Pages of accounts, organisations and the operator console, by path. */
const accountPages: Record<string, () => preact.JSX.Element> = {
  '/signup': () => <SignUpPage />,
  '/login': () => <LogInPage />,
  '/verify': () => <VerifyPage />,
  '/forgot-password': () => <ForgotPasswordPage />,
  '/reset-password': () => <ResetPasswordPage />,
  '/invitations/accept': () => <AcceptInvitationPage />,
  '/dashboard': () => <DashboardPage />,
  '/account': () => <AccountSettingsPage />,
  '/operator': () => <OperatorPage />,
};

/** Chooses the page from the address: `/`, `/r/<room id>`, `/r/<org>/<room>`, account, organisation and network pages. */
export function App() {
  const path = usePath();
  if (path === '/') {
    return (
      <>
        <AccountNav />
        <HomePage />
      </>
    );
  }
  const accountPage = accountPages[path.replace(/\/+$/, '')];
  if (accountPage) return accountPage();
  const network = networkPage(path);
  if (network) return network;
  const organisation = /^\/orgs\/([^/]+)\/?$/.exec(path);
  if (organisation?.[1]) return <OrganisationPage key={organisation[1]} slug={decodeURIComponent(organisation[1])} />;
  // `/r/<room id>/settings` before `/r/<org>/<room>`: "settings" is never a room's short name.
  const settings = /^\/r\/([^/]+)\/settings\/?$/.exec(path);
  if (settings?.[1]) return <SettingsPage key={settings[1]} roomId={decodeURIComponent(settings[1])} />;
  const readableRoom = /^\/r\/([^/]+)\/([^/]+)\/?$/.exec(path);
  if (readableRoom?.[1] && readableRoom[2]) {
    return <ReadableRoomLink key={path} organisation={decodeURIComponent(readableRoom[1])} room={decodeURIComponent(readableRoom[2])} />;
  }
  const room = /^\/r\/([^/]+)\/?$/.exec(path);
  if (room?.[1]) return <RoomPage key={room[1]} roomId={decodeURIComponent(room[1])} />;
  return <NotFoundPage />;
}
