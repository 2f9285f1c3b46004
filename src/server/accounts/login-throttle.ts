/**
 * Login throttling that a stranger cannot turn against an account's owner: OWASP's "device
 * cookies". A browser that has logged in to an account holds a device token for it (the
 * `plenary_device` cookie, rotated at each login); only the token's SHA-256 is stored, in
 * `trusted_devices`, bound to the person.
 *
 * - A login that presents a valid device token for the account is throttled only by that
 *   device's own failures: after `loginFailuresBeforeLock` of them the device is locked for
 *   `loginLockBaseMs`, doubling with each further failure up to `loginLockMaxMs`.
 * - Every other login (an untrusted browser) is throttled by its client address and the email
 *   together, with the same back-off, so a stranger's failures lock only the stranger's address;
 *   and by the failures of all untrusted browsers for that email together, which lock the email
 *   for untrusted browsers only after `untrustedFailuresBeforeLock`, so a distributed attack still
 *   slows down while trusted browsers get in. Failures are counted by email whether or not it has
 *   an account, so a lock-out tells nobody which emails do.
 *
 * A count is forgotten `failureMemoryMs` after its last failure; a success clears the count it
 * was judged by (the device's, or the address's), never the one for all untrusted browsers.
 */
import { sql } from 'kysely';
import { accountLimits } from '../../shared/limits.js';
import { addressKey } from '../http/client-address.js';
import type { Clock } from '../platform/clock.js';
import type { Storage } from '../storage/index.js';
import type { AccountsTables } from './migrations.js';
import { newToken, tokenHash } from './secrets.js';

/** Limits of login throttling beyond `accountLimits.loginFailuresBeforeLock`, `loginLockBaseMs` and `loginLockMaxMs`. */
export const loginThrottleLimits = {
  /** Failures of untrusted browsers for one email, from every address together, before it is locked for them (then the usual back-off). */
  untrustedFailuresBeforeLock: 20,
  /** How long a device token stays valid after the login that issued it, in milliseconds (1 year). */
  deviceTokenDurationMs: 365 * 24 * 60 * 60 * 1000,
  /** Trusted devices kept per person; beyond that the oldest are forgotten. */
  trustedDevicesPerPersonMax: 20,
  /** How long a count of failures is kept after its last failure, in milliseconds (24 hours). */
  failureMemoryMs: 24 * 60 * 60 * 1000,
} as const;

/** Where a login comes from: the email tried, the client's address, and the device token its browser sent, if any. */
export interface LoginSource {
  email: string;
  address: string;
  deviceToken: string | undefined;
}

/**
 * The throttle's verdict before the password is checked: locked until a time, or open — judged as
 * the trusted device with this token hash, or as an untrusted browser at this address.
 */
export type LoginGate =
  | { kind: 'locked'; lockedUntilMs: number }
  | { kind: 'open'; trustedDeviceHash: string }
  | { kind: 'open'; trustedDeviceHash: undefined; addressScope: string };

/** How long to lock after `failures` failures when `failuresBeforeLock` are allowed: 0, then the base, doubling, up to the maximum. */
function lockDurationMs(failures: number, failuresBeforeLock: number): number {
  const over = failures - failuresBeforeLock;
  return over < 0 ? 0 : Math.min(accountLimits.loginLockBaseMs * 2 ** over, accountLimits.loginLockMaxMs);
}

const untrustedScope = 'untrusted';
/** The scope of the counts kept per client address: `address:<address key>`. */
const addressScopePrefix = 'address:';

/** Counts login failures and keeps trusted devices; every time comes from the `Clock`. */
export class LoginThrottle {
  constructor(private readonly options: { storage: Storage; clock: Clock }) {}

  private get db() {
    return this.options.storage.db.withTables<AccountsTables>();
  }

  private now(): number {
    return this.options.clock.nowMs();
  }

  /** Judges a login before its password is checked; `personId` is the account of the email, if there is one. */
  async gate(source: LoginSource, personId: string | undefined): Promise<LoginGate> {
    const now = this.now();
    // Looked up whether or not the email has an account, so that the time taken tells nothing.
    if (source.deviceToken) {
      const device = await this.db
        .selectFrom('trusted_devices')
        .selectAll()
        .where('token_hash', '=', tokenHash(source.deviceToken))
        .executeTakeFirst();
      // A token of another account, or an expired one, counts for nothing: the browser is untrusted.
      if (device && personId !== undefined && device.person_id === personId && Number(device.expires_at_ms) > now) {
        const lockedUntilMs = Number(device.locked_until_ms);
        return lockedUntilMs > now ? { kind: 'locked', lockedUntilMs } : { kind: 'open', trustedDeviceHash: device.token_hash };
      }
    }
    const addressScope = `${addressScopePrefix}${addressKey(source.address)}`;
    const rows = await this.db
      .selectFrom('login_failures')
      .select('locked_until_ms')
      .where('email', '=', source.email)
      .where('scope', 'in', [addressScope, untrustedScope])
      .execute();
    const lockedUntilMs = Math.max(0, ...rows.map((row) => Number(row.locked_until_ms)));
    return lockedUntilMs > now ? { kind: 'locked', lockedUntilMs } : { kind: 'open', trustedDeviceHash: undefined, addressScope };
  }

  /** Counts a wrong password against the trusted device, or against the address and all untrusted browsers. */
  async recordFailure(source: LoginSource, gate: LoginGate): Promise<void> {
    if (gate.kind !== 'open') return;
    if (gate.trustedDeviceHash !== undefined) {
      const now = this.now();
      const forgottenBeforeMs = now - loginThrottleLimits.failureMemoryMs;
      const counted = await this.db
        .updateTable('trusted_devices')
        .set({
          failures: sql<number>`case when ${sql.ref('last_failure_at_ms')} <= ${forgottenBeforeMs} then 1 else ${sql.ref('failures')} + 1 end`,
          last_failure_at_ms: now,
        })
        .where('token_hash', '=', gate.trustedDeviceHash)
        .returning('failures')
        .executeTakeFirst();
      const lockMs = lockDurationMs(Number(counted?.failures ?? 0), accountLimits.loginFailuresBeforeLock);
      if (lockMs > 0) {
        await this.db
          .updateTable('trusted_devices')
          .set({ locked_until_ms: this.now() + lockMs })
          .where('token_hash', '=', gate.trustedDeviceHash)
          .execute();
      }
      return;
    }
    await this.countFailure(source.email, gate.addressScope, accountLimits.loginFailuresBeforeLock);
    await this.countFailure(source.email, untrustedScope, loginThrottleLimits.untrustedFailuresBeforeLock);
    await this.db
      .deleteFrom('login_failures')
      .where('last_failure_at_ms', '<=', this.now() - loginThrottleLimits.failureMemoryMs)
      .where('locked_until_ms', '<', this.now())
      .execute();
  }

  /** Adds one failure to a count (starting afresh when the last one is forgotten) and locks once it is over `failuresBeforeLock`. */
  private async countFailure(email: string, scope: string, failuresBeforeLock: number): Promise<void> {
    const now = this.now();
    const forgottenBeforeMs = now - loginThrottleLimits.failureMemoryMs;
    const counted = await this.db
      .insertInto('login_failures')
      .values({ email, scope, failures: 1, locked_until_ms: 0, last_failure_at_ms: now })
      .onConflict((conflict) =>
        conflict.columns(['email', 'scope']).doUpdateSet({
          failures: sql<number>`case when ${sql.ref('login_failures.last_failure_at_ms')} <= ${forgottenBeforeMs} then 1 else ${sql.ref('login_failures.failures')} + 1 end`,
          last_failure_at_ms: now,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    const lockMs = lockDurationMs(Number(counted.failures), failuresBeforeLock);
    if (lockMs > 0) {
      await this.db
        .updateTable('login_failures')
        .set({ locked_until_ms: now + lockMs })
        .where('email', '=', email)
        .where('scope', '=', scope)
        .execute();
    }
  }

  /** Clears the count a successful login was judged by: the trusted device's, or its address's for this email. */
  async recordSuccess(source: LoginSource, gate: LoginGate): Promise<void> {
    if (gate.kind !== 'open') return;
    if (gate.trustedDeviceHash !== undefined) {
      await this.db
        .updateTable('trusted_devices')
        .set({ failures: 0, locked_until_ms: 0 })
        .where('token_hash', '=', gate.trustedDeviceHash)
        .execute();
    } else {
      await this.db.deleteFrom('login_failures').where('email', '=', source.email).where('scope', '=', gate.addressScope).execute();
    }
  }

  /**
   * Trusts the browser that just logged in as `personId`: a new device token (returned, for the
   * cookie) replaces the one it presented, if that was the person's. Expired tokens, and the
   * person's oldest beyond `trustedDevicesPerPersonMax`, are forgotten.
   */
  async trustDevice(personId: string, gate: LoginGate): Promise<string> {
    const now = this.now();
    if (gate.kind === 'open' && gate.trustedDeviceHash !== undefined) {
      await this.db.deleteFrom('trusted_devices').where('token_hash', '=', gate.trustedDeviceHash).execute();
    }
    const token = newToken();
    await this.db
      .insertInto('trusted_devices')
      .values({
        token_hash: tokenHash(token),
        person_id: personId,
        created_at_ms: now,
        expires_at_ms: now + loginThrottleLimits.deviceTokenDurationMs,
        failures: 0,
        locked_until_ms: 0,
        last_failure_at_ms: 0,
      })
      .execute();
    await this.db.deleteFrom('trusted_devices').where('expires_at_ms', '<=', now).execute();
    const kept = await this.db
      .selectFrom('trusted_devices')
      .select('token_hash')
      .where('person_id', '=', personId)
      .orderBy('created_at_ms', 'desc')
      .orderBy('token_hash')
      .execute();
    const beyond = kept.slice(loginThrottleLimits.trustedDevicesPerPersonMax).map((row) => row.token_hash);
    if (beyond.length > 0) await this.db.deleteFrom('trusted_devices').where('token_hash', 'in', beyond).execute();
    return token;
  }

  /** Lifts every lock on an email and on the person's devices (after a password reset); the devices stay trusted. */
  async liftLocks(email: string, personId: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('email', '=', email).execute();
    await this.db.updateTable('trusted_devices').set({ failures: 0, locked_until_ms: 0 }).where('person_id', '=', personId).execute();
  }

  /**
   * Deletes the failure counts kept by client address (`address:…` scopes: an IP address or an
   * IPv6 /64) whose last failure was at or before `beforeMs`; returns how many went. Counts for all
   * untrusted browsers together name no address and are left to their own one-day memory.
   */
  async forgetAddressesBefore(beforeMs: number): Promise<number> {
    const result = await this.db
      .deleteFrom('login_failures')
      .where('scope', 'like', `${addressScopePrefix}%`)
      .where('last_failure_at_ms', '<=', beforeMs)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Deletes what no longer counts at `nowMs`: trusted devices past their year, and failure counts
   * already forgotten (last failure `failureMemoryMs` ago, no lock in force); returns how many rows
   * went. Logins delete them too as they come; the privacy sweep calls this so that they go when
   * none come.
   */
  async forgetExpired(nowMs: number): Promise<number> {
    const devices = await this.db.deleteFrom('trusted_devices').where('expires_at_ms', '<=', nowMs).executeTakeFirst();
    const counts = await this.db
      .deleteFrom('login_failures')
      .where('last_failure_at_ms', '<=', nowMs - loginThrottleLimits.failureMemoryMs)
      .where('locked_until_ms', '<', nowMs)
      .executeTakeFirst();
    return Number(devices.numDeletedRows) + Number(counts.numDeletedRows);
  }

  /** Forgets everything kept about a person's logins (account deletion): their trusted devices and the failures for their email. */
  async forget(email: string | undefined, personId: string): Promise<void> {
    await this.db.deleteFrom('trusted_devices').where('person_id', '=', personId).execute();
    if (email) await this.db.deleteFrom('login_failures').where('email', '=', email).execute();
  }

  /** The person's trusted devices (for their data export): when each was trusted and until when. */
  async devicesOf(personId: string): Promise<{ created_at_ms: number; expires_at_ms: number }[]> {
    const rows = await this.db
      .selectFrom('trusted_devices')
      .select(['created_at_ms', 'expires_at_ms'])
      .where('person_id', '=', personId)
      .orderBy('created_at_ms')
      .execute();
    return rows.map((row) => ({ created_at_ms: Number(row.created_at_ms), expires_at_ms: Number(row.expires_at_ms) }));
  }
}
