import { translation } from '../../shared/icu.js';
import type { schedulingEnglish } from './words.js';

export const schedulingFrench = translation<typeof schedulingEnglish>()({
  scheduled_meeting_not_found: 'Aucune réunion planifiée que vous puissiez gérer n’a cet identifiant.',
  meeting_cancelled_schedule_new: 'Cette réunion a été annulée ; planifiez-en une nouvelle.',
  meeting_already_cancelled: 'Cette réunion a déjà été annulée.',
  calendar_not_found: 'Il n’y a pas de calendrier à cette adresse.',
  invitation_subject: 'Invitation : {title} — {when} ({timeZone})',
  update_subject: 'Mise à jour : {title} — {when} ({timeZone})',
  cancellation_subject: 'Annulation : {title} — {when} ({timeZone})',
  invitation_text:
    'Vous recevez une invitation à une réunion.\n\n{title}\n{when} ({timeZone}), {minutes, number} minutes\n\n{agenda}\n\nRejoindre : {link}\n',
  cancellation_text:
    'Cette réunion a été annulée.\n\n{title}\n{when} ({timeZone}), {minutes, number} minutes\n\n{agenda}\n\nRejoindre : {link}\n',
});
