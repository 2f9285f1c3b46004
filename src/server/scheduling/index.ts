/** The scheduling domain: scheduled meetings, iCalendar invitations and feeds. */
export { calendarDocument, eventUid } from './calendar.js';
export { type SchedulingHttpOptions, schedulingHttp } from './http.js';
export { type SchedulingTables, schedulingMigrations } from './migrations.js';
export { type ScheduleInput, SchedulingService, type SchedulingServiceOptions } from './scheduling-service.js';
export { zonedTimeToUtcMs } from './time-zones.js';
