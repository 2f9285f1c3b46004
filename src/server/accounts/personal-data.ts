/** A person's data: its export, its deletion, and the operator's list of people. */
import { isLanguage } from '../../shared/languages.js';
import type { AccountRecords, Person } from './account-records.js';

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

  /** Everything the accounts domain holds about a person, for their data export. */
  async exportData(personId: string): Promise<Record<string, unknown>> {
    const person = await this.records.db
      .selectFrom('people')
      .select(['id', 'email', 'name', 'email_verified_at_ms', 'created_at_ms'])
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
        email_verified_at_ms: person.email_verified_at_ms === null ? null : Number(person.email_verified_at_ms),
        created_at_ms: Number(person.created_at_ms),
      },
      sessions: sessions.map((session) => ({ created_at_ms: Number(session.created_at_ms), expires_at_ms: Number(session.expires_at_ms) })),
      trusted_devices: await this.records.throttle.devicesOf(personId),
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
