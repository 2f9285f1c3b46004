/**
 * The governance pages' pure rules: times typed in a `datetime-local` field read in the browser's
 * time zone, a quorum typed as a percentage turned into basis points (string arithmetic, never a
 * float), euros typed for shares turned into minor units, a ballot built from a vote form's state
 * (and back), the ranked list's moves, and the rows of a sealed tally.
 */
import type { ProposalView } from '../../../shared/governance-api.js';

export type ProposalKind = ProposalView['kind'];
/** A ballot as the API takes it. */
export type Ballot = NonNullable<ProposalView['myBallots'][number]['ballot']>;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Reads a `datetime-local` value (`2027-01-02T10:30`, seconds optional) as a time in the browser's
 * own time zone; undefined when it is not one.
 */
export function datetimeLocalToMs(value: string): number | undefined {
  const parts = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$/.exec(value.trim());
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1).map((part) => Number(part ?? 0)) as number[];
  const date = new Date(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  // Reject what Date would roll over (31 February) rather than guess.
  if (date.getMonth() !== (month ?? 1) - 1 || date.getDate() !== day) return undefined;
  return date.getTime();
}

/** An instant as a `datetime-local` field writes it, in the browser's time zone, to the minute: `2027-01-02T10:30`. */
export function msToDatetimeLocal(atMs: number): string {
  const date = new Date(atMs);
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The browser's time zone by its IANA name ("Europe/Paris"), the one `datetime-local` fields are read in. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A percentage typed as "25", "33.33" or "12,5" (at most two decimals, 0 to 100) in basis points
 * (2500, 3333, 1250); undefined when it is not one.
 */
export function percentToBasisPoints(typed: string): number | undefined {
  const parts = /^([0-9]{1,3})(?:[.,]([0-9]{0,2}))?$/.exec(typed.trim().replace(/\s*%$/, ''));
  if (!parts) return undefined;
  const basisPoints = Number(parts[1]) * 100 + Number((parts[2] ?? '').padEnd(2, '0'));
  return basisPoints <= 10_000 ? basisPoints : undefined;
}

/** Basis points as a fraction of one, for `formatNumber(…, { style: 'percent' })`: 2500 → 0.25. */
export function basisPointsToFraction(basisPoints: number): number {
  return basisPoints / 10_000;
}

/** Euros typed as "10", "10.50" or "10,5" in cents as a decimal string ("1000", "1050", "1050"); undefined when not one. */
export function eurosToMinor(typed: string): string | undefined {
  const parts = /^([0-9]{1,15})(?:[.,]([0-9]{0,2}))?$/.exec(typed.trim().replace(/[\s\u00a0\u202f]/g, ''));
  if (!parts) return undefined;
  return `${parts[1]}${(parts[2] ?? '').padEnd(2, '0')}`.replace(/^0+(?=[0-9])/, '');
}

/** What a vote form holds: an answer (consent, yes/no, single choice as an index's text or `abstain`), chosen options, a ranking. */
export interface VoteFormState {
  /** consent / yes_no: the answer; single_choice: `"0"`, `"1"`, … or `"abstain"`; empty while none is chosen. */
  answer: string;
  /** multiple_choice: the chosen option indexes. */
  chosen: number[];
  /** ranked_choice: the included option indexes, most preferred first. */
  ranked: number[];
}

const consentAnswers = ['agree', 'abstain', 'disagree', 'block'] as const;
const yesNoAnswers = ['yes', 'no', 'abstain'] as const;

/** The answers a consent or yes/no proposal offers, in the order shown. */
export function answersOf(kind: 'consent' | 'yes_no'): readonly Ballot[] {
  return kind === 'consent' ? consentAnswers : yesNoAnswers;
}

/**
 * The ballot a vote form's `state` casts for a proposal of `kind` with `optionCount` options and
 * (multiple choice) `choicesMax`; undefined when nothing valid is chosen yet. Multiple choice
 * sends the chosen indexes ascending (empty abstains); ranked choice the ranking as it stands
 * (empty abstains).
 */
export function ballotFromForm(
  kind: ProposalKind,
  state: VoteFormState,
  optionCount: number,
  choicesMax?: number | null,
): Ballot | undefined {
  const inRange = (index: number) => Number.isInteger(index) && index >= 0 && index < optionCount;
  switch (kind) {
    case 'consent':
    case 'yes_no':
      return (answersOf(kind) as readonly string[]).includes(state.answer) ? (state.answer as Ballot) : undefined;
    case 'single_choice': {
      if (state.answer === 'abstain') return 'abstain';
      const index = state.answer === '' ? Number.NaN : Number(state.answer);
      return inRange(index) ? index : undefined;
    }
    case 'multiple_choice': {
      const chosen = [...new Set(state.chosen)].filter(inRange).sort((a, b) => a - b);
      return chosen.length <= (choicesMax ?? optionCount) ? chosen : undefined;
    }
    case 'ranked_choice': {
      const ranked = state.ranked.filter(inRange);
      return new Set(ranked).size === ranked.length ? ranked : undefined;
    }
  }
}

/** A vote form's state showing `ballot` (null: none cast yet; ranked choice then starts with every option in order). */
export function formFromBallot(kind: ProposalKind, ballot: Ballot | null, optionCount: number): VoteFormState {
  const empty: VoteFormState = { answer: '', chosen: [], ranked: [] };
  if (ballot === null)
    return kind === 'ranked_choice' ? { ...empty, ranked: Array.from({ length: optionCount }, (_, index) => index) } : empty;
  if (Array.isArray(ballot)) return kind === 'ranked_choice' ? { ...empty, ranked: [...ballot] } : { ...empty, chosen: [...ballot] };
  return { ...empty, answer: String(ballot) };
}

/** `list` with the item at `index` moved by `delta` places (−1 up, +1 down); the same list when it cannot move. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const moved = [...list];
  const [item] = moved.splice(index, 1) as [T];
  moved.splice(target, 0, item);
  return moved;
}

/** One row of a tally: an answer by its word key, or an option by its index, and its count. */
export type TallyRow = { answer: string; count: number } | { option: number; count: number };

/** A round of an instant runoff, as the server counts it. */
export interface RankedRound {
  votes: (number | null)[];
  continuing: number;
  exhausted: number;
  eliminated: number | null;
}

/** The sealed tally, by kind (the server's `Tally`). */
export type Tally =
  | { kind: 'consent'; agree: number; abstain: number; disagree: number; block: number }
  | { kind: 'yes_no'; yes: number; no: number; abstain: number }
  | { kind: 'single_choice'; votes: number[]; abstain: number }
  | { kind: 'multiple_choice'; approvals: number[]; abstain: number }
  | { kind: 'ranked_choice'; rounds: RankedRound[]; abstain: number };

/**
 * The rows of a tally other than ranked choice, in the order shown: each answer (abstentions
 * last), or each option by index. Ranked choice gives its last round's continuing options; its
 * rounds are drawn by `rankedRoundRows`.
 */
export function tallyRows(tally: Tally): TallyRow[] {
  switch (tally.kind) {
    case 'consent':
      return (['agree', 'disagree', 'block', 'abstain'] as const).map((answer) => ({ answer, count: tally[answer] }));
    case 'yes_no':
      return (['yes', 'no', 'abstain'] as const).map((answer) => ({ answer, count: tally[answer] }));
    case 'single_choice':
      return tally.votes.map((count, option) => ({ option, count }));
    case 'multiple_choice':
      return tally.approvals.map((count, option) => ({ option, count }));
    case 'ranked_choice': {
      const last = tally.rounds.at(-1);
      return (last?.votes ?? []).flatMap((count, option) => (count === null ? [] : [{ option, count }]));
    }
  }
}

/** Per option, its votes in each round of a runoff (null once eliminated): `rows[option][round]`. */
export function rankedRoundRows(rounds: readonly RankedRound[], optionCount: number): (number | null)[][] {
  return Array.from({ length: optionCount }, (_, option) => rounds.map((round) => round.votes[option] ?? null));
}

/** When a proposal's vote closes, or closed: early, when it was closed before its time (`closedEarly`), else its closing time. */
export function votingClosesAtMs(proposal: Pick<ProposalView, 'closesAtMs'> & Partial<Pick<ProposalView, 'closedEarly'>>): number {
  return proposal.closedEarly?.atMs ?? proposal.closesAtMs;
}

/** Proposals grouped as shown: open (closing soonest first), upcoming (opening soonest first), closed (latest closed first, early or not). */
export function groupProposals<
  P extends Pick<ProposalView, 'status' | 'opensAtMs' | 'closesAtMs'> & Partial<Pick<ProposalView, 'closedEarly'>>,
>(proposals: readonly P[]): { open: P[]; upcoming: P[]; closed: P[] } {
  const of = (status: P['status']) => proposals.filter((proposal) => proposal.status === status);
  return {
    open: of('open').sort((a, b) => a.closesAtMs - b.closesAtMs),
    upcoming: of('upcoming').sort((a, b) => a.opensAtMs - b.opensAtMs),
    closed: of('closed').sort((a, b) => votingClosesAtMs(b) - votingClosesAtMs(a)),
  };
}

/** Whether a kind asks members to choose among options (and so needs 2 to 20 of them). */
export function isChoiceKind(kind: ProposalKind): boolean {
  return kind === 'single_choice' || kind === 'multiple_choice' || kind === 'ranked_choice';
}
