import { describe, expect, it } from 'vitest';
import { parseStatementCsv, readCsvAmount } from './csv.js';
import { parseBankStatement } from './index.js';
import { type BankStatementLine, type StatementParseResult, statementLimits } from './statement-line.js';

function linesOf(result: StatementParseResult): BankStatementLine[] {
  if (!result.ok) throw new Error(`expected lines, got ${result.code}: ${result.message}`);
  return result.lines;
}

/** A French bank's export: semicolons, decimal commas, DD/MM/YYYY dates, a signed amount. */
const frenchExport = [
  'Date;Libellé;Montant;Devise;Tiers;IBAN',
  '02/11/2026;"Facture RF18 5390 0754 7034; merci";1 234,56;EUR;Dupont & Fils;FR76 3000 6000 0112 3456 7890 189',
  '03.11.2026;Loyer serveur;-49,90;EUR;Hosting SARL;',
  '',
  '04/11/2026;Cotisation rf88 2026 0042;12,5;eur;Jeanne Martin;',
].join('\r\n');

describe('parseStatementCsv', () => {
  it('reads semicolons, decimal commas, European dates and signs as directions', () => {
    const lines = linesOf(parseStatementCsv(frenchExport));
    expect(lines.map(({ bookedOn, direction, amountMinor, currency }) => [bookedOn, direction, amountMinor, currency])).toEqual([
      ['2026-11-02', 'credit', 123456n, 'EUR'],
      ['2026-11-03', 'debit', 4990n, 'EUR'],
      ['2026-11-04', 'credit', 1250n, 'EUR'],
    ]);
  });

  it('finds RF references in the remittance and keeps the counterparty', () => {
    const lines = linesOf(parseStatementCsv(frenchExport));
    expect(lines[0]).toMatchObject({
      reference: 'RF18539007547034',
      remittance: 'Facture RF18 5390 0754 7034; merci',
      counterpartyName: 'Dupont & Fils',
      counterpartyIban: 'FR7630006000011234567890189',
    });
    expect(lines[1]).toMatchObject({ reference: null, counterpartyIban: null });
    expect(lines[2]?.reference).toBe('RF8820260042');
  });

  it('gives stable hashed ids when the bank gives none', () => {
    const first = linesOf(parseStatementCsv(frenchExport)).map((line) => line.bankLineId);
    const again = linesOf(parseStatementCsv(frenchExport)).map((line) => line.bankLineId);
    expect(again).toEqual(first);
    expect(first.every((id) => /^sha256:[0-9a-f]{64}$/.test(id))).toBe(true);
  });

  it('keeps two identical payments as two lines with distinct ids', () => {
    const csv = 'date,amount,description\n2026-11-02,10.00,Coffee\n2026-11-02,10.00,Coffee\n';
    const ids = linesOf(parseStatementCsv(csv)).map((line) => line.bankLineId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(`${ids[0]}#2`);
  });

  it('reads comma-delimited English columns with a credit and debit pair, a currency and a transaction id', () => {
    const csv = [
      'Booking Date,Transaction ID,Paid in,Paid out,Currency,Payment reference,Counterparty name',
      '2026-11-05,TX-1,"1,250.00",,GBP,Invoice RF18539007547034,Acme Ltd',
      '2026-11-06,TX-2,,20.00,GBP,Bank fee,',
    ].join('\n');
    expect(linesOf(parseStatementCsv(csv))).toEqual([
      {
        bankLineId: 'TX-1',
        bookedOn: '2026-11-05',
        direction: 'credit',
        amountMinor: 125000n,
        currency: 'GBP',
        reference: 'RF18539007547034',
        remittance: 'Invoice RF18539007547034',
        counterpartyName: 'Acme Ltd',
        counterpartyIban: null,
      },
      {
        bankLineId: 'TX-2',
        bookedOn: '2026-11-06',
        direction: 'debit',
        amountMinor: 2000n,
        currency: 'GBP',
        reference: null,
        remittance: 'Bank fee',
        counterpartyName: null,
        counterpartyIban: null,
      },
    ]);
  });

  it('refuses a file without a header row', () => {
    const result = parseStatementCsv('2026-11-02;12,50;Facture\n2026-11-03;10,00;Autre\n');
    expect(result).toMatchObject({ ok: false, code: 'statement_csv_header_missing', lineNumber: 1 });
  });

  it('refuses an empty file as lacking a header', () => {
    expect(parseStatementCsv('\n\n')).toMatchObject({ ok: false, code: 'statement_csv_header_missing' });
  });

  it('names the line of a bad date, counting blank lines and line breaks inside quotes', () => {
    const csv = 'date;amount;details\n2026-11-02;1,00;"two\nlines"\n\n31/04/2026;2,00;April has 30 days\n';
    const result = parseStatementCsv(csv);
    expect(result).toMatchObject({ ok: false, code: 'statement_date_invalid', lineNumber: 5 });
    expect(result.ok === false && result.message).toContain('Line 5');
  });

  it('names the line of a bad amount', () => {
    expect(parseStatementCsv('date,amount\n2026-11-02,12.345\n')).toMatchObject({
      ok: false,
      code: 'statement_amount_invalid',
      lineNumber: 2,
    });
    expect(parseStatementCsv('date;amount\n2026-11-02;1e3\n')).toMatchObject({
      ok: false,
      code: 'statement_amount_invalid',
      lineNumber: 2,
    });
  });

  it('refuses more lines than the limit', () => {
    const csv = `date,amount\n${'2026-11-02,1.00\n'.repeat(statementLimits.linesMax + 1)}`;
    expect(parseStatementCsv(csv)).toMatchObject({ ok: false, code: 'statement_too_many_lines' });
  });

  it('refuses an unclosed quote as malformed', () => {
    expect(parseStatementCsv('date,amount,details\n2026-11-02,1.00,"open\n')).toMatchObject({ ok: false, code: 'statement_malformed' });
  });
});

describe('readCsvAmount', () => {
  it.each([
    ['12,50', 1250n],
    ['12.5', 1250n],
    ['1.234,56', 123456n],
    ['1,234.56', 123456n],
    ['1 234,56', 123456n],
    ['1.234.567', 123456700n],
    ['-0,99', 99n],
  ])('reads "%s" as %s cents', (text, amountMinor) => {
    expect(readCsvAmount(text, 2)).toEqual({ negative: text.startsWith('-'), amountMinor });
  });

  it.each(['1,234', '1.234', '1,2,3', '12.34.5', '1e3', 'abc', '', '0,00', '12,345'])('refuses "%s"', (text) => {
    expect(typeof readCsvAmount(text, 2)).toBe('string');
  });
});

describe('parseBankStatement', () => {
  it('tells camt.053 from CSV by the first non-blank character', () => {
    const xml = Buffer.from('\n  <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>');
    expect(parseBankStatement(xml, 'statement.xml')).toMatchObject({ ok: false, code: 'statement_not_camt053' });
    expect(linesOf(parseBankStatement(Buffer.from(frenchExport, 'utf8'), 'export.csv'))).toHaveLength(3);
  });

  it('reads a Windows-1252 CSV as such', () => {
    const latin = Buffer.from('Date;Libell\xe9;Montant\n02/11/2026;Re\xe7u RF18539007547034;5,00\n', 'latin1');
    expect(linesOf(parseBankStatement(latin, undefined))[0]).toMatchObject({ remittance: 'Reçu RF18539007547034', amountMinor: 500n });
  });
});
