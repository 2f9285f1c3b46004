/** The words of an invoice (its PDF, HTML page and email), in ICU messages (French in `invoice-words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { invoiceFrench } from './invoice-words.fr.js';

export const invoiceEnglish = {
  invoice_title: 'Invoice {number}',
  issued_on: 'Issue date',
  due_on: 'Due date',
  period: 'Period',
  period_range: '{start} – {end}',
  billed_to: 'Billed to',
  tax_id: 'VAT number: {taxId}',
  column_description: 'Description',
  column_net: 'Net',
  column_tax_rate: 'VAT rate',
  column_tax: 'VAT',
  column_gross: 'Gross',
  total_net: 'Total net',
  total_tax: 'Total VAT',
  total_gross: 'Total',
  or_credits: 'or {credits}',
  payment: 'Payment',
  account_holder: 'Account holder',
  iban: 'IBAN',
  bic: 'BIC',
  reference: 'Reference',
  reference_hint: 'Please quote this reference with your payment.',
  qr_hint: 'Scan with your banking app to pay by SEPA transfer.',
  paid: 'Paid',
  amount_due: 'Due: {amount}',
  received: 'Received: {amount}',
} as const;

/** The invoice's catalogue: `invoiceWords.in(language, 'invoice_title', { number })`. */
export const invoiceWords = defineWords('invoice', invoiceEnglish, { fr: invoiceFrench });
