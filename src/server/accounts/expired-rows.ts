/**
 * Deleting the accounts domain's rows that no longer work (issue 18: data is kept only as long as
 * it is needed). The privacy sweep calls it hourly on the services' clock; the keeping times are
 * `retentionLimits`'.
 */
import { retentionLimits } from '../../shared/limits.js';
import type { AccountRecords } from './account-records.js';

/**
 * Deletes, as of `nowMs`: sessions expired `retentionLimits.expiredSessionKeptMs` ago (1 day);
 * one-time links (email verification, password reset) used or expired
 * `retentionLimits.finishedAccountTokenKeptMs` ago (1 day); single sign-ons left unfinished past
 * their ten minutes; trusted devices past their year; and login-failure counts already forgotten.
 * Resolves to how many rows went.
 */
export async function forgetExpiredAccountRows(records: AccountRecords, nowMs: number): Promise<number> {
  const sessions = await records.db
    .deleteFrom('sessions')
    .where('expires_at_ms', '<=', nowMs - retentionLimits.expiredSessionKeptMs)
    .executeTakeFirst();
  const tokensBeforeMs = nowMs - retentionLimits.finishedAccountTokenKeptMs;
  const tokens = await records.db
    .deleteFrom('account_tokens')
    .where((row) => row.or([row('used_at_ms', '<=', tokensBeforeMs), row('expires_at_ms', '<=', tokensBeforeMs)]))
    .executeTakeFirst();
  const pendingLogins = await records.db.deleteFrom('oidc_pending_logins').where('expires_at_ms', '<=', nowMs).executeTakeFirst();
  const throttle = await records.throttle.forgetExpired(nowMs);
  return Number(sessions.numDeletedRows) + Number(tokens.numDeletedRows) + Number(pendingLogins.numDeletedRows) + throttle;
}
