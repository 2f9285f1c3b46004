/** Due process's words (French in `due-process-words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { dueProcessFrench } from './due-process-words.fr.js';

export const dueProcessEnglish = {
  log_members_only: 'The log of suspensions is open to the co-op’s members, and to those it names.',
  sanction_not_found: 'There is no such suspension of an organisation you own or administer.',
  appeal_not_allowed: 'This cannot be appealed: it is not a suspension, or an appeal of it is already before the members.',
  appeal_title:
    '{scope, select, network {Appeal: reinstate {subject} in the trading network} meetings {Appeal: let {subject} hold meetings again} other {Appeal: reinstate {subject} as a member of the co-op}}',
  appeal_body:
    '{subject} was suspended from {scope, select, network {the trading network} meetings {holding meetings} other {membership of the co-op}}. The reason given: {reason}\n\n{appellant} appeals on its behalf:\n\n{statement}\n\nVote yes to lift the suspension, no to keep it.',
  appeal_upheld: 'The co-op’s members upheld the appeal.',
  meetings_refused: 'This room’s organisation is suspended from holding meetings: see the co-op’s log of suspensions.',
  operator_only: 'Only the co-op’s operators can suspend, or lift a suspension.',
  organisation_not_found: 'There is no organisation with this short name.',
  member_not_found: 'There is no admitted member with this id.',
  already_suspended: '{subject} is suspended here already.',
  not_suspended: 'This suspension is not in force any more.',
  suspended_subject: '{subject} is suspended from {scope, select, meetings {holding meetings} other {membership of the co-op}}',
  suspended_text:
    '{subject} is suspended from {scope, select, meetings {holding meetings on Plenary: no meeting starts in its rooms} other {membership of the co-op: it has no vote}} until the suspension is lifted.\n\nThe reason given: {reason}\n\nYou may appeal: the co-op’s members then vote on lifting it. The log of suspensions, and the way to appeal: {link}',
  lifted_subject: '{subject} is no longer suspended from {scope, select, meetings {holding meetings} other {membership of the co-op}}',
  lifted_text: 'The suspension of {subject} is lifted: {reason}\n\nThe log of suspensions: {link}',
} as const;

export const dueProcessWords = defineWords('due-process', dueProcessEnglish, { fr: dueProcessFrench });
