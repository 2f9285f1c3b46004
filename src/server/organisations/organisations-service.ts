/**
 * Organisations, their people (owner, admin, member), invitations by email link, and the rooms
 * that organisations and people own. Every method takes the acting person and checks what
 * they may do; someone outside an organisation is told it does not exist. The work is done by
 * one part per job — `organisation-members.ts`, `invitations.ts`, `room-ownership.ts`; this is
 * their one face.
 */
import type { OrganisationRole, OrganisationView } from '../../shared/accounts-api.js';
import type { Language } from '../../shared/languages.js';
import type { Person } from '../accounts/index.js';
import type { OrganisationsResult } from './failures.js';
import { Invitations } from './invitations.js';
import { type Membership, OrganisationMembers, type OrganisationsServiceOptions } from './organisation-members.js';
import type { OwnedRoom } from './owned-rooms-repository.js';
import { RoomOwnership } from './room-ownership.js';

export type { Membership, OrganisationsServiceOptions, OwnedRoom };

/** Organisations, memberships, invitations and owned rooms. */
export class OrganisationsService {
  private readonly members: OrganisationMembers;
  private readonly invitations: Invitations;
  private readonly rooms: RoomOwnership;

  constructor(options: OrganisationsServiceOptions) {
    this.members = new OrganisationMembers(options);
    this.invitations = new Invitations(this.members);
    this.rooms = new RoomOwnership(this.members);
  }

  /** Every organisation `personId` belongs to, with their role. */
  membershipsOf(personId: string): Promise<Membership[]> {
    return this.members.membershipsOf(personId);
  }

  /** `personId`'s membership of the organisation called `slug`, or undefined. */
  membership(personId: string, slug: string): Promise<Membership | undefined> {
    return this.members.membership(personId, slug);
  }

  /** The people of an organisation with one of `roles` (for notifications by other domains). */
  peopleWithRoles(
    organisationId: string,
    roles: readonly OrganisationRole[],
  ): Promise<{ personId: string; name: string; email: string }[]> {
    return this.members.peopleWithRoles(organisationId, roles);
  }

  /** Creates an organisation with `person` as its owner. */
  create(person: Person, input: { name: string; slug: string }): Promise<OrganisationsResult<Membership>> {
    return this.members.create(person, input);
  }

  /** The organisation and its people, for its members. */
  view(person: Person, slug: string): Promise<OrganisationsResult<OrganisationView>> {
    return this.members.view(person, slug);
  }

  /** Invites `email` to join with `role`; only owners and admins may. Mails a link in the invitee's language, else `language`. */
  invite(
    person: Person,
    slug: string,
    input: { email: string; role: 'admin' | 'member' },
    language: Language,
  ): Promise<OrganisationsResult<void>> {
    return this.invitations.invite(person, slug, input, language);
  }

  /** Accepts an invitation for the signed-in person, whose email must be the invited one. */
  acceptInvitation(person: Person, token: string): Promise<OrganisationsResult<Membership>> {
    return this.invitations.acceptInvitation(person, token);
  }

  /** Removes a person from an organisation; owners and admins may remove others, anyone may leave. The last owner stays. */
  removeMember(person: Person, slug: string, personId: string): Promise<OrganisationsResult<void>> {
    return this.members.removeMember(person, slug, personId);
  }

  /**
   * Gives a member another role. Owners and admins may change roles; only owners may make or
   * unmake owners; the last owner stays an owner.
   */
  changeRole(person: Person, slug: string, personId: string, role: OrganisationRole): Promise<OrganisationsResult<void>> {
    return this.members.changeRole(person, slug, personId, role);
  }

  /**
   * Creates a room (in the meetings domain) owned by the organisation `organisationSlug`
   * (owners and admins only) or, when it is null, by `person` alone.
   */
  createRoom(
    person: Person,
    organisationSlug: string | null,
    input: { name: string; slug: string },
  ): Promise<OrganisationsResult<OwnedRoom>> {
    return this.rooms.createRoom(person, organisationSlug, input);
  }

  /**
   * Records that the organisation owns `roomId`, made by its BigBlueButton integration (no access
   * check); `creatorPersonId` made the integration's secret. Such rooms are not on members' dashboards.
   */
  recordIntegrationRoom(roomId: string, organisationId: string, creatorPersonId: string): Promise<void> {
    return this.rooms.recordIntegrationRoom(roomId, organisationId, creatorPersonId);
  }

  /** The person's handle if one was made (their data export), without making one. */
  existingHandleOf(personId: string): Promise<string | undefined> {
    return this.rooms.existingHandleOf(personId);
  }

  /** Removes a person's handle (account deletion); their rooms keep their unguessable links. */
  forgetHandle(personId: string): Promise<void> {
    return this.rooms.forgetHandle(personId);
  }

  /** The personal room `/r/~<handle>/<slug>`, for its owner only. */
  findPersonalRoomBySlug(person: Person, handle: string, slug: string): Promise<OrganisationsResult<OwnedRoom>> {
    return this.rooms.findPersonalRoomBySlug(person, handle, slug);
  }

  /** Every room `personId` can use: their own, and their organisations'. */
  roomsVisibleTo(personId: string): Promise<OwnedRoom[]> {
    return this.rooms.roomsVisibleTo(personId);
  }

  /** Every room the organisation owns, oldest first (no access check: the caller has checked). */
  roomsOfOrganisation(organisationId: string): Promise<OwnedRoom[]> {
    return this.rooms.roomsOfOrganisation(organisationId);
  }

  /** The room `/r/<organisation>/<slug>`, for members of that organisation only. */
  findRoomBySlug(person: Person, organisationSlug: string, slug: string): Promise<OrganisationsResult<OwnedRoom>> {
    return this.rooms.findRoomBySlug(person, organisationSlug, slug);
  }

  /** The owned room with this id, whoever owns it (no access check). */
  findOwnedRoom(roomId: string): Promise<OwnedRoom | undefined> {
    return this.rooms.findOwnedRoom(roomId);
  }

  /** The owned room whose calendar feed token this is. */
  findRoomByFeedToken(feedToken: string): Promise<OwnedRoom | undefined> {
    return this.rooms.findRoomByFeedToken(feedToken);
  }

  /**
   * True when `personId` owns or administers the room: it is their personal room, or they are
   * an owner or admin of the organisation that owns it.
   */
  administersRoom(personId: string, roomId: string): Promise<boolean> {
    return this.rooms.administersRoom(personId, roomId);
  }

  /** The room if `person` administers it, else the same `room_not_found` as for a room that does not exist. */
  administeredRoom(person: Person, roomId: string): Promise<OrganisationsResult<OwnedRoom>> {
    return this.rooms.administeredRoom(person, roomId);
  }

  /**
   * Removes a person from every organisation before their account is deleted. Refuses when they
   * are the only owner of an organisation that has other people.
   */
  leaveAll(personId: string): Promise<OrganisationsResult<void>> {
    return this.members.leaveAll(personId);
  }

  /** Deletes every invitation addressed to `email`, accepted or not (its owner deletes their account). */
  forgetInvitationsTo(email: string): Promise<void> {
    return this.invitations.forgetInvitationsTo(email);
  }

  /**
   * Deletes the invitations accepted or expired `retentionLimits.finishedInvitationKeptMs` (30
   * days) before `nowMs`; resolves to how many went. The privacy sweep calls it hourly.
   */
  forgetFinishedInvitations(nowMs: number): Promise<number> {
    return this.invitations.forgetFinished(nowMs);
  }

  /** Invitations addressed to an email (data export). */
  invitationsFor(
    email: string,
  ): Promise<{ organisation_id: string; role: string; created_at_ms: number; accepted_at_ms: number | null }[]> {
    return this.invitations.invitationsFor(email);
  }

  /** The organisation with this id, if there is one (other domains name it). */
  organisation(organisationId: string): Promise<{ id: string; slug: string; name: string } | undefined> {
    return this.members.organisation(organisationId);
  }

  /** Every organisation with its number of people (operator console). */
  listAll(count: number): Promise<{ id: string; slug: string; name: string; createdAtMs: number; people: number; rooms: number }[]> {
    return this.members.listAll(count);
  }
}
