/** The scheduling domain's tables (`scheduling/migrations.ts`). */
import type { DataCatalogue } from '../catalogue-types.js';
import { column } from './column.js';

/** Scheduled meetings and their invitees. */
export const schedulingCatalogue: DataCatalogue = {
  scheduled_meetings: {
    purpose: 'A meeting planned in a room: title, agenda, time and time zone, with invitations sent as iCalendar.',
    retention: "Kept indefinitely, cancelled ones too (marked cancelled); the room's calendar feed shows upcoming ones.",
    aboutPerson: { column: 'created_by', by: 'person_id' },
    columns: {
      id: column("The scheduled meeting's id (also its iCalendar UID).", 'Calendar programs replace the event by it.', false),
      room_id: column('The room it is held in.', 'The link in the invitation.', false),
      title: column('Its title.', 'Shown in the invitation and the calendar.', false),
      agenda: column('Its agenda, as written by the organiser.', 'Shown in the invitation.', false),
      starts_at_ms: column('When it starts.', 'The calendar event.', false),
      duration_minutes: column('How long it is planned to last.', "The calendar event's end.", false),
      time_zone: column('The IANA time zone it was planned in.', 'Local times in the invitation.', false),
      sequence: column('The iCalendar SEQUENCE, raised at each change.', 'Calendar programs apply updates in order.', false),
      cancelled_at_ms: column('When it was cancelled (null: not).', 'Cancellations are sent and shown.', false),
      created_by: column('The person who scheduled it.', 'Who may change it; shown as organiser.', true),
      created_at_ms: column('When it was scheduled.', 'Ordering.', false),
    },
  },
  scheduled_meeting_invitees: {
    purpose: 'The email addresses invited to a scheduled meeting.',
    retention: 'Kept with the scheduled meeting; an address is deleted from every meeting when its owner deletes their account.',
    aboutPerson: { column: 'email', by: 'email' },
    columns: {
      scheduled_meeting_id: column('The scheduled meeting.', 'Whom updates and cancellations go to.', false),
      email: column("An invitee's email address.", 'Invitations, updates and cancellations are mailed to it.', true),
    },
  },
};
