/** Words of the dashboard (your rooms, organisations) and of scheduling. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const dashboardEnglish = {
  'dashboard.title': 'Your rooms',
  'dashboard.myRooms': 'Rooms',
  'dashboard.noRooms': 'You have no rooms yet. Create one below.',
  'dashboard.organisations': 'Organisations',
  'dashboard.start': 'Start meeting',
  'dashboard.copyLink': 'Copy guest link',
  'dashboard.settings': 'Room settings',
  'dashboard.guestLink': 'Guest link',
  'dashboard.memberLink': 'Members’ link',
  'dashboard.calendarFeed': 'Calendar feed',
  'dashboard.calendarFeedLink': 'Subscribe (iCalendar)',
  'dashboard.recent': 'Recent meetings',
  'dashboard.noRecent': 'No meetings held yet.',
  'dashboard.started': 'Started',
  'dashboard.ended': 'Ended',
  'dashboard.duration': 'Duration',
  'dashboard.peak': 'Most participants',
  'dashboard.live': 'In progress',
  'dashboard.minutes': '{count, number} min',
  'dashboard.upcoming': 'Upcoming meetings',
  'dashboard.newRoom': 'New room',
  'dashboard.createRoom': 'Create room',
  'dashboard.roomName': 'Room name',
  'dashboard.roomSlug': 'Short name for the link',
  'dashboard.slugHint': 'Letters, digits and dashes, e.g. weekly-circle.',
  'dashboard.owner': 'Owned by',
  'dashboard.ownerMe': 'Just me',
  'dashboard.newOrganisation': 'New organisation',
  'dashboard.createOrganisation': 'Create organisation',
  'dashboard.organisationName': 'Organisation name',
  'dashboard.organisationSlug': 'Short name for links',
  'schedule.schedule': 'Schedule a meeting',
  'schedule.title': 'Schedule a meeting',
  'schedule.send': 'Schedule and send invitations',
  'schedule.meetingTitle': 'Title',
  'schedule.start': 'Starts at',
  'schedule.timeZone': 'Time zone',
  'schedule.duration': 'Duration in minutes',
  'schedule.agenda': 'Agenda',
  'schedule.invitees': 'Invite by email',
  'schedule.inviteesHint': 'Separate addresses with commas. Each gets a calendar invitation.',
  'schedule.cancel': 'Cancel meeting',
  'schedule.edit': 'Change',
  'schedule.sendUpdate': 'Save and send the update',
  'dashboard.linkCopied': 'Link copied',
  'dashboard.linkNotCopied': 'The link could not be copied: select it on the room’s card instead.',
  'dashboard.roomCreated': 'Room “{name}” created.',
  'dashboard.organisationCreated': 'Organisation “{name}” created.',
  'schedule.scheduled': '“{title}” is scheduled.',
  'schedule.updated': '“{title}” is changed; invitees get the update.',
} as const;

/** The catalogue: `dashboardMessages.t(key, parameters)`. */
export const dashboardMessages = defineCatalogue('dashboard', dashboardEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = dashboardMessages.t;
