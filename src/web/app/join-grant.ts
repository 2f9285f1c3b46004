/**
 * A BigBlueButton join link's grant, kept by this browser tab (sessionStorage, so it dies with the
 * tab) for the room it lets you into: the name and role the integration gave, where to go on
 * leaving, and the secret sent with the join. Written by the landing page (`/bbb/join`), read by
 * the pre-join screen and the meeting.
 */
import { type BbbEnterResponse, BbbEnterResponseSchema } from '../../shared/bbb-landing-api.js';

const keyFor = (roomId: string) => `plenary.joinGrant.${roomId}`;

/** Keeps the grant for its room. */
export function keepJoinGrant(granted: BbbEnterResponse): void {
  sessionStorage.setItem(keyFor(granted.roomId), JSON.stringify(granted));
}

/** The grant this tab keeps for `roomId`, if any (anything unreadable is dropped). */
export function joinGrantFor(roomId: string): BbbEnterResponse | undefined {
  const raw = sessionStorage.getItem(keyFor(roomId));
  if (raw === null) return undefined;
  try {
    const parsed = BbbEnterResponseSchema.safeParse(JSON.parse(raw));
    if (parsed.success && parsed.data.roomId === roomId) return parsed.data;
  } catch {
    // Not JSON: dropped below.
  }
  sessionStorage.removeItem(keyFor(roomId));
  return undefined;
}

/** Forgets the grant for `roomId` (the server said it expired). */
export function forgetJoinGrant(roomId: string): void {
  sessionStorage.removeItem(keyFor(roomId));
}

/** The ticket in a landing address's fragment (`#ticket=…`), if it has one. */
export function ticketInFragment(hash: string): string | undefined {
  const ticket = new URLSearchParams(hash.replace(/^#/, '')).get('ticket');
  return ticket !== null && /^[A-Za-z0-9_-]{43}$/.test(ticket) ? ticket : undefined;
}
