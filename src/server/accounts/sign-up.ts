/** Sign-up and email verification, with a password or through single sign-on. */
import { nanoid } from 'nanoid';
import type { Language } from '../../shared/languages.js';
import { accountLimits } from '../../shared/limits.js';
import { failure, success } from '../platform/outcome.js';
import type { AccountRecords, Person, SignUpOutcome } from './account-records.js';
import type { AccountsResult } from './failures.js';
import { newPasswordProblem } from './password-strength.js';
import { hashPassword } from './secrets.js';
import { accountsWords } from './words.js';

/** What a sign-up asks for; `language` is the one the form was in, kept as the person's choice. */
export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  language: Language;
}

/** Opens accounts and confirms their email addresses. */
export class SignUps {
  constructor(private readonly records: AccountRecords) {}

  /**
   * Signs up. A new address gets an unverified account and a verification link; an address that
   * already has an account gets a notice instead (log in, or reset the password) and its account
   * stays as it was. The caller answers both alike, and both take alike: the password is hashed
   * either way and one message is mailed either way, so nobody learns which addresses have accounts.
   */
  async signUp(input: SignUpInput): Promise<AccountsResult<SignUpOutcome>> {
    const problem = await newPasswordProblem(input.password, input);
    if (problem) return problem;
    const passwordHash = await hashPassword(input.password);
    const existing = await this.records.findByEmail(input.email);
    if (existing) {
      await this.sendSignUpNotice(existing, input.language);
      return success({ kind: 'existing' });
    }
    const person: Person = {
      id: `person_${nanoid(16)}`,
      email: input.email,
      name: input.name,
      emailVerified: false,
      createdAtMs: this.records.now(),
      language: input.language,
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
          language: person.language,
        })
        .execute();
    } catch (error) {
      // Two sign-ups with one email at once: the unique index decides, and the other is told as above.
      const winner = await this.records.findByEmail(input.email);
      if (!winner) throw error;
      await this.sendSignUpNotice(winner, input.language);
      return success({ kind: 'existing' });
    }
    await this.sendVerification(person);
    return success({ kind: 'created', person });
  }

  /** Tells the owner of an address that someone tried to sign up with it: no link that changes anything, only where to log in or reset. */
  private async sendSignUpNotice(person: Person, language: Language): Promise<void> {
    const parameters = {
      name: person.name,
      logInLink: this.records.options.link('/login'),
      resetLink: this.records.options.link('/forgot-password'),
    };
    await this.records.options.mailer.sendLetter({
      to: person.email,
      language,
      write: (language) => ({
        subject: accountsWords.in(language, 'sign_up_notice_subject'),
        text: accountsWords.in(language, 'sign_up_notice_text', parameters),
      }),
    });
  }

  private async sendVerification(person: Person): Promise<void> {
    const token = await this.records.issueToken(person.id, 'verify_email', accountLimits.verificationTokenDurationMs);
    const parameters = { name: person.name, link: this.records.options.link(`/verify?token=${token}`) };
    await this.records.options.mailer.sendLetter({
      to: person.email,
      language: person.language ?? undefined,
      write: (language) => ({
        subject: accountsWords.in(language, 'verify_subject'),
        text: accountsWords.in(language, 'verify_text', parameters),
      }),
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
    return person ? success(person) : failure('token_invalid', accountsWords.phrase('link_invalid'));
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
      return person ? success(person) : failure('account_deleted', accountsWords.phrase('account_deleted'));
    }
    const email = identity.email?.trim().toLowerCase();
    if (!email || !identity.emailVerified) {
      return failure('sso_email_not_verified', accountsWords.phrase('sso_email_not_verified'));
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
    if (!person) return failure('internal_error', accountsWords.phrase('account_not_opened'));
    await this.records.db
      .insertInto('oidc_identities')
      .values({ issuer: identity.issuer, subject: identity.subject, person_id: person.id, linked_at_ms: now })
      .execute();
    return success({ ...person, emailVerified: true });
  }
}
