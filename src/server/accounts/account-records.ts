/**
 * What every part of the accounts domain reads and writes: people, their one-time tokens, the
 * login throttle, the clock. Internal to the domain; its public face is `AccountsService`.
 */
import { z } from 'zod';
import { type Language, languages } from '../../shared/languages.js';
import type { Mailer } from '../email/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, success } from '../platform/outcome.js';
import type { Storage } from '../storage/index.js';
import type { AccountsResult } from './failures.js';
import { LoginThrottle } from './login-throttle.js';
import type { AccountsTables } from './migrations.js';
import { newToken, tokenHash } from './secrets.js';
import { accountsWords } from './words.js';

/** A person with an account. */
export interface Person {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  createdAtMs: number;
  /** The language the person chose (the pages, and their emails); null before they choose one. */
  language: Language | null;
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
  // An unknown language (one dropped from the catalogues) reads as none chosen.
  language: z.enum(languages).nullable().catch(null),
});

export type TokenPurpose = 'verify_email' | 'reset_password';

export interface AccountsServiceOptions {
  storage: Storage;
  clock: Clock;
  mailer: Mailer;
  /** Builds absolute links for emails from a path such as `/verify?token=…`. */
  link: (path: string) => string;
}

/** The people table, one-time tokens and the login throttle, shared by the accounts services. */
export class AccountRecords {
  readonly throttle: LoginThrottle;

  constructor(readonly options: AccountsServiceOptions) {
    this.throttle = new LoginThrottle({ storage: options.storage, clock: options.clock });
  }

  get db() {
    return this.options.storage.db.withTables<AccountsTables>();
  }

  now(): number {
    return this.options.clock.nowMs();
  }

  toPerson(row: unknown): Person {
    const parsed = PersonRowSchema.parse(row);
    return {
      id: parsed.id,
      email: parsed.email,
      name: parsed.name,
      emailVerified: parsed.email_verified_at_ms !== null,
      createdAtMs: parsed.created_at_ms,
      language: parsed.language,
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

  /** The language the person with this email chose, if there is such a person and they chose one. */
  async languageOfEmail(email: string): Promise<Language | undefined> {
    return (await this.findByEmail(email))?.language ?? undefined;
  }

  /** Remembers the language a person chose. */
  async setLanguage(personId: string, language: Language): Promise<void> {
    await this.db.updateTable('people').set({ language }).where('id', '=', personId).where('deleted_at_ms', 'is', null).execute();
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

  async issueToken(personId: string, purpose: TokenPurpose, durationMs: number): Promise<string> {
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
  async consumeToken(token: string, purpose: TokenPurpose): Promise<AccountsResult<string>> {
    const row = await this.db.selectFrom('account_tokens').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
    if (!row || row.purpose !== purpose) return failure('token_invalid', accountsWords.phrase('link_invalid'));
    if (row.used_at_ms !== null) return failure('token_used', accountsWords.phrase('link_used'));
    if (Number(row.expires_at_ms) <= this.now()) return failure('token_expired', accountsWords.phrase('link_expired'));
    const updated = await this.db
      .updateTable('account_tokens')
      .set({ used_at_ms: this.now() })
      .where('token_hash', '=', row.token_hash)
      .where('used_at_ms', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return failure('token_used', accountsWords.phrase('link_used'));
    return success(row.person_id);
  }
}
