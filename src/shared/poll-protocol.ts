/**
 * Polls in a meeting, on the signalling socket: a moderator asks, participants answer once,
 * moderators watch the results come in and may publish them to everyone. A poll is never
 * binding (binding votes are the general assembly's). Handled by the meetings' `PollModule`.
 */
import { z } from 'zod';
import { ParticipantIdSchema } from './ids.js';
import { limits } from './limits.js';
import { labelSchema, optionalTextSchema } from './text.js';

/**
 * What is asked: yes/no and true/false (two fixed answers), letters (A to F, 2–6 of them),
 * custom answers (2–10, written by the moderator), or free text.
 */
export const pollKinds = ['yes-no', 'true-false', 'letters', 'custom', 'free-text'] as const;
export const PollKindSchema = z.enum(pollKinds);
export type PollKind = z.infer<typeof PollKindSchema>;

export const PollIdSchema = z.string().regex(/^poll_[A-Za-z0-9_-]{8,32}$/, 'must be a poll id');
export type PollId = z.infer<typeof PollIdSchema>;

const QuestionSchema = labelSchema(limits.pollQuestionCharactersMax);
const CustomAnswerSchema = labelSchema(limits.pollAnswerCharactersMax);
const FreeTextAnswerSchema = optionalTextSchema(limits.pollFreeTextCharactersMax).pipe(z.string().min(1, 'must not be empty'));

/** A new poll as a moderator asks it. */
export const PollDraftSchema = z
  .object({
    question: QuestionSchema,
    kind: PollKindSchema,
    /** The answers of a `custom` poll, in order; absent for the other kinds. */
    answers: z.array(CustomAnswerSchema).max(limits.pollAnswersMax).optional(),
    /** How many letters a `letters` poll offers (A… up to F); absent for the other kinds. */
    letters: z.number().int().min(2).max(6).optional(),
    /** Nobody — not even the moderators — sees who answered what. */
    anonymous: z.boolean(),
  })
  .strict()
  .superRefine((draft, context) => {
    const answers = draft.answers;
    if (draft.kind === 'custom') {
      if (!answers || answers.length < 2)
        context.addIssue({ code: 'custom', path: ['answers'], message: 'a custom poll needs at least 2 answers' });
      else if (new Set(answers.map((answer) => answer.toLowerCase())).size !== answers.length) {
        context.addIssue({ code: 'custom', path: ['answers'], message: 'answers must differ' });
      }
    } else if (answers !== undefined)
      context.addIssue({ code: 'custom', path: ['answers'], message: 'only a custom poll has written answers' });
    if (draft.kind === 'letters' && draft.letters === undefined)
      context.addIssue({ code: 'custom', path: ['letters'], message: 'say how many letters' });
    if (draft.kind !== 'letters' && draft.letters !== undefined)
      context.addIssue({ code: 'custom', path: ['letters'], message: 'only a letters poll has letters' });
  });
export type PollDraft = z.infer<typeof PollDraftSchema>;

/** One participant's answer: the index of a choice, or a text for a free-text poll. */
export const PollAnswerSchema = z.union([
  z
    .object({
      choice: z
        .number()
        .int()
        .min(0)
        .max(limits.pollAnswersMax - 1),
    })
    .strict(),
  z.object({ text: FreeTextAnswerSchema }).strict(),
]);
export type PollAnswer = z.infer<typeof PollAnswerSchema>;

/** open: answers taken; closed: no more answers, results with the moderators; published: results shown to everyone. */
export const PollStatusSchema = z.enum(['open', 'closed', 'published']);
export type PollStatus = z.infer<typeof PollStatusSchema>;

/**
 * A poll as every participant sees it. `choices` is how many choices a choice poll has (their
 * words come from `kind`, or `answers` for a custom poll); a free-text poll has none.
 */
export const PollViewSchema = z.object({
  pollId: PollIdSchema,
  question: z.string(),
  kind: PollKindSchema,
  answers: z.array(z.string()).optional(),
  choices: z.number().int().min(0),
  anonymous: z.boolean(),
  status: PollStatusSchema,
  /** Whether the participant this view was sent to has answered. */
  answered: z.boolean(),
});
export type PollView = z.infer<typeof PollViewSchema>;

/**
 * The results: how many chose each choice (by index), the free texts given (with how many gave
 * each, in the order first given), how many answered of how many were in the meeting, and — for
 * the moderators of a named poll only — who answered what.
 */
export const PollResultsSchema = z.object({
  pollId: PollIdSchema,
  totals: z.array(z.number().int().min(0)),
  texts: z.array(z.object({ text: z.string(), count: z.number().int().min(1) })),
  answeredCount: z.number().int().min(0),
  participantCount: z.number().int().min(0),
  named: z.array(z.object({ participantId: ParticipantIdSchema, displayName: z.string(), answer: z.string() })).optional(),
});
export type PollResults = z.infer<typeof PollResultsSchema>;

/** The refusals of poll messages (besides `not_allowed`, `rate_limited` and `malformed_message`). */
export const pollErrorCodes = [
  'poll_not_found',
  'poll_already_open',
  'poll_closed',
  'poll_already_answered',
  'poll_answer_invalid',
  'polls_limit',
] as const;

/** The client messages of polls. */
export const pollClientMessages = [
  /** A moderator asks a new poll (refused while another is open). */
  z.object({ type: z.literal('poll-open'), poll: PollDraftSchema }).strict(),
  /** A participant answers the open poll, once. */
  z.object({ type: z.literal('poll-answer'), pollId: PollIdSchema, answer: PollAnswerSchema }).strict(),
  /** A moderator stops the answers (`close`), shows the results to everyone (`publish`), or asks for them as CSV (`export`). */
  z.object({ type: z.literal('poll-action'), pollId: PollIdSchema, action: z.enum(['close', 'publish', 'export']) }).strict(),
] as const;

/** The server messages of polls. */
export const pollServerMessages = [
  /** The current poll as this participant sees it (on opening, closing, publishing, on joining, and after one's own answer). */
  z.object({ type: z.literal('poll'), poll: PollViewSchema }),
  /** Results: to the moderators as answers come in, and to everyone once published. */
  z.object({ type: z.literal('poll-results'), results: PollResultsSchema }),
  /** A moderator's export of a poll's results (UTF-8 CSV text). */
  z.object({ type: z.literal('poll-export'), pollId: PollIdSchema, csv: z.string() }),
] as const;

/** The fixed words of a kind's choices, for the kinds that have them (the client translates them). */
export const letterChoices = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** How many choices a draft offers (0 for free text). */
export function choiceCountOf(draft: Pick<PollDraft, 'kind' | 'answers' | 'letters'>): number {
  switch (draft.kind) {
    case 'yes-no':
    case 'true-false':
      return 2;
    case 'letters':
      return draft.letters ?? 0;
    case 'custom':
      return draft.answers?.length ?? 0;
    case 'free-text':
      return 0;
  }
}
