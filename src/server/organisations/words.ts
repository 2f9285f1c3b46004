/** The organisations domain's words: its error sentences and the invitation email (French in `words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { organisationsFrench } from './words.fr.js';

export const organisationsEnglish = {
  organisation_not_found: 'There is no organisation with this name that you belong to.',
  room_not_found: 'There is no room with this link that you can manage.',
  too_many_organisations: 'One person can own at most {max, number} organisations.',
  organisation_slug_taken: 'This short name is already taken; choose another.',
  only_managers_invite: 'Only owners and admins can invite people.',
  only_managers_remove: 'Only owners and admins can remove people.',
  only_managers_change_roles: 'Only owners and admins can change roles.',
  only_owners_remove_owners: 'Only an owner can remove an owner.',
  only_owners_make_owners: 'Only an owner can make or unmake owners.',
  member_not_found: 'This person is not a member of the organisation.',
  last_owner: 'An organisation needs at least one owner.',
  needs_another_owner: 'Make someone else an owner of {organisation} first.',
  only_managers_create_rooms: 'Only owners and admins can create rooms.',
  room_slug_taken: 'A room with this short name already exists; choose another.',
  too_many_rooms: 'At most {max, number} rooms per owner.',
  invitation_invalid: 'This invitation link is not valid.',
  invitation_used: 'This invitation has already been used.',
  invitation_expired: 'This invitation has expired; ask for a new one.',
  invitation_for_another_email: 'This invitation was sent to another email address.',
  invitation_role_admin: 'admin',
  invitation_role_member: 'member',
  invitation_subject: '{inviter} invites you to {organisation} on Plenary',
  invitation_text:
    'Hello,\n\n{inviter} invites you to join {organisation} on Plenary as {role}.\n\nAccept the invitation (sign up first with this email address if you have no account):\n\n{link}\n\nThe link is valid for 14 days.\n',
} as const;

export const organisationsWords = defineWords('organisations', organisationsEnglish, { fr: organisationsFrench });
