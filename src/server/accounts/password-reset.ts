/** Password reset by emailed link, and checking a signed-in person's password again. */
import type { Language } from '../../shared/languages.js';
import { accountLimits } from '../../shared/limits.js';
import { failure, success } from '../platform/outcome.js';
import type { AccountRecords, Person } from './account-records.js';
import type { AccountsFailure, AccountsResult } from './failures.js';
import { newPasswordProblem } from './password-strength.js';
import { hashPassword, tokenHash, verifyPassword } from './secrets.js';
import { accountsWords } from './words.js';

/** Reset links and password checks. */
export class PasswordResets {
  constructor(private readonly records: AccountRecords) {}

  /** Mails a reset link when the email belongs to an account (in its owner's language, else `language`); says nothing either way. */
  async requestPasswordReset(email: string, language: Language): Promise<void> {
    const person = await this.records.findByEmail(email);
    if (!person) return;
    const token = await this.records.issueToken(person.id, 'reset_password', accountLimits.passwordResetTokenDurationMs);
    const parameters = { name: person.name, link: this.records.options.link(`/reset-password?token=${token}`) };
    await this.records.options.mailer.sendLetter({
      to: person.email,
      language,
      write: (language) => ({
        subject: accountsWords.in(language, 'reset_subject'),
        text: accountsWords.in(language, 'reset_text', parameters),
      }),
    });
  }

  /** Sets a new password from a reset link; ends every session and lifts any lock-out. Confirms the email too. */
  async resetPassword(token: string, password: string): Promise<AccountsResult<Person>> {
    const row = await this.records.db
      .selectFrom('account_tokens')
      .innerJoin('people', 'people.id', 'account_tokens.person_id')
      .select(['people.email', 'people.name'])
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    const problem = await newPasswordProblem(password, { email: row?.email ?? '', name: row?.name ?? '' });
    if (problem) return problem;
    const consumed = await this.records.consumeToken(token, 'reset_password');
    if (!consumed.ok) return consumed;
    const now = this.records.now();
    await this.records.db
      .updateTable('people')
      .set({ password_hash: await hashPassword(password) })
      .where('id', '=', consumed.value)
      .execute();
    await this.records.db
      .updateTable('people')
      .set({ email_verified_at_ms: now })
      .where('id', '=', consumed.value)
      .where('email_verified_at_ms', 'is', null)
      .execute();
    await this.records.db.deleteFrom('sessions').where('person_id', '=', consumed.value).execute();
    if (row?.email) await this.records.throttle.liftLocks(row.email, consumed.value);
    const person = await this.records.findPerson(consumed.value);
    return person ? success(person) : failure('token_invalid', accountsWords.phrase('link_invalid'));
  }

  /** Checks a signed-in person's password again (before deleting the account); passes for single-sign-on accounts, which have none. */
  async confirmPassword(personId: string, password: string): Promise<AccountsFailure | undefined> {
    const row = await this.records.db.selectFrom('people').select('password_hash').where('id', '=', personId).executeTakeFirst();
    if (!row) return failure('invalid_credentials', accountsWords.phrase('wrong_password'));
    // Accounts opened by single sign-on have no password: their signed-in session (with its CSRF token) is the proof.
    if (row.password_hash === null) return undefined;
    if (!(await verifyPassword(row.password_hash, password))) {
      return failure('invalid_credentials', accountsWords.phrase('wrong_password'));
    }
    return undefined;
  }
}
