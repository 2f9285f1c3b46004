/**
 * Each organisation's own BigBlueButton secret: made or replaced by its owners and admins
 * (`rotate`), kept in the database as it is (a checksum is computed with it), and held in memory
 * as one list for the checksum check (`candidates`). A checksum names no key, so a call is checked
 * against every secret; the list is read once, replaced on this instance's rotations, and read
 * again on a miss at most every `bbbApiLimits.organisationSecretsReloadAfterMs` (a secret made on
 * another instance). A match is confirmed against the database (`current`), so a secret replaced
 * on any instance stops working at once.
 */
import { customAlphabet } from 'nanoid';
import { z } from 'zod';
import { bbbApiLimits } from '../../shared/limits.js';
import type { Clock } from '../platform/clock.js';
import type { Storage } from '../storage/index.js';
import type { ChecksumSecret } from './checksum.js';
import type { BbbApiTables } from './migrations.js';

/** A new secret: `bbbApiLimits.organisationSecretCharacters` letters and digits (48: about 285 bits), like BigBlueButton's. */
export const newOrganisationSecret = customAlphabet(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  bbbApiLimits.organisationSecretCharacters,
);

/** An organisation's secret in force, with when and by whom it was made. */
export interface OrganisationSecret {
  organisationId: string;
  secret: string;
  createdAtMs: number;
  rotatedAtMs: number;
  rotatedBy: string;
}

const SecretRowSchema = z.object({
  organisation_id: z.string(),
  secret: z.string().min(1),
  created_at_ms: z.coerce.number().int(),
  rotated_at_ms: z.coerce.number().int(),
  rotated_by: z.string(),
});

function secretFromRow(row: unknown): OrganisationSecret {
  const parsed = SecretRowSchema.parse(row);
  return {
    organisationId: parsed.organisation_id,
    secret: parsed.secret,
    createdAtMs: parsed.created_at_ms,
    rotatedAtMs: parsed.rotated_at_ms,
    rotatedBy: parsed.rotated_by,
  };
}

/** The organisations' secrets, in the database and cached for the checksum check. */
export class OrganisationSecrets {
  #cache: ChecksumSecret[] | undefined;
  #loadedAtMs = 0;

  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  private get db() {
    return this.storage.db.withTables<BbbApiTables>();
  }

  /** The organisation's secret in force, if it has made one. */
  async find(organisationId: string): Promise<OrganisationSecret | undefined> {
    const row = await this.db
      .selectFrom('bbb_api_organisation_secrets')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row ? secretFromRow(row) : undefined;
  }

  /** Makes the organisation's first secret or replaces it (the old one stops working at once); `personId` did. */
  async rotate(organisationId: string, personId: string): Promise<OrganisationSecret> {
    const nowMs = this.clock.nowMs();
    const secret = newOrganisationSecret();
    const existing = await this.find(organisationId);
    if (existing) {
      await this.db
        .updateTable('bbb_api_organisation_secrets')
        .set({ secret, rotated_at_ms: nowMs, rotated_by: personId })
        .where('organisation_id', '=', organisationId)
        .execute();
    } else {
      await this.db
        .insertInto('bbb_api_organisation_secrets')
        .values({ organisation_id: organisationId, secret, created_at_ms: nowMs, rotated_at_ms: nowMs, rotated_by: personId })
        // Two first rotations at once: the later one wins, as two rotations one after the other.
        .onConflict((conflict) => conflict.column('organisation_id').doUpdateSet({ secret, rotated_at_ms: nowMs, rotated_by: personId }))
        .execute();
    }
    this.#replaceInCache(organisationId, secret);
    const stored = await this.find(organisationId);
    if (!stored) throw new Error('the secret just stored cannot be read back');
    return stored;
  }

  /** Every organisation's secret, for the checksum check; read from the database the first time. */
  async candidates(): Promise<readonly ChecksumSecret[]> {
    if (this.#cache === undefined) await this.#load();
    return this.#cache ?? [];
  }

  /**
   * Reads the secrets again after a call matched none, if the list is older than
   * `bbbApiLimits.organisationSecretsReloadAfterMs` (so a flood of bad checksums reads the table
   * at most that often); true when it did.
   */
  async reloadAfterMiss(): Promise<boolean> {
    if (this.clock.nowMs() - this.#loadedAtMs < bbbApiLimits.organisationSecretsReloadAfterMs) return false;
    await this.#load();
    return true;
  }

  /**
   * The organisation's secret in force, read from the database (not the list), the list brought
   * in line with it: a secret replaced on another instance is dropped from this one's list.
   */
  async current(organisationId: string): Promise<OrganisationSecret | undefined> {
    const current = await this.find(organisationId);
    this.#replaceInCache(organisationId, current?.secret);
    return current;
  }

  async #load(): Promise<void> {
    const rows = await this.db.selectFrom('bbb_api_organisation_secrets').selectAll().execute();
    this.#cache = rows.map(secretFromRow).map((row) => ({ owner: row.organisationId, secret: row.secret }));
    this.#loadedAtMs = this.clock.nowMs();
  }

  #replaceInCache(organisationId: string, secret: string | undefined): void {
    if (this.#cache === undefined) return;
    const others = this.#cache.filter((candidate) => candidate.owner !== organisationId);
    this.#cache = secret === undefined ? others : [...others, { owner: organisationId, secret }];
  }
}
