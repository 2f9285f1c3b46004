import { translation } from '../../shared/icu.js';
import type { billingEnglish } from './words.js';

export const billingFrench = translation<typeof billingEnglish>()({
  plan_not_found: 'Cette formule n’existe pas.',
  plan_quoted: 'Le prix de la formule {plan} est établi sur devis par la coopérative : demandez un devis à ses opérateurs.',
  plan_unchanged: '{organisation} a déjà la formule {plan}.',
  plan_has_subscribers:
    'La formule {plan} a {count, plural, one {# abonné} other {# abonnés}} : ses limites ne peuvent pas être abaissées, ni sa période changée, tant que quelqu’un les paie. Créez plutôt une nouvelle formule.',
  free_stays_free: 'La formule Gratuite reste gratuite : c’est celle à laquelle toute organisation revient.',
  organisation_not_found: 'Vous n’appartenez à aucune organisation de ce nom.',
  managers_only: 'Seuls les propriétaires et administrateurs de {organisation} peuvent changer sa formule.',
  operators_only: 'Seuls les opérateurs de la coopérative peuvent modifier les formules.',
});
