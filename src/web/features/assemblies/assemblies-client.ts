/**
 * Calls to the general assemblies' HTTP API, each reply parsed with its shared schema (`callApi`
 * sends the CSRF token and the pages' language), and the addresses of the sealed minutes.
 */
import { z } from 'zod';
import {
  AssemblySummarySchema,
  type AssemblyView,
  AssemblyViewSchema,
  type ConveneAssemblyRequest,
  type ProxyRequest,
} from '../../../shared/assembly-api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { refusalText } from '../../app/errors/messages.js';

export type { AssemblySummary, AssemblyView, ConveneAssemblyRequest, Minutes } from '../../../shared/assembly-api.js';

const AssembliesSchema = z.object({ assemblies: z.array(AssemblySummarySchema) });

const assembly = (id: string, action = '') => `/api/governance/assemblies/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** The server's sentence for a refusal (it names the rule, such as the most proxies allowed), the catalogue's words when it sent none. */
export function refusal(failure: unknown): string {
  if (failure instanceof ApiFailure) return refusalText(failure.code, failure.message, { preferServer: true });
  return String(failure);
}

/** Whether a failure is the "members only" refusal (the person is neither a member, a member's voter nor an operator). */
export function isMembersOnly(failure: unknown): boolean {
  return failure instanceof ApiFailure && failure.code === 'members_only';
}

/** The address of an assembly's minutes as a standalone HTML page (once closed; members and operators). */
export const minutesHtmlHref = (id: string): string => assembly(id, 'minutes.html');
/** The address of an assembly's minutes as a PDF download (once closed; members and operators). */
export const minutesPdfHref = (id: string): string => assembly(id, 'minutes.pdf');

export const assembliesApi = {
  /** Every assembly, newest first. */
  list: () => callApi(AssembliesSchema, '/api/governance/assemblies').then((reply) => reply.assemblies),
  /** Convenes an assembly in a room (operators only), chaired by the person. */
  convene: (request: ConveneAssemblyRequest): Promise<AssemblyView> =>
    callApi(AssemblyViewSchema, '/api/governance/assemblies', { method: 'POST', body: request }),
  /** One assembly: its proxies, the members whose vote the person casts, and its minutes once closed. */
  view: (id: string): Promise<AssemblyView> => callApi(AssemblyViewSchema, assembly(id)),
  /** Gives `grantorMemberId`'s proxy to `holderMemberId`, or takes it back with `null`. */
  giveProxy: (id: string, request: ProxyRequest): Promise<AssemblyView> =>
    callApi(AssemblyViewSchema, assembly(id, 'proxies'), { method: 'PUT', body: request }),
};
