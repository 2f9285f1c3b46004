/**
 * Owned rooms: rooms of the meetings domain that an organisation or a person owns, with a slug,
 * personal handles (`/r/~<handle>/<slug>`), and who administers each.
 */
import type { OrganisationRole } from '../../shared/accounts-api.js';
import { accountLimits, limits } from '../../shared/limits.js';
import type { Person } from '../accounts/index.js';
import { newToken } from '../accounts/index.js';
import { failure, success } from '../platform/outcome.js';
import type { OrganisationsResult } from './failures.js';
import { type Membership, managers, notFound, type OrganisationMembers, roomNotFound } from './organisation-members.js';
import { type OwnedRoom, OwnedRoomsRepository } from './owned-rooms-repository.js';
import { organisationsWords } from './words.js';

/** Rooms owned by organisations and people. */
export class RoomOwnership {
  private readonly ownedRooms: OwnedRoomsRepository;

  constructor(private readonly members: OrganisationMembers) {
    this.ownedRooms = new OwnedRoomsRepository(members.options.storage);
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
      organisation = await this.members.membership(person.id, organisationSlug);
      if (!organisation) return notFound();
      if (!managers.includes(organisation.role)) return failure('role_required', organisationsWords.phrase('only_managers_create_rooms'));
    }
    const ownerKey = organisation ? `org:${organisation.organisationId}` : `person:${person.id}`;
    const slugs = await this.ownedRooms.slugsOf(ownerKey);
    if (slugs.includes(input.slug)) return failure('slug_taken', organisationsWords.phrase('room_slug_taken'));
    if (slugs.length >= accountLimits.roomsPerOwnerMax)
      return failure('too_many_rooms', organisationsWords.phrase('too_many_rooms', { max: accountLimits.roomsPerOwnerMax }));
    const personHandle = organisation ? null : await this.handleOf(person);
    const room = await this.members.options.rooms.create({ name: input.name, participantsMax: limits.participantsPerRoomMax });
    const feedToken = newToken();
    const inserted = await this.ownedRooms.insert({
      room_id: room.id,
      owner_key: ownerKey,
      organisation_id: organisation?.organisationId ?? null,
      person_id: person.id,
      slug: input.slug,
      feed_token: feedToken,
      created_at_ms: this.members.options.clock.nowMs(),
    });
    if (!inserted) return failure('slug_taken', organisationsWords.phrase('room_slug_taken'));
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
   * Records that the organisation owns `roomId`, a room its BigBlueButton integration made
   * (no access check: the integration's secret is the organisation's), so the room's meetings
   * count against its plan. Owner key `integration:<id>`: apart from the rooms its people name,
   * so not among their slugs, limit or readable links, nor on their dashboards. `creatorPersonId`:
   * the owner or admin who made the integration's secret.
   */
  async recordIntegrationRoom(roomId: string, organisationId: string, creatorPersonId: string): Promise<void> {
    const inserted = await this.ownedRooms.insert({
      room_id: roomId,
      owner_key: `integration:${organisationId}`,
      organisation_id: organisationId,
      person_id: creatorPersonId,
      slug: `bbb-${roomId}`,
      feed_token: newToken(),
      created_at_ms: this.members.options.clock.nowMs(),
    });
    if (!inserted) throw new Error(`room ${roomId} already has an owner`);
  }

  /**
   * The person's handle, made from their name the first time it is needed (`ada-lovelace`,
   * then `ada-lovelace-2`… when taken). It names their personal rooms: `/r/~<handle>/<room>`.
   */
  async handleOf(person: Person): Promise<string> {
    const existing = await this.members.db
      .selectFrom('person_handles')
      .select('handle')
      .where('person_id', '=', person.id)
      .executeTakeFirst();
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
        await this.members.db.insertInto('person_handles').values({ person_id: person.id, handle }).execute();
        return handle;
      } catch {
        // Taken (or a concurrent first call for this person won): look again.
        const won = await this.members.db
          .selectFrom('person_handles')
          .select('handle')
          .where('person_id', '=', person.id)
          .executeTakeFirst();
        if (won) return won.handle;
      }
    }
    throw new Error('no free handle');
  }

  /** The person's handle if one was made (their data export), without making one. */
  async existingHandleOf(personId: string): Promise<string | undefined> {
    const row = await this.members.db.selectFrom('person_handles').select('handle').where('person_id', '=', personId).executeTakeFirst();
    return row?.handle;
  }

  /** Removes a person's handle (account deletion); their rooms keep their unguessable links. */
  async forgetHandle(personId: string): Promise<void> {
    await this.members.db.deleteFrom('person_handles').where('person_id', '=', personId).execute();
  }

  /** The personal room `/r/~<handle>/<slug>`, for its owner only. */
  async findPersonalRoomBySlug(person: Person, handle: string, slug: string): Promise<OrganisationsResult<OwnedRoom>> {
    const own = await this.members.db.selectFrom('person_handles').select('handle').where('person_id', '=', person.id).executeTakeFirst();
    if (own?.handle !== handle) return roomNotFound();
    const room = await this.ownedRooms.findBySlug(`person:${person.id}`, slug);
    return room ? success(room) : roomNotFound();
  }

  /** Every room `personId` can use: their own, and their organisations'. */
  async roomsVisibleTo(personId: string): Promise<OwnedRoom[]> {
    const organisationIds = (await this.members.membershipsOf(personId)).map((membership) => membership.organisationId);
    return this.ownedRooms.visibleTo(personId, organisationIds);
  }

  /** Every room the organisation owns, oldest first (no access check). */
  async roomsOfOrganisation(organisationId: string): Promise<OwnedRoom[]> {
    return this.ownedRooms.ofOrganisation(organisationId);
  }

  /** The room `/r/<organisation>/<slug>`, for members of that organisation only. */
  async findRoomBySlug(person: Person, organisationSlug: string, slug: string): Promise<OrganisationsResult<OwnedRoom>> {
    const membership = await this.members.membership(person.id, organisationSlug);
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
    const row = await this.members.db
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
}
