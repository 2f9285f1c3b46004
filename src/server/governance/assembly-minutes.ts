/**
 * An assembly's counts and minutes. A motion is counted with the co-op's counting rules
 * (`counting.ts`, quorum aside: an assembly's quorum is of members represented, checked when the
 * motion is put and again when it closes — lost by then, the motion is `inquorate`). The minutes
 * gather what the records say at the close: attendance (each person's stays merged), proxies,
 * every motion with its tally and each member's vote, and the times.
 */
import type { Minutes } from '../../shared/assembly-api.js';
import type { MotionAnswer, MotionView } from '../../shared/assembly-protocol.js';
import type { AssembliesService, AssemblyRow, MotionRecord } from './assemblies-service.js';
import { quorumRequired } from './assembly-roll.js';
import { type Ballot, count } from './counting.js';

type MotionResult = NonNullable<MotionView['result']>;

/** Counts a motion at its close: `electorate` voting members, `represented` of them here now, `required` for the quorum. */
export function motionResult(motion: MotionRecord, electorate: number, represented: number, required: number): MotionResult {
  const ballots = motion.votes.map((vote) => vote.answer as Ballot);
  const kind = motion.row.kind as 'yes_no' | 'consent';
  const outcome = count(
    {
      kind,
      options: 0,
      threshold: motion.row.threshold as 'simple_majority',
      quorumBasisPoints: 0,
      electorate: Math.max(electorate, ballots.length),
    },
    ballots,
  );
  const { kind: _kind, ...tally } = outcome.tally as Extract<typeof outcome.tally, { kind: 'yes_no' | 'consent' }>;
  const decided = outcome.result === 'passed' ? 'passed' : 'failed';
  return { outcome: represented < required ? 'inquorate' : decided, tally, represented };
}

/** The minutes of `assembly`, closing at `closedAtMs`. */
export async function minutesOf(
  assemblies: AssembliesService,
  nameOf: (personId: string) => Promise<string | undefined>,
  assembly: AssemblyRow,
  closedAtMs: number,
): Promise<Minutes> {
  const members = await assemblies.votingMembers();
  const memberName = new Map(members.map((member) => [member.id, member.name]));
  const name = (memberId: string) => memberName.get(memberId) ?? memberId;
  const personName = new Map<string, string>();
  const nameOfPerson = async (personId: string) => {
    if (!personName.has(personId)) personName.set(personId, (await nameOf(personId)) ?? personId);
    return personName.get(personId) ?? personId;
  };
  const proxies = await assemblies.proxies(assembly.id);
  const motions = [];
  for (const motion of await assemblies.motions(assembly.id)) {
    const result = JSON.parse(motion.row.result_json ?? 'null') as MotionResult | null;
    if (!result) continue;
    const votes = [];
    for (const vote of motion.votes) {
      votes.push({
        memberName: name(vote.member_id),
        answer: vote.answer as MotionAnswer,
        castByName: await nameOfPerson(vote.cast_by_person_id),
        byProxy: vote.by_proxy === 1,
      });
    }
    motions.push({
      position: motion.row.position,
      title: motion.row.title,
      text: motion.row.text,
      kind: motion.row.kind as MotionView['kind'],
      threshold: motion.row.threshold as MotionView['threshold'],
      openedAtMs: Number(motion.row.opened_at_ms),
      closedAtMs: Number(motion.row.closed_at_ms),
      ...result,
      votes,
    });
  }
  return {
    title: assembly.title,
    chairName: await nameOfPerson(assembly.chair_person_id),
    openedAtMs: Number(assembly.opened_at_ms ?? closedAtMs),
    closedAtMs,
    quorumBasisPoints: assembly.quorum_basis_points,
    proxiesPerHolderMax: assembly.proxies_per_holder_max,
    electorate: members.length,
    quorumRequired: quorumRequired(members.length, assembly.quorum_basis_points),
    attendance: mergeStays(await assemblies.attendance(assembly.id), name, closedAtMs),
    proxies: proxies.map((proxy) => ({ grantorName: name(proxy.grantorMemberId), holderName: name(proxy.holderMemberId) })),
    motions,
  };
}

type Stay = Awaited<ReturnType<AssembliesService['attendance']>>[number];

/** One line per person (signed-in people by person, guests by their stay), first arrival to last departure. */
function mergeStays(stays: readonly Stay[], name: (memberId: string) => string, closedAtMs: number): Minutes['attendance'] {
  const lines = new Map<string, Minutes['attendance'][number]>();
  for (const stay of stays) {
    const key = stay.person_id ?? `guest:${stay.id}`;
    const votedFor = (JSON.parse(stay.voter_for_json) as string[]).map(name);
    const leftAtMs = Number(stay.left_at_ms ?? closedAtMs);
    const line = lines.get(key);
    if (line) {
      line.leftAtMs = Math.max(line.leftAtMs, leftAtMs);
      for (const member of votedFor) if (!line.votedFor.includes(member)) line.votedFor.push(member);
      continue;
    }
    lines.set(key, { name: stay.name, votedFor, guest: stay.person_id === null, arrivedAtMs: Number(stay.arrived_at_ms), leftAtMs });
  }
  return [...lines.values()];
}
