/**
 * Who is represented at an assembly, and who casts whose vote: pure functions over the co-op's
 * voting members, the proxies given for the assembly and the people present now.
 *
 * - A member is represented **in person** while the person who casts its vote (its voter) is in
 *   the meeting, signed in.
 * - A member that gave a proxy is represented **by proxy** while it is not represented in person
 *   and the voter of the member holding the proxy is present. Proxies do not chain: a holder's own
 *   proxy is not passed on (the service refuses such a grant).
 * - The quorum is `max(1, ⌈quorumBasisPoints × electorate / 10,000⌉)` members represented,
 *   computed in integers.
 */

/** A voting member of the co-op (admitted, any class). */
export interface VotingMember {
  id: string;
  name: string;
  voterPersonId: string;
}

/** A proxy given for the assembly: `grantorMemberId`'s vote is cast by whoever casts `holderMemberId`'s. */
export interface ProxyGrant {
  grantorMemberId: string;
  holderMemberId: string;
}

/** A member represented now, and through whom. */
export interface Representation {
  member: VotingMember;
  /** The person casting its vote now. */
  voterPersonId: string;
  byProxy: boolean;
}

/** The members represented while `present` people are in the meeting, in the members' order. */
export function represented(
  members: readonly VotingMember[],
  proxies: readonly ProxyGrant[],
  present: ReadonlySet<string>,
): Representation[] {
  const byId = new Map(members.map((member) => [member.id, member]));
  const holderOf = new Map(proxies.map((proxy) => [proxy.grantorMemberId, proxy.holderMemberId]));
  const result: Representation[] = [];
  for (const member of members) {
    if (present.has(member.voterPersonId)) {
      result.push({ member, voterPersonId: member.voterPersonId, byProxy: false });
      continue;
    }
    const holder = byId.get(holderOf.get(member.id) ?? '');
    if (holder && present.has(holder.voterPersonId)) result.push({ member, voterPersonId: holder.voterPersonId, byProxy: true });
  }
  return result;
}

/** The members whose vote `personId` casts now. */
export function ballotsOf(representations: readonly Representation[], personId: string | undefined): Representation[] {
  return personId === undefined ? [] : representations.filter((representation) => representation.voterPersonId === personId);
}

/** The fewest members represented that make the quorum (at least one). */
export function quorumRequired(electorate: number, quorumBasisPoints: number): number {
  const product = electorate * quorumBasisPoints;
  const remainder = product % 10_000;
  return Math.max(1, (product - remainder) / 10_000 + (remainder === 0 ? 0 : 1));
}
