/** The words of an assembly's minutes (French in `minutes-words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { minutesFrench } from './minutes-words.fr.js';

export const minutesEnglish = {
  title: 'Minutes: {title}',
  held: 'The assembly',
  chair: 'Chaired by {name}.',
  opened: 'Opened {at}.',
  closed: 'Closed {at}.',
  quorum: 'Quorum: {required} of the {electorate} voting members ({percent} %).',
  proxy_rule: 'Proxies: at most {max} per member.',
  attendance: 'Attendance',
  votes_for: 'votes for {members}',
  no_vote: 'attended without a vote',
  guest_no_vote: 'guest, without a vote',
  stay: '{from} to {to}',
  proxies: 'Proxies',
  no_proxies: 'No proxy was given.',
  proxy: '{grantor} gave its proxy to {holder}.',
  motions: 'Motions',
  no_motions: 'No motion was put.',
  motion_heading: 'Motion {position}: {title}',
  motion_times: 'Put {from}, closed {to}.',
  motion_rule: 'Threshold: {threshold}. Members represented at the close: {represented}.',
  threshold_simple_majority: 'simple majority',
  threshold_two_thirds: 'two thirds',
  threshold_consensus: 'consensus',
  tally: 'Tally',
  answer_yes: 'yes',
  answer_no: 'no',
  answer_abstain: 'abstain',
  answer_agree: 'agree',
  answer_disagree: 'disagree',
  answer_block: 'block',
  outcome_passed: 'The motion passed.',
  outcome_failed: 'The motion failed.',
  outcome_inquorate: 'The motion was inquorate: the quorum was lost before it closed.',
  vote: '{member}: {answer}',
  vote_by_proxy: '{member}: {answer} (by proxy, cast by {by})',
} as const;

export const minutesWords = defineWords('minutes', minutesEnglish, { fr: minutesFrench });
