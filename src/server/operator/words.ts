/** The operator console's words: its refusals (French in `words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { operatorFrench } from './words.fr.js';

export const operatorEnglish = {
  not_signed_in: 'Log in to do this.',
  operator_only: 'Only the co-op’s operators can see this.',
  media_server_not_found: 'There is no such media server.',
  media_server_name_taken: 'A media server is already called “{name}”; give this one another name.',
  media_server_in_use:
    '“{name}” still carries {rooms, plural, one {# meeting} other {# meetings}}: drain it, and remove it once they have ended.',
  media_server_not_drained: 'Drain “{name}” before removing it, so that no new meeting goes there meanwhile.',
  media_server_local: 'This instance’s own media server can only be drained or undrained, not changed or removed.',
} as const;

export const operatorWords = defineWords('operator', operatorEnglish, { fr: operatorFrench });
