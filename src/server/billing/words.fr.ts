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
  billing_managers_only: 'Seuls les propriétaires et administrateurs de {organisation} peuvent voir et modifier sa facturation.',
  credits_need_trading_member:
    '{organisation} n’est pas un membre commerçant approuvé du réseau : elle ne peut pas encore payer en crédits. Faites d’abord une demande d’adhésion au réseau.',
  invoice_not_found: 'Cette organisation n’a pas de facture {number}.',
  invoice_already_paid: 'La facture {number} est déjà payée.',
  payment_exceeds_due: 'Il ne reste que {due} à payer sur la facture {number} : enregistrez au plus ce montant.',
  credits_unavailable:
    'La facture {number} ne peut pas être payée en crédits : le compte commercial de l’organisation, ou celui de la coopérative, n’est pas ouvert aux paiements.',
  credits_insufficient: 'Il n’y a pas assez de crédits pour payer la facture {number} : {available} disponibles.',
  credits_exceed_due: 'Il ne reste que {due} à payer sur la facture {number}.',
  invoice_number_not_found: 'Il n’y a pas de facture {number}.',
  currency_mismatch: 'La facture {number} est en {currency} : enregistrez le paiement dans cette devise.',
  bank_line_not_found: 'Aucune ligne de relevé de ce genre n’attend d’être attribuée.',
  treasurers_only: 'Seuls les trésoriers de la coopérative (ses opérateurs) peuvent enregistrer des paiements et importer des relevés.',
  statement_missing: 'Envoyez le fichier du relevé bancaire (CSV ou XML camt.053) comme corps de la requête.',
  invoice_issued_subject: 'Facture {number} pour {organisation}',
  invoice_issued_text:
    'Bonjour,\n\nVoici la facture {number} pour {organisation} en pièce jointe : {amount}, à payer au plus tard le {dueDate}.\n\nPayez par virement en indiquant la référence {reference}{credits, select, other { — ou en crédits : {credits}} none {}}.\n\nConsultez-la, payez en crédits ou téléchargez-la à nouveau : {link}\n\nMerci de faire partie de la coopérative.',
  invoice_reminder_subject: 'Rappel : la facture {number} pour {organisation} est impayée',
  invoice_reminder_text:
    'Bonjour,\n\nLa facture {number} pour {organisation} était à payer le {dueDate}, et {amount} restent impayés. Elle est à nouveau jointe.\n\nPayez par virement en indiquant la référence {reference}, ou en crédits depuis la page de la facture : {link}\n\nSi elle reste impayée, vos réunions suivent les limites de la formule Gratuite jusqu’à son paiement. Vos salles, vos données et vos accès restent intacts. Écrivez-nous si quelque chose ne va pas.',
  price_change_subject: 'Le prix de la formule {plan} change',
  price_change_text:
    'Bonjour,\n\nLes opérateurs de la coopérative ont changé le prix de la formule {plan} à laquelle {organisation} est abonnée : {before} devient {after} par période ({creditsBefore} devient {creditsAfter} en crédits). Le nouveau prix s’applique à partir de votre prochaine période, qui commence le {from} ; rien ne change d’ici là.\n\nChangez ou résiliez votre formule à tout moment : {link}',
  finances_members_only:
    'Les comptes de la coopérative sont ouverts à ses membres : les personnes des organisations abonnées, et ses opérateurs.',
  credit_key_reused: 'Ce formulaire de paiement a déjà servi pour un autre montant : rechargez la facture et payez à nouveau.',
  invoice_plan_line: 'Formule {plan}, du {from} au {to}',
  invoice_upgrade_line: 'Passage de {from} à {to} le {on} : {days, plural, one {# jour} other {# jours}} sur {periodDays}',
});
