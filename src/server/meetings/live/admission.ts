/** Who may join a room, and as what: the role an access code (or being the room's administrator) earns. */

import { timingSafeEqual } from 'node:crypto';
import type { Role } from '../../../shared/protocol.js';
import type { Room } from '../rooms-repository.js';
import { meetingsWords } from '../words.js';
import { failure, type Outcome } from './outcome.js';

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The role a join request earns: moderator for the room's administrators and the holders of the
 * moderator code; viewer with the viewer code; guest when the room has no viewer code. Without a
 * needed code: `access_code_required`; with a wrong one: `access_code_wrong`.
 */
export function roleFor(room: Room, accessCode: string | undefined, administrator: boolean): Outcome<Role> {
  if (administrator) return { ok: true, value: 'moderator' };
  if (accessCode && sameCode(accessCode, room.moderatorCode)) return { ok: true, value: 'moderator' };
  if (room.viewerCode === null) return { ok: true, value: 'guest' };
  if (!accessCode) return failure('access_code_required', meetingsWords.phrase('access_code_required'));
  if (sameCode(accessCode, room.viewerCode)) return { ok: true, value: 'viewer' };
  return failure('access_code_wrong', meetingsWords.phrase('access_code_wrong'));
}
