/** French messages of the `usage` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { usageEnglish } from './usage-words.js';

export const usageFrench = translation<typeof usageEnglish>()({
  'usage.heading': 'Utilisation',
  'usage.lead':
    'Les minutes-participant additionnent le temps de chacun dans vos réunions. Seuls ces nombres sont gardés : aucun nom, rien de ce qui a été dit ou montré.',
  'usage.loading': 'Chargement de l’utilisation…',
  'usage.monthsCaption': 'Les douze derniers mois',
  'usage.roomsCaption': 'Par salle, {month}',
  'usage.month': 'Mois',
  'usage.room': 'Salle',
  'usage.participantMinutes': 'Minutes-participant',
  'usage.meetings': 'Réunions',
  'usage.largestMeeting': 'Plus grande réunion',
  'usage.people': '{count, plural, =0 {—} one {# personne} other {# personnes}}',
  'usage.noRooms': 'Cette organisation n’a pas encore de salle.',
  'usage.reason.participants': 'une réunion a compté plus de personnes que votre formule n’en permet',
  'usage.reason.length': 'une réunion a duré jusqu’à ce que la limite de durée de votre formule y mette fin',
  'usage.reason.meetings_at_once': 'plus de réunions ont eu lieu à la fois que votre formule n’en permet',
  'usage.advice.none': 'La formule {plan} convient à vos trois derniers mois.',
  'usage.advice.larger': 'Ces trois derniers mois, {reasons} : la formule {plan} conviendrait.',
  'usage.advice.largerQuoted':
    'Ces trois derniers mois, {reasons} : la formule {plan} conviendrait (son prix est sur devis de la coopérative).',
  'usage.advice.smaller': 'Chaque réunion des trois derniers mois aurait tenu dans la formule {plan}, plus petite.',
  'usage.comparePlans': 'Comparer les formules',
});
