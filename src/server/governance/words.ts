/** The governance domain's words (French in `words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { governanceFrench } from './words.fr.js';

export const governanceEnglish = {
  class_not_found: 'There is no such class of members.',
  organisation_required: '{class} are organisations: name the organisation that applies.',
  organisation_not_managed: 'Only an owner or admin of an organisation can apply for it to become a member.',
  already_member: 'This member has applied already, or is a member.',
  operators_only: 'Only the co-op’s operators can do this.',
  application_not_found: 'There is no application waiting for a decision with this id.',
  member_not_found: 'There is no such member that you speak for.',
  not_a_member: 'This member has resigned already, or was declined.',
  voter_not_in_organisation: 'The voter for {organisation} must be one of its people, signed up with that email address.',
  shares_exceed_subscribed: 'More shares would be paid than were subscribed.',
  shares_exceed_paid: 'More shares would be repaid than were paid.',
  members_only: 'This is open to the co-op’s members: the people of its member organisations, its members in person, and its operators.',
  proposal_not_found: 'There is no such proposal.',
  proposal_invalid: 'This proposal cannot be put to a vote: {problem}',
  problem_options: 'a choice needs 2 to 20 options, and consent and yes/no proposals none.',
  problem_times: 'it must close after it opens, and not in the past.',
  problem_ranked_threshold: 'a ranked choice is decided by a majority of the continuing ballots.',
  problem_choices_max: 'members cannot choose more options than there are.',
  problem_class: 'there is no such class of members.',
  proposal_not_open: 'Voting on “{title}” is not open: it opens {opens} and closes {closes}.',
  not_your_vote: 'You do not cast this member’s vote.',
  not_in_electorate: '{member} is not in the electorate of this proposal.',
  ballot_invalid: 'This ballot does not answer the proposal: choose among its answers or options.',
  admission_title: 'Admit {name} to the {class}',
  admission_body: '{name} applies to become one of the {class}. Members decide by vote, as the co-op’s rules say.',
  admitted_by_vote: 'Members of this class are admitted by the members’ vote: the application’s proposal decides it.',
  correction_needs_outcome: 'A correction can only follow the outcome sealed at close.',
  already_voted:
    'This member has voted already, in secret. To change the ballot, send it again from the browser it was cast in: it holds the ballot’s token.',
  ballot_token_wrong: 'This is not the token of this member’s secret ballot, so the ballot cannot be changed.',
  not_the_organiser: 'Only the organiser of “{title}”, or an operator, can close its vote early.',
  early_close_upcoming: 'Voting on “{title}” has not opened yet: it opens {opens}, and closes early only once every member has voted.',
  early_close_closed: 'Voting on “{title}” is closed already: its result is sealed.',
  early_close_not_everyone:
    '{voted, plural, one {# of the {electorate, number} members has voted} other {# of the {electorate, number} members have voted}}: a proposal closes early only once every member has voted.',
} as const;

export const governanceWords = defineWords('governance', governanceEnglish, { fr: governanceFrench });
