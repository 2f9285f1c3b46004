/** Governance letters' words (French in `notices-words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { noticeFrench } from './notices-words.fr.js';

export const noticeEnglish = {
  opened_subject: 'Vote open: {title}',
  opened_text:
    'Hello,\n\nThe co-op’s members are voting on “{title}” until {closes}. Read it, discuss it and vote: {link}\n\nYou can change your vote until it closes.',
  closing_subject: 'One day left to vote: {title}',
  closing_text: 'Hello,\n\nThe vote on “{title}” closes on {closes}. If you have not voted yet: {link}',
  outcome_subject: 'Outcome: {title}',
  outcome_text:
    'Hello,\n\nThe vote on “{title}” has closed: {result, select, passed {it passed} failed {it failed} inquorate {too few members voted for it to count (inquorate)} elected {the members have chosen} tie {it ended in a tie} other {its outcome is sealed}}. The tally, the turnout and the organiser’s statement: {link}',
} as const;

export const noticeWords = defineWords('governance-notices', noticeEnglish, { fr: noticeFrench });
