import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { InvoiceDocument, InvoiceLine } from './invoice-document.js';
import { renderInvoicePdf } from './invoice-pdf.js';

const line = (description: string, netMinor: bigint): InvoiceLine => {
  const taxMinor = (netMinor * 21n) / 100n;
  return {
    description,
    netMinor,
    taxRateBasisPoints: 2100,
    taxMinor,
    grossMinor: netMinor + taxMinor,
    creditGrossMinor: netMinor + taxMinor,
  };
};

const sample: InvoiceDocument = {
  number: '2027-000042',
  language: 'en',
  issuedAtMs: Date.UTC(2027, 2, 1, 9, 30),
  dueAtMs: Date.UTC(2027, 2, 15),
  periodStartMs: Date.UTC(2027, 2, 1),
  periodEndMs: Date.UTC(2027, 3, 1),
  seller: {
    name: 'Plenary Co-operative SCRL',
    addressLines: ['Rue de la Loi 16', '1000 Bruxelles', 'Belgique'],
    taxId: 'BE0123456789',
    email: 'billing@plenary.coop',
  },
  buyer: { name: 'Les Amis de la Forêt ASBL', addressLines: ['Chaussée de Wavre 12', '1050 Ixelles'], taxId: null, email: null },
  currency: 'EUR',
  lines: [line('Level 2 plan, 1 Mar 2027 – 1 Apr 2027', 123400n), line('Upgrade to Level 2, 12 days', 1000n)],
  netMinor: 124400n,
  taxMinor: 26124n,
  grossMinor: 150524n,
  credit: { currencyName: 'credits', scale: 2, grossMinor: 150524n },
  reference: 'RF18539007547034',
  bank: { holder: 'Plenary Co-operative SCRL', iban: 'BE71096123456769', bic: 'GKCCBEBB' },
  settlement: { status: 'open', paidMoneyMinor: 0n, paidCreditMinor: 0n, dueMoneyMinor: 150524n },
};

const paid: InvoiceDocument = {
  ...sample,
  settlement: { status: 'paid', paidMoneyMinor: 150524n, paidCreditMinor: 0n, dueMoneyMinor: 0n },
};

interface ReadPdf {
  /** Every page's text, its pieces joined by spaces. */
  text: string;
  pages: number;
  /** Images drawn, over all pages. */
  images: number;
  info: Record<string, unknown>;
}

/** `pdf` read back by PDF.js: its text, page count, images drawn and document information. */
async function readPdf(pdf: Buffer): Promise<ReadPdf> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  const texts: string[] = [];
  let images = 0;
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    const operators = await page.getOperatorList();
    images += operators.fnArray.filter((operator) => operator === OPS.paintImageXObject).length;
  }
  const { info } = await document.getMetadata();
  const pages = document.numPages;
  await document.destroy();
  return { text: texts.join('\n').replace(/\s+/g, ' '), pages, images, info: info as Record<string, unknown> };
}

describe('renderInvoicePdf', () => {
  it('renders an open invoice in English with its parties, lines, totals, payment details and one QR code', async () => {
    const pdf = await renderInvoicePdf(sample);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await readPdf(pdf);
    for (const expected of [
      'Invoice 2027-000042',
      'Plenary Co-operative SCRL',
      'Les Amis de la Forêt ASBL',
      'Chaussée de Wavre 12',
      'Issue date',
      '1 March 2027',
      '15 March 2027',
      '1 March 2027 – 1 April 2027',
      'Level 2 plan, 1 Mar 2027 – 1 Apr 2027',
      '€1,234.00',
      '21%',
      '€1,505.24',
      'or 1,505.24 credits',
      'Due: €1,505.24',
      'BE71 0961 2345 6769',
      'GKCCBEBB',
      'RF18 5390 0754 7034',
    ]) {
      expect(read.text).toContain(expected);
    }
    expect(read.text).not.toContain('Paid');
    expect(read.images).toBe(1);
    expect(read.info.Title).toBe('Invoice 2027-000042');
    expect(read.info.Author).toBe('Plenary Co-operative SCRL');
    expect(read.info.CreationDate).toBe('D:20270301093000Z');
  });

  it('renders in French with French words, numbers and dates, their narrow spaces made plain', async () => {
    const read = await readPdf(
      await renderInvoicePdf({ ...sample, language: 'fr', credit: { currencyName: 'crédits', scale: 2, grossMinor: 150524n } }),
    );
    for (const expected of [
      'Facture 2027-000042',
      'Échéance',
      'Date d’émission',
      'du 1 mars 2027 au 1 avril 2027',
      'Désignation',
      'Total TTC',
      '1 505,24 €',
      'ou 1 505,24 crédits',
      'Reste à payer : 1 505,24 €',
      'Référence',
      'RF18 5390 0754 7034',
      'BE71 0961 2345 6769',
    ]) {
      expect(read.text).toContain(expected);
    }
    expect(read.text).not.toMatch(/[\u00a0\u202f]/);
    expect(read.info.Title).toBe('Facture 2027-000042');
  });

  it('stamps a paid invoice Paid, with no QR code and nothing due', async () => {
    const read = await readPdf(await renderInvoicePdf(paid));
    expect(read.text).toContain('Paid');
    expect(read.text).toContain('RF18 5390 0754 7034');
    expect(read.text).not.toContain('Due:');
    expect(read.images).toBe(0);
  });

  it('draws no QR code for another currency, and no bank details without a bank account', async () => {
    const pounds = await readPdf(await renderInvoicePdf({ ...sample, currency: 'GBP' }));
    expect(pounds.text).toContain('Due: £1,505.24');
    expect(pounds.text).toContain('BE71 0961 2345 6769');
    expect(pounds.images).toBe(0);
    const creditsOnly = await readPdf(await renderInvoicePdf({ ...sample, bank: null }));
    expect(creditsOnly.text).not.toContain('IBAN');
    expect(creditsOnly.text).toContain('RF18 5390 0754 7034');
    expect(creditsOnly.images).toBe(0);
  });

  it('shows what was received on a partly paid invoice', async () => {
    const settlement = { status: 'open', paidMoneyMinor: 50000n, paidCreditMinor: 10000n, dueMoneyMinor: 100524n } as const;
    const read = await readPdf(await renderInvoicePdf({ ...sample, settlement }));
    expect(read.text).toContain('Received: €500.00 + 100.00 credits');
    expect(read.text).toContain('Due: €1,005.24');
  });

  it('continues a long table on new pages, every line written once', async () => {
    const lines = Array.from({ length: 60 }, (_, index) => line(`Meeting room ${index + 1}`, 100n));
    const read = await readPdf(await renderInvoicePdf({ ...sample, lines }));
    expect(read.pages).toBeGreaterThan(1);
    for (let index = 1; index <= 60; index++) expect(read.text.match(new RegExp(`Meeting room ${index} `, 'g'))).toHaveLength(1);
  });

  it('writes names outside Helvetica’s encoding without the accents it lacks', async () => {
    const read = await readPdf(await renderInvoicePdf({ ...sample, buyer: { ...sample.buyer, name: 'Spółdzielnia Łódź 🌲' } }));
    expect(read.text).toContain('Spóldzielnia Lódz ?');
  });

  it('makes the same bytes every time for the same invoice', async () => {
    const [first, second] = await Promise.all([renderInvoicePdf(sample), renderInvoicePdf(sample)]);
    expect(first.equals(second)).toBe(true);
  });
});
