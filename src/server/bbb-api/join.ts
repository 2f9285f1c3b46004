/**
 * The `join` call: who may enter which meeting with which name and role. A valid `role`
 * (MODERATOR or VIEWER, any case) decides; otherwise the password must be the meeting's
 * moderator or attendee password. The answer is a one-time join ticket: 32 random bytes, kept in
 * the database only as their SHA-256, usable for `bbbApiLimits.joinTicketLifetimeMs`. The
 * browser that follows the redirect gives it back to enter (the landing is a later slice).
 */
import { createHash, randomBytes } from 'node:crypto';
import { customAlphabet } from 'nanoid';
import { bbbApiLimits, limits } from '../../shared/limits.js';
import { success } from '../platform/outcome.js';
import { type BbbApi, operatorSigner, type Signer, sameSecret } from './bbb-api.js';
import { optionalUrl } from './create.js';
import type { BbbMeeting, JoinTicket } from './meetings-store.js';
import { type BbbFailure, bbbFailure } from './messages.js';
import { cleanText, meetingIdParam, optionalText, type ParamResult, prefixedParams, userDataParams } from './params.js';

/** An accepted join: the ticket to hand to the browser and what the session XML says. */
export interface Joined {
  meeting: BbbMeeting;
  ticket: string;
  /** BigBlueButton's internal user id for this join (`w_` and 12 letters and digits). */
  internalUserId: string;
  details: JoinTicket;
}

const userIdPart = customAlphabet('abcdefghijklmnopqrstuvwxyz0123456789', 12);

/** Checks a join against the signer's meeting with its meetingID and stores its ticket. */
export async function join(
  api: BbbApi,
  params: ReadonlyMap<string, string>,
  signer: Signer = operatorSigner,
): Promise<ParamResult<Joined>> {
  const meetingId = meetingIdParam(params);
  if (!meetingId.ok) return meetingId;
  const fullName = optionalText(params, 'fullName');
  if (!fullName.ok) return fullName;
  if (fullName.value === undefined) return bbbFailure('missingParamFullName');
  const meeting = await api.store.findLatest(meetingId.value, signer.organisationId);
  if (!meeting) return bbbFailure('invalidMeetingIdentifier');
  if (meeting.endedAtMs !== null) return bbbFailure('meetingForciblyEnded');
  const refused = createTimeRefusal(params, meeting) ?? capacityRefusal(api, meeting);
  if (refused) return refused;
  const role = roleOf(params, meeting);
  if (!role.ok) return role;
  const guest = params.get('guest')?.trim().toLowerCase() === 'true';
  const guestStatus = guestStatusOf(meeting, role.value, guest);
  if (guestStatus === 'deny') return bbbFailure('guestDeniedAccess');
  const urls = { userId: optionalText(params, 'userID', bbbApiLimits.textCharactersMax), avatarUrl: optionalUrl(params, 'avatarURL') };
  if (!urls.userId.ok) return urls.userId;
  if (!urls.avatarUrl.ok) return urls.avatarUrl;
  const userData = prefixedParams(params, userDataParams);
  if (!userData.ok) return userData;
  const internalUserId = `w_${userIdPart()}`;
  const nowMs = api.clock.nowMs();
  const details: JoinTicket = {
    internalMeetingId: meeting.internalId,
    roomId: meeting.roomId,
    fullName: fullName.value,
    role: role.value,
    userId: urls.userId.value ?? internalUserId,
    guest,
    guestStatus,
    logoutUrl: meeting.settings.logoutUrl,
    avatarUrl: urls.avatarUrl.value ?? null,
    userData: userData.value,
    createdAtMs: nowMs,
    expiresAtMs: nowMs + bbbApiLimits.joinTicketLifetimeMs,
  };
  const ticket = randomBytes(32).toString('base64url');
  await api.store.insertTicket(ticketHash(ticket), details);
  return success({ meeting, ticket, internalUserId, details });
}

/** The SHA-256 of a ticket in hex: what the database keeps. */
export function ticketHash(ticket: string): string {
  return createHash('sha256').update(ticket, 'utf8').digest('hex');
}

/** `mismatchCreateTimeParam` when `createTime` is given and is not this meeting's (a link from an earlier session). */
function createTimeRefusal(params: ReadonlyMap<string, string>, meeting: BbbMeeting): BbbFailure | undefined {
  const given = params.get('createTime')?.trim();
  if (given === undefined || given === '') return undefined;
  // Read as a number, as BigBlueButton does (`0123` is 123); anything else never matches.
  const matches = /^[0-9]{1,16}$/.test(given) && Number(given) === meeting.createTimeMs;
  return matches ? undefined : bbbFailure('mismatchCreateTimeParam');
}

/** `maxParticipantsReached` when the meeting's own limit is set and its live room holds that many. */
function capacityRefusal(api: BbbApi, meeting: BbbMeeting): BbbFailure | undefined {
  const max = meeting.settings.maxParticipants;
  if (max === 0) return undefined;
  const live = api.registry.find(meeting.roomId);
  const present = live && !live.closed ? live.participants.size + live.lobby.size : 0;
  return present >= max ? bbbFailure('maxParticipantsReached') : undefined;
}

function roleOf(params: ReadonlyMap<string, string>, meeting: BbbMeeting): ParamResult<'moderator' | 'viewer'> {
  const role = params.get('role')?.trim().toLowerCase();
  if (role === 'moderator' || role === 'viewer') return success(role);
  const password = params.get('password');
  if (sameSecret(password, meeting.moderatorPassword)) return success('moderator');
  if (sameSecret(password, meeting.attendeePassword)) return success('viewer');
  return bbbFailure('invalidPassword');
}

/**
 * Whether the person goes straight in, waits for a moderator, or is refused, from the meeting's
 * guest policy: moderators and people not marked `guest=true` go in (ALWAYS_ACCEPT_AUTH and
 * ASK_MODERATOR hold back guests only), ALWAYS_DENY refuses guests.
 */
function guestStatusOf(meeting: BbbMeeting, role: 'moderator' | 'viewer', guest: boolean): 'allow' | 'wait' | 'deny' {
  if (role === 'moderator' || !guest) return 'allow';
  switch (meeting.settings.guestPolicy) {
    case 'ALWAYS_ACCEPT':
      return 'allow';
    case 'ALWAYS_DENY':
      return 'deny';
    case 'ASK_MODERATOR':
    case 'ALWAYS_ACCEPT_AUTH':
      return 'wait';
  }
}

/** The display name a ticket's holder gets in Plenary: cleaned and cut to the display-name limit. */
export function displayNameOf(ticket: JoinTicket): string {
  return [...cleanText(ticket.fullName)].slice(0, limits.displayNameCharactersMax).join('');
}
