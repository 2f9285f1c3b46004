/** Login (throttled by `LoginThrottle`), sessions and logout. */
import { accountLimits } from '../../shared/limits.js';
import { KeyedSerializer } from '../platform/keyed-serializer.js';
import { failure, success } from '../platform/outcome.js';
import type { AccountRecords, Person, Session } from './account-records.js';
import type { AccountsResult } from './failures.js';
import { decoyHashPromise, newToken, tokenHash, verifyPassword } from './secrets.js';
import { accountsWords } from './words.js';

/** Checks credentials and keeps sessions. */
export class Sessions {
  /** Login attempts, one at a time per email (on this instance). */
  private readonly loginAttempts = new KeyedSerializer();

  constructor(private readonly records: AccountRecords) {}

  /**
   * Checks email and password and opens a session; returns the session cookie's token and a new
   * device token for the `plenary_device` cookie. Throttled by `LoginThrottle`: a browser with a
   * device token for this account by its own failures only, any other by its address and by all
   * untrusted browsers together; a locked login is refused before its password is checked.
   */
  async logIn(
    email: string,
    password: string,
    from: { address: string; deviceToken?: string | undefined },
  ): Promise<AccountsResult<{ session: Session; token: string; deviceToken: string }>> {
    // One attempt per email at a time: the lock is judged before the password and counted after
    // it, so guesses sent all at once would otherwise all pass the same open gate.
    return this.loginAttempts.run(email, () => this.attemptLogIn(email, password, from));
  }

  private async attemptLogIn(
    email: string,
    password: string,
    from: { address: string; deviceToken?: string | undefined },
  ): Promise<AccountsResult<{ session: Session; token: string; deviceToken: string }>> {
    const source = { email, address: from.address, deviceToken: from.deviceToken };
    const row = await this.records.db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', email)
      .where('deleted_at_ms', 'is', null)
      .executeTakeFirst();
    const gate = await this.records.throttle.gate(source, row?.id);
    if (gate.kind === 'locked') {
      const seconds = Math.ceil((gate.lockedUntilMs - this.records.now()) / 1000);
      return failure('login_locked', accountsWords.phrase('login_locked', { seconds }));
    }
    const passwordMatches = row?.password_hash
      ? await verifyPassword(row.password_hash, password)
      : await verifyPassword(await decoyHashPromise, password);
    if (!row || !passwordMatches) {
      await this.records.throttle.recordFailure(source, gate);
      return failure('invalid_credentials', accountsWords.phrase('invalid_credentials'));
    }
    await this.records.throttle.recordSuccess(source, gate);
    const person = this.records.toPerson(row);
    if (!person.emailVerified) return failure('email_not_verified', accountsWords.phrase('email_not_verified'));
    const deviceToken = await this.records.throttle.trustDevice(person.id, gate);
    return success({ ...(await this.openSession(person)), deviceToken });
  }

  /** Opens a session for a person whose identity has been checked. Returns the cookie token. */
  async openSession(person: Person): Promise<{ session: Session; token: string }> {
    const token = newToken();
    const session: Session = { person, csrfToken: newToken(), expiresAtMs: this.records.now() + accountLimits.sessionDurationMs };
    await this.records.db
      .insertInto('sessions')
      .values({
        token_hash: tokenHash(token),
        person_id: person.id,
        csrf_token: session.csrfToken,
        created_at_ms: this.records.now(),
        expires_at_ms: session.expiresAtMs,
      })
      .execute();
    return { session, token };
  }

  /** The live session for a cookie token, or undefined (unknown, expired, or person deleted). */
  async findSession(token: string): Promise<Session | undefined> {
    const row = await this.records.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
    if (!row || Number(row.expires_at_ms) <= this.records.now()) return undefined;
    const person = await this.records.findPerson(row.person_id);
    return person ? { person, csrfToken: row.csrf_token, expiresAtMs: Number(row.expires_at_ms) } : undefined;
  }

  /** Ends the session of this cookie token. */
  async logOut(token: string): Promise<void> {
    await this.records.db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
  }
}
