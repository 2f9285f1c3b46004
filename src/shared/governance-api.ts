/**
 * The governance API's shapes, shared by server and browser: member classes, applications and
 * the register of members and shares, proposals, ballots, discussion and sealed outcomes. Money
 * is a decimal string of minor units.
 */
import { z } from 'zod';
import { SlugSchema } from './accounts-api.js';
import { labelSchema, optionalTextSchema } from './text.js';

const MinorUnits = z.string().regex(/^(0|[1-9][0-9]{0,17})$/, 'must be a whole number of minor units, 0 or more');

export const proposalKinds = ['consent', 'yes_no', 'single_choice', 'multiple_choice', 'ranked_choice'] as const;
export const thresholds = ['simple_majority', 'two_thirds', 'consensus'] as const;
export const memberStatuses = ['applied', 'admitted', 'declined', 'resigned', 'suspended'] as const;

/** A class of members, as configured by the co-op. */
export const MemberClassViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  admission: z.enum(['operators', 'vote']),
  holder: z.enum(['organisation', 'person']),
  sharesMin: z.number().int(),
  shareValueMinor: MinorUnits,
});
export type MemberClassView = z.infer<typeof MemberClassViewSchema>;

/** `POST /api/governance/applications`: a person applies, for themselves or for an organisation they own or administer. */
export const MembershipApplicationSchema = z
  .object({
    classId: z.string().min(1).max(40),
    /** For a class of organisations: the organisation's short name. */
    organisation: SlugSchema.optional(),
    /** What an operational member commits (money or hours), in their words. */
    commitment: optionalTextSchema(500),
  })
  .strict();

/** A member in the register. */
export const MemberViewSchema = z.object({
  id: z.string(),
  classId: z.string(),
  className: z.string(),
  name: z.string(),
  /** `organisation` members are organisations; `person` members are people. */
  holder: z.enum(['organisation', 'person']),
  organisation: z.string().nullable(),
  voterName: z.string(),
  commitment: z.string(),
  status: z.enum(memberStatuses),
  appliedAtMs: z.number(),
  decidedAtMs: z.number().nullable(),
  reason: z.string().nullable(),
  resignedAtMs: z.number().nullable(),
  shares: z.object({
    subscribed: z.number().int(),
    paid: z.number().int(),
    repaid: z.number().int(),
    paidMinor: MinorUnits,
    repaidMinor: MinorUnits,
  }),
});
export type MemberView = z.infer<typeof MemberViewSchema>;

/** `GET /api/governance/memberships`: the members this person speaks for (themselves, or organisations they own or administer), in any state. */
export const MyMembershipsViewSchema = z.object({ members: z.array(MemberViewSchema) });
export type MyMembershipsView = z.infer<typeof MyMembershipsViewSchema>;

/** `GET /api/governance/register`. */
export const RegisterViewSchema = z.object({
  classes: z.array(MemberClassViewSchema),
  members: z.array(MemberViewSchema),
  /** The ids of the members the reader speaks for (may resign them, or name an organisation's voter). */
  mine: z.array(z.string()),
});
export type RegisterView = z.infer<typeof RegisterViewSchema>;

/** `POST /api/governance/members/:id/decline` (operators): why. */
export const ReasonSchema = z.object({ reason: labelSchema(500) }).strict();

/** `POST /api/governance/members/:id/shares` (operators): a movement in the register of share capital. */
export const ShareMovementSchema = z
  .object({
    kind: z.enum(['subscribed', 'paid', 'repaid']),
    shares: z.number().int().min(1).max(100_000),
    amountMinor: MinorUnits,
    note: optionalTextSchema(200),
  })
  .strict();

/** `PUT /api/governance/members/:id/voter`: the person who votes for a member organisation (one of its people). */
export const VoterSchema = z.object({ email: z.string().trim().email().max(254) }).strict();

/** A ballot: consent and yes/no answers by word, choices by option index. */
export const BallotSchema = z.union([
  z.enum(['agree', 'abstain', 'disagree', 'block', 'yes', 'no']),
  z.number().int().min(0).max(19),
  z.array(z.number().int().min(0).max(19)).max(20),
]);

/** `POST /api/governance/proposals`. */
export const ProposalRequestSchema = z
  .object({
    title: labelSchema(140),
    /** Markdown (CommonMark); raw HTML in it is shown as text. */
    body: optionalTextSchema(20_000, { multiline: true }),
    kind: z.enum(proposalKinds),
    /** The options of a choice (2 to 20); empty for consent and yes/no. */
    options: z.array(labelSchema(140)).max(20),
    /** Multiple choice: how many options each member may choose at most. */
    choicesMax: z.number().int().min(1).max(20).optional(),
    /** A class id, or omitted for every member. */
    electorateClassId: z.string().min(1).max(40).optional(),
    opensAtMs: z.number().int().min(0),
    closesAtMs: z.number().int().min(0),
    quorumBasisPoints: z.number().int().min(0).max(10_000),
    threshold: z.enum(thresholds),
    /** A secret ballot: nobody, operators included, can tell how a member voted (default false). */
    secret: z.boolean().optional(),
  })
  .strict();
export type ProposalRequest = z.infer<typeof ProposalRequestSchema>;

/** The secret of one secret ballot: 32 random bytes in base64url, given to the voter once and never stored. */
export const BallotTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a ballot token: 32 random bytes in base64url (43 characters)');

/** `PUT /api/governance/proposals/:id/vote`: a ballot, for one member the person votes for. */
export const VoteRequestSchema = z
  .object({
    memberId: z.string().min(1).max(64),
    ballot: BallotSchema,
    /**
     * Secret ballots: the browser's token — drawn and kept before the first vote, sent with every
     * vote of that member (the same vote sent again is the same ballot); omitted, the server draws one
     * and returns it once.
     */
    ballotToken: BallotTokenSchema.optional(),
  })
  .strict();

/** `POST /api/governance/proposals/:id/comments`. */
export const CommentRequestSchema = z.object({ body: labelSchema(5_000) }).strict();

/** `POST /api/governance/proposals/:id/close`: closes the vote now, as the co-op's rule allows (an empty body). */
export const CloseEarlyRequestSchema = z.object({}).strict();

/** `POST /api/governance/proposals/:id/corrections` (operators): a correction, sealed as a new record. */
export const CorrectionRequestSchema = z.object({ statement: labelSchema(2_000) }).strict();

/** A sealed outcome (the first at close, corrections after). */
export const OutcomeViewSchema = z.object({
  revision: z.number().int(),
  result: z.enum(['passed', 'failed', 'inquorate', 'elected', 'tie']),
  quorumMet: z.boolean(),
  voted: z.number().int(),
  abstained: z.number().int(),
  electorate: z.number().int(),
  winners: z.array(z.number().int()),
  /** The options tied for the win, when the result is `tie`. */
  tied: z.array(z.number().int()).default([]),
  /** The tally as counted (per answer or option; rounds for ranked choice). */
  tally: z.unknown(),
  statement: z.string(),
  sealedAtMs: z.number(),
});
export type OutcomeView = z.infer<typeof OutcomeViewSchema>;

/** A proposal as members see it. */
export const ProposalViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The body rendered from Markdown to safe HTML (no raw HTML, no script links). */
  bodyHtml: z.string(),
  kind: z.enum(proposalKinds),
  options: z.array(z.string()),
  choicesMax: z.number().int().nullable(),
  electorateClassId: z.string().nullable(),
  opensAtMs: z.number(),
  closesAtMs: z.number(),
  quorumBasisPoints: z.number().int(),
  threshold: z.enum(thresholds),
  status: z.enum(['upcoming', 'open', 'closed']),
  organiser: z.string(),
  /** Secret ballots: how a member voted is known only to the browser that holds its ballot token. */
  secret: z.boolean(),
  /**
   * Whether this reader may close the vote now, before its closing time: they organised it or are
   * an operator, it is open, and every member of its electorate has voted.
   */
  closableEarly: z.boolean(),
  /** When the vote was closed before its closing time, and by whom (a name); null when it was not. */
  closedEarly: z.object({ atMs: z.number(), by: z.string() }).nullable(),
  /**
   * The members this person votes for, whether each has voted, and the ballot cast (null: none yet,
   * and always null on a secret proposal — the browser keeps its own ballot and token).
   */
  myBallots: z.array(z.object({ memberId: z.string(), memberName: z.string(), voted: z.boolean(), ballot: BallotSchema.nullable() })),
  /** How many members have voted so far (not how). */
  votesCast: z.number().int(),
  outcomes: z.array(OutcomeViewSchema),
  comments: z.array(z.object({ author: z.string(), body: z.string(), atMs: z.number() })),
});
export type ProposalView = z.infer<typeof ProposalViewSchema>;

/**
 * `PUT /api/governance/proposals/:id/vote`: the proposal, and on the first vote of a secret ballot
 * its `ballotToken` — shown once: keep it to change the ballot before close (it cannot be recovered).
 */
export const VoteResponseSchema = ProposalViewSchema.extend({ ballotToken: BallotTokenSchema.optional() });
export type VoteResponse = z.infer<typeof VoteResponseSchema>;
