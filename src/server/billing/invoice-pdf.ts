/**
 * An invoice as a PDF (A4, pdfkit): the co-op and the buyer, the invoice's number and dates, its
 * lines and totals (and its price in credits), how to pay it — account, IBAN, reference, and an
 * EPC QR code while euros are due — and whether it is paid. Every label comes from `invoiceWords`,
 * every number and date from `invoice-format.ts`, in the document's language.
 *
 * Text is set in pdfkit's built-in Helvetica, whose encoding is WinAnsi (Windows-1252): it has `€`,
 * `’`, `–` and the accents of French, not the narrow and no-break spaces French number formatting
 * writes (they become plain spaces); any other letter outside it loses its accent (`ń` → `n`, `Ł` → `L`),
 * and any other character becomes `?`. Embedding a font would lift that.
 *
 * The output is deterministic: the PDF's dates are the invoice's issue time.
 */
import PDFDocument from 'pdfkit';
import type { Language } from '../../shared/languages.js';
import { serverLocale } from '../platform/words.js';
import { printedReference } from './creditor-reference.js';
import { epcQrApplies, epcQrPayload, epcQrPng } from './epc-qr.js';
import type { InvoiceDocument, InvoiceParty } from './invoice-document.js';
import { formatCredits, formatDate, formatMoney, formatTaxRate } from './invoice-format.js';
import { invoiceWords } from './invoice-words.js';

const page = { left: 50, right: 545, top: 50, bottom: 792 };
const ink = '#1a1a1a';
const muted = '#5f6368';
const rule = '#c8c8c8';
const paidGreen = '#1e7b34';
const qrSizePt = 112;
/** Columns of the lines' table: x and width in points, and alignment. */
const columns = [
  { x: 50, width: 200, align: 'left' },
  { x: 250, width: 75, align: 'right' },
  { x: 325, width: 70, align: 'right' },
  { x: 395, width: 70, align: 'right' },
  { x: 465, width: 80, align: 'right' },
] as const;

type Pdf = PDFKit.PDFDocument;

/**
 * `document` as a PDF file: A4, its title `Invoice <number>` (in its language), its author the
 * seller, its creation date its issue time. The EPC QR code is drawn only when `bank` is set, the
 * currency is EUR and money is still due (`settlement.dueMoneyMinor` > 0).
 */
export async function renderInvoicePdf(document: InvoiceDocument): Promise<Buffer> {
  const { language } = document;
  const title = invoiceWords.in(language, 'invoice_title', { number: document.number });
  const issuedAt = new Date(document.issuedAtMs);
  const qrPng = await paymentQrCode(document);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: page.top, bottom: 50, left: page.left, right: 50 },
    lang: serverLocale[language],
    displayTitle: true,
    info: { Title: title, Author: document.seller.name, CreationDate: issuedAt, ModDate: issuedAt },
  });
  const done = collect(pdf);

  let y = drawHeader(pdf, document, title);
  y = drawParty(pdf, document.buyer, invoiceWords.in(language, 'billed_to'), page.left, y + 24, 260, language) + 24;
  y = drawLines(pdf, document, y);
  y = drawTotals(pdf, document, y + 8);
  drawPayment(pdf, document, y + 28, qrPng);
  pdf.end();
  return done;
}

/** Letters whose accent is not a combining mark, written without it. */
const lettersWithoutDecomposition: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h' };

/** `text` in characters Helvetica's WinAnsi encoding has (see the module's comment). */
function pdfText(text: string): string {
  return text
    .replace(/[\u00a0\u202f\u2007\u2009]/g, ' ')
    .replace(/[^\n\u0020-\u007e\u00a0-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu, (character) => {
      const bare = (lettersWithoutDecomposition[character] ?? character).normalize('NFD').replace(/\p{M}/gu, '');
      return /^[\u0020-\u007e\u00a0-\u00ff]+$/.test(bare) ? bare : '?';
    });
}

/** Writes `text` at (`x`, `y`) within `width`; returns the y below it. */
function write(pdf: Pdf, text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
  pdf
    .font(style.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(style.size ?? 10)
    .fillColor(style.color ?? ink);
  const clean = pdfText(text);
  const options = { width, align: style.align ?? 'left', lineGap: 1 };
  pdf.text(clean, x, y, options);
  return y + pdf.heightOfString(clean, options);
}

interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: string;
  align?: 'left' | 'right' | 'center';
}

/** The seller's block on the left, the title, dates and period on the right; returns the y below both. */
function drawHeader(pdf: Pdf, document: InvoiceDocument, title: string): number {
  const { language } = document;
  const sellerBottom = drawParty(pdf, document.seller, null, page.left, page.top, 240, language);
  let y = write(pdf, title, 300, page.top, page.right - 300, { bold: true, size: 20, align: 'right' }) + 8;
  const period = invoiceWords.in(language, 'period_range', {
    start: formatDate(document.periodStartMs, language),
    end: formatDate(document.periodEndMs, language),
  });
  const facts: [string, string][] = [
    [invoiceWords.in(language, 'issued_on'), formatDate(document.issuedAtMs, language)],
    [invoiceWords.in(language, 'due_on'), formatDate(document.dueAtMs, language)],
    [invoiceWords.in(language, 'period'), period],
  ];
  for (const [label, value] of facts) {
    const labelBottom = write(pdf, label, 300, y, 90, { size: 9, color: muted });
    y = Math.max(labelBottom, write(pdf, value, 390, y, page.right - 390, { size: 9, align: 'right' })) + 3;
  }
  return Math.max(sellerBottom, y);
}

/** A party's block (under `heading` when given): name, address, tax number, email; returns the y below it. */
function drawParty(
  pdf: Pdf,
  party: InvoiceParty,
  heading: string | null,
  x: number,
  top: number,
  width: number,
  language: Language,
): number {
  let y = heading === null ? top : write(pdf, heading, x, top, width, { size: 9, color: muted }) + 2;
  y = write(pdf, party.name, x, y, width, { bold: true, size: 11 }) + 2;
  for (const line of party.addressLines) y = write(pdf, line, x, y, width, { size: 9 });
  if (party.taxId !== null) y = write(pdf, invoiceWords.in(language, 'tax_id', { taxId: party.taxId }), x, y, width, { size: 9 });
  if (party.email !== null) y = write(pdf, party.email, x, y, width, { size: 9, color: muted });
  return y;
}

/** The table of lines, continued on new pages when long; returns the y below it. */
function drawLines(pdf: Pdf, document: InvoiceDocument, top: number): number {
  const { language, currency } = document;
  const headings = (['column_description', 'column_net', 'column_tax_rate', 'column_tax', 'column_gross'] as const).map((key) =>
    invoiceWords.in(language, key),
  );
  const drawRow = (cells: string[], y: number, style: TextStyle): number =>
    Math.max(
      ...cells.map((cell, index) =>
        write(pdf, cell, columns[index]?.x ?? 0, y, columns[index]?.width ?? 0, { ...style, align: columns[index]?.align }),
      ),
    );
  const drawHeadings = (y: number): number => {
    const bottom = drawRow(headings, y, { bold: true, size: 9 }) + 4;
    pdf.moveTo(page.left, bottom).lineTo(page.right, bottom).lineWidth(0.8).strokeColor(ink).stroke();
    return bottom + 6;
  };
  let y = drawHeadings(top);
  for (const line of document.lines) {
    const cells = [
      line.description,
      formatMoney(line.netMinor, currency, language),
      formatTaxRate(line.taxRateBasisPoints, language),
      formatMoney(line.taxMinor, currency, language),
      formatMoney(line.grossMinor, currency, language),
    ];
    pdf.fontSize(10);
    if (y + pdf.heightOfString(pdfText(line.description), { width: columns[0].width }) > page.bottom - 40) {
      pdf.addPage();
      y = drawHeadings(page.top);
    }
    y = drawRow(cells, y, {}) + 5;
    pdf.moveTo(page.left, y).lineTo(page.right, y).lineWidth(0.4).strokeColor(rule).stroke();
    y += 6;
  }
  return y;
}

/** Net, tax and gross totals, the price in credits, and what is due or the Paid stamp; returns the y below. */
function drawTotals(pdf: Pdf, document: InvoiceDocument, top: number): number {
  const { language, currency, settlement } = document;
  if (top > page.bottom - 130) {
    pdf.addPage();
    top = page.top;
  }
  const x = 335;
  const width = page.right - x;
  const totals: [string, bigint, TextStyle][] = [
    [invoiceWords.in(language, 'total_net'), document.netMinor, {}],
    [invoiceWords.in(language, 'total_tax'), document.taxMinor, {}],
    [invoiceWords.in(language, 'total_gross'), document.grossMinor, { bold: true, size: 12 }],
  ];
  let y = top;
  for (const [label, amount, style] of totals) {
    write(pdf, label, x, y, width, style);
    y = write(pdf, formatMoney(amount, currency, language), x, y, width, { ...style, align: 'right' }) + 4;
  }
  if (document.credit !== null) {
    const { grossMinor, scale, currencyName } = document.credit;
    const credits = formatCredits(grossMinor, scale, currencyName, language);
    y = write(pdf, invoiceWords.in(language, 'or_credits', { credits }), x, y, width, { size: 9, color: muted, align: 'right' }) + 4;
  }
  if (settlement.status === 'paid') {
    drawPaidStamp(pdf, invoiceWords.in(language, 'paid'), top);
    return y;
  }
  const received: string[] = [];
  if (settlement.paidMoneyMinor > 0n) received.push(formatMoney(settlement.paidMoneyMinor, currency, language));
  if (settlement.paidCreditMinor > 0n && document.credit !== null) {
    received.push(formatCredits(settlement.paidCreditMinor, document.credit.scale, document.credit.currencyName, language));
  }
  if (received.length > 0)
    y = write(pdf, invoiceWords.in(language, 'received', { amount: received.join(' + ') }), x, y, width, { size: 9, align: 'right' }) + 2;
  const due = invoiceWords.in(language, 'amount_due', { amount: formatMoney(settlement.dueMoneyMinor, currency, language) });
  return write(pdf, due, x, y + 4, width, { bold: true, size: 12, align: 'right' });
}

/** A tilted "Paid" stamp to the left of the totals. */
function drawPaidStamp(pdf: Pdf, label: string, top: number): void {
  const center = { x: 170, y: top + 40 };
  pdf.save().rotate(-12, { origin: [center.x, center.y] });
  pdf
    .roundedRect(center.x - 80, center.y - 24, 160, 48, 6)
    .lineWidth(3)
    .strokeColor(paidGreen)
    .stroke();
  write(pdf, label, center.x - 80, center.y - 13, 160, { bold: true, size: 24, color: paidGreen, align: 'center' });
  pdf.restore();
}

/** The EPC QR code's PNG when one belongs on `document` (see `renderInvoicePdf`), else null. */
async function paymentQrCode(document: InvoiceDocument): Promise<Buffer | null> {
  const { bank, currency, settlement } = document;
  if (bank === null || !epcQrApplies(currency, settlement.dueMoneyMinor)) return null;
  const note = invoiceWords.in(document.language, 'invoice_title', { number: document.number });
  return epcQrPng(epcQrPayload({ bank, amountMinor: settlement.dueMoneyMinor, currency, reference: document.reference, note }));
}

/** How to pay: account holder, IBAN and BIC (when the co-op has a bank account), the reference, and the QR code. */
function drawPayment(pdf: Pdf, document: InvoiceDocument, top: number, qrPng: Buffer | null): void {
  const { language, bank } = document;
  if (top > page.bottom - 170) {
    pdf.addPage();
    top = page.top;
  }
  let y = write(pdf, invoiceWords.in(language, 'payment'), page.left, top, 300, { bold: true, size: 12 }) + 4;
  pdf.moveTo(page.left, y).lineTo(page.right, y).lineWidth(0.8).strokeColor(ink).stroke();
  y += 8;
  const rows: [string, string][] = [];
  if (bank !== null) {
    rows.push([invoiceWords.in(language, 'account_holder'), bank.holder], [invoiceWords.in(language, 'iban'), printedReference(bank.iban)]);
    if (bank.bic !== null) rows.push([invoiceWords.in(language, 'bic'), bank.bic]);
  }
  rows.push([invoiceWords.in(language, 'reference'), printedReference(document.reference)]);
  const valueX = page.left + 110;
  const valueWidth = (qrPng === null ? page.right : page.right - qrSizePt - 20) - valueX;
  for (const [label, value] of rows) {
    write(pdf, label, page.left, y, 105, { size: 9, color: muted });
    y = write(pdf, value, valueX, y, valueWidth, { bold: true, size: 10 }) + 4;
  }
  write(pdf, invoiceWords.in(language, 'reference_hint'), page.left, y + 2, valueX + valueWidth - page.left, { size: 9, color: muted });
  if (qrPng !== null) {
    const x = page.right - qrSizePt;
    pdf.image(qrPng, x, top + 26, { width: qrSizePt, height: qrSizePt });
    write(pdf, invoiceWords.in(language, 'qr_hint'), x, top + 30 + qrSizePt, qrSizePt, { size: 7, color: muted, align: 'center' });
  }
}

/** The bytes pdfkit writes, once it has ended. */
function collect(pdf: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}
