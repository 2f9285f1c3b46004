/** The scheduling domain's words: its error sentences and the meeting emails (French in `words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { schedulingFrench } from './words.fr.js';

export const schedulingEnglish = {
  scheduled_meeting_not_found: 'There is no scheduled meeting with this id that you can manage.',
  meeting_cancelled_schedule_new: 'This meeting has been cancelled; schedule a new one.',
  meeting_already_cancelled: 'This meeting has already been cancelled.',
  calendar_not_found: 'There is no calendar at this address.',
  invitation_subject: 'Invitation: {title} — {when} ({timeZone})',
  update_subject: 'Updated: {title} — {when} ({timeZone})',
  cancellation_subject: 'Cancelled: {title} — {when} ({timeZone})',
  invitation_text: 'You are invited to a meeting.\n\n{title}\n{when} ({timeZone}), {minutes, number} minutes\n\n{agenda}\n\nJoin: {link}\n',
  cancellation_text:
    'This meeting has been cancelled.\n\n{title}\n{when} ({timeZone}), {minutes, number} minutes\n\n{agenda}\n\nJoin: {link}\n',
} as const;

export const schedulingWords = defineWords('scheduling', schedulingEnglish, { fr: schedulingFrench });
