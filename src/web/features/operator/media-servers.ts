/**
 * The media servers view's rules without a page: the words for why a server is down, and the
 * registration and change forms checked with the shared schemas (`shared/media-servers-api.ts`),
 * each problem worded for its field in the page's language.
 */
import {
  type MediaServerChange,
  MediaServerChangeSchema,
  type NewMediaServer,
  NewMediaServerSchema,
} from '../../../shared/media-servers-api.js';
import { formatNumber } from '../../app/intl/language.js';
import { t } from './messages.js';

/** How often the view asks for the servers' state and load while it is shown. */
export const mediaServersRefreshMs = 5_000;

type ReasonKey =
  | 'operator.media.reason.refused'
  | 'operator.media.reason.notFound'
  | 'operator.media.reason.timeout'
  | 'operator.media.reason.unreachable'
  | 'operator.media.reason.lost'
  | 'operator.media.reason.secret'
  | 'operator.media.reason.adminSecret';

/** A failure's reason (a Node.js, WebSocket or Janus error's message, in English) in words where it is recognised. */
function reasonText(failure: string | null, secret: ReasonKey): string {
  // A reason that is no sentence (an event object made into text) is as good as none.
  if (failure === null || failure.trim() === '' || /^\[object \w+\]$/.test(failure)) return t('operator.media.reason.unknown');
  const known: [RegExp, ReasonKey][] = [
    [/ECONNREFUSED/, 'operator.media.reason.refused'],
    [/ENOTFOUND|EAI_AGAIN/, 'operator.media.reason.notFound'],
    [/ETIMEDOUT|timed? ?out|no answer from/i, 'operator.media.reason.timeout'],
    [/EHOSTUNREACH|ENETUNREACH/, 'operator.media.reason.unreachable'],
    [/ECONNRESET|connection was lost/i, 'operator.media.reason.lost'],
    [/unauthori[sz]ed|api_secret|secret/i, secret],
  ];
  for (const [pattern, key] of known) if (pattern.test(failure)) return t(key);
  return t('operator.media.reason.other', { reason: failure });
}

/** Why a server is down, in words; `null` when no reason was given. */
export function downReasonText(lastFailure: string | null): string {
  return reasonText(lastFailure, 'operator.media.reason.secret');
}

/** Why its admin API could not be read, in words. */
export function adminReasonText(adminFailure: string): string {
  return reasonText(adminFailure, 'operator.media.reason.adminSecret');
}

/** A bitrate as the page's language writes it: in kbit/s below 1 Mbit/s, else in Mbit/s. */
export function bitrateText(bitsPerSecond: number): string {
  if (bitsPerSecond < 1_000_000)
    return formatNumber(bitsPerSecond / 1_000, { style: 'unit', unit: 'kilobit-per-second', maximumFractionDigits: 0 });
  return formatNumber(bitsPerSecond / 1_000_000, { style: 'unit', unit: 'megabit-per-second', maximumFractionDigits: 1 });
}

/** A share of one core (1 = a whole core) as a percentage. */
export function cpuText(share: number): string {
  return formatNumber(share, { style: 'percent', maximumFractionDigits: share < 0.1 ? 1 : 0 });
}

/** The registration form as typed. */
export interface NewServerForm {
  name: string;
  url: string;
  apiSecret: string;
  /** Its admin API's address, '' for none. */
  adminUrl: string;
  adminSecret: string;
  weight: string;
  region: string;
  renewable: boolean;
}

/** The registration form's fields that can be wrong. */
export type NewServerField = 'name' | 'url' | 'apiSecret' | 'adminUrl' | 'adminSecret' | 'weight' | 'region';

/** A field's problem in words, for each field that has one. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** An empty registration form: weight 1, no region, not renewable. */
export const emptyNewServerForm: NewServerForm = {
  name: '',
  url: '',
  apiSecret: '',
  adminUrl: '',
  adminSecret: '',
  weight: '1',
  region: '',
  renewable: false,
};

const fieldWords: Record<NewServerField, () => string> = {
  name: () => t('operator.media.error.name'),
  url: () => t('operator.media.error.url'),
  apiSecret: () => t('operator.media.error.apiSecret'),
  adminUrl: () => t('operator.media.error.adminUrl'),
  adminSecret: () => t('operator.media.error.adminSecret'),
  weight: () => t('operator.media.error.weight'),
  region: () => t('operator.media.error.region'),
};

/** A number typed in a field; NaN (refused by the schema) when it is not a plain decimal. */
function numberOf(typed: string): number {
  return /^\s*\d+\s*$/.test(typed) ? Number(typed) : Number.NaN;
}

/** Each field the schema refused, worded. */
function errorsOf(issues: readonly { path: readonly PropertyKey[] }[]): FieldErrors<NewServerField> {
  const errors: FieldErrors<NewServerField> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in fieldWords) errors[field as NewServerField] ??= fieldWords[field as NewServerField]();
  }
  return errors;
}

/** The body of `POST /api/operator/media-servers` from the form (an empty secret is none), or each field's problem. */
export function checkNewServer(
  form: NewServerForm,
): { ok: true; body: NewMediaServer } | { ok: false; errors: FieldErrors<NewServerField> } {
  const parsed = NewMediaServerSchema.safeParse({
    name: form.name,
    url: form.url,
    ...(form.apiSecret === '' ? {} : { apiSecret: form.apiSecret }),
    ...(form.adminUrl.trim() === '' ? {} : { adminUrl: form.adminUrl }),
    ...(form.adminSecret === '' ? {} : { adminSecret: form.adminSecret }),
    weight: numberOf(form.weight),
    region: form.region,
    renewable: form.renewable,
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: errorsOf(parsed.error.issues) };
}

/** The change form of a registered server as typed. */
export interface ChangeForm {
  weight: string;
  region: string;
  renewable: boolean;
  /** Its admin API's address, '' for none. */
  adminUrl: string;
  /** A new admin secret; '' for none. */
  adminSecret: string;
}

/** The change form's fields that can be wrong. */
export type ChangeField = 'weight' | 'region' | 'adminUrl' | 'adminSecret';

/**
 * The body of `PATCH /api/operator/media-servers/:id` from the change form, or each field's
 * problem. The admin API is sent only when its address or secret was changed from `adminUrl`
 * (the server's now): an emptied address stops reading it; the secret is sent again with it.
 */
export function checkChange(
  form: ChangeForm,
  adminUrl: string | null,
): { ok: true; body: MediaServerChange } | { ok: false; errors: FieldErrors<ChangeField> } {
  const typedAdmin = form.adminUrl.trim();
  // A secret without an address has nothing to be used with.
  if (typedAdmin === '' && form.adminSecret !== '') return { ok: false, errors: { adminSecret: fieldWords.adminSecret() } };
  const adminChanged = typedAdmin !== (adminUrl ?? '') || form.adminSecret !== '';
  const admin = typedAdmin === '' ? null : { url: form.adminUrl, ...(form.adminSecret === '' ? {} : { secret: form.adminSecret }) };
  const parsed = MediaServerChangeSchema.safeParse({
    weight: numberOf(form.weight),
    region: form.region,
    renewable: form.renewable,
    ...(adminChanged ? { admin } : {}),
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: FieldErrors<ChangeField> = {};
  for (const issue of parsed.error.issues) {
    const [field, inner] = issue.path;
    const named: ChangeField | undefined =
      field === 'weight' || field === 'region' ? field : field === 'admin' ? (inner === 'secret' ? 'adminSecret' : 'adminUrl') : undefined;
    if (named) errors[named] ??= fieldWords[named]();
  }
  return { ok: false, errors };
}
