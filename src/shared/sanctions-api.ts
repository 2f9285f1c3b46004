/**
 * The shapes of due process's HTTP API (`/api/governance/sanctions`): the log of suspensions and
 * reinstatements, appeals, and an operator suspending or lifting. Read by the browser; the server
 * (`governance/due-process-http.ts`) declares the same shapes and limits.
 */
import { z } from 'zod';

/** The limits of what is typed, as the server enforces them (in characters, after trimming). */
export const sanctionLimits = {
  /** Shortest reason for a suspension: it must say why. */
  reasonCharactersMin: 10,
  /** Longest reason for a suspension or its lifting. */
  reasonCharactersMax: 2_000,
  /** Longest statement of an appeal to the members. */
  statementCharactersMax: 5_000,
} as const;

/** Where a suspension applies: the trading network, holding meetings in an organisation's rooms, or membership of the co-op. */
export const sanctionScopes = ['network', 'meetings', 'membership'] as const;
export type SanctionScope = (typeof sanctionScopes)[number];

/** The scopes an operator suspends from on the co-op's pages (the network's suspensions are the network's administrators'). */
export type LocalSanctionScope = Exclude<SanctionScope, 'network'>;

/** One line of the log. */
export const SanctionViewSchema = z.object({
  id: z.string(),
  scope: z.enum(sanctionScopes),
  /** The suspended party's name: an organisation, or a member. */
  subject: z.string(),
  action: z.enum(['suspended', 'reinstated']),
  reason: z.string(),
  /** The name of who decided, or `vote` when the members' vote upheld an appeal. */
  decidedBy: z.string(),
  atMs: z.number(),
  /** The proposal deciding its appeal, once appealed; null before. */
  appealProposalId: z.string().nullable(),
  /** Whether the reader may appeal it (they speak for the suspended party, it is in force and not yet appealed). */
  appealable: z.boolean(),
  /** A suspension still in force (the server knows each line's party; the names alone could be shared). */
  inForce: z.boolean(),
});
export type SanctionView = z.infer<typeof SanctionViewSchema>;

/** `GET /api/governance/sanctions`: the lines the reader may read, newest first. */
export const SanctionLogSchema = z.object({ sanctions: z.array(SanctionViewSchema) });

/** `POST /api/governance/sanctions/:id/appeal`'s reply: the proposal the members vote on. */
export const AppealReplySchema = z.object({ proposalId: z.string() });

/** `POST /api/governance/sanctions/:id/appeal`'s body. */
export interface AppealRequest {
  statement: string;
}

/** `POST /api/governance/sanctions`'s body (operators): an organisation from meetings by its short name, or a member from membership by its id. */
export type SuspensionRequest =
  | { scope: 'meetings'; organisation: string; reason: string }
  | { scope: 'membership'; memberId: string; reason: string };

/** `POST /api/governance/sanctions/:id/lift`'s body (operators). */
export interface LiftRequest {
  reason: string;
}
