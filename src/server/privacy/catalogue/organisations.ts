/** The organisations domain's tables (`organisations/migrations.ts`). */
import type { DataCatalogue } from '../catalogue-types.js';
import { column } from './column.js';

/** Organisations, their members and invitations, owned rooms and personal handles. */
export const organisationsCatalogue: DataCatalogue = {
  organisations: {
    purpose: 'An organisation (a co-op member, a business, a group) that holds rooms, members and a plan.',
    retention: 'Kept indefinitely: invoices, registers and the ledger refer to it.',
    columns: {
      id: column("The organisation's id.", 'Other records name it.', false),
      slug: column('The short name in its links (`/r/<slug>/<room>`).', 'Readable links.', false),
      name: column('Its name.', 'Shown to its members and on invoices.', false),
      created_at_ms: column('When it was made.', "Operators' view.", false),
    },
  },
  organisation_members: {
    purpose: 'Who belongs to which organisation, with their role (owner, admin, member).',
    retention: 'Until the person leaves or is removed; deleted when their account is deleted.',
    aboutPerson: { column: 'person_id', by: 'person_id' },
    columns: {
      organisation_id: column('The organisation.', 'Membership.', false),
      person_id: column('The member.', 'Membership.', true),
      role: column('owner, admin or member.', 'Who may administer rooms, billing and members.', true),
      joined_at_ms: column('When they joined.', 'Shown in the member list.', true),
    },
  },
  organisation_invitations: {
    purpose: 'An invitation sent by email to join an organisation, with the hash of its link.',
    retention:
      'Deleted by the hourly privacy sweep 30 days after it was accepted or expired (a late click is told why it fails); when the inviter deletes their account, unaccepted invitations they sent lose the email; when the invitee deletes theirs, every invitation addressed to them is deleted.',
    aboutPerson: { column: 'email', by: 'email' },
    columns: {
      token_hash: column('SHA-256 of the token in the invitation link.', 'Checks the link without storing it.', false),
      organisation_id: column('The organisation invited to.', 'What accepting joins.', false),
      email: column("The invitee's email address.", 'Where the invitation went; only that address may accept it.', true),
      role: column('The role offered.', 'Given on acceptance.', false),
      invited_by: column('The person who invited.', 'Shown to the invitee and the organisation.', true),
      created_at_ms: column('When it was sent.', 'Shown in pending invitations.', true),
      expires_at_ms: column('When the link stops working.', 'Old invitations cannot be used.', false),
      accepted_at_ms: column('When it was accepted (null: not yet).', 'An invitation works once.', true),
    },
  },
  owned_rooms: {
    purpose: 'Links a meetings-domain room to an organisation or a person, with a readable slug and a calendar feed token.',
    retention: 'Kept while the room exists (indefinitely for now).',
    aboutPerson: { column: 'person_id', by: 'person_id' },
    columns: {
      room_id: column('The room (meetings domain).', 'Which room is owned.', false),
      owner_key: column('`org:<id>` or `person:<id>`.', 'Slugs are unique per owner.', true),
      organisation_id: column('The owning organisation, if any.', 'Its members see the room; its plan applies.', false),
      person_id: column("The owner of a personal room, or the creator of an organisation's room.", 'Who administers the room.', true),
      slug: column("The room's short name in its readable link.", 'Readable links.', false),
      feed_token: column("The secret in the room's calendar feed URL.", 'Only those given the feed can read it.', false),
      created_at_ms: column('When the room was made.', 'Ordering in lists.', false),
    },
  },
  person_handles: {
    purpose: "A person's handle, made from their name, naming their personal rooms' links (`/r/~<handle>/<room>`).",
    retention: 'Kept while the account exists; deleted with it.',
    aboutPerson: { column: 'person_id', by: 'person_id' },
    columns: {
      person_id: column('The person.', 'Whose handle it is.', true),
      handle: column('The handle, derived from their name.', 'Readable links to their rooms.', true),
    },
  },
};
