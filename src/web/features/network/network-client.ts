/**
 * Calls to the network's HTTP API (`/api/network/…`), each reply parsed with the shared schema.
 * State-changing calls carry the session's CSRF token (through `callApi`).
 */
import type { z } from 'zod';
import {
  AccountViewSchema,
  type ApplicationRequestSchema,
  AutoAcceptViewSchema,
  type Category,
  DirectoryViewSchema,
  InvoiceListViewSchema,
  type InvoiceRequestSchema,
  InvoiceViewSchema,
  LimitChangesViewSchema,
  type ListingInput,
  type ListingKind,
  ListingViewSchema,
  MemberChoicesViewSchema,
  MemberViewSchema,
  NetworkHomeViewSchema,
  NetworkOverviewSchema,
  type PaymentRequestSchema,
  PaymentViewSchema,
  type ProfileInput,
} from '../../../shared/network-api.js';
import { callApi } from '../../app/api.js';

/** Filters of a statement (and its CSV export); empty ones are left out. */
export interface StatementFilters {
  from: string;
  to: string;
  direction: '' | 'in' | 'out';
  counterparty: string;
}

/** What the directory is asked for; empty fields are left out. */
export interface DirectoryQuery {
  q: string;
  category: Category | '';
  kind: ListingKind | '';
}

const memberPath = (slug: string) => `/api/network/members/${encodeURIComponent(slug)}`;

/** `?a=1&b=2` from the non-empty entries, or an empty string. */
function queryString(entries: Record<string, string | undefined>): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(entries)) if (value) parameters.set(name, value);
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

/** The path of a member's statement as CSV, with the same filters as the page shows. */
/** The browser's time zone: statement dates are whole days where the viewer is. */
function viewerTimeZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
}

/** The statement's query: the filters, with the viewer's time zone when a day is chosen. */
function statementQuery(filters: StatementFilters, cursor?: string): string {
  const timeZone = filters.from || filters.to ? viewerTimeZone() : undefined;
  return queryString({ ...filters, timeZone, cursor });
}

export function statementCsvPath(slug: string, filters: StatementFilters): string {
  return `${memberPath(slug)}/statement.csv${statementQuery(filters)}`;
}

const post = (body: unknown = {}) => ({ method: 'POST', body });

/** Every call the network pages make. */
export const networkApi = {
  home: () => callApi(NetworkHomeViewSchema, '/api/network'),
  apply: (body: z.input<typeof ApplicationRequestSchema>) => callApi(MemberViewSchema, '/api/network/applications', post(body)),
  directory: (query: DirectoryQuery, cursor?: string) =>
    callApi(DirectoryViewSchema, `/api/network/directory${queryString({ ...query, cursor })}`),
  approvedMembers: () => callApi(MemberChoicesViewSchema, '/api/network/members'),
  member: (slug: string) => callApi(MemberViewSchema, memberPath(slug)),
  saveProfile: (slug: string, profile: ProfileInput) =>
    callApi(MemberViewSchema, `${memberPath(slug)}/profile`, { method: 'PUT', body: profile }),
  addListing: (slug: string, listing: ListingInput) => callApi(ListingViewSchema, `${memberPath(slug)}/listings`, post(listing)),
  removeListing: (slug: string, listingId: string) =>
    callApi(undefined, `${memberPath(slug)}/listings/${encodeURIComponent(listingId)}`, { method: 'DELETE' }),
  account: (slug: string, filters: StatementFilters, cursor?: string) =>
    callApi(AccountViewSchema, `${memberPath(slug)}/account${statementQuery(filters, cursor)}`),
  pay: (payer: string, body: z.input<typeof PaymentRequestSchema>) =>
    callApi(PaymentViewSchema, `${memberPath(payer)}/payments`, post(body)),
  requests: (slug: string) => callApi(InvoiceListViewSchema, `${memberPath(slug)}/requests`),
  requestPayment: (requester: string, body: z.input<typeof InvoiceRequestSchema>) =>
    callApi(InvoiceViewSchema, `${memberPath(requester)}/requests`, post(body)),
  acceptRequest: (payer: string, id: string) =>
    callApi(InvoiceViewSchema, `${memberPath(payer)}/requests/${encodeURIComponent(id)}/accept`, post()),
  rejectRequest: (payer: string, id: string, reason: string) =>
    callApi(InvoiceViewSchema, `${memberPath(payer)}/requests/${encodeURIComponent(id)}/reject`, post({ reason })),
  cancelRequest: (requester: string, id: string) =>
    callApi(InvoiceViewSchema, `${memberPath(requester)}/requests/${encodeURIComponent(id)}/cancel`, post()),
  autoAccept: (slug: string) => callApi(AutoAcceptViewSchema, `${memberPath(slug)}/auto-accept`),
  setAutoAccept: (slug: string, payee: string, maxAmount: string | null) =>
    callApi(AutoAcceptViewSchema, `${memberPath(slug)}/auto-accept/${encodeURIComponent(payee)}`, {
      method: 'PUT',
      body: { maxAmount },
    }),
  removeAutoAccept: (slug: string, payee: string) =>
    callApi(AutoAcceptViewSchema, `${memberPath(slug)}/auto-accept/${encodeURIComponent(payee)}`, { method: 'DELETE' }),
  overview: () => callApi(NetworkOverviewSchema, '/api/network/admin'),
  approve: (slug: string) => callApi(MemberViewSchema, `/api/network/admin/members/${encodeURIComponent(slug)}/approve`, post()),
  decline: (slug: string, reason: string) =>
    callApi(MemberViewSchema, `/api/network/admin/members/${encodeURIComponent(slug)}/decline`, post({ reason })),
  setSuspended: (slug: string, suspended: boolean, reason: string) =>
    callApi(
      MemberViewSchema,
      `/api/network/admin/members/${encodeURIComponent(slug)}/${suspended ? 'suspend' : 'reinstate'}`,
      post({ reason }),
    ),
  changeCreditLimit: (slug: string, creditLimit: string, reason: string) =>
    callApi(MemberViewSchema, `/api/network/admin/members/${encodeURIComponent(slug)}/credit-limit`, {
      method: 'PUT',
      body: { creditLimit, reason },
    }),
  limitChanges: (slug: string) => callApi(LimitChangesViewSchema, `/api/network/admin/members/${encodeURIComponent(slug)}/limit-changes`),
};
