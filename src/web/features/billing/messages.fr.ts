/** French messages of the `billing` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { billingEnglish } from './messages.js';

export const billingFrench = translation<typeof billingEnglish>()({
  'pricing.title': 'Formules',
  'pricing.lead':
    'Chaque organisation commence avec la formule Gratuite. Une formule paie les serveurs et le travail de la coopérative : en argent, ou en crédits que votre entreprise gagne dans le réseau.',
  'pricing.loading': 'Chargement des formules…',
  'pricing.people': '{count, plural, one {# personne} other {# personnes}} par réunion',
  'pricing.meetingsAtOnce': '{count, plural, one {# réunion} other {# réunions}} à la fois',
  'pricing.anyMeetingsAtOnce': 'Réunions simultanées sans limite',
  'pricing.length': 'Réunions de {minutes, number} minutes au plus',
  'pricing.anyLength': 'Réunions sans limite de durée',
  'pricing.perPeriod': '{price} par {period, select, year {an} other {mois}}',
  'pricing.orCredits': 'ou {credits} crédits',
  'pricing.free': 'Gratuit',
  'pricing.quoted': 'Prix sur devis de la coopérative',
  'pricing.choose': 'Choisissez une formule sur la page de votre organisation.',
  'pricing.signUp': 'S’inscrire pour s’abonner',
  'plan.heading': 'Formule',
  'plan.current': 'Formule {plan}.',
  'plan.period': 'Cette période court jusqu’au {end, date, long}.',
  'plan.next': 'À partir du {end, date, long} : la formule {plan}.',
  'plan.change': 'Changer de formule',
  'plan.choose': 'Formule',
  'plan.submit': 'Changer de formule',
  'plan.changed': 'Formule changée.',
  'plan.upgradeNote':
    'Une formule plus chère s’applique tout de suite (le reste de la période au prorata) ; une moins chère, ou la Gratuite, à la fin de la période.',
  'plan.seePlans': 'Voir les formules',
});
