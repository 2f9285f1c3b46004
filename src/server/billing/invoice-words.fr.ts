import { translation } from '../../shared/icu.js';
import type { invoiceEnglish } from './invoice-words.js';

/** The invoice's words in French (a no-break space before each colon). */
export const invoiceFrench = translation<typeof invoiceEnglish>()({
  invoice_title: 'Facture {number}',
  issued_on: 'Date d’émission',
  due_on: 'Échéance',
  period: 'Période',
  period_range: 'du {start} au {end}',
  billed_to: 'Facturé à',
  tax_id: 'N° de TVA\u00a0: {taxId}',
  column_description: 'Désignation',
  column_net: 'HT',
  column_tax_rate: 'Taux de TVA',
  column_tax: 'TVA',
  column_gross: 'TTC',
  total_net: 'Total HT',
  total_tax: 'Total TVA',
  total_gross: 'Total TTC',
  or_credits: 'ou {credits}',
  payment: 'Paiement',
  account_holder: 'Titulaire du compte',
  iban: 'IBAN',
  bic: 'BIC',
  reference: 'Référence',
  reference_hint: 'Merci d’indiquer cette référence avec votre paiement.',
  qr_hint: 'Scannez ce code avec votre application bancaire pour payer par virement SEPA.',
  paid: 'Payée',
  amount_due: 'Reste à payer\u00a0: {amount}',
  received: 'Déjà reçu\u00a0: {amount}',
});
