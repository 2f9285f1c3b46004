/** Words of an organisation's usage panel (`UsagePanel`): the monthly table, the rooms and the plan advice. French is in `usage-words.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

export const usageEnglish = {
  'usage.heading': 'Usage',
  'usage.lead':
    'Participant-minutes are everyone’s time in your meetings added up. Only these numbers are kept: no names, nothing said or shown.',
  'usage.loading': 'Loading the usage…',
  'usage.monthsCaption': 'The last twelve months',
  'usage.roomsCaption': 'By room, {month}',
  'usage.month': 'Month',
  'usage.room': 'Room',
  'usage.participantMinutes': 'Participant-minutes',
  'usage.meetings': 'Meetings',
  'usage.largestMeeting': 'Largest meeting',
  'usage.people': '{count, plural, =0 {—} one {# person} other {# people}}',
  'usage.noRooms': 'This organisation has no rooms yet.',
  'usage.reason.participants': 'a meeting had more people than your plan allows',
  'usage.reason.length': 'a meeting ran until your plan’s time limit ended it',
  'usage.reason.meetings_at_once': 'more meetings were held at once than your plan allows',
  'usage.advice.none': 'The {plan} plan fits your last three months.',
  'usage.advice.larger': 'In the last three months {reasons}: the {plan} plan would fit.',
  'usage.advice.largerQuoted': 'In the last three months {reasons}: the {plan} plan would fit (its price is on quote from the co-op).',
  'usage.advice.smaller': 'Every meeting of the last three months would have fitted the smaller {plan} plan.',
  'usage.comparePlans': 'Compare the plans',
} as const;

export const usageMessages = defineCatalogue('usage', usageEnglish);
