/**
 * People and their credentials: sign-up, email verification, login throttled by address and
 * trusted device (`login-throttle.ts`), sessions, password reset, account deletion. Every time
 * comes from the `Clock`.
 */
import { nanoid } from 'nanoid';
import { z } from 'zod';
import { accountLimits } from '../../shared/limits.js';
import type { Mailer } from '../email/index.js';
import type { Clock } from '../platform/clock.js';
import { KeyedSerializer } from '../platform/keyed-serializer.js';
import { failure, success } from '../platform/outcome.js';
import type { Storage } from '../storage/index.js';
import type { AccountsFailure, AccountsResult } from './failures.js';
import { LoginThrottle } from './login-throttle.js';
import type { AccountsTables } from './migrations.js';
import { newPasswordProblem } from './password-strength.js';
import { decoyHashPromise, hashPassword, newToken, tokenHash, verifyPassword } from './secrets.js';

/** A person with an account. */
export interface Person {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  createdAtMs: number;
}

/** What a sign-up did: opened an account, or found one and mailed its owner a notice. Callers answer both alike. */
export type SignUpOutcome = { kind: 'created'; person: Person } | { kind: 'existing' };

/** A signed-in session: the person and the token to expect in `x-csrf-token`. */
export interface Session {
  person: Person;
  csrfToken: string;
  expiresAtMs: number;
}

const PersonRowSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  password_hash: z.string().nullable(),
  email_verified_at_ms: z.coerce.number().nullable(),
  created_at_ms: z.coerce.number(),
});

type TokenPurpose = 'verify_email' | 'reset_password';

export interface AccountsServiceOptions {
  storage: Storage;
  clock: Clock;
  mailer: Mailer;
  /** Builds absolute links for emails from a path such as `/verify?token=…`. */
  link: (path: string) => string;
}

/** Accounts, sessions and their one-time tokens. */
export class AccountsService {
  private readonly throttle: LoginThrottle;
  /** Login attempts, one at a time per email (on this instance). */
  private readonly loginAttempts = new KeyedSerializer();

  constructor(private readonly options: AccountsServiceOptions) {
    this.throttle = new LoginThrottle({ storage: options.storage, clock: options.clock });
  }

  private get db() {
    return this.options.storage.db.withTables<AccountsTables>();
  }

  private now(): number {
    return this.options.clock.nowMs();
  }

  private toPerson(row: unknown): Person {
    const parsed = PersonRowSchema.parse(row);
    return {
      id: parsed.id,
      email: parsed.email,
      name: parsed.name,
      emailVerified: parsed.email_verified_at_ms !== null,
      createdAtMs: parsed.created_at_ms,
    };
  }

  /** The person with this id, unless deleted. */
  async findPerson(personId: string): Promise<Person | undefined> {
    const row = await this.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', personId)
      .where('deleted_at_ms', 'is', null)
      .executeTakeFirst();
    return row ? this.toPerson(row) : undefined;
  }

  /** The person with this (normalised) email, unless deleted. */
  async findByEmail(email: string): Promise<Person | undefined> {
    const row = await this.db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', email)
      .where('deleted_at_ms', 'is', null)
      .executeTakeFirst();
    return row ? this.toPerson(row) : undefined;
  }

  /**
   * Signs up. A new address gets an unverified account and a verification link; an address that
   * already has an account gets a notice instead (log in, or reset the password) and its account
   * stays as it was. The caller answers both alike, and both take alike: the password is hashed
   * either way and one message is mailed either way, so nobody learns which addresses have accounts.
   */
  async signUp(input: { email: string; password: string; name: string }): Promise<AccountsResult<SignUpOutcome>> {
    const problem = await newPasswordProblem(input.password, input);
    if (problem) return problem;
    const passwordHash = await hashPassword(input.password);
    const existing = await this.findByEmail(input.email);
    if (existing) {
      await this.sendSignUpNotice(existing);
      return success({ kind: 'existing' });
    }
    const person: Person = {
      id: `person_${nanoid(16)}`,
      email: input.email,
      name: input.name,
      emailVerified: false,
      createdAtMs: this.now(),
    };
    try {
      await this.db
        .insertInto('people')
        .values({
          id: person.id,
          email: person.email,
          name: person.name,
          password_hash: passwordHash,
          email_verified_at_ms: null,
          created_at_ms: person.createdAtMs,
          deleted_at_ms: null,
        })
        .execute();
    } catch (error) {
      // Two sign-ups with one email at once: the unique index decides, and the other is told as above.
      const winner = await this.findByEmail(input.email);
      if (!winner) throw error;
      await this.sendSignUpNotice(winner);
      return success({ kind: 'existing' });
    }
    await this.sendVerification(person);
    return success({ kind: 'created', person });
  }

  /** Tells the owner of an address that someone tried to sign up with it: no link that changes anything, only where to log in or reset. */
  private async sendSignUpNotice(person: Person): Promise<void> {
    await this.options.mailer.send({
      to: person.email,
      subject: 'Someone tried to sign up to Plenary with your email address',
      text: `Hello ${person.name},\n\nSomeone, perhaps you, tried to open a Plenary account with this email address. It already has an account, so nothing was changed.\n\nIf it was you, log in:\n\n${this.options.link('/login')}\n\nIf you have forgotten your password, choose a new one:\n\n${this.options.link('/forgot-password')}\n\nIf it was not you, ignore this message: your account and your password stay as they are.\n`,
    });
  }

  private async sendVerification(person: Person): Promise<void> {
    const token = await this.issueToken(person.id, 'verify_email', accountLimits.verificationTokenDurationMs);
    await this.options.mailer.send({
      to: person.email,
      subject: 'Confirm your email address for Plenary',
      text: `Hello ${person.name},\n\nConfirm your email address by opening this link:\n\n${this.options.link(`/verify?token=${token}`)}\n\nThe link is valid for 48 hours. If you did not sign up, ignore this message.\n`,
    });
  }

  private async issueToken(personId: string, purpose: TokenPurpose, durationMs: number): Promise<string> {
    const token = newToken();
    const now = this.now();
    await this.db
      .insertInto('account_tokens')
      .values({
        token_hash: tokenHash(token),
        person_id: personId,
        purpose,
        created_at_ms: now,
        expires_at_ms: now + durationMs,
        used_at_ms: null,
      })
      .execute();
    return token;
  }

  /** Marks a token used, once; fails when unknown, of another purpose, expired or already used. */
  private async consumeToken(token: string, purpose: TokenPurpose): Promise<AccountsResult<string>> {
    const row = await this.db.selectFrom('account_tokens').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
    if (!row || row.purpose !== purpose) return failure('token_invalid', 'This link is not valid. Ask for a new one.');
    if (row.used_at_ms !== null) return failure('token_used', 'This link has already been used. Ask for a new one.');
    if (Number(row.expires_at_ms) <= this.now()) return failure('token_expired', 'This link has expired. Ask for a new one.');
    const updated = await this.db
      .updateTable('account_tokens')
      .set({ used_at_ms: this.now() })
      .where('token_hash', '=', row.token_hash)
      .where('used_at_ms', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return failure('token_used', 'This link has already been used. Ask for a new one.');
    return success(row.person_id);
  }

  /** Confirms an email address from the link in the verification mail. */
  async verifyEmail(token: string): Promise<AccountsResult<Person>> {
    const consumed = await this.consumeToken(token, 'verify_email');
    if (!consumed.ok) return consumed;
    await this.db
      .updateTable('people')
      .set({ email_verified_at_ms: this.now() })
      .where('id', '=', consumed.value)
      .where('email_verified_at_ms', 'is', null)
      .execute();
    const person = await this.findPerson(consumed.value);
    return person ? success(person) : failure('token_invalid', 'This link is not valid. Ask for a new one.');
  }

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
    const row = await this.db
      .selectFrom('people')
      .selectAll()
      .where('email', '=', email)
      .where('deleted_at_ms', 'is', null)
      .executeTakeFirst();
    const gate = await this.throttle.gate(source, row?.id);
    if (gate.kind === 'locked') {
      const seconds = Math.ceil((gate.lockedUntilMs - this.now()) / 1000);
      return failure('login_locked', `Too many failed attempts. Try again in ${seconds} seconds, or reset your password.`);
    }
    const passwordMatches = row?.password_hash
      ? await verifyPassword(row.password_hash, password)
      : await verifyPassword(await decoyHashPromise, password);
    if (!row || !passwordMatches) {
      await this.throttle.recordFailure(source, gate);
      return failure('invalid_credentials', 'The email or the password is not right.');
    }
    await this.throttle.recordSuccess(source, gate);
    const person = this.toPerson(row);
    if (!person.emailVerified) return failure('email_not_verified', 'Confirm your email address first: open the link we sent you.');
    const deviceToken = await this.throttle.trustDevice(person.id, gate);
    return success({ ...(await this.openSession(person)), deviceToken });
  }

  /** Opens a session for a person whose identity has been checked. Returns the cookie token. */
  async openSession(person: Person): Promise<{ session: Session; token: string }> {
    const token = newToken();
    const session: Session = { person, csrfToken: newToken(), expiresAtMs: this.now() + accountLimits.sessionDurationMs };
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: tokenHash(token),
        person_id: person.id,
        csrf_token: session.csrfToken,
        created_at_ms: this.now(),
        expires_at_ms: session.expiresAtMs,
      })
      .execute();
    return { session, token };
  }

  /** The live session for a cookie token, or undefined (unknown, expired, or person deleted). */
  async findSession(token: string): Promise<Session | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
    if (!row || Number(row.expires_at_ms) <= this.now()) return undefined;
    const person = await this.findPerson(row.person_id);
    return person ? { person, csrfToken: row.csrf_token, expiresAtMs: Number(row.expires_at_ms) } : undefined;
  }

  /**
   * The person behind a single-sign-on identity: already linked, or linked now to the account with
   * the same email when the provider vouches for that email, or a new account (no password).
   */
  async personFromSingleSignOn(identity: {
    issuer: string;
    subject: string;
    email?: string | undefined;
    emailVerified: boolean;
    name?: string | undefined;
  }): Promise<AccountsResult<Person>> {
    const linked = await this.db
      .selectFrom('oidc_identities')
      .select('person_id')
      .where('issuer', '=', identity.issuer)
      .where('subject', '=', identity.subject)
      .executeTakeFirst();
    if (linked) {
      const person = await this.findPerson(linked.person_id);
      return person ? success(person) : failure('account_deleted', 'The account linked to this sign-in has been deleted.');
    }
    const email = identity.email?.trim().toLowerCase();
    if (!email || !identity.emailVerified) {
      return failure(
        'sso_email_not_verified',
        'Your sign-in provider did not confirm an email address, so no account can be opened with it.',
      );
    }
    const now = this.now();
    let person = await this.findByEmail(email);
    if (!person) {
      const id = `person_${nanoid(16)}`;
      const name = identity.name?.trim().slice(0, accountLimits.personNameCharactersMax) || email.split('@')[0] || email;
      await this.db
        .insertInto('people')
        .values({ id, email, name, password_hash: null, email_verified_at_ms: now, created_at_ms: now, deleted_at_ms: null })
        .execute();
      person = await this.findPerson(id);
    } else if (!person.emailVerified) {
      await this.db.updateTable('people').set({ email_verified_at_ms: now }).where('id', '=', person.id).execute();
    }
    if (!person) return failure('internal_error', 'The account could not be opened.');
    await this.db
      .insertInto('oidc_identities')
      .values({ issuer: identity.issuer, subject: identity.subject, person_id: person.id, linked_at_ms: now })
      .execute();
    return success({ ...person, emailVerified: true });
  }

  /** Ends the session of this cookie token. */
  async logOut(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
  }

  /** Mails a reset link when the email belongs to an account; says nothing either way. */
  async requestPasswordReset(email: string): Promise<void> {
    const person = await this.findByEmail(email);
    if (!person) return;
    const token = await this.issueToken(person.id, 'reset_password', accountLimits.passwordResetTokenDurationMs);
    await this.options.mailer.send({
      to: person.email,
      subject: 'Reset your Plenary password',
      text: `Hello ${person.name},\n\nChoose a new password by opening this link:\n\n${this.options.link(`/reset-password?token=${token}`)}\n\nThe link is valid for one hour. If you did not ask for it, ignore this message.\n`,
    });
  }

  /** Sets a new password from a reset link; ends every session and lifts any lock-out. Confirms the email too. */
  async resetPassword(token: string, password: string): Promise<AccountsResult<Person>> {
    const row = await this.db
      .selectFrom('account_tokens')
      .innerJoin('people', 'people.id', 'account_tokens.person_id')
      .select(['people.email', 'people.name'])
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    const problem = await newPasswordProblem(password, { email: row?.email ?? '', name: row?.name ?? '' });
    if (problem) return problem;
    const consumed = await this.consumeToken(token, 'reset_password');
    if (!consumed.ok) return consumed;
    const now = this.now();
    await this.db
      .updateTable('people')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', consumed.value)
      .execute();
    await this.db
      .updateTable('people')
      .set({ email_verified_at_ms: now })
      .where('id', '=', consumed.value)
      .where('email_verified_at_ms', 'is', null)
      .execute();
    await this.db.deleteFrom('sessions').where('person_id', '=', consumed.value).execute();
    if (row?.email) await this.throttle.liftLocks(row.email, consumed.value);
    const person = await this.findPerson(consumed.value);
    return person ? success(person) : failure('token_invalid', 'This link is not valid. Ask for a new one.');
  }

  /** Checks a signed-in person's password again (before deleting the account); passes for single-sign-on accounts, which have none. */
  async confirmPassword(personId: string, password: string): Promise<AccountsFailure | undefined> {
    const row = await this.db.selectFrom('people').select('password_hash').where('id', '=', personId).executeTakeFirst();
    if (!row) return failure('invalid_credentials', 'The password is not right.');
    // Accounts opened by single sign-on have no password: their signed-in session (with its CSRF token) is the proof.
    if (row.password_hash === null) return undefined;
    if (!(await verifyPassword(row.password_hash, password))) {
      return failure('invalid_credentials', 'The password is not right.');
    }
    return undefined;
  }

  /**
   * Deletes a person's personal data: the email, name and password go, sessions and tokens go;
   * the row stays (as "Deleted person") so that records that refer to it stay whole.
   */
  async anonymise(personId: string): Promise<void> {
    const row = await this.db.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirst();
    await this.throttle.forget(row?.email ?? undefined, personId);
    await this.db.deleteFrom('sessions').where('person_id', '=', personId).execute();
    await this.db.deleteFrom('account_tokens').where('person_id', '=', personId).execute();
    await this.db.deleteFrom('oidc_identities').where('person_id', '=', personId).execute();
    await this.db
      .updateTable('people')
      .set({ email: null, name: 'Deleted person', password_hash: null, deleted_at_ms: this.now() })
      .where('id', '=', personId)
      .execute();
  }

  /** Everything the accounts domain holds about a person, for their data export. */
  async exportData(personId: string): Promise<Record<string, unknown>> {
    const person = await this.db
      .selectFrom('people')
      .select(['id', 'email', 'name', 'email_verified_at_ms', 'created_at_ms'])
      .where('id', '=', personId)
      .executeTakeFirst();
    const sessions = await this.db
      .selectFrom('sessions')
      .select(['created_at_ms', 'expires_at_ms'])
      .where('person_id', '=', personId)
      .execute();
    return {
      person: person && {
        ...person,
        email_verified_at_ms: person.email_verified_at_ms === null ? null : Number(person.email_verified_at_ms),
        created_at_ms: Number(person.created_at_ms),
      },
      sessions: sessions.map((session) => ({ created_at_ms: Number(session.created_at_ms), expires_at_ms: Number(session.expires_at_ms) })),
      trusted_devices: await this.throttle.devicesOf(personId),
    };
  }

  /** Every person (operator console), newest first. */
  async listPeople(count: number): Promise<(Person & { deleted: boolean })[]> {
    const rows = await this.db.selectFrom('people').selectAll().orderBy('created_at_ms', 'desc').limit(count).execute();
    return rows.map((row) => ({
      id: row.id,
      email: row.email ?? '',
      name: row.name,
      emailVerified: row.email_verified_at_ms !== null,
      createdAtMs: Number(row.created_at_ms),
      deleted: row.deleted_at_ms !== null,
    }));
  }
}
