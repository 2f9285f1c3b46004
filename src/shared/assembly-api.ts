/**
 * General assemblies over HTTP, shared by server and browser: convening one in a room, giving a
 * proxy for it, and reading it and its sealed minutes. (What happens during the meeting goes over
 * the signalling socket: `assembly-protocol.ts`.)
 */
import { z } from 'zod';
import { MotionAnswerSchema, MotionKindSchema, MotionThresholdSchema } from './assembly-protocol.js';
import { RoomIdSchema } from './ids.js';
import { labelSchema } from './text.js';

/** The most proxies one member may hold at an assembly, whatever the co-op's rule says. */
export const proxiesPerHolderCeiling = 10;

/** `POST /api/governance/assemblies`: an operator convenes an assembly in a room, and chairs it. */
export const ConveneAssemblyRequestSchema = z
  .object({
    roomId: RoomIdSchema,
    title: labelSchema(200),
    /** The share of the co-op's voting members that must be represented, in basis points (5,000 = 50 %). */
    quorumBasisPoints: z.number().int().min(1).max(10_000),
    /** The co-op's rule: the most proxies one member may hold (0: no proxies). */
    proxiesPerHolderMax: z.number().int().min(0).max(proxiesPerHolderCeiling),
  })
  .strict();
export type ConveneAssemblyRequest = z.infer<typeof ConveneAssemblyRequestSchema>;

const MemberIdSchema = z.string().regex(/^member_[A-Za-z0-9_-]{8,40}$/, 'must be a member id');

/** `PUT /api/governance/assemblies/:id/proxies`: a member's voter gives its proxy to another member (or takes it back with `null`). */
export const ProxyRequestSchema = z
  .object({
    grantorMemberId: MemberIdSchema,
    holderMemberId: MemberIdSchema.nullable(),
  })
  .strict();
export type ProxyRequest = z.infer<typeof ProxyRequestSchema>;

export const assemblyStatuses = ['convened', 'open', 'closed'] as const;

/** An assembly in the list. */
export const AssemblySummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  roomId: z.string(),
  status: z.enum(assemblyStatuses),
  chairName: z.string(),
  convenedAtMs: z.number(),
  openedAtMs: z.number().nullable(),
  closedAtMs: z.number().nullable(),
});
export type AssemblySummary = z.infer<typeof AssemblySummarySchema>;

/** The minutes of a closed assembly, sealed at its close: attendance, proxies, motions, tallies, times. */
export const MinutesSchema = z.object({
  title: z.string(),
  chairName: z.string(),
  openedAtMs: z.number(),
  closedAtMs: z.number(),
  quorumBasisPoints: z.number().int(),
  proxiesPerHolderMax: z.number().int(),
  electorate: z.number().int(),
  quorumRequired: z.number().int(),
  /** Everyone who attended while the assembly was open, in order of first arrival. */
  attendance: z.array(
    z.object({
      name: z.string(),
      /** The members whose vote this person cast (empty: attended without a vote). */
      votedFor: z.array(z.string()),
      guest: z.boolean(),
      arrivedAtMs: z.number(),
      leftAtMs: z.number(),
    }),
  ),
  proxies: z.array(z.object({ grantorName: z.string(), holderName: z.string() })),
  motions: z.array(
    z.object({
      position: z.number().int(),
      title: z.string(),
      text: z.string(),
      kind: MotionKindSchema,
      threshold: MotionThresholdSchema,
      openedAtMs: z.number(),
      closedAtMs: z.number(),
      outcome: z.enum(['passed', 'failed', 'inquorate']),
      represented: z.number().int(),
      tally: z.record(z.string(), z.number().int()),
      votes: z.array(z.object({ memberName: z.string(), answer: MotionAnswerSchema, castByName: z.string(), byProxy: z.boolean() })),
    }),
  ),
});
export type Minutes = z.infer<typeof MinutesSchema>;

/** `GET /api/governance/assemblies/:id`: an assembly, the proxies given, what the reader may do, and its minutes once closed. */
export const AssemblyViewSchema = AssemblySummarySchema.extend({
  quorumBasisPoints: z.number().int(),
  proxiesPerHolderMax: z.number().int(),
  proxies: z.array(z.object({ grantorMemberId: z.string(), grantorName: z.string(), holderMemberId: z.string(), holderName: z.string() })),
  /** The members whose vote the reader casts (they may give these members' proxies). */
  mine: z.array(z.object({ memberId: z.string(), name: z.string() })),
  /** Every voting member, who may hold a proxy. */
  members: z.array(z.object({ memberId: z.string(), name: z.string() })),
  minutes: MinutesSchema.nullable(),
});
export type AssemblyView = z.infer<typeof AssemblyViewSchema>;
