/** General assemblies' words (French in `assemblies-words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { assembliesFrench } from './assemblies-words.fr.js';

export const assembliesEnglish = {
  operator_only: 'Only the co-op’s operators can convene a general assembly.',
  members_only: 'General assemblies are open to the co-op’s members and its operators.',
  room_not_found: 'There is no such room to hold the assembly in.',
  assembly_not_found: 'There is no such general assembly.',
  assembly_already_convened: 'An assembly is already convened in this room: close it before convening another.',
  assembly_closed: 'This assembly is closed: its minutes are sealed.',
  not_your_vote: 'You do not cast this member’s vote, so you cannot give its proxy.',
  proxy_not_allowed:
    'This proxy is not allowed: the holder must be another voting member that has not given its own proxy, a member holding proxies cannot give its own, and the co-op’s rule must allow proxies.',
  proxy_limit_reached: 'This member already holds {max, plural, one {# proxy} other {# proxies}}: the most the co-op’s rule allows.',
  no_assembly: 'No general assembly is open in this meeting.',
  not_the_chair: 'Only the chair of the assembly can do this.',
  motion_not_found: 'There is no open motion with this id in this assembly.',
  motion_still_open: 'A motion is still open: close it first.',
  vote_not_allowed: 'You cannot cast this vote: you are not casting this member’s vote here now, or the answer does not fit the motion.',
  quorum_not_reached: 'The quorum is not reached: {represented} of the {required} members needed are represented.',
  step_failed: 'The assembly could not do this just now: try again.',
  minutes_not_ready: 'The minutes are written when the assembly closes.',
  notice_subject: 'General assembly convened: {title}',
  notice_text:
    'The co-op’s general assembly “{title}” is convened, chaired by {chair}. It is held in a meeting on Plenary; members vote there, in person or by proxy.\n\nThe quorum: {percent} % of the voting members, represented in person or by proxy. Each member may hold at most {proxies} proxies.\n\nThe meeting: {meeting}\nIf you cannot come, give your proxy to another member here: {page}',
  guest: 'guest',
} as const;

export const assemblyWords = defineWords('assemblies', assembliesEnglish, { fr: assembliesFrench });
