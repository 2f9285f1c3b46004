/**
 * Trading members as stored: the row schema, reads by slug, id and ledger account, and the
 * summary other members see. Writes stay in the services that own each change.
 */
import { z } from 'zod';
import { type MemberStatus, MemberStatusSchema, type MemberSummary } from '../../shared/network-api.js';
import type { Storage } from '../storage/index.js';
import type { NetworkTables } from './migrations.js';

const millis = z.union([z.number(), z.string()]).transform(Number);

/** A `network_members` row → a member. */
export const MemberRowSchema = z
  .object({
    id: z.string(),
    organisation_id: z.string(),
    slug: z.string(),
    name: z.string(),
    status: MemberStatusSchema,
    co_op: z.union([z.number(), z.boolean()]).transform(Boolean),
    description: z.string(),
    location: z.string(),
    website: z.string(),
    contact: z.string(),
    show_balance: z.union([z.number(), z.boolean()]).transform(Boolean),
    applied_by: z.string(),
    applied_at_ms: millis,
    reviewed_by: z.string().nullable(),
    reviewed_at_ms: millis.nullable(),
    reason: z.string().nullable(),
    account_id: z.string().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    coOp: row.co_op,
    description: row.description,
    location: row.location,
    website: row.website,
    contact: row.contact,
    showBalance: row.show_balance,
    appliedBy: row.applied_by,
    appliedAtMs: row.applied_at_ms,
    reviewedBy: row.reviewed_by,
    reviewedAtMs: row.reviewed_at_ms,
    reason: row.reason,
    accountId: row.account_id,
  }));
export type Member = z.output<typeof MemberRowSchema>;

/** What every member may see of another: name, status, location, co-op flag. */
/** Why a member was declined or suspended (null otherwise). */
export function statusReasonOf(member: Member): string | null {
  return member.status === 'declined' || member.status === 'suspended' ? member.reason : null;
}

export function memberSummary(member: Member): MemberSummary {
  return { slug: member.slug, name: member.name, status: member.status, location: member.location, coOp: member.coOp };
}

/** Reads of `network_members`. */
export class MembersRepository {
  constructor(private readonly storage: Storage) {}

  get db() {
    return this.storage.db.withTables<NetworkTables>();
  }

  async bySlug(slug: string): Promise<Member | undefined> {
    const row = await this.db.selectFrom('network_members').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row && MemberRowSchema.parse(row);
  }

  async byId(id: string): Promise<Member | undefined> {
    const row = await this.db.selectFrom('network_members').selectAll().where('id', '=', id).executeTakeFirst();
    return row && MemberRowSchema.parse(row);
  }

  async byOrganisations(organisationIds: readonly string[]): Promise<Member[]> {
    if (organisationIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('network_members')
      .selectAll()
      .where('organisation_id', 'in', [...organisationIds])
      .execute();
    return rows.map((row) => MemberRowSchema.parse(row));
  }

  /** Every member, or those in `statuses`, by name. */
  async list(statuses?: readonly MemberStatus[]): Promise<Member[]> {
    let query = this.db.selectFrom('network_members').selectAll().orderBy('name').orderBy('slug');
    if (statuses) query = query.where('status', 'in', [...statuses]);
    return (await query.execute()).map((row) => MemberRowSchema.parse(row));
  }

  /** The members owning `accountIds`, by ledger account id (for naming counterparties on statements). */
  async byAccounts(accountIds: readonly string[]): Promise<Map<string, Member>> {
    const members = await this.where('account_id', accountIds);
    return new Map(members.flatMap((member) => (member.accountId ? [[member.accountId, member] as const] : [])));
  }

  /** The members with these ids, by id. */
  async byIds(ids: readonly string[]): Promise<Map<string, Member>> {
    return new Map((await this.where('id', ids)).map((member) => [member.id, member]));
  }

  private async where(column: 'id' | 'account_id', values: readonly string[]): Promise<Member[]> {
    if (values.length === 0) return [];
    const rows = await this.db
      .selectFrom('network_members')
      .selectAll()
      .where(column, 'in', [...values])
      .execute();
    return rows.map((row) => MemberRowSchema.parse(row));
  }
}
