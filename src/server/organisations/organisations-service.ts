/**
 * Organisations, their people (owner, admin, member), invitations by email link, and the rooms
 * that organisations and people own. Every method takes the acting person and checks what
 * they may do; someone outside an organisation is told it does not exist.
 */
import { nanoid } from 'nanoid';
import type { OrganisationRole, OrganisationView } from '../../shared/accounts-api.js';
import { accountLimits, limits } from '../../shared/limits.js';
import type { AccountsService, AccountsTables, Person } from '../accounts/index.js';
import { newToken, tokenHash } from '../accounts/index.js';
import type { Mailer } from '../email/index.js';
import type { RoomsRepository } from '../meetings/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, success } from '../platform/outcome.js';
import type { Storage } from '../storage/index.js';
import type { OrganisationsFailure, OrganisationsResult } from './failures.js';
import type { OrganisationsTables } from './migrations.js';
import { type OwnedRoom, OwnedRoomsRepository } from './owned-rooms-repository.js';

export type { OwnedRoom } from './owned-rooms-repository.js';

/** One organisation a person belongs to. */
export interface Membership {
  organisationId: string;
  slug: string;
  name: string;
  role: OrganisationRole;
}

const notFound = (): OrganisationsFailure =>
  failure('organisation_not_found', 'There is no organisation with this name that you belong to.');
const roomNotFound = (): OrganisationsFailure => failure('room_not_found', 'There is no room with this link that you can manage.');
const managers: OrganisationRole[] = ['owner', 'admin'];

export interface OrganisationsServiceOptions {
  storage: Storage;
  clock: Clock;
  mailer: Mailer;
  accounts: AccountsService;
  rooms: RoomsRepository;
  link: (path: string) => string;
}

/** Organisations, memberships, invitations and owned rooms. */
export class OrganisationsService {
  private readonly ownedRooms: OwnedRoomsRepository;

  constructor(private readonly options: OrganisationsServiceOptions) {
    this.ownedRooms = new OwnedRoomsRepository(options.storage);
  }

  private get db() {
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
      return failure('too_many_organisations', `One person can own at most ${accountLimits.organisationsPerPersonMax} organisations.`);
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
      return failure('slug_taken', 'This short name is already taken; choose another.');
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

  /** Invites `email` to join with `role`; only owners and admins may. Mails a link. */
  async invite(person: Person, slug: string, input: { email: string; role: 'admin' | 'member' }): Promise<OrganisationsResult<void>> {
    const membership = await this.membership(person.id, slug);
    if (!membership) return notFound();
    if (!managers.includes(membership.role)) return failure('role_required', 'Only owners and admins can invite people.');
    const token = newToken();
    const now = this.options.clock.nowMs();
    await this.db
      .insertInto('organisation_invitations')
      .values({
        token_hash: tokenHash(token),
        organisation_id: membership.organisationId,
        email: input.email,
        role: input.role,
        invited_by: person.id,
        created_at_ms: now,
        expires_at_ms: now + accountLimits.invitationDurationMs,
        accepted_at_ms: null,
      })
      .execute();
    await this.options.mailer.send({
      to: input.email,
      subject: `${person.name} invites you to ${membership.name} on Plenary`,
      text: `Hello,\n\n${person.name} invites you to join ${membership.name} on Plenary as ${input.role}.\n\nAccept the invitation (sign up first with this email address if you have no account):\n\n${this.options.link(`/invitations/accept?token=${token}`)}\n\nThe link is valid for 14 days.\n`,
    });
    return success(undefined);
  }

  /** Accepts an invitation for the signed-in person, whose email must be the invited one. */
  async acceptInvitation(person: Person, token: string): Promise<OrganisationsResult<Membership>> {
    const row = await this.db
      .selectFrom('organisation_invitations')
      .selectAll()
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    const now = this.options.clock.nowMs();
    if (!row) return failure('token_invalid', 'This invitation link is not valid.');
    if (row.accepted_at_ms !== null) return failure('token_used', 'This invitation has already been used.');
    if (Number(row.expires_at_ms) <= now) return failure('token_expired', 'This invitation has expired; ask for a new one.');
    if (row.email !== person.email) return failure('invitation_for_another_email', 'This invitation was sent to another email address.');
    const accepted = await this.db
      .updateTable('organisation_invitations')
      .set({ accepted_at_ms: now })
      .where('token_hash', '=', row.token_hash)
      .where('accepted_at_ms', 'is', null)
      .executeTakeFirst();
    if (Number(accepted.numUpdatedRows) !== 1) return failure('token_used', 'This invitation has already been used.');
    const existing = await this.db
      .selectFrom('organisation_members')
      .select('role')
      .where('organisation_id', '=', row.organisation_id)
      .where('person_id', '=', person.id)
      .executeTakeFirst();
    if (!existing) {
      await this.db
        .insertInto('organisation_members')
        .values({ organisation_id: row.organisation_id, person_id: person.id, role: row.role, joined_at_ms: now })
        .execute();
    }
    const membership = (await this.membershipsOf(person.id)).find((candidate) => candidate.organisationId === row.organisation_id);
    return membership ? success(membership) : notFound();
  }

  /** Removes a person from an organisation; owners and admins may remove others, anyone may leave. The last owner stays. */
  async removeMember(person: Person, slug: string, personId: string): Promise<OrganisationsResult<void>> {
    const membership = await this.membership(person.id, slug);
    if (!membership) return notFound();
    if (personId !== person.id && !managers.includes(membership.role))
      return failure('role_required', 'Only owners and admins can remove people.');
    const target = await this.db
      .selectFrom('organisation_members')
      .select('role')
      .where('organisation_id', '=', membership.organisationId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (!target) return failure('member_not_found', 'This person is not a member of the organisation.');
    if (target.role === 'owner') {
      if (membership.role !== 'owner') return failure('role_required', 'Only an owner can remove an owner.');
      const owners = await this.db
        .selectFrom('organisation_members')
        .select('person_id')
        .where('organisation_id', '=', membership.organisationId)
        .where('role', '=', 'owner')
        .execute();
      if (owners.length <= 1) return failure('last_owner', 'An organisation needs at least one owner.');
    }
    await this.db
      .deleteFrom('organisation_members')
      .where('organisation_id', '=', membership.organisationId)
      .where('person_id', '=', personId)
      .execute();
    return success(undefined);
  }

  /**
   * Gives a member another role. Owners and admins may change roles; only owners may make or
   * unmake owners; the last owner stays an owner.
   */
  async changeRole(person: Person, slug: string, personId: string, role: OrganisationRole): Promise<OrganisationsResult<void>> {
    const membership = await this.membership(person.id, slug);
    if (!membership) return notFound();
    if (!managers.includes(membership.role)) return failure('role_required', 'Only owners and admins can change roles.');
    const target = await this.db
      .selectFrom('organisation_members')
      .select('role')
      .where('organisation_id', '=', membership.organisationId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (!target) return failure('member_not_found', 'This person is not a member of the organisation.');
    if ((target.role === 'owner' || role === 'owner') && membership.role !== 'owner') {
      return failure('role_required', 'Only an owner can make or unmake owners.');
    }
    if (target.role === 'owner' && role !== 'owner') {
      const owners = await this.db
        .selectFrom('organisation_members')
        .select('person_id')
        .where('organisation_id', '=', membership.organisationId)
        .where('role', '=', 'owner')
        .execute();
      if (owners.length <= 1) return failure('last_owner', 'An organisation needs at least one owner.');
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
   * Creates a room (in the meetings domain) owned by the organisation `organisationSlug`
   * (owners and admins only) or, when it is null, by `person` alone.
   */
  async createRoom(
    person: Person,
    organisationSlug: string | null,
    input: { name: string; slug: string },
  ): Promise<OrganisationsResult<OwnedRoom>> {
    let organisation: Membership | undefined;
    if (organisationSlug !== null) {
      organisation = await this.membership(person.id, organisationSlug);
      if (!organisation) return notFound();
      if (!managers.includes(organisation.role)) return failure('role_required', 'Only owners and admins can create rooms.');
    }
    const ownerKey = organisation ? `org:${organisation.organisationId}` : `person:${person.id}`;
    const slugs = await this.ownedRooms.slugsOf(ownerKey);
    if (slugs.includes(input.slug)) return failure('slug_taken', 'A room with this short name already exists; choose another.');
    if (slugs.length >= accountLimits.roomsPerOwnerMax)
      return failure('too_many_rooms', `At most ${accountLimits.roomsPerOwnerMax} rooms per owner.`);
    const personHandle = organisation ? null : await this.handleOf(person);
    const room = await this.options.rooms.create({ name: input.name, participantsMax: limits.participantsPerRoomMax });
    const feedToken = newToken();
    const inserted = await this.ownedRooms.insert({
      room_id: room.id,
      owner_key: ownerKey,
      organisation_id: organisation?.organisationId ?? null,
      person_id: person.id,
      slug: input.slug,
      feed_token: feedToken,
      created_at_ms: this.options.clock.nowMs(),
    });
    if (!inserted) return failure('slug_taken', 'A room with this short name already exists; choose another.');
    return success({
      roomId: room.id,
      name: room.name,
      slug: input.slug,
      organisationId: organisation?.organisationId ?? null,
      organisationSlug: organisation?.slug ?? null,
      personHandle,
      personId: person.id,
      feedToken,
    });
  }

  /**
   * The person's handle, made from their name the first time it is needed (`ada-lovelace`,
   * then `ada-lovelace-2`… when taken). It names their personal rooms: `/r/~<handle>/<room>`.
   */
  async handleOf(person: Person): Promise<string> {
    const existing = await this.db.selectFrom('person_handles').select('handle').where('person_id', '=', person.id).executeTakeFirst();
    if (existing) return existing.handle;
    const base =
      person.name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 30) || 'person';
    for (let attempt = 1; attempt <= 1_000; attempt += 1) {
      const handle = attempt === 1 ? base : `${base}-${attempt}`;
      try {
        await this.db.insertInto('person_handles').values({ person_id: person.id, handle }).execute();
        return handle;
      } catch {
        // Taken (or a concurrent first call for this person won): look again.
        const won = await this.db.selectFrom('person_handles').select('handle').where('person_id', '=', person.id).executeTakeFirst();
        if (won) return won.handle;
      }
    }
    throw new Error('no free handle');
  }

  /** Removes a person's handle (account deletion); their rooms keep their unguessable links. */
  async forgetHandle(personId: string): Promise<void> {
    await this.db.deleteFrom('person_handles').where('person_id', '=', personId).execute();
  }

  /** The personal room `/r/~<handle>/<slug>`, for its owner only. */
  async findPersonalRoomBySlug(person: Person, handle: string, slug: string): Promise<OrganisationsResult<OwnedRoom>> {
    const own = await this.db.selectFrom('person_handles').select('handle').where('person_id', '=', person.id).executeTakeFirst();
    if (own?.handle !== handle) return roomNotFound();
    const room = await this.ownedRooms.findBySlug(`person:${person.id}`, slug);
    return room ? success(room) : roomNotFound();
  }

  /** Every room `personId` can use: their own, and their organisations'. */
  async roomsVisibleTo(personId: string): Promise<OwnedRoom[]> {
    const organisationIds = (await this.membershipsOf(personId)).map((membership) => membership.organisationId);
    return this.ownedRooms.visibleTo(personId, organisationIds);
  }

  /** The room `/r/<organisation>/<slug>`, for members of that organisation only. */
  async findRoomBySlug(person: Person, organisationSlug: string, slug: string): Promise<OrganisationsResult<OwnedRoom>> {
    const membership = await this.membership(person.id, organisationSlug);
    if (!membership) return roomNotFound();
    const room = await this.ownedRooms.findBySlug(`org:${membership.organisationId}`, slug);
    return room ? success(room) : roomNotFound();
  }

  /** The owned room with this id, whoever owns it (no access check). */
  async findOwnedRoom(roomId: string): Promise<OwnedRoom | undefined> {
    return this.ownedRooms.findByRoomId(roomId);
  }

  /** The owned room whose calendar feed token this is. */
  async findRoomByFeedToken(feedToken: string): Promise<OwnedRoom | undefined> {
    return this.ownedRooms.findByFeedToken(feedToken);
  }

  /**
   * True when `personId` owns or administers the room: it is their personal room, or they are
   * an owner or admin of the organisation that owns it.
   */
  async administersRoom(personId: string, roomId: string): Promise<boolean> {
    const room = await this.findOwnedRoom(roomId);
    if (!room) return false;
    if (room.organisationId === null) return room.personId === personId;
    const row = await this.db
      .selectFrom('organisation_members')
      .select('role')
      .where('organisation_id', '=', room.organisationId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row !== undefined && managers.includes(row.role as OrganisationRole);
  }

  /** The room if `person` administers it, else the same `room_not_found` as for a room that does not exist. */
  async administeredRoom(person: Person, roomId: string): Promise<OrganisationsResult<OwnedRoom>> {
    const room = await this.findOwnedRoom(roomId);
    if (!room || !(await this.administersRoom(person.id, roomId))) return roomNotFound();
    return success(room);
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
        return failure('organisation_needs_another_owner', `Make someone else an owner of ${membership.name} first.`);
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

  /** Invitations addressed to an email (data export). */
  async invitationsFor(
    email: string,
  ): Promise<{ organisation_id: string; role: string; created_at_ms: number; accepted_at_ms: number | null }[]> {
    const rows = await this.db
      .selectFrom('organisation_invitations')
      .select(['organisation_id', 'role', 'created_at_ms', 'accepted_at_ms'])
      .where('email', '=', email)
      .execute();
    return rows.map((row) => ({
      ...row,
      created_at_ms: Number(row.created_at_ms),
      accepted_at_ms: row.accepted_at_ms === null ? null : Number(row.accepted_at_ms),
    }));
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
