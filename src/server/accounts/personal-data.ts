/** A person's data: its export, its deletion, and the operator's list of people. */
import { isLanguage } from '../../shared/languages.js';
import type { AccountRecords, Person } from './account-records.js';

/** The accounts domain's tables with rows about one person; `exportData` reads every one of them. */
export const accountsPersonalTables = ['people', 'sessions', 'account_tokens', 'trusted_devices', 'oidc_identities'] as const;

/** A millisecond column (a string from PostgreSQL) as a number, null kept. */
const milliseconds = (value: number | string | null): number | null => (value === null ? null : Number(value));

/** Export and anonymisation of a person's data. */
export class PersonalData {
  constructor(private readonly records: AccountRecords) {}

  /**
   * Deletes a person's personal data: the email, name and password go, sessions and tokens go;
   * the row stays (as "Deleted person") so that records that refer to it stay whole.
   */
  async anonymise(personId: string): Promise<void> {
    const row = await this.records.db.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirst();
    await this.records.throttle.forget(row?.email ?? undefined, personId);
    await this.records.db.deleteFrom('sessions').where('person_id', '=', personId).execute();
    await this.records.db.deleteFrom('account_tokens').where('person_id', '=', personId).execute();
    await this.records.db.deleteFrom('oidc_identities').where('person_id', '=', personId).execute();
    await this.records.db
      .updateTable('people')
      .set({ email: null, name: 'Deleted person', password_hash: null, deleted_at_ms: this.records.now() })
      .where('id', '=', personId)
      .execute();
  }

  /**
   * Everything the accounts domain holds about a person, for their data export: rows of every table
   * in `accountsPersonalTables`. Secrets (password hash, token hashes, CSRF tokens) are left out.
   */
  async exportData(personId: string): Promise<Record<string, unknown>> {
    const person = await this.records.db
      .selectFrom('people')
      .select(['id', 'email', 'name', 'language', 'email_verified_at_ms', 'created_at_ms'])
      .where('id', '=', personId)
      .executeTakeFirst();
    const sessions = await this.records.db
      .selectFrom('sessions')
      .select(['created_at_ms', 'expires_at_ms'])
      .where('person_id', '=', personId)
      .execute();
    return {
      person: person && {
        ...person,
        email_verified_at_ms: milliseconds(person.email_verified_at_ms),
        created_at_ms: Number(person.created_at_ms),
      },
      sessions: sessions.map((session) => ({ created_at_ms: Number(session.created_at_ms), expires_at_ms: Number(session.expires_at_ms) })),
      trusted_devices: await this.records.throttle.devicesOf(personId),
      ...(await this.linksAndIdentities(personId)),
    };
  }

  /** The person's one-time links (without their tokens) and single-sign-on identities. */
  private async linksAndIdentities(personId: string): Promise<Record<string, unknown>> {
    const tokens = await this.records.db
      .selectFrom('account_tokens')
      .select(['purpose', 'created_at_ms', 'expires_at_ms', 'used_at_ms'])
      .where('person_id', '=', personId)
      .orderBy('created_at_ms')
      .execute();
    const identities = await this.records.db
      .selectFrom('oidc_identities')
      .select(['issuer', 'subject', 'linked_at_ms'])
      .where('person_id', '=', personId)
      .execute();
    return {
      one_time_links: tokens.map((token) => ({
        purpose: token.purpose,
        created_at_ms: Number(token.created_at_ms),
        expires_at_ms: Number(token.expires_at_ms),
        used_at_ms: milliseconds(token.used_at_ms),
      })),
      single_sign_on: identities.map((identity) => ({ ...identity, linked_at_ms: Number(identity.linked_at_ms) })),
    };
  }

  /** Every person (operator console), newest first. */
  async listPeople(count: number): Promise<(Person & { deleted: boolean })[]> {
    const rows = await this.records.db.selectFrom('people').selectAll().orderBy('created_at_ms', 'desc').limit(count).execute();
    return rows.map((row) => ({
      id: row.id,
      email: row.email ?? '',
      name: row.name,
      emailVerified: row.email_verified_at_ms !== null,
      createdAtMs: Number(row.created_at_ms),
      language: isLanguage(row.language) ? row.language : null,
      deleted: row.deleted_at_ms !== null,
    }));
  }
}
