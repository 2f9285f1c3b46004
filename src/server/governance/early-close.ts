/**
 * The rule for closing a proposal before its closing time (see `proposals-service.ts`): only its
 * organiser or an operator, only while it is open, and only once the result can no longer change —
 * every member of its electorate has voted. Pure, so the proposal's view can tell its reader
 * whether the button applies and the close itself refuses with the same reasons.
 */
import type { ProposalView } from '../../shared/governance-api.js';
import type { Language } from '../../shared/languages.js';
import type { Phrase } from '../platform/words.js';
import { governanceWords } from './words.js';

/** What the rule looks at. */
export interface EarlyCloseCase {
  /** Whether the person asking organised the proposal or is an operator. */
  organiserOrOperator: boolean;
  status: ProposalView['status'];
  /** The members entitled to vote. */
  electorate: ReadonlySet<string>;
  /** The members who have voted (a secret proposal's receipts: who, never how). */
  voted: ReadonlySet<string>;
}

/** Why the rule refuses, with the counts the sentence gives. */
export type EarlyCloseRefusal =
  | { code: 'not_the_organiser' }
  | { code: 'early_close_not_allowed'; why: 'upcoming' | 'closed' }
  | { code: 'early_close_not_allowed'; why: 'not_everyone_voted'; voted: number; electorate: number };

/** How many members of the electorate have voted (a voter who left the electorate is not one of them). */
export function votedOfElectorate(electorate: ReadonlySet<string>, voted: ReadonlySet<string>): number {
  let count = 0;
  for (const member of electorate) if (voted.has(member)) count += 1;
  return count;
}

/** Why the proposal cannot be closed early in `early`; undefined when it can. */
export function earlyCloseRefusal(early: EarlyCloseCase): EarlyCloseRefusal | undefined {
  if (!early.organiserOrOperator) return { code: 'not_the_organiser' };
  if (early.status !== 'open') return { code: 'early_close_not_allowed', why: early.status };
  const voted = votedOfElectorate(early.electorate, early.voted);
  if (voted < early.electorate.size)
    return { code: 'early_close_not_allowed', why: 'not_everyone_voted', voted, electorate: early.electorate.size };
  return undefined;
}

/** A proposal as a refusal names it: its title, and when it opens (written in a language). */
export interface ProposalNamed {
  title: string;
  opens: (language: Language) => string;
}

/** The sentence saying why, to be written in the reader's language. */
export function earlyCloseRefusalPhrase(refused: EarlyCloseRefusal, proposal: ProposalNamed): Phrase {
  const id = `governance.${refused.code}`;
  const { title } = proposal;
  if (refused.code === 'not_the_organiser') return { id, in: (language) => governanceWords.in(language, 'not_the_organiser', { title }) };
  if (refused.why === 'not_everyone_voted') {
    const { voted, electorate } = refused;
    return { id, in: (language) => governanceWords.in(language, 'early_close_not_everyone', { voted, electorate }) };
  }
  if (refused.why === 'closed') return { id, in: (language) => governanceWords.in(language, 'early_close_closed', { title }) };
  return { id, in: (language) => governanceWords.in(language, 'early_close_upcoming', { title, opens: proposal.opens(language) }) };
}
