/**
 * Polls as a room module: a moderator asks (yes/no, true/false, letters, custom answers or free
 * text; anonymous or named), each admitted participant answers once, the moderators watch the
 * results come in, close the poll, publish its results to everyone and export them as CSV. A poll
 * is never binding and lives only as long as the meeting.
 *
 * An anonymous poll keeps who has answered apart from the answers: the totals and texts hold no
 * participant, so nobody — not the moderators, not an export — can tell who answered what.
 */
import { randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import {
  choiceCountOf,
  letterChoices,
  type PollAnswer,
  type PollDraft,
  type PollId,
  type PollResults,
  type PollStatus,
  type PollView,
} from '../../../shared/poll-protocol.js';
import type { Role } from '../../../shared/protocol.js';
import type { ScheduledCall } from '../../platform/clock.js';
import { meetingsWords } from '../words.js';
import type { ParticipantView } from './live-participant.js';
import { failure } from './outcome.js';
import type { ModuleMessage, ModuleOutcome, RoomModule, RoomModuleContext } from './room-module.js';

interface Poll {
  readonly id: PollId;
  readonly draft: PollDraft;
  readonly choices: number;
  status: PollStatus;
  /** Who has answered (`answererOf`; never with what, in an anonymous poll). */
  readonly answeredBy: Set<string>;
  readonly totals: number[];
  /** Free texts with how many gave each, in the order first given. */
  readonly texts: Map<string, number>;
  /** Who answered what: a named poll only. */
  readonly named: { participantId: ParticipantId; displayName: string; answer: string }[];
}

/** The words of a choice in results and exports (the browser shows its own translations). */
function choiceWord(poll: Poll, index: number): string {
  switch (poll.draft.kind) {
    case 'yes-no':
      return index === 0 ? 'yes' : 'no';
    case 'true-false':
      return index === 0 ? 'true' : 'false';
    case 'letters':
      return letterChoices[index] ?? String(index);
    case 'custom':
      return poll.draft.answers?.[index] ?? String(index);
    case 'free-text':
      return '';
  }
}

/**
 * Who answers, across leaving and joining again (a new participant id each time): the signed-in
 * person, else the browser (its client id), else the participant.
 */
function answererOf(participant: ParticipantView): string {
  if (participant.personId) return `person:${participant.personId}`;
  if (participant.clientId) return `client:${participant.clientId}`;
  return `participant:${participant.id}`;
}

export class PollModule implements RoomModule {
  readonly name = 'polls';
  readonly messageTypes = ['poll-open', 'poll-answer', 'poll-action'] as const;
  readonly #polls = new Map<PollId, Poll>();
  /** The latest poll asked: the one participants see. */
  #current: Poll | undefined;
  /** The role each participant had when last seen: a new moderator gets the results. */
  readonly #roles = new Map<ParticipantId, Role>();
  #resultsFlush: ScheduledCall | undefined;

  constructor(
    private readonly context: RoomModuleContext,
    /** The meeting is end-to-end encrypted: the server would read the questions and answers, so there are no polls. */
    private readonly encrypted = false,
  ) {}

  onJoin(participant: ParticipantView): void {
    this.#roles.set(participant.id, participant.role);
    this.#tell(participant);
  }

  /** Back after a dropped connection: the poll as it is now (it may have opened, closed or been published meanwhile). */
  onResume(participant: ParticipantView): void {
    this.#tell(participant);
  }

  /**
   * The current poll as `participant` sees it, and its results if they may see them (`results`:
   * made once when everyone is told, so that a room of N does not build them N times).
   */
  #tell(participant: ParticipantView, results = this.#resultsMessages()): void {
    const poll = this.#current;
    if (!poll || !results) return;
    this.context.send(participant.id, { type: 'poll', poll: this.#viewFor(poll, participant) });
    const shown = participant.isModerator ? results.moderators : poll.status === 'published' ? results.everyone : undefined;
    if (shown) this.context.send(participant.id, shown);
  }

  /** The current poll's results message for moderators, and for everyone else. */
  #resultsMessages() {
    const poll = this.#current;
    if (!poll) return undefined;
    return {
      moderators: { type: 'poll-results', results: this.#results(poll, true) },
      everyone: { type: 'poll-results', results: this.#results(poll, false) },
    } as const;
  }

  onLeave(participant: ParticipantView): void {
    this.#roles.delete(participant.id);
  }

  onParticipantChanged(participant: ParticipantView): void {
    if (this.#roles.get(participant.id) === participant.role) return;
    this.#roles.set(participant.id, participant.role);
    const poll = this.#current;
    if (poll && participant.isModerator) this.context.send(participant.id, { type: 'poll-results', results: this.#results(poll, true) });
  }

  handle(actor: ParticipantView, message: ModuleMessage): ModuleOutcome {
    switch (message.type) {
      case 'poll-open':
        return this.#open(actor, message.poll);
      case 'poll-answer':
        return this.#answer(actor, message.pollId, message.answer);
      case 'poll-action':
        return this.#act(actor, message.pollId, message.action);
      default:
        return failure('malformed_message', meetingsWords.phrase('nothing_handles', { type: message.type }));
    }
  }

  #open(actor: ParticipantView, draft: PollDraft): ModuleOutcome {
    if (!actor.isModerator) return failure('not_allowed', meetingsWords.phrase('poll_moderators_only'));
    if (this.encrypted) return failure('not_allowed', meetingsWords.phrase('poll_not_encrypted'));
    if (this.#current?.status === 'open') return failure('poll_already_open', meetingsWords.phrase('poll_already_open'));
    if (this.#polls.size >= limits.pollsPerMeetingMax)
      return failure('polls_limit', meetingsWords.phrase('polls_limit', { max: limits.pollsPerMeetingMax }));
    const choices = choiceCountOf(draft);
    const poll: Poll = {
      id: `poll_${randomBytes(12).toString('base64url')}`,
      draft,
      choices,
      status: 'open',
      answeredBy: new Set(),
      totals: Array.from({ length: choices }, () => 0),
      texts: new Map(),
      named: [],
    };
    this.#polls.set(poll.id, poll);
    this.#current = poll;
    this.#tellEveryone();
    return { ok: true, value: undefined };
  }

  #answer(actor: ParticipantView, pollId: PollId, answer: PollAnswer): ModuleOutcome {
    const poll = this.#polls.get(pollId);
    if (!poll || poll !== this.#current) return failure('poll_not_found', meetingsWords.phrase('poll_not_found'));
    if (poll.status !== 'open') return failure('poll_closed', meetingsWords.phrase('poll_closed'));
    if (poll.answeredBy.has(answererOf(actor))) return failure('poll_already_answered', meetingsWords.phrase('poll_already_answered'));
    let given: string;
    if ('choice' in answer) {
      if (poll.draft.kind === 'free-text' || answer.choice >= poll.choices)
        return failure('poll_answer_invalid', meetingsWords.phrase('poll_answer_invalid'));
      poll.totals[answer.choice] = (poll.totals[answer.choice] ?? 0) + 1;
      given = choiceWord(poll, answer.choice);
    } else {
      if (poll.draft.kind !== 'free-text') return failure('poll_answer_invalid', meetingsWords.phrase('poll_answer_invalid'));
      poll.texts.set(answer.text, (poll.texts.get(answer.text) ?? 0) + 1);
      given = answer.text;
    }
    poll.answeredBy.add(answererOf(actor));
    if (!poll.draft.anonymous) poll.named.push({ participantId: actor.id, displayName: actor.displayName, answer: given });
    this.context.send(actor.id, { type: 'poll', poll: this.#viewFor(poll, actor) });
    this.#scheduleResults();
    return { ok: true, value: undefined };
  }

  #act(actor: ParticipantView, pollId: PollId, action: 'close' | 'publish' | 'export'): ModuleOutcome {
    if (!actor.isModerator) return failure('not_allowed', meetingsWords.phrase('poll_moderators_only'));
    const poll = this.#polls.get(pollId);
    if (!poll) return failure('poll_not_found', meetingsWords.phrase('poll_not_found'));
    if (action === 'export') return { ok: true, value: { type: 'poll-export', pollId, csv: this.#csv(poll) } };
    const next: PollStatus = action === 'close' ? 'closed' : 'published';
    if (poll.status === next || poll.status === 'published') return { ok: true, value: undefined };
    poll.status = next;
    if (poll === this.#current) this.#tellEveryone();
    return { ok: true, value: undefined };
  }

  /** Each participant's view of the current poll, and its results to whoever may see them now. */
  #tellEveryone(): void {
    this.#resultsFlush?.cancel();
    this.#resultsFlush = undefined;
    const results = this.#resultsMessages();
    for (const participant of this.context.participants()) this.#tell(participant, results);
  }

  /** Answers come in bursts: the moderators get the results at most every `limits.pollResultsBatchMs`. */
  #scheduleResults(): void {
    this.#resultsFlush ??= this.context.clock.setTimeout(() => {
      this.#resultsFlush = undefined;
      const results = this.#resultsMessages();
      if (!results) return;
      for (const participant of this.context.participants())
        if (participant.isModerator) this.context.send(participant.id, results.moderators);
    }, limits.pollResultsBatchMs);
  }

  #viewFor(poll: Poll, participant: ParticipantView): PollView {
    return {
      pollId: poll.id,
      question: poll.draft.question,
      kind: poll.draft.kind,
      ...(poll.draft.answers ? { answers: [...poll.draft.answers] } : {}),
      choices: poll.choices,
      anonymous: poll.draft.anonymous,
      status: poll.status,
      answered: poll.answeredBy.has(answererOf(participant)),
    };
  }

  /** The results; who answered what only for moderators, and only in a named poll. */
  #results(poll: Poll, forModerator: boolean): PollResults {
    return {
      pollId: poll.id,
      totals: [...poll.totals],
      texts: [...poll.texts].map(([text, count]) => ({ text, count })),
      answeredCount: poll.answeredBy.size,
      participantCount: this.context.participants().length,
      ...(forModerator && !poll.draft.anonymous ? { named: poll.named.map((entry) => ({ ...entry })) } : {}),
    };
  }

  /** The results as CSV: the question, each answer with its count, then (named polls) who answered what. */
  #csv(poll: Poll): string {
    const rows: string[][] = [['question', poll.draft.question], ['anonymous', String(poll.draft.anonymous)], [], ['answer', 'count']];
    if (poll.draft.kind === 'free-text') for (const [text, count] of poll.texts) rows.push([text, String(count)]);
    else rows.push(...poll.totals.map((count, index) => [choiceWord(poll, index), String(count)]));
    if (!poll.draft.anonymous) {
      rows.push([], ['participant', 'answer']);
      for (const entry of poll.named) rows.push([entry.displayName, entry.answer]);
    }
    // Cells starting like a formula are quoted with a leading apostrophe: a spreadsheet must not run them.
    return stringify(rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))));
  }

  close(): void {
    this.#resultsFlush?.cancel();
    this.#resultsFlush = undefined;
    this.#polls.clear();
    this.#roles.clear();
    this.#current = undefined;
  }
}
