/**
 * People and their credentials: sign-up, email verification, login throttled by address and
 * trusted device (`login-throttle.ts`), sessions, password reset, account deletion. Every time
 * comes from the `Clock`. The work is done by one part per job — `sign-up.ts`, `sessions.ts`,
 * `password-reset.ts`, `personal-data.ts` — over the shared `AccountRecords`; this is their one face.
 */
import type { Language } from '../../shared/languages.js';
import { AccountRecords, type AccountsServiceOptions, type Person, type Session, type SignUpOutcome } from './account-records.js';
import { forgetExpiredAccountRows } from './expired-rows.js';
import type { AccountsFailure, AccountsResult } from './failures.js';
import { PasswordResets } from './password-reset.js';
import { PersonalData } from './personal-data.js';
import { Sessions } from './sessions.js';
import { type SignUpInput, SignUps } from './sign-up.js';

export type { AccountsServiceOptions, Person, Session, SignUpInput, SignUpOutcome };

/** Accounts, sessions and their one-time tokens. */
export class AccountsService {
  private readonly records: AccountRecords;
  private readonly signUps: SignUps;
  private readonly sessions: Sessions;
  private readonly passwordResets: PasswordResets;
  private readonly personalData: PersonalData;

  constructor(options: AccountsServiceOptions) {
    this.records = new AccountRecords(options);
    this.signUps = new SignUps(this.records);
    this.sessions = new Sessions(this.records);
    this.passwordResets = new PasswordResets(this.records);
    this.personalData = new PersonalData(this.records);
  }

  /** The person with this id, unless deleted. */
  findPerson(personId: string): Promise<Person | undefined> {
    return this.records.findPerson(personId);
  }

  /** The person with this (normalised) email, unless deleted. */
  findByEmail(email: string): Promise<Person | undefined> {
    return this.records.findByEmail(email);
  }

  /**
   * Signs up. A new address gets an unverified account and a verification link; an address that
   * already has an account gets a notice instead (log in, or reset the password) and its account
   * stays as it was. The caller answers both alike, and both take alike: the password is hashed
   * either way and one message is mailed either way, so nobody learns which addresses have accounts.
   */
  signUp(input: SignUpInput): Promise<AccountsResult<SignUpOutcome>> {
    return this.signUps.signUp(input);
  }

  /** Confirms an email address from the link in the verification mail. */
  verifyEmail(token: string): Promise<AccountsResult<Person>> {
    return this.signUps.verifyEmail(token);
  }

  /**
   * Checks email and password and opens a session; returns the session cookie's token and a new
   * device token for the `plenary_device` cookie. Throttled by `LoginThrottle`: a browser with a
   * device token for this account by its own failures only, any other by its address and by all
   * untrusted browsers together; a locked login is refused before its password is checked.
   */
  logIn(
    email: string,
    password: string,
    from: { address: string; deviceToken?: string | undefined },
  ): Promise<AccountsResult<{ session: Session; token: string; deviceToken: string }>> {
    return this.sessions.logIn(email, password, from);
  }

  /** Opens a session for a person whose identity has been checked. Returns the cookie token. */
  openSession(person: Person): Promise<{ session: Session; token: string }> {
    return this.sessions.openSession(person);
  }

  /** The live session for a cookie token, or undefined (unknown, expired, or person deleted). */
  findSession(token: string): Promise<Session | undefined> {
    return this.sessions.findSession(token);
  }

  /**
   * The person behind a single-sign-on identity: already linked, or linked now to the account with
   * the same email when the provider vouches for that email, or a new account (no password).
   */
  personFromSingleSignOn(identity: {
    issuer: string;
    subject: string;
    email?: string | undefined;
    emailVerified: boolean;
    name?: string | undefined;
  }): Promise<AccountsResult<Person>> {
    return this.signUps.personFromSingleSignOn(identity);
  }

  /** Ends the session of this cookie token. */
  logOut(token: string): Promise<void> {
    return this.sessions.logOut(token);
  }

  /** Mails a reset link when the email belongs to an account (in its owner's language, else `language`); says nothing either way. */
  requestPasswordReset(email: string, language: Language): Promise<void> {
    return this.passwordResets.requestPasswordReset(email, language);
  }

  /** Remembers the language a person chose; their emails are written in it from now on. */
  setLanguage(personId: string, language: Language): Promise<void> {
    return this.records.setLanguage(personId, language);
  }

  /** The language the person with this email chose, if any (the mailer asks, to write to them in it). */
  languageOfEmail(email: string): Promise<Language | undefined> {
    return this.records.languageOfEmail(email);
  }

  /** Sets a new password from a reset link; ends every session and lifts any lock-out. Confirms the email too. */
  resetPassword(token: string, password: string): Promise<AccountsResult<Person>> {
    return this.passwordResets.resetPassword(token, password);
  }

  /** Checks a signed-in person's password again (before deleting the account); passes for single-sign-on accounts, which have none. */
  confirmPassword(personId: string, password: string): Promise<AccountsFailure | undefined> {
    return this.passwordResets.confirmPassword(personId, password);
  }

  /**
   * Deletes a person's personal data: the email, name and password go, sessions and tokens go;
   * the row stays (as "Deleted person") so that records that refer to it stay whole.
   */
  anonymise(personId: string): Promise<void> {
    return this.personalData.anonymise(personId);
  }

  /**
   * Deletes what the accounts domain keeps by client address (login failures counted per IP
   * address or IPv6 /64) last touched at or before `beforeMs`; returns how many rows went. The
   * privacy sweep calls it so that no address outlives `PRIVACY_ADDRESS_RETENTION_DAYS`.
   */
  forgetClientAddressesBefore(beforeMs: number): Promise<number> {
    return this.records.throttle.forgetAddressesBefore(beforeMs);
  }

  /**
   * Deletes the accounts domain's rows that no longer work as of `nowMs` — sessions a day after
   * they expired, one-time links a day after use or expiry (`retentionLimits`), unfinished single
   * sign-ons, expired trusted devices, forgotten login-failure counts; returns how many rows went.
   * The privacy sweep calls it hourly.
   */
  forgetExpired(nowMs: number): Promise<number> {
    return forgetExpiredAccountRows(this.records, nowMs);
  }

  /** Everything the accounts domain holds about a person, for their data export. */
  exportData(personId: string): Promise<Record<string, unknown>> {
    return this.personalData.exportData(personId);
  }

  /** Every person (operator console), newest first. */
  listPeople(count: number): Promise<(Person & { deleted: boolean })[]> {
    return this.personalData.listPeople(count);
  }
}
