/**
 * Organisations and their people (owner, admin, member): creating one, its view, roles,
 * removing and leaving. Every method takes the acting person and checks what they may do;
 * someone outside an organisation is told it does not exist. Internal to the domain; its public
 * face is `OrganisationsService`.
 */
import { nanoid } from 'nanoid';
import type { OrganisationRole, OrganisationView } from '../../shared/accounts-api.js';
import { accountLimits } from '../../shared/limits.js';
import type { AccountsService, AccountsTables, Person } from '../accounts/index.js';
import type { Mailer } from '../email/index.js';
import type { RoomsRepository } from '../meetings/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, success } from '../platform/outcome.js';
import type { Storage } from '../storage/index.js';
import type { OrganisationsFailure, OrganisationsResult } from './failures.js';
import type { OrganisationsTables } from './migrations.js';
import { organisationsWords } from './words.js';

/** One organisation a person belongs to. */
export interface Membership {
  organisationId: string;
  slug: string;
  name: string;
  role: OrganisationRole;
}

export const notFound = (): OrganisationsFailure => failure('organisation_not_found', organisationsWords.phrase('organisation_not_found'));
export const roomNotFound = (): OrganisationsFailure => failure('room_not_found', organisationsWords.phrase('room_not_found'));
export const managers: OrganisationRole[] = ['owner', 'admin'];

export interface OrganisationsServiceOptions {
  storage: Storage;
  clock: Clock;
  mailer: Mailer;
  accounts: AccountsService;
  rooms: RoomsRepository;
  link: (path: string) => string;
}

/** Organisations and memberships. */
export class OrganisationMembers {
  constructor(readonly options: OrganisationsServiceOptions) {}

  get db() {
    return this.options.storage.db.withTables<OrganisationsTables & AccountsTables>();
  }

  /** Every organisation `personId` belongs to, with their role. */
  async membershipsOf(personId: string): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('organisation_members')
      .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
      .select(['organisations.id', 'organisations.slug', 'organisations.name', 'organisation_members.role'])
      .where('organisation_members.person_id', '=', personId)
      .orderBy('organisations.slug')
      .execute();
    return rows.map((row) => ({ organisationId: row.id, slug: row.slug, name: row.name, role: row.role as OrganisationRole }));
  }

  /** `personId`'s membership of the organisation called `slug`, or undefined. */
  async membership(personId: string, slug: string): Promise<Membership | undefined> {
    return (await this.membershipsOf(personId)).find((membership) => membership.slug === slug);
  }

  /** The people of an organisation with one of `roles` (for notifications by other domains). */
  async peopleWithRoles(
    organisationId: string,
    roles: readonly OrganisationRole[],
  ): Promise<{ personId: string; name: string; email: string }[]> {
    const rows = await this.db
      .selectFrom('organisation_members')
      .innerJoin('people', 'people.id', 'organisation_members.person_id')
      .select(['people.id', 'people.name', 'people.email'])
      .where('organisation_members.organisation_id', '=', organisationId)
      .where('organisation_members.role', 'in', [...roles])
      .orderBy('people.id')
      .execute();
    return rows.flatMap((row) => (row.email ? [{ personId: row.id, name: row.name, email: row.email }] : []));
  }

  /** Creates an organisation with `person` as its owner. */
  async create(person: Person, input: { name: string; slug: string }): Promise<OrganisationsResult<Membership>> {
    const mine = await this.membershipsOf(person.id);
    if (mine.filter((membership) => membership.role === 'owner').length >= accountLimits.organisationsPerPersonMax) {
      return failure(
        'too_many_organisations',
        organisationsWords.phrase('too_many_organisations', { max: accountLimits.organisationsPerPersonMax }),
      );
    }
    const id = `org_${nanoid(16)}`;
    const now = this.options.clock.nowMs();
    try {
      await this.db.transaction().execute(async (transaction) => {
        await transaction.insertInto('organisations').values({ id, slug: input.slug, name: input.name, created_at_ms: now }).execute();
        await transaction
          .insertInto('organisation_members')
          .values({ organisation_id: id, person_id: person.id, role: 'owner', joined_at_ms: now })
          .execute();
      });
    } catch {
      return failure('slug_taken', organisationsWords.phrase('organisation_slug_taken'));
    }
    return success({ organisationId: id, slug: input.slug, name: input.name, role: 'owner' });
  }

  /** The organisation and its people, for its members. */
  async view(person: Person, slug: string): Promise<OrganisationsResult<OrganisationView>> {
    const membership = await this.membership(person.id, slug);
    if (!membership) return notFound();
    const members = await this.db
      .selectFrom('organisation_members')
      .innerJoin('people', 'people.id', 'organisation_members.person_id')
      .select(['people.id', 'people.name', 'people.email', 'organisation_members.role'])
      .where('organisation_members.organisation_id', '=', membership.organisationId)
      .orderBy('organisation_members.joined_at_ms')
      .orderBy('people.name')
      .execute();
    return success({
      slug: membership.slug,
      name: membership.name,
      role: membership.role,
      members: members.map((member) => ({
        personId: member.id,
        name: member.name,
        email: member.email ?? '',
        role: member.role as OrganisationRole,
      })),
    });
  }

  /** Removes a person from an organisation; owners and admins may remove others, anyone may leave. The last owner stays. */
  async removeMember(person: Person, slug: string, personId: string): Promise<OrganisationsResult<void>> {
    const membership = await this.membership(person.id, slug);
    if (!membership) return notFound();
    if (personId !== person.id && !managers.includes(membership.role))
      return failure('role_required', organisationsWords.phrase('only_managers_remove'));
    const target = await this.roleIn(membership.organisationId, personId);
    if (!target) return failure('member_not_found', organisationsWords.phrase('member_not_found'));
    if (target.role === 'owner') {
      if (membership.role !== 'owner') return failure('role_required', organisationsWords.phrase('only_owners_remove_owners'));
      if ((await this.ownerCount(membership.organisationId)) <= 1) return failure('last_owner', organisationsWords.phrase('last_owner'));
    }
    await this.db
      .deleteFrom('organisation_members')
      .where('organisation_id', '=', membership.organisationId)
      .where('person_id', '=', personId)
      .execute();
    return success(undefined);
  }

  /** A member's role row, if `personId` belongs to the organisation. */
  private roleIn(organisationId: string, personId: string): Promise<{ role: string } | undefined> {
    return this.db
      .selectFrom('organisation_members')
      .select('role')
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
  }

  /** How many owners the organisation has. */
  private async ownerCount(organisationId: string): Promise<number> {
    const owners = await this.db
      .selectFrom('organisation_members')
      .select('person_id')
      .where('organisation_id', '=', organisationId)
      .where('role', '=', 'owner')
      .execute();
    return owners.length;
  }

  /**
   * Gives a member another role. Owners and admins may change roles; only owners may make or
   * unmake owners; the last owner stays an owner.
   */
  async changeRole(person: Person, slug: string, personId: string, role: OrganisationRole): Promise<OrganisationsResult<void>> {
    const membership = await this.membership(person.id, slug);
    if (!membership) return notFound();
    if (!managers.includes(membership.role)) return failure('role_required', organisationsWords.phrase('only_managers_change_roles'));
    const target = await this.roleIn(membership.organisationId, personId);
    if (!target) return failure('member_not_found', organisationsWords.phrase('member_not_found'));
    if ((target.role === 'owner' || role === 'owner') && membership.role !== 'owner') {
      return failure('role_required', organisationsWords.phrase('only_owners_make_owners'));
    }
    if (target.role === 'owner' && role !== 'owner') {
      if ((await this.ownerCount(membership.organisationId)) <= 1) return failure('last_owner', organisationsWords.phrase('last_owner'));
    }
    await this.db
      .updateTable('organisation_members')
      .set({ role })
      .where('organisation_id', '=', membership.organisationId)
      .where('person_id', '=', personId)
      .execute();
    return success(undefined);
  }

  /**
   * Removes a person from every organisation before their account is deleted. Refuses when they
   * are the only owner of an organisation that has other people.
   */
  async leaveAll(personId: string): Promise<OrganisationsResult<void>> {
    for (const membership of await this.membershipsOf(personId)) {
      if (membership.role !== 'owner') continue;
      const others = await this.db
        .selectFrom('organisation_members')
        .select(['person_id', 'role'])
        .where('organisation_id', '=', membership.organisationId)
        .where('person_id', '!=', personId)
        .execute();
      if (others.length > 0 && !others.some((other) => other.role === 'owner')) {
        return failure(
          'organisation_needs_another_owner',
          organisationsWords.phrase('needs_another_owner', { organisation: membership.name }),
        );
      }
    }
    await this.db.deleteFrom('organisation_members').where('person_id', '=', personId).execute();
    await this.db
      .updateTable('organisation_invitations')
      .set({ email: '(removed)' })
      .where('invited_by', '=', personId)
      .where('accepted_at_ms', 'is', null)
      .execute();
    return success(undefined);
  }

  /** The organisation with this id, if there is one (other domains name it). */
  async organisation(organisationId: string): Promise<{ id: string; slug: string; name: string } | undefined> {
    return this.db.selectFrom('organisations').select(['id', 'slug', 'name']).where('id', '=', organisationId).executeTakeFirst();
  }

  /** Every organisation with its number of people (operator console). */
  async listAll(count: number): Promise<{ id: string; slug: string; name: string; createdAtMs: number; people: number; rooms: number }[]> {
    const organisations = await this.db.selectFrom('organisations').selectAll().orderBy('created_at_ms', 'desc').limit(count).execute();
    const result = [];
    for (const organisation of organisations) {
      const people = await this.db
        .selectFrom('organisation_members')
        .select('person_id')
        .where('organisation_id', '=', organisation.id)
        .execute();
      const rooms = await this.db.selectFrom('owned_rooms').select('room_id').where('organisation_id', '=', organisation.id).execute();
      result.push({
        id: organisation.id,
        slug: organisation.slug,
        name: organisation.name,
        createdAtMs: Number(organisation.created_at_ms),
        people: people.length,
        rooms: rooms.length,
      });
    }
    return result;
  }
}
