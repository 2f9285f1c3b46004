/** The `owned_rooms` table: which organisation or person owns a meetings-domain room, its slug and feed token. No access checks here. */
import { type RoomId, RoomIdSchema } from '../../shared/ids.js';
import type { Storage } from '../storage/index.js';
import type { OrganisationsTables } from './migrations.js';

/** A room with its owner: an organisation (`organisationSlug`) or one person. */
export interface OwnedRoom {
  roomId: RoomId;
  name: string;
  slug: string;
  organisationId: string | null;
  organisationSlug: string | null;
  /** The owner's handle, for a personal room (`/r/~<handle>/<slug>`). */
  personHandle: string | null;
  personId: string;
  feedToken: string;
}

type OwnedRoomRow = OrganisationsTables['owned_rooms'];

/** Reads and writes owned rooms. */
export class OwnedRoomsRepository {
  constructor(private readonly storage: Storage) {}

  private get db() {
    return this.storage.db.withTables<OrganisationsTables>();
  }

  private query() {
    return this.db
      .selectFrom('owned_rooms')
      .innerJoin('rooms', 'rooms.id', 'owned_rooms.room_id')
      .leftJoin('organisations', 'organisations.id', 'owned_rooms.organisation_id')
      .leftJoin('person_handles', 'person_handles.person_id', 'owned_rooms.person_id')
      .select([
        'owned_rooms.room_id',
        'rooms.name',
        'owned_rooms.slug',
        'owned_rooms.organisation_id',
        'organisations.slug as organisation_slug',
        'person_handles.handle as person_handle',
        'owned_rooms.person_id',
        'owned_rooms.feed_token',
      ]);
  }

  private toOwnedRoom(row: {
    room_id: string;
    name: string;
    slug: string;
    organisation_id: string | null;
    organisation_slug: string | null;
    person_handle: string | null;
    person_id: string;
    feed_token: string;
  }): OwnedRoom {
    return {
      roomId: RoomIdSchema.parse(row.room_id),
      name: row.name,
      slug: row.slug,
      organisationId: row.organisation_id,
      organisationSlug: row.organisation_slug,
      personHandle: row.organisation_id === null ? row.person_handle : null,
      personId: row.person_id,
      feedToken: row.feed_token,
    };
  }

  /** Slugs already used by an owner (`org:<id>` or `person:<id>`). */
  async slugsOf(ownerKey: string): Promise<string[]> {
    const rows = await this.db.selectFrom('owned_rooms').select('slug').where('owner_key', '=', ownerKey).execute();
    return rows.map((row) => row.slug);
  }

  /** Records an owned room; false when the owner already has this slug (unique index). */
  async insert(row: OwnedRoomRow): Promise<boolean> {
    try {
      await this.db.insertInto('owned_rooms').values(row).execute();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A person's own rooms and those of the organisations `organisationIds`, oldest first; not the
   * rooms an organisation's BigBlueButton integration made (reached through the integration).
   */
  async visibleTo(personId: string, organisationIds: string[]): Promise<OwnedRoom[]> {
    const rows = await this.query()
      .where((where) =>
        where.or([
          where('owned_rooms.owner_key', '=', `person:${personId}`),
          ...(organisationIds.length > 0
            ? [where.and([where('owned_rooms.organisation_id', 'in', organisationIds), where('owned_rooms.owner_key', 'like', 'org:%')])]
            : []),
        ]),
      )
      .orderBy('owned_rooms.created_at_ms')
      .execute();
    return rows.map((row) => this.toOwnedRoom(row));
  }

  /** Every room an organisation owns (its integration's too), oldest first. */
  async ofOrganisation(organisationId: string): Promise<OwnedRoom[]> {
    const rows = await this.query()
      .where('owned_rooms.organisation_id', '=', organisationId)
      .orderBy('owned_rooms.created_at_ms')
      .execute();
    return rows.map((row) => this.toOwnedRoom(row));
  }

  /** The owner's room with this slug. */
  async findBySlug(ownerKey: string, slug: string): Promise<OwnedRoom | undefined> {
    const row = await this.query().where('owned_rooms.owner_key', '=', ownerKey).where('owned_rooms.slug', '=', slug).executeTakeFirst();
    return row ? this.toOwnedRoom(row) : undefined;
  }

  /** The owned room with this room id. */
  async findByRoomId(roomId: string): Promise<OwnedRoom | undefined> {
    const row = await this.query().where('owned_rooms.room_id', '=', roomId).executeTakeFirst();
    return row ? this.toOwnedRoom(row) : undefined;
  }

  /** The owned room whose calendar feed token this is. */
  async findByFeedToken(feedToken: string): Promise<OwnedRoom | undefined> {
    const row = await this.query().where('owned_rooms.feed_token', '=', feedToken).executeTakeFirst();
    return row ? this.toOwnedRoom(row) : undefined;
  }
}
