/**
 * Calls to due process's HTTP API, each reply parsed with its shared schema (`callApi` sends the
 * CSRF token and the pages' language), and the register's members for the operators' form.
 */
import { type MemberView, RegisterViewSchema } from '../../../shared/governance-api.js';
import {
  AppealReplySchema,
  type AppealRequest,
  type LiftRequest,
  SanctionLogSchema,
  type SanctionView,
  SanctionViewSchema,
  type SuspensionRequest,
} from '../../../shared/sanctions-api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { refusalText } from '../../app/errors/messages.js';

export type { MemberView } from '../../../shared/governance-api.js';
export type { LocalSanctionScope, SanctionScope, SanctionView, SuspensionRequest } from '../../../shared/sanctions-api.js';

const sanction = (id: string, action: string) => `/api/governance/sanctions/${encodeURIComponent(id)}/${action}`;

/** The server's sentence for a refusal (it names the party, such as who is suspended already), the catalogue's words when it sent none. */
export function refusal(failure: unknown): string {
  if (failure instanceof ApiFailure) return refusalText(failure.code, failure.message, { preferServer: true });
  return String(failure);
}

/** Whether a failure is the "members only" refusal (the reader is neither a member, an operator, nor named in the log). */
export function isMembersOnly(failure: unknown): boolean {
  return failure instanceof ApiFailure && failure.code === 'members_only';
}

export const sanctionsApi = {
  /** The lines of the log the reader may read, newest first. */
  log: (): Promise<SanctionView[]> => callApi(SanctionLogSchema, '/api/governance/sanctions').then((reply) => reply.sanctions),
  /** Appeals a suspension the reader speaks for; the members vote on the proposal it becomes. */
  appeal: (id: string, request: AppealRequest): Promise<string> =>
    callApi(AppealReplySchema, sanction(id, 'appeal'), { method: 'POST', body: request }).then((reply) => reply.proposalId),
  /** Suspends an organisation from meetings or a member from membership (operators); the new line of the log. */
  suspend: (request: SuspensionRequest): Promise<SanctionView> =>
    callApi(SanctionViewSchema, '/api/governance/sanctions', { method: 'POST', body: request }),
  /** Lifts a suspension from meetings or membership still in force (operators); the new line of the log. */
  lift: (id: string, request: LiftRequest): Promise<SanctionView> =>
    callApi(SanctionViewSchema, sanction(id, 'lift'), { method: 'POST', body: request }),
  /** Every member in the register, in any state (members and operators). */
  members: (): Promise<MemberView[]> => callApi(RegisterViewSchema, '/api/governance/register').then((reply) => reply.members),
};
