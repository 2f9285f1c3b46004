/**
 * Meetings scheduled in a room: a time in a time zone, a duration, an agenda and invitees who
 * get an iCalendar invitation by email; updates and cancellation keep the event's UID and raise
 * its SEQUENCE. Only the people who administer the room can schedule in it.
 */
import { nanoid } from 'nanoid';
import type { ScheduledMeetingView } from '../../shared/accounts-api.js';
import { RoomIdSchema } from '../../shared/ids.js';
import type { Language } from '../../shared/languages.js';
import type { Person } from '../accounts/index.js';
import type { Mailer } from '../email/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, success } from '../platform/outcome.js';
import { serverLocale } from '../platform/words.js';
import type { Storage } from '../storage/index.js';
import { type CalendarEvent, calendarDocument } from './calendar.js';
import type { SchedulingResult } from './failures.js';
import type { SchedulingTables } from './migrations.js';
import { zonedTimeToUtcMs } from './time-zones.js';
import { schedulingWords } from './words.js';

/** What a scheduler sends: a local time in `timeZone`. */
export interface ScheduleInput {
  title: string;
  agenda: string;
  startsAtLocal: string;
  timeZone: string;
  durationMinutes: number;
  invitees: string[];
}

export interface SchedulingServiceOptions {
  storage: Storage;
  clock: Clock;
  mailer: Mailer;
  organisations: OrganisationsService;
  /** Absolute link of a path, e.g. `/r/<roomId>`. */
  link: (path: string) => string;
  /** The ORGANIZER address in invitations. */
  organizerEmail: string;
}

const meetingNotFound = () => failure('scheduled_meeting_not_found', schedulingWords.phrase('scheduled_meeting_not_found'));

/** Scheduled meetings, their invitations and each room's calendar feed. */
export class SchedulingService {
  constructor(private readonly options: SchedulingServiceOptions) {}

  private get db() {
    return this.options.storage.db.withTables<SchedulingTables>();
  }

  private async load(meetingId: string): Promise<ScheduledMeetingView | undefined> {
    const row = await this.db.selectFrom('scheduled_meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
    if (!row) return undefined;
    const invitees = await this.db
      .selectFrom('scheduled_meeting_invitees')
      .select('email')
      .where('scheduled_meeting_id', '=', meetingId)
      .orderBy('email')
      .execute();
    return {
      id: row.id,
      roomId: RoomIdSchema.parse(row.room_id),
      title: row.title,
      agenda: row.agenda,
      startsAtMs: Number(row.starts_at_ms),
      durationMinutes: row.duration_minutes,
      timeZone: row.time_zone,
      sequence: row.sequence,
      cancelled: row.cancelled_at_ms !== null,
      invitees: invitees.map((invitee) => invitee.email),
    };
  }

  private toEvent(meeting: ScheduledMeetingView, invitees = meeting.invitees): CalendarEvent {
    return { ...meeting, invitees, roomUrl: this.options.link(`/r/${meeting.roomId}`) };
  }

  /**
   * Mails `recipients` the meeting with its iCalendar part, each in their saved language, else in
   * `language` (the scheduler's); the date line is in that language and the meeting's time zone.
   */
  private async mail(meeting: ScheduledMeetingView, recipients: string[], method: 'REQUEST' | 'CANCEL', language: Language): Promise<void> {
    const event = this.toEvent(meeting);
    const content = calendarDocument(method, meeting.title, [event], this.options.clock.nowMs(), this.options.organizerEmail);
    const subject = method === 'CANCEL' ? 'cancellation_subject' : meeting.sequence === 0 ? 'invitation_subject' : 'update_subject';
    const text = method === 'CANCEL' ? 'cancellation_text' : 'invitation_text';
    const write = (language: Language) => {
      const when = new Date(meeting.startsAtMs).toLocaleString(serverLocale[language], {
        timeZone: meeting.timeZone,
        dateStyle: 'full',
        timeStyle: 'short',
      });
      const parameters = { title: meeting.title, when, timeZone: meeting.timeZone };
      return {
        subject: schedulingWords.in(language, subject, parameters),
        text: schedulingWords.in(language, text, {
          ...parameters,
          minutes: meeting.durationMinutes,
          agenda: meeting.agenda,
          link: event.roomUrl,
        }),
      };
    };
    for (const to of recipients) await this.options.mailer.sendLetter({ to, language, write, calendar: { method, content } });
  }

  /** Schedules a meeting in a room `person` administers and mails the invitations (see `mail` for their `language`). */
  async schedule(
    person: Person,
    roomId: string,
    input: ScheduleInput,
    language: Language,
  ): Promise<SchedulingResult<ScheduledMeetingView>> {
    const room = await this.options.organisations.administeredRoom(person, roomId);
    if (!room.ok) return room;
    const id = `meeting_${nanoid(16)}`;
    const now = this.options.clock.nowMs();
    const invitees = [...new Set(input.invitees)];
    await this.db.transaction().execute(async (transaction) => {
      await transaction
        .insertInto('scheduled_meetings')
        .values({
          id,
          room_id: room.value.roomId,
          title: input.title,
          agenda: input.agenda,
          starts_at_ms: zonedTimeToUtcMs(input.startsAtLocal, input.timeZone),
          duration_minutes: input.durationMinutes,
          time_zone: input.timeZone,
          sequence: 0,
          cancelled_at_ms: null,
          created_by: person.id,
          created_at_ms: now,
        })
        .execute();
      for (const email of invitees)
        await transaction.insertInto('scheduled_meeting_invitees').values({ scheduled_meeting_id: id, email }).execute();
    });
    const meeting = await this.load(id);
    if (!meeting) throw new Error('a scheduled meeting vanished right after it was written');
    await this.mail(meeting, meeting.invitees, 'REQUEST', language);
    return success(meeting);
  }

  private async administered(person: Person, meetingId: string): Promise<SchedulingResult<ScheduledMeetingView>> {
    const meeting = await this.load(meetingId);
    if (!meeting || !(await this.options.organisations.administersRoom(person.id, meeting.roomId))) return meetingNotFound();
    return success(meeting);
  }

  /** Changes a scheduled meeting; everyone still invited gets the update, anyone removed a cancellation (see `mail`). */
  async update(
    person: Person,
    meetingId: string,
    input: ScheduleInput,
    language: Language,
  ): Promise<SchedulingResult<ScheduledMeetingView>> {
    const existing = await this.administered(person, meetingId);
    if (!existing.ok) return existing;
    if (existing.value.cancelled) return failure('meeting_cancelled', schedulingWords.phrase('meeting_cancelled_schedule_new'));
    const invitees = [...new Set(input.invitees)];
    await this.db.transaction().execute(async (transaction) => {
      await transaction
        .updateTable('scheduled_meetings')
        .set({
          title: input.title,
          agenda: input.agenda,
          starts_at_ms: zonedTimeToUtcMs(input.startsAtLocal, input.timeZone),
          duration_minutes: input.durationMinutes,
          time_zone: input.timeZone,
          sequence: existing.value.sequence + 1,
        })
        .where('id', '=', meetingId)
        .execute();
      await transaction.deleteFrom('scheduled_meeting_invitees').where('scheduled_meeting_id', '=', meetingId).execute();
      for (const email of invitees)
        await transaction.insertInto('scheduled_meeting_invitees').values({ scheduled_meeting_id: meetingId, email }).execute();
    });
    const meeting = await this.load(meetingId);
    if (!meeting) throw new Error('a scheduled meeting vanished right after it was written');
    await this.mail(meeting, meeting.invitees, 'REQUEST', language);
    const removed = existing.value.invitees.filter((email) => !invitees.includes(email));
    await this.mail({ ...meeting, invitees: removed }, removed, 'CANCEL', language);
    return success(meeting);
  }

  /** Cancels a scheduled meeting and mails every invitee a cancellation (see `mail`). */
  async cancel(person: Person, meetingId: string, language: Language): Promise<SchedulingResult<ScheduledMeetingView>> {
    const existing = await this.administered(person, meetingId);
    if (!existing.ok) return existing;
    if (existing.value.cancelled) return failure('meeting_cancelled', schedulingWords.phrase('meeting_already_cancelled'));
    await this.db
      .updateTable('scheduled_meetings')
      .set({ cancelled_at_ms: this.options.clock.nowMs(), sequence: existing.value.sequence + 1 })
      .where('id', '=', meetingId)
      .execute();
    const meeting = await this.load(meetingId);
    if (!meeting) throw new Error('a scheduled meeting vanished right after it was written');
    await this.mail(meeting, meeting.invitees, 'CANCEL', language);
    return success(meeting);
  }

  /** Meetings in a room that have not ended yet and are not cancelled, soonest first. */
  async upcoming(roomId: string, count = 10): Promise<ScheduledMeetingView[]> {
    const rows = await this.db
      .selectFrom('scheduled_meetings')
      .select(['id', 'starts_at_ms', 'duration_minutes'])
      .where('room_id', '=', roomId)
      .where('cancelled_at_ms', 'is', null)
      .orderBy('starts_at_ms')
      .execute();
    const now = this.options.clock.nowMs();
    const ids = rows.filter((row) => Number(row.starts_at_ms) + row.duration_minutes * 60_000 > now).slice(0, count);
    const meetings: ScheduledMeetingView[] = [];
    for (const row of ids) {
      const meeting = await this.load(row.id);
      if (meeting) meetings.push(meeting);
    }
    return meetings;
  }

  /** The room's calendar feed (iCalendar PUBLISH) for the secret feed token, or undefined. */
  async feed(feedToken: string): Promise<string | undefined> {
    const room = await this.options.organisations.findRoomByFeedToken(feedToken);
    if (!room) return undefined;
    const rows = await this.db
      .selectFrom('scheduled_meetings')
      .select('id')
      .where('room_id', '=', room.roomId)
      .orderBy('starts_at_ms')
      .execute();
    const events: CalendarEvent[] = [];
    for (const row of rows) {
      const meeting = await this.load(row.id);
      if (meeting) events.push(this.toEvent(meeting, []));
    }
    return calendarDocument('PUBLISH', room.name, events, this.options.clock.nowMs(), this.options.organizerEmail);
  }

  /** Scheduled meetings a person created or is invited to (data export). */
  async exportFor(personId: string, email: string): Promise<Record<string, unknown>[]> {
    const created = await this.db.selectFrom('scheduled_meetings').select('id').where('created_by', '=', personId).execute();
    const invited = await this.db
      .selectFrom('scheduled_meeting_invitees')
      .select('scheduled_meeting_id as id')
      .where('email', '=', email)
      .execute();
    const result: Record<string, unknown>[] = [];
    for (const { id } of [...created, ...invited]) {
      const meeting = await this.load(id);
      if (meeting) result.push({ ...meeting, invitees: meeting.invitees.length });
    }
    return result;
  }

  /** Removes a deleted person's email from invitee lists. */
  async forgetInvitee(email: string): Promise<void> {
    await this.db.deleteFrom('scheduled_meeting_invitees').where('email', '=', email).execute();
  }
}
