import type { JSX } from 'preact';
import { HomePage } from '../features/home/HomePage.js';
import { NotFoundPage } from '../features/home/NotFoundPage.js';
import { RoomPage } from '../features/room/RoomPage.js';
import { AppFooter, AppHeader, SkipLink, Toasts, useAppShellShown } from '../ui/index.js';
import { lazyComponent } from './lazy.js';
import { usePath } from './router.js';

// Loaded on first use: the meeting page does not need them.
const accountPages = () => import('../features/account/index.js');
const SignUpPage = lazyComponent(() => accountPages().then((module) => module.SignUpPage));
const LogInPage = lazyComponent(() => accountPages().then((module) => module.LogInPage));
const VerifyPage = lazyComponent(() => accountPages().then((module) => module.VerifyPage));
const ForgotPasswordPage = lazyComponent(() => accountPages().then((module) => module.ForgotPasswordPage));
const ResetPasswordPage = lazyComponent(() => accountPages().then((module) => module.ResetPasswordPage));
const AcceptInvitationPage = lazyComponent(() => accountPages().then((module) => module.AcceptInvitationPage));
const AccountSettingsPage = lazyComponent(() => accountPages().then((module) => module.AccountSettingsPage));
// The billing feature's panel on an organisation's page, composed here so that neither feature imports the other.
const PlanPanel = lazyComponent(() => import('../features/billing/PlanPanel.js').then((module) => module.PlanPanel));
const IntegrationsPanel = lazyComponent(() =>
  import('../features/bbb-integrations/IntegrationsPanel.js').then((module) => module.IntegrationsPanel),
);
const PlanLimits = lazyComponent(() => import('../features/billing/PlanLimits.js').then((module) => module.PlanLimits));
const BillingPage = lazyComponent(() => import('../features/billing/BillingPage.js').then((module) => module.BillingPage));
const InvoicePage = lazyComponent(() => import('../features/billing/InvoicePage.js').then((module) => module.InvoicePage));
const PricingPage = lazyComponent(() => import('../features/billing/PricingPage.js').then((module) => module.PricingPage));
const FinancesPage = lazyComponent(() => import('../features/finances/index.js').then((module) => module.FinancesPage));
const TreasuryPage = lazyComponent(() => import('../features/treasury/index.js').then((module) => module.TreasuryPage));
const governancePages = () => import('../features/governance/index.js');
const CoopPage = lazyComponent(() => governancePages().then((module) => module.CoopPage));
const RegisterPage = lazyComponent(() => governancePages().then((module) => module.RegisterPage));
const ProposalsPage = lazyComponent(() => governancePages().then((module) => module.ProposalsPage));
const ProposalPage = lazyComponent(() => governancePages().then((module) => module.ProposalPage));
const assemblyPages = () => import('../features/assemblies/index.js');
const BbbJoinPage = lazyComponent(() => import('../features/bbb/BbbJoinPage.js').then((module) => module.BbbJoinPage));
const AssembliesPage = lazyComponent(() => assemblyPages().then((module) => module.AssembliesPage));
const AssemblyPage = lazyComponent(() => assemblyPages().then((module) => module.AssemblyPage));
const SanctionsPage = lazyComponent(() => import('../features/sanctions/index.js').then((module) => module.SanctionsPage));
const AboutPage = lazyComponent(() => import('../features/home/AboutPage.js').then((module) => module.AboutPage));
const DashboardPage = lazyComponent(() => import('../features/dashboard/DashboardPage.js').then((module) => module.DashboardPage));
const OperatorPage = lazyComponent(() => import('../features/operator/OperatorPage.js').then((module) => module.OperatorPage));
const organisationPages = () => import('../features/organisation/OrganisationPage.js');
const OrganisationPage = lazyComponent(() => organisationPages().then((module) => module.OrganisationPage));
const ReadableRoomLink = lazyComponent(() => organisationPages().then((module) => module.ReadableRoomLink));
const SettingsPage = lazyComponent(() => import('../features/room-settings/SettingsPage.js').then((module) => module.SettingsPage));
const NetworkPage = lazyComponent(() =>
  import('../features/network/index.js').then(
    (module) =>
      function NetworkPage({ path }: { path: string }) {
        return module.networkPage(path) ?? <NotFoundPage />;
      },
  ),
);

/** Pages by their exact path: about, accounts, your rooms, the operator console. */
const pagesByPath: Record<string, () => JSX.Element> = {
  '/about': () => <AboutPage />,
  '/pricing': () => <PricingPage />,
  '/signup': () => <SignUpPage />,
  '/login': () => <LogInPage />,
  '/verify': () => <VerifyPage />,
  '/forgot-password': () => <ForgotPasswordPage />,
  '/reset-password': () => <ResetPasswordPage />,
  '/invitations/accept': () => <AcceptInvitationPage />,
  '/dashboard': () => <DashboardPage planLimits={PlanLimits} />,
  '/account': () => <AccountSettingsPage />,
  '/operator': () => <OperatorPage />,
  '/operator/treasury': () => <TreasuryPage />,
  '/coop/finances': () => <FinancesPage />,
  '/coop': () => <CoopPage />,
  '/coop/register': () => <RegisterPage />,
  '/coop/proposals': () => <ProposalsPage />,
  '/coop/assemblies': () => <AssembliesPage />,
  '/bbb/join': () => <BbbJoinPage />,
  '/coop/sanctions': () => <SanctionsPage />,
};

/** The page for `path`: `/`, `/r/<room id>`, `/r/<org>/<room>`, account, organisation (with its billing and invoices) and network pages. */
function Page({ path }: { path: string }) {
  if (path === '/') return <HomePage />;
  const exactPage = pagesByPath[path.replace(/\/+$/, '')];
  if (exactPage) return exactPage();
  if (/^\/network(\/|$)/.test(path)) return <NetworkPage path={path} />;
  const proposal = /^\/coop\/proposals\/([^/]+)\/?$/.exec(path);
  if (proposal?.[1]) return <ProposalPage key={proposal[1]} id={decodeURIComponent(proposal[1])} />;
  const assembly = /^\/coop\/assemblies\/([^/]+)\/?$/.exec(path);
  if (assembly?.[1]) return <AssemblyPage key={assembly[1]} id={decodeURIComponent(assembly[1])} />;
  const organisation = /^\/orgs\/([^/]+)\/?$/.exec(path);
  if (organisation?.[1])
    return (
      <OrganisationPage
        key={organisation[1]}
        slug={decodeURIComponent(organisation[1])}
        planPanel={PlanPanel}
        integrationsPanel={IntegrationsPanel}
      />
    );
  const billing = /^\/orgs\/([^/]+)\/billing\/?$/.exec(path);
  if (billing?.[1]) return <BillingPage key={billing[1]} slug={decodeURIComponent(billing[1])} />;
  const invoice = /^\/orgs\/([^/]+)\/invoices\/([^/]+)\/?$/.exec(path);
  if (invoice?.[1] && invoice[2]) {
    return <InvoicePage key={path} slug={decodeURIComponent(invoice[1])} number={decodeURIComponent(invoice[2])} />;
  }
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

/** Chooses the page from the address, between the app's header and footer (not around a live meeting, which has its own). */
export function App() {
  const path = usePath();
  const shellShown = useAppShellShown();
  return (
    <>
      {shellShown && <SkipLink />}
      {shellShown && <AppHeader />}
      <div id="content" tabIndex={-1}>
        <Page path={path} />
      </div>
      {shellShown && <AppFooter />}
      <Toasts />
    </>
  );
}
