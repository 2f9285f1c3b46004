/**
 * Calls to the governance HTTP API, each reply parsed with its shared schema (`callApi` sends the
 * CSRF token and the pages' language). The sealed tally, which the shared schema leaves open, is
 * read here with its own schema.
 */
import { z } from 'zod';
import {
  MemberClassViewSchema,
  MemberViewSchema,
  MyMembershipsViewSchema,
  type OutcomeView,
  type ProposalRequest,
  ProposalViewSchema,
  RegisterViewSchema,
  VoteResponseSchema,
} from '../../../shared/governance-api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { refusalText } from '../../app/errors/messages.js';
import type { Ballot, Tally } from './governance.js';

export type { MemberClassView, MemberView, OutcomeView, ProposalView, RegisterView, VoteResponse } from '../../../shared/governance-api.js';

const ClassesSchema = z.object({ classes: z.array(MemberClassViewSchema) });
const ProposalsSchema = z.object({ proposals: z.array(ProposalViewSchema) });

const count = z.number().int().min(0);
const TallySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('consent'), agree: count, abstain: count, disagree: count, block: count }),
  z.object({ kind: z.literal('yes_no'), yes: count, no: count, abstain: count }),
  z.object({ kind: z.literal('single_choice'), votes: z.array(count), abstain: count }),
  z.object({ kind: z.literal('multiple_choice'), approvals: z.array(count), abstain: count }),
  z.object({
    kind: z.literal('ranked_choice'),
    rounds: z.array(z.object({ votes: z.array(count.nullable()), continuing: count, exhausted: count, eliminated: count.nullable() })),
    abstain: count,
  }),
]);

/** An outcome's tally read with its schema; undefined when the server sent a shape this page does not know. */
export function tallyOf(outcome: OutcomeView): Tally | undefined {
  const parsed = TallySchema.safeParse(outcome.tally);
  return parsed.success ? parsed.data : undefined;
}

/** The server's sentence for a refusal (it names the member or the organisation), the catalogue's words when it sent none. */
export function refusal(failure: unknown): string {
  if (failure instanceof ApiFailure) return refusalText(failure.code, failure.message, { preferServer: true });
  return String(failure);
}

/** Whether a failure is the register's or a proposal's "members only" refusal. */
export function isMembersOnly(failure: unknown): boolean {
  return failure instanceof ApiFailure && failure.code === 'members_only';
}

const post = (body: unknown = {}) => ({ method: 'POST', body });
const member = (id: string, action: string) => `/api/governance/members/${encodeURIComponent(id)}/${action}`;
const proposal = (id: string, action = '') => `/api/governance/proposals/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** The address of the register as CSV (a download; members only). */
export const registerCsvHref = '/api/governance/register.csv';

export const governanceApi = {
  classes: () => callApi(ClassesSchema, '/api/governance/classes').then((reply) => reply.classes),
  apply: (application: { classId: string; organisation?: string; commitment: string }) =>
    callApi(MemberViewSchema, '/api/governance/applications', post(application)),
  /** The members this person speaks for, in any state (applied and declined too); empty for someone who never applied. */
  memberships: () => callApi(MyMembershipsViewSchema, '/api/governance/memberships').then((reply) => reply.members),
  register: () => callApi(RegisterViewSchema, '/api/governance/register'),
  admit: (id: string) => callApi(MemberViewSchema, member(id, 'admit'), post()),
  decline: (id: string, reason: string) => callApi(MemberViewSchema, member(id, 'decline'), post({ reason })),
  recordShares: (id: string, movement: { kind: 'subscribed' | 'paid' | 'repaid'; shares: number; amountMinor: string; note: string }) =>
    callApi(MemberViewSchema, member(id, 'shares'), post(movement)),
  resign: (id: string) => callApi(MemberViewSchema, member(id, 'resign'), post()),
  nameVoter: (id: string, email: string) => callApi(MemberViewSchema, member(id, 'voter'), { method: 'PUT', body: { email } }),
  proposals: () => callApi(ProposalsSchema, '/api/governance/proposals').then((reply) => reply.proposals),
  propose: (request: ProposalRequest) => callApi(ProposalViewSchema, '/api/governance/proposals', post(request)),
  proposal: (id: string) => callApi(ProposalViewSchema, proposal(id)),
  /**
   * Casts or changes `memberId`'s ballot. Secret ballots: `ballotToken` (omitted on the first vote)
   * changes the ballot; the first vote's reply carries the token, once.
   */
  vote: (id: string, memberId: string, ballot: Ballot, ballotToken?: string) =>
    callApi(VoteResponseSchema, proposal(id, 'vote'), {
      method: 'PUT',
      body: { memberId, ballot, ...(ballotToken === undefined ? {} : { ballotToken }) },
    }),
  comment: (id: string, body: string) => callApi(ProposalViewSchema, proposal(id, 'comments'), post({ body })),
  /** Closes the vote now, before its closing time (its organiser or an operator, once every member has voted: `closableEarly`). */
  closeEarly: (id: string) => callApi(ProposalViewSchema, proposal(id, 'close'), post()),
  correct: (id: string, statement: string) => callApi(ProposalViewSchema, proposal(id, 'corrections'), post({ statement })),
};
