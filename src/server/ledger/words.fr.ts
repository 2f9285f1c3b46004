import { translation } from '../../shared/icu.js';
import type { ledgerEnglish } from './words.js';

export const ledgerFrench = translation<typeof ledgerEnglish>()({
  exists_with_different_fields: 'Un élément avec cet identifiant existe déjà, avec d’autres champs.',
  currency_not_found: 'Aucune monnaie n’a ce code.',
  account_not_found: 'Aucun compte n’a cet identifiant.',
  account_closed: 'Ce compte est clôturé ; il ne peut plus changer.',
  lower_limit_must_not_be_positive: 'La limite inférieure doit être nulle ou négative : les comptes commencent à zéro.',
  upper_limit_must_not_be_negative: 'La limite supérieure doit être nulle ou positive : les comptes commencent à zéro.',
  balance_outside_new_limits: 'Le solde du compte, en comptant les virements en attente, sortirait des nouvelles limites.',
  account_must_be_settled_to_close: 'Seul un compte au solde nul et sans virement en attente peut être clôturé.',
  transfer_not_found: 'Aucun virement n’a cet identifiant.',
});
