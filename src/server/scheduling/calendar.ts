/** iCalendar documents for invitations (REQUEST, CANCEL) and for a room's feed (PUBLISH). */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** One scheduled meeting as it appears in a calendar. */
export interface CalendarEvent {
  id: string;
  title: string;
  agenda: string;
  startsAtMs: number;
  durationMinutes: number;
  sequence: number;
  cancelled: boolean;
  roomUrl: string;
  invitees: string[];
}

/** The UID that stays the same across updates and cancellation, so calendars replace the event. */
export function eventUid(meetingId: string): string {
  return `${meetingId}@plenary`;
}

/** An iCalendar document with `method` holding `events`; `stampMs` is the DTSTAMP. */
export function calendarDocument(
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH',
  name: string,
  events: CalendarEvent[],
  stampMs: number,
  organizerEmail: string,
): string {
  const calendar = ical({ name, prodId: { company: 'plenary', product: 'plenary', language: 'EN' }, method: ICalCalendarMethod[method] });
  for (const event of events) {
    calendar.createEvent({
      id: eventUid(event.id),
      sequence: event.sequence,
      stamp: new Date(stampMs),
      start: new Date(event.startsAtMs),
      end: new Date(event.startsAtMs + event.durationMinutes * 60_000),
      summary: event.title,
      description: `${event.agenda ? `${event.agenda}\n\n` : ''}Join: ${event.roomUrl}`,
      location: event.roomUrl,
      url: event.roomUrl,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: { name: 'Plenary', email: organizerEmail },
      attendees: event.invitees.map((email) => ({ email, rsvp: true })),
    });
  }
  return calendar.toString();
}
