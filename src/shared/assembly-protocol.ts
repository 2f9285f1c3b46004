/**
 * A general assembly inside a live meeting, on the signalling socket: what the chair and the
 * members send (open and close the assembly and its motions, vote), and the state each
 * participant is shown. Who someone is comes from their session, never from a message: a
 * message names at most a motion and the member a vote is cast for, and the server checks both.
 */
import { z } from 'zod';
import { labelSchema, optionalTextSchema } from './text.js';

/** Ids of assemblies, motions and members as the server makes them (`assembly_…`, `motion_…`, `member_…`). */
const ServerIdSchema = z.string().regex(/^[a-z]+_[A-Za-z0-9_-]{8,40}$/, 'must be an id the server gave');

/** The kinds of motion put to an assembly: a yes/no question, or a consent decision. */
export const motionKinds = ['yes_no', 'consent'] as const;
export const MotionKindSchema = z.enum(motionKinds);
export type MotionKind = z.infer<typeof MotionKindSchema>;

/** How much support a motion needs (as for proposals). */
export const MotionThresholdSchema = z.enum(['simple_majority', 'two_thirds', 'consensus']);

/** An answer to a motion: yes/no/abstain, or agree/abstain/disagree/block. */
export const MotionAnswerSchema = z.enum(['yes', 'no', 'abstain', 'agree', 'disagree', 'block']);
export type MotionAnswer = z.infer<typeof MotionAnswerSchema>;

/** The answers each kind of motion takes, in the order a ballot offers them (the one list server and page share). */
export const motionAnswers: Readonly<Record<MotionKind, readonly MotionAnswer[]>> = {
  yes_no: ['yes', 'no', 'abstain'],
  consent: ['agree', 'abstain', 'disagree', 'block'],
};

/** The longest motion title, and the longest text under it. */
export const motionTitleCharactersMax = 200;
export const motionTextCharactersMax = 2_000;

/** The client messages of an assembly (handled by governance's room module). */
export const assemblyClientMessages = [
  /** The chair opens the assembly convened in this room: attendance counts from now. */
  z.object({ type: z.literal('assembly-open') }).strict(),
  /** The chair closes the assembly (no motion may be open): its minutes are sealed and published. */
  z.object({ type: z.literal('assembly-close') }).strict(),
  /** The chair puts a motion to the members present (while the quorum is reached). */
  z
    .object({
      type: z.literal('assembly-motion-open'),
      title: labelSchema(motionTitleCharactersMax),
      text: optionalTextSchema(motionTextCharactersMax, { multiline: true }).default(''),
      kind: MotionKindSchema,
      threshold: MotionThresholdSchema,
    })
    .strict(),
  /** The chair closes a motion: it is counted and the result shown to everyone. */
  z.object({ type: z.literal('assembly-motion-close'), motionId: ServerIdSchema }).strict(),
  /** A vote for a member whose vote this participant casts (in person or by proxy); changeable until the motion closes. */
  z.object({ type: z.literal('assembly-vote'), motionId: ServerIdSchema, memberId: ServerIdSchema, answer: MotionAnswerSchema }).strict(),
] as const;

/** A motion as a participant sees it. */
export const MotionViewSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  text: z.string(),
  kind: MotionKindSchema,
  threshold: MotionThresholdSchema,
  status: z.enum(['open', 'closed']),
  openedAtMs: z.number(),
  closedAtMs: z.number().nullable(),
  /** Members who have voted so far (how, only once closed). */
  voted: z.number().int(),
  /** This participant's votes so far, by member id. */
  mine: z.record(z.string(), MotionAnswerSchema),
  /** Once closed: the count and whether it passed (`inquorate` when the quorum was lost before the close). */
  result: z
    .object({
      outcome: z.enum(['passed', 'failed', 'inquorate']),
      tally: z.record(z.string(), z.number().int()),
      represented: z.number().int(),
    })
    .nullable(),
});
export type MotionView = z.infer<typeof MotionViewSchema>;

/** The assembly held in this meeting, as one participant sees it. */
export const AssemblyStateSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['convened', 'open', 'closed']),
  chairName: z.string(),
  /** This participant chairs the assembly. */
  chairing: z.boolean(),
  openedAtMs: z.number().nullable(),
  closedAtMs: z.number().nullable(),
  quorum: z.object({
    /** Members with a vote in the co-op. */
    electorate: z.number().int(),
    /** Members represented now: their voter is here, or the holder of their proxy is. */
    represented: z.number().int(),
    /** The fewest members that make the quorum. */
    required: z.number().int(),
    reached: z.boolean(),
  }),
  /** The members represented now; `holderName` names the member holding the proxy of one represented by proxy. */
  attendance: z.array(z.object({ memberName: z.string(), holderName: z.string().nullable() })),
  /** The members whose vote this participant casts now (none for a guest or a non-member). */
  ballots: z.array(z.object({ memberId: z.string(), memberName: z.string(), byProxy: z.boolean() })),
  motions: z.array(MotionViewSchema),
});
export type AssemblyState = z.infer<typeof AssemblyStateSchema>;

/** The assembly's server message: the state for this participant (sent on every change). */
export const assemblyServerMessages = [z.object({ type: z.literal('assembly'), assembly: AssemblyStateSchema })] as const;

/** The error codes of an assembly's messages. */
export const assemblyErrorCodes = [
  // No assembly is convened in this room, or it is not open (or already closed).
  'no_assembly',
  'not_the_chair',
  // The motion does not exist in this assembly, or it is closed.
  'motion_not_found',
  'motion_still_open',
  // The member is not one whose vote this participant casts here and now, or the answer does not fit the motion.
  'vote_not_allowed',
  'quorum_not_reached',
] as const;
