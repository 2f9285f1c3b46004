/** Due process's words (French in `due-process-words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { dueProcessFrench } from './due-process-words.fr.js';

export const dueProcessEnglish = {
  log_members_only: 'The log of suspensions is open to the co-op’s members, and to those it names.',
  sanction_not_found: 'There is no such suspension of an organisation you own or administer.',
  appeal_not_allowed: 'This cannot be appealed: it is not a suspension, or an appeal of it is already before the members.',
  appeal_title: 'Appeal: reinstate {subject} in the trading network',
  appeal_body:
    '{subject} was suspended from the trading network. The reason given: {reason}\n\n{appellant} appeals on its behalf:\n\n{statement}\n\nVote yes to reinstate {subject}, no to keep the suspension.',
  appeal_upheld: 'The co-op’s members upheld the appeal.',
} as const;

export const dueProcessWords = defineWords('due-process', dueProcessEnglish, { fr: dueProcessFrench });
