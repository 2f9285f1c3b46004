/**
 * The assembly pages' pure rules: a room typed as its link or its id, a quorum typed as a
 * percentage turned into basis points (string arithmetic, never a float), the proxies per member,
 * the convene request those make (or the problem with them), whom a member may give its proxy to,
 * and a sealed tally's rows in a stable order.
 */
import type { AssemblyView, ConveneAssemblyRequest, Minutes } from '../../../shared/assembly-api.js';
import { proxiesPerHolderCeiling } from '../../../shared/assembly-api.js';
import { type RoomId, RoomIdSchema } from '../../../shared/ids.js';

/**
 * The room id in what was typed: a pasted link (`https://host/r/abcd-efgh-jkmn`, with or without
 * its scheme, a trailing `/settings`, query or fragment) or the bare id, in any case; undefined
 * when there is none. A readable link (`/r/<organisation>/<room>`) names no id and is refused.
 */
export function roomIdFromTyped(typed: string): RoomId | undefined {
  const trimmed = typed.trim();
  const fromLink = /\/r\/([^/?#\s]+)(?:\/settings)?\/?(?:[?#].*)?$/i.exec(trimmed)?.[1];
  const candidate = (fromLink ?? trimmed).toLowerCase();
  const parsed = RoomIdSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A quorum typed as "25", "33.33", "12,5" or "50 %" (at most two decimals, more than 0, at most
 * 100) in basis points (2500, 3333, 1250, 5000); undefined when it is not one.
 */
export function quorumToBasisPoints(typed: string): number | undefined {
  const parts = /^([0-9]{1,3})(?:[.,]([0-9]{0,2}))?$/.exec(typed.trim().replace(/[\s\u00a0\u202f]*%$/, ''));
  if (!parts) return undefined;
  const basisPoints = Number(parts[1]) * 100 + Number((parts[2] ?? '').padEnd(2, '0'));
  return basisPoints >= 1 && basisPoints <= 10_000 ? basisPoints : undefined;
}

/** The most proxies one member may hold, typed as a whole number from 0 to the ceiling (10); undefined otherwise. */
export function proxiesPerHolderFromTyped(typed: string): number | undefined {
  const trimmed = typed.trim();
  if (!/^[0-9]{1,2}$/.test(trimmed)) return undefined;
  const count = Number(trimmed);
  return count <= proxiesPerHolderCeiling ? count : undefined;
}

/** What can be wrong with the convene form, each the key of its sentence. */
export type ConveneProblem = 'titleMissing' | 'roomInvalid' | 'quorumInvalid' | 'proxiesInvalid';

/** The request the convene form's values make, or what is wrong with them (the first problem, in the form's order). */
export function conveneRequestOf(values: {
  title: string;
  room: string;
  quorum: string;
  proxies: string;
}): ConveneAssemblyRequest | { problem: ConveneProblem } {
  const title = values.title.trim();
  if (title === '') return { problem: 'titleMissing' };
  const roomId = roomIdFromTyped(values.room);
  if (!roomId) return { problem: 'roomInvalid' };
  const quorumBasisPoints = quorumToBasisPoints(values.quorum);
  if (quorumBasisPoints === undefined) return { problem: 'quorumInvalid' };
  const proxiesPerHolderMax = proxiesPerHolderFromTyped(values.proxies);
  if (proxiesPerHolderMax === undefined) return { problem: 'proxiesInvalid' };
  return { roomId, title, quorumBasisPoints, proxiesPerHolderMax };
}

type MemberChoice = AssemblyView['members'][number];

/** The voting members `grantorMemberId` may name as its proxy: every other one, in the server's order. */
export function holdersFor(members: readonly MemberChoice[], grantorMemberId: string): MemberChoice[] {
  return members.filter((member) => member.memberId !== grantorMemberId);
}

/** The proxy `grantorMemberId` has given, if any. */
export function proxyGivenBy(proxies: AssemblyView['proxies'], grantorMemberId: string): AssemblyView['proxies'][number] | undefined {
  return proxies.find((proxy) => proxy.grantorMemberId === grantorMemberId);
}

/** Whether the assembly's meeting may still be joined (convened or open; not once closed). */
export function isJoinable(status: AssemblyView['status']): boolean {
  return status !== 'closed';
}

const answerOrder = ['yes', 'agree', 'no', 'disagree', 'block', 'abstain'];

/** A sealed tally's rows: the answers in a stable order (yes or agree first, abstain last), any unknown answer after them. */
export function tallyRows(tally: Minutes['motions'][number]['tally']): { answer: string; count: number }[] {
  const rank = (answer: string) => {
    const index = answerOrder.indexOf(answer);
    return index === -1 ? answerOrder.length : index;
  };
  return Object.entries(tally)
    .map(([answer, count]) => ({ answer, count }))
    .sort((left, right) => rank(left.answer) - rank(right.answer) || left.answer.localeCompare(right.answer));
}
