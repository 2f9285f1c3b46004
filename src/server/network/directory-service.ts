/**
 * The directory: each member's profile with its offers and wants, trust indicators (balance and
 * turnover) when the member allows, and search across approved members' listings.
 */

import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import { networkLimits } from '../../shared/limits.js';
import {
  CategorySchema,
  type DirectoryQueryInput,
  type DirectoryView,
  type ListingInput,
  ListingKindSchema,
  type ListingView,
  type MemberChoicesView,
  type MemberView,
  type ProfileInput,
} from '../../shared/network-api.js';
import { failure, success } from '../platform/outcome.js';
import { foldForSearch, searchTextOf } from '../platform/search-text.js';
import { type Actor, type NetworkContext, networkFailures } from './context.js';
import type { NetworkResult } from './failures.js';
import { type Member, MemberRowSchema, memberSummary, statusReasonOf } from './members.js';
import type { NetworkTables } from './migrations.js';
import { networkWords } from './words.js';

const ListingRowSchema = z.object({
  id: z.string(),
  member_slug: z.string(),
  member_name: z.string(),
  kind: ListingKindSchema,
  title: z.string(),
  description: z.string(),
  category: CategorySchema,
  created_at_ms: z.union([z.number(), z.string()]).transform(Number),
});

function listingView(row: z.output<typeof ListingRowSchema>): ListingView {
  return {
    id: row.id,
    member: row.member_slug,
    memberName: row.member_name,
    kind: row.kind,
    title: row.title,
    description: row.description,
    category: row.category,
    createdAtMs: row.created_at_ms,
  };
}

/** `%text%` for LIKE, with the wildcards of the text itself escaped. */
function containing(text: string): string {
  return `%${foldForSearch(text).replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Profiles, listings and search. */
export class DirectoryService {
  constructor(private readonly context: NetworkContext) {}

  private listings() {
    return this.context.db
      .selectFrom('network_listings')
      .innerJoin('network_members', 'network_members.id', 'network_listings.member_id')
      .select([
        'network_listings.id',
        'network_members.slug as member_slug',
        'network_members.name as member_name',
        'network_listings.kind',
        'network_listings.title',
        'network_listings.description',
        'network_listings.category',
        'network_listings.created_at_ms',
      ]);
  }

  /** A member's profile as `actor` may see it. */
  async memberView(actor: Actor, slug: string): Promise<NetworkResult<MemberView>> {
    const member = await this.context.members.bySlug(slug);
    const access = member && this.context.accessTo(actor, member);
    if (!member) return networkFailures.memberNotFound();
    const ownOrAdministered = access !== undefined || actor.administrator;
    if (!ownOrAdministered) {
      if (!(await this.context.isParticipant(actor))) return networkFailures.participantRequired();
      if (member.status !== 'approved' && member.status !== 'suspended') return networkFailures.memberNotFound();
    }
    const rows = await this.listings()
      .where('network_listings.member_id', '=', member.id)
      .orderBy('network_listings.created_at_ms')
      .execute();
    const listings = rows.map((row) => listingView(ListingRowSchema.parse(row)));
    return success({
      ...memberSummary(member),
      description: member.description,
      website: member.website,
      contact: member.contact,
      showBalance: member.showBalance,
      trust: ownOrAdministered || member.showBalance ? await this.trust(member) : null,
      offers: listings.filter((listing) => listing.kind === 'offer'),
      wants: listings.filter((listing) => listing.kind === 'want'),
      access: access ?? null,
      statusReason: ownOrAdministered ? statusReasonOf(member) : null,
    });
  }

  private async trust(member: Member): Promise<MemberView['trust']> {
    const accountId = this.context.accountIdOf(member);
    const account = accountId && (await this.context.dependencies.ledger.findAccount(accountId));
    if (!account) return null;
    return {
      balance: this.context.format(account.creditsPosted - account.debitsPosted),
      sold: this.context.format(account.creditsPosted),
      bought: this.context.format(account.debitsPosted),
    };
  }

  /** Changes a member's public profile; traders only. */
  async updateProfile(actor: Actor, slug: string, profile: ProfileInput): Promise<NetworkResult<MemberView>> {
    const member = await this.context.memberActedFor(actor, slug, 'trader');
    if (!member.ok) return member;
    await this.context.db
      .updateTable('network_members')
      .set({
        description: profile.description,
        location: profile.location,
        website: profile.website,
        contact: profile.contact,
        show_balance: profile.showBalance ? 1 : 0,
        search_text: searchTextOf(member.value.name, profile.description, profile.location),
      })
      .where('id', '=', member.value.id)
      .execute();
    return this.memberView(actor, slug);
  }

  /** Lists an offer or a want; traders only, up to `networkLimits.listingsPerMemberMax`. */
  async addListing(actor: Actor, slug: string, input: ListingInput): Promise<NetworkResult<ListingView>> {
    const member = await this.context.memberActedFor(actor, slug, 'trader');
    if (!member.ok) return member;
    const count = await this.context.db
      .selectFrom('network_listings')
      .select(sql<number>`count(*)`.as('count'))
      .where('member_id', '=', member.value.id)
      .executeTakeFirstOrThrow();
    if (Number(count.count) >= networkLimits.listingsPerMemberMax) {
      return failure('too_many_listings', networkWords.phrase('too_many_listings', { max: networkLimits.listingsPerMemberMax }));
    }
    const id = `lst_${nanoid(16)}`;
    await this.context.db
      .insertInto('network_listings')
      .values({
        id,
        member_id: member.value.id,
        ...input,
        search_text: searchTextOf(input.title, input.description),
        created_at_ms: this.context.nowMs(),
      })
      .execute();
    const row = await this.listings().where('network_listings.id', '=', id).executeTakeFirstOrThrow();
    return success(listingView(ListingRowSchema.parse(row)));
  }

  /** Removes one of a member's listings; traders only. */
  async removeListing(actor: Actor, slug: string, listingId: string): Promise<NetworkResult<void>> {
    const member = await this.context.memberActedFor(actor, slug, 'trader');
    if (!member.ok) return member;
    const removed = await this.context.db
      .deleteFrom('network_listings')
      .where('id', '=', listingId)
      .where('member_id', '=', member.value.id)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return failure('listing_not_found', networkWords.phrase('listing_not_found'));
    return success(undefined);
  }

  /** Every approved member by name (whom one may pay or ask); participants only. */
  async approvedMembers(actor: Actor): Promise<NetworkResult<MemberChoicesView>> {
    if (!(await this.context.isParticipant(actor))) return networkFailures.participantRequired();
    const members = await this.context.members.list(['approved']);
    return success({ members: members.map(memberSummary) });
  }

  /**
   * One page of approved members matching the query, by name, each with its matching offers and
   * wants; participants only. Words match a listing's title or description, or the member's name,
   * description or location; a category or kind keeps only members with such a listing.
   */
  async search(actor: Actor, query: DirectoryQueryInput): Promise<NetworkResult<DirectoryView>> {
    if (!(await this.context.isParticipant(actor))) return networkFailures.participantRequired();
    const text = query.q ? containing(query.q) : undefined;
    // Both sides are folded (`foldForSearch`): the same answer on SQLite and PostgreSQL, accents or not.
    const likeText = (column: string) => (eb: ExpressionBuilder<NetworkTables, 'network_members'>) =>
      eb(sql.ref(column), 'like', sql<string>`${text} escape '\\'`);
    const memberMatches = likeText('network_members.search_text');
    const listingMatches = (eb: ExpressionBuilder<NetworkTables, 'network_members' | 'network_listings'>) => {
      const conditions: Expression<SqlBool>[] = [];
      if (query.category) conditions.push(eb('network_listings.category', '=', query.category));
      if (query.kind) conditions.push(eb('network_listings.kind', '=', query.kind));
      if (text) conditions.push(eb.or([likeText('network_listings.search_text')(eb), memberMatches(eb)]));
      return eb.and(conditions);
    };
    const pageSize = query.limit ?? networkLimits.directoryMembersPerPage;
    const after = query.cursor
      ? await this.context.db.selectFrom('network_members').select(['sort_key', 'slug']).where('slug', '=', query.cursor).executeTakeFirst()
      : undefined;
    const rows = await this.context.db
      .selectFrom('network_members')
      .selectAll()
      .where('status', '=', 'approved')
      .where((eb) => {
        const withListing = eb.exists(
          eb
            .selectFrom('network_listings')
            .select('network_listings.id')
            .whereRef('network_listings.member_id', '=', 'network_members.id')
            .where(listingMatches),
        );
        if (query.category || query.kind) return withListing;
        return text ? eb.or([memberMatches(eb), withListing]) : eb.and([]);
      })
      .$if(after !== undefined, (select) =>
        select.where((eb) =>
          eb.or([
            eb('sort_key', '>', after?.sort_key ?? ''),
            eb.and([eb('sort_key', '=', after?.sort_key ?? ''), eb('slug', '>', after?.slug ?? '')]),
          ]),
        ),
      )
      .orderBy('sort_key')
      .orderBy('slug')
      .limit(pageSize + 1)
      .execute();
    const members = rows.slice(0, pageSize).map((row) => MemberRowSchema.parse(row));
    const listingRows =
      members.length === 0
        ? []
        : await this.listings()
            .where(
              'network_listings.member_id',
              'in',
              members.map((member) => member.id),
            )
            .where(listingMatches)
            .orderBy('network_listings.created_at_ms', 'desc')
            .execute();
    const listings = listingRows.map((row) => listingView(ListingRowSchema.parse(row)));
    const last = members[members.length - 1];
    return success({
      entries: members.map((member) => ({
        ...memberSummary(member),
        offers: listings.filter((listing) => listing.member === member.slug && listing.kind === 'offer'),
        wants: listings.filter((listing) => listing.member === member.slug && listing.kind === 'want'),
      })),
      nextCursor: rows.length > pageSize && last ? last.slug : null,
    });
  }
}
