/** Sign-up and email verification, with a password or through single sign-on. */
import { nanoid } from 'nanoid';
import { accountLimits } from '../../shared/limits.js';
import { failure, success } from '../platform/outcome.js';
import type { AccountRecords, Person, SignUpOutcome } from './account-records.js';
import type { AccountsResult } from './failures.js';
import { newPasswordProblem } from './password-strength.js';
import { hashPassword } from './secrets.js';

/** Opens accounts and confirms their email addresses. */
export class SignUps {
  constructor(private readonly records: AccountRecords) {}

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
    const existing = await this.records.findByEmail(input.email);
    if (existing) {
      await this.sendSignUpNotice(existing);
      return success({ kind: 'existing' });
    }
    const person: Person = {
      id: `person_${nanoid(16)}`,
      email: input.email,
      name: input.name,
      emailVerified: false,
      createdAtMs: this.records.now(),
    };
    try {
      await this.records.db
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
      const winner = await this.records.findByEmail(input.email);
      if (!winner) throw error;
      await this.sendSignUpNotice(winner);
      return success({ kind: 'existing' });
    }
    await this.sendVerification(person);
    return success({ kind: 'created', person });
  }

  /** Tells the owner of an address that someone tried to sign up with it: no link that changes anything, only where to log in or reset. */
  private async sendSignUpNotice(person: Person): Promise<void> {
    await this.records.options.mailer.send({
      to: person.email,
      subject: 'Someone tried to sign up to Plenary with your email address',
      text: `Hello ${person.name},\n\nSomeone, perhaps you, tried to open a Plenary account with this email address. It already has an account, so nothing was changed.\n\nIf it was you, log in:\n\n${this.records.options.link('/login')}\n\nIf you have forgotten your password, choose a new one:\n\n${this.records.options.link('/forgot-password')}\n\nIf it was not you, ignore this message: your account and your password stay as they are.\n`,
    });
  }

  private async sendVerification(person: Person): Promise<void> {
    const token = await this.records.issueToken(person.id, 'verify_email', accountLimits.verificationTokenDurationMs);
    await this.records.options.mailer.send({
      to: person.email,
      subject: 'Confirm your email address for Plenary',
      text: `Hello ${person.name},\n\nConfirm your email address by opening this link:\n\n${this.records.options.link(`/verify?token=${token}`)}\n\nThe link is valid for 48 hours. If you did not sign up, ignore this message.\n`,
    });
  }

  /** Confirms an email address from the link in the verification mail. */
  async verifyEmail(token: string): Promise<AccountsResult<Person>> {
    const consumed = await this.records.consumeToken(token, 'verify_email');
    if (!consumed.ok) return consumed;
    await this.records.db
      .updateTable('people')
      .set({ email_verified_at_ms: this.records.now() })
      .where('id', '=', consumed.value)
      .where('email_verified_at_ms', 'is', null)
      .execute();
    const person = await this.records.findPerson(consumed.value);
    return person ? success(person) : failure('token_invalid', 'This link is not valid. Ask for a new one.');
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
    const linked = await this.records.db
      .selectFrom('oidc_identities')
      .select('person_id')
      .where('issuer', '=', identity.issuer)
      .where('subject', '=', identity.subject)
      .executeTakeFirst();
    if (linked) {
      const person = await this.records.findPerson(linked.person_id);
      return person ? success(person) : failure('account_deleted', 'The account linked to this sign-in has been deleted.');
    }
    const email = identity.email?.trim().toLowerCase();
    if (!email || !identity.emailVerified) {
      return failure(
        'sso_email_not_verified',
        'Your sign-in provider did not confirm an email address, so no account can be opened with it.',
      );
    }
    const now = this.records.now();
    let person = await this.records.findByEmail(email);
    if (!person) {
      const id = `person_${nanoid(16)}`;
      const name = identity.name?.trim().slice(0, accountLimits.personNameCharactersMax) || email.split('@')[0] || email;
      await this.records.db
        .insertInto('people')
        .values({ id, email, name, password_hash: null, email_verified_at_ms: now, created_at_ms: now, deleted_at_ms: null })
        .execute();
      person = await this.records.findPerson(id);
    } else if (!person.emailVerified) {
      await this.records.db.updateTable('people').set({ email_verified_at_ms: now }).where('id', '=', person.id).execute();
    }
    if (!person) return failure('internal_error', 'The account could not be opened.');
    await this.records.db
      .insertInto('oidc_identities')
      .values({ issuer: identity.issuer, subject: identity.subject, person_id: person.id, linked_at_ms: now })
      .execute();
    return success({ ...person, emailVerified: true });
  }
}
