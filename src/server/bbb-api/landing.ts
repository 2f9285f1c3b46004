/**
 * Where a `join` link lands: the browser hands over the one-time ticket from the link's fragment
 * (`/bbb/join#ticket=…`) and gets, once, a grant of its own — a fresh secret whose hash is kept
 * with the used ticket — with which it joins the meeting over signalling, and joins it again after
 * a reload or a lost connection until the grant expires (`bbbApiLimits.joinGrantLifetimeMs`) or the
 * meeting ends. The link itself is spent: whoever finds it in a history gets nothing.
 */
import { randomBytes } from 'node:crypto';
import type { RoomId } from '../../shared/ids.js';
import { bbbApiLimits } from '../../shared/limits.js';
import type { ExternalIdentity } from '../meetings/index.js';
import type { Clock } from '../platform/clock.js';
import { displayNameOf, ticketHash } from './join.js';
import type { BbbMeetingsStore, JoinTicket } from './meetings-store.js';

/** What a join link lets its browser do: enter `roomId` with this name and role, straight in or through the waiting room. */
export interface GrantedJoin {
  roomId: RoomId;
  displayName: string;
  role: 'moderator' | 'viewer';
  /** The meeting's guest policy sends this guest to the waiting room. */
  waits: boolean;
  /** Where to go on leaving (`logoutURL`), if the integration gave one (http or https only). */
  logoutUrl: string | null;
  /** Who the integration says this is: its `userID` (or the one generated for the join) and `userdata-*`. */
  external: ExternalIdentity;
}

const granted = (ticket: JoinTicket): GrantedJoin => ({
  roomId: ticket.roomId,
  displayName: displayNameOf(ticket),
  role: ticket.role,
  waits: ticket.guestStatus === 'wait',
  logoutUrl: ticket.logoutUrl !== null && /^https?:\/\//i.test(ticket.logoutUrl) ? ticket.logoutUrl : null,
  external: { userId: ticket.userId, data: ticket.userData },
});

export class BbbLanding {
  constructor(
    private readonly store: BbbMeetingsStore,
    private readonly clock: Clock,
  ) {}

  /** Uses a ticket (once, unexpired, its meeting not ended) and returns the join it grants with the grant's secret; undefined otherwise. */
  async enter(ticket: string): Promise<(GrantedJoin & { grant: string }) | undefined> {
    const nowMs = this.clock.nowMs();
    const hash = ticketHash(ticket);
    const used = await this.store.redeemTicket(hash, nowMs);
    if (!used || !(await this.meetingOpen(used))) return undefined;
    const grant = randomBytes(32).toString('base64url');
    await this.store.setGrant(hash, ticketHash(grant), nowMs + bbbApiLimits.joinGrantLifetimeMs);
    return { ...granted(used), grant };
  }

  /** The join a grant gives in `roomId` now (its room, unexpired, its meeting not ended); undefined otherwise. */
  async admit(grant: string, roomId: string): Promise<GrantedJoin | undefined> {
    const ticket = await this.store.findGrant(ticketHash(grant), this.clock.nowMs());
    if (!ticket || ticket.roomId !== roomId || !(await this.meetingOpen(ticket))) return undefined;
    return granted(ticket);
  }

  private async meetingOpen(ticket: JoinTicket): Promise<boolean> {
    const meeting = await this.store.findByInternalId(ticket.internalMeetingId);
    return meeting !== undefined && meeting.endedAtMs === null;
  }
}
