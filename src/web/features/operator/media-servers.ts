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
import { t } from './messages.js';

/** How often the view asks for the servers' state and load while it is shown. */
export const mediaServersRefreshMs = 5_000;

type ReasonKey =
  | 'operator.media.reason.refused'
  | 'operator.media.reason.notFound'
  | 'operator.media.reason.timeout'
  | 'operator.media.reason.unreachable'
  | 'operator.media.reason.lost'
  | 'operator.media.reason.secret';

/**
 * Why a server is down, in words: the gateway's reason (a Node.js or WebSocket error's message,
 * in English) recognised where it can be, else given as it came; `null` when none was given.
 */
export function downReasonText(lastFailure: string | null): string {
  // A reason that is no sentence (an event object made into text) is as good as none.
  if (lastFailure === null || lastFailure.trim() === '' || /^\[object \w+\]$/.test(lastFailure)) return t('operator.media.reason.unknown');
  const known: [RegExp, ReasonKey][] = [
    [/ECONNREFUSED/, 'operator.media.reason.refused'],
    [/ENOTFOUND|EAI_AGAIN/, 'operator.media.reason.notFound'],
    [/ETIMEDOUT|timed? ?out/i, 'operator.media.reason.timeout'],
    [/EHOSTUNREACH|ENETUNREACH/, 'operator.media.reason.unreachable'],
    [/ECONNRESET|connection was lost/i, 'operator.media.reason.lost'],
    [/unauthori[sz]ed|api_secret|secret/i, 'operator.media.reason.secret'],
  ];
  for (const [pattern, key] of known) if (pattern.test(lastFailure)) return t(key);
  return t('operator.media.reason.other', { reason: lastFailure });
}

/** The registration form as typed. */
export interface NewServerForm {
  name: string;
  url: string;
  apiSecret: string;
  weight: string;
  region: string;
  renewable: boolean;
}

/** The registration form's fields that can be wrong. */
export type NewServerField = 'name' | 'url' | 'apiSecret' | 'weight' | 'region';

/** A field's problem in words, for each field that has one. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** An empty registration form: weight 1, no region, not renewable. */
export const emptyNewServerForm: NewServerForm = { name: '', url: '', apiSecret: '', weight: '1', region: '', renewable: false };

const fieldWords: Record<NewServerField, () => string> = {
  name: () => t('operator.media.error.name'),
  url: () => t('operator.media.error.url'),
  apiSecret: () => t('operator.media.error.apiSecret'),
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
}

/** The body of `PATCH /api/operator/media-servers/:id` from the change form, or each field's problem. */
export function checkChange(
  form: ChangeForm,
): { ok: true; body: MediaServerChange } | { ok: false; errors: FieldErrors<'weight' | 'region'> } {
  const parsed = MediaServerChangeSchema.safeParse({ weight: numberOf(form.weight), region: form.region, renewable: form.renewable });
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors = errorsOf(parsed.error.issues);
  return { ok: false, errors: { weight: errors.weight, region: errors.region } };
}
