/** The network's pages by path: `/network`, `/network/directory`, `/network/admin`, `/network/members/<slug>[/account]`. */
import type { JSX } from 'preact';
import { AccountPage } from './AccountPage.js';
import { AdminPage } from './AdminPage.js';
import { DirectoryPage } from './DirectoryPage.js';
import { MemberPage } from './MemberPage.js';
import { NetworkHomePage } from './NetworkHomePage.js';
import './network.css';

/** The network page for `path`, or undefined when the path is not one of them. */
export function networkPage(path: string): JSX.Element | undefined {
  const clean = path.replace(/\/+$/, '');
  if (clean === '/network') return <NetworkHomePage />;
  if (clean === '/network/directory') return <DirectoryPage />;
  if (clean === '/network/admin') return <AdminPage />;
  const account = /^\/network\/members\/([^/]+)\/account$/.exec(clean);
  if (account?.[1]) {
    const slug = decodeURIComponent(account[1]);
    return <AccountPage key={`account-${slug}`} slug={slug} />;
  }
  const member = /^\/network\/members\/([^/]+)$/.exec(clean);
  if (member?.[1]) {
    const slug = decodeURIComponent(member[1]);
    return <MemberPage key={`member-${slug}`} slug={slug} />;
  }
  return undefined;
}
