import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinorAmount, parseDecimalAmount } from './amounts.js';
import { parseCamt053 } from './camt053.js';
import { type BankStatementLine, type StatementParseResult, statementLimits } from './statement-line.js';

function camt(entries: string, version = '02'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-20261102</MsgId><CreDtTm>2026-11-03T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-2026-11-02</Id>
      <CreDtTm>2026-11-03T06:00:00</CreDtTm>
      <Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy></Acct>
      ${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
}

function entry(options: {
  amount: string;
  currency?: string;
  status?: string;
  indicator?: string;
  details?: string;
  reference?: string;
}): string {
  return `<Ntry>
  ${options.reference === undefined ? '' : `<AcctSvcrRef>${options.reference}</AcctSvcrRef>`}
  <Amt Ccy="${options.currency ?? 'EUR'}">${options.amount}</Amt>
  <CdtDbtInd>${options.indicator ?? 'CRDT'}</CdtDbtInd>
  <Sts>${options.status ?? 'BOOK'}</Sts>
  <BookgDt><Dt>2026-11-02</Dt></BookgDt>
  <ValDt><Dt>2026-11-02</Dt></ValDt>
  <BkTxCd><Prtry><Cd>NTRF</Cd></Prtry></BkTxCd>
  ${options.details ?? ''}
</Ntry>`;
}

/** A day of a co-op's account in camt.053.001.02: five entries, one pending, one a batch of two. */
const statement002 = camt(`
<Ntry>
  <Amt Ccy="EUR">120.00</Amt>
  <CdtDbtInd>CRDT</CdtDbtInd>
  <Sts>BOOK</Sts>
  <BookgDt><Dt>2026-11-02</Dt></BookgDt>
  <ValDt><Dt>2026-11-02</Dt></ValDt>
  <AcctSvcrRef>2026110200001</AcctSvcrRef>
  <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
  <NtryDtls><TxDtls>
    <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
    <AmtDtls><TxAmt><Amt Ccy="EUR">120.00</Amt></TxAmt></AmtDtls>
    <RltdPties>
      <Dbtr><Nm>Dupont &amp; Fils SCOP</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>BE71 0961 2345 6769</IBAN></Id></DbtrAcct>
      <Cdtr><Nm>Plenary SCIC</Nm></Cdtr>
    </RltdPties>
    <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>RF10 INV2 0260 01</Ref></CdtrRefInf></Strd></RmtInf>
  </TxDtls></NtryDtls>
</Ntry>
<Ntry>
  <Amt Ccy="EUR">12.5</Amt>
  <CdtDbtInd>CRDT</CdtDbtInd>
  <Sts>BOOK</Sts>
  <BookgDt><Dt>2026-11-02</Dt></BookgDt>
  <NtryDtls><TxDtls>
    <Refs><EndToEndId>E2E-7781</EndToEndId></Refs>
    <RltdPties><Dbtr><Nm>Jeanne Martin</Nm></Dbtr></RltdPties>
    <RmtInf><Ustrd>Facture rf80 INV2 0260 02 merci</Ustrd></RmtInf>
  </TxDtls></NtryDtls>
</Ntry>
<Ntry>
  <Amt Ccy="EUR">300.00</Amt>
  <CdtDbtInd>CRDT</CdtDbtInd>
  <Sts>BOOK</Sts>
  <BookgDt><Dt>2026-11-02</Dt></BookgDt>
  <AcctSvcrRef>BATCH-55</AcctSvcrRef>
  <NtryDtls>
    <Btch><NbOfTxs>2</NbOfTxs></Btch>
    <TxDtls>
      <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
      <AmtDtls><TxAmt><Amt Ccy="EUR">100.00</Amt></TxAmt></AmtDtls>
      <RltdPties><Dbtr><Nm>Cooperative Sud</Nm></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct></RltdPties>
      <RmtInf><Ustrd>Cotisation RF88 2026 0042</Ustrd></RmtInf>
    </TxDtls>
    <TxDtls>
      <AmtDtls><TxAmt><Amt Ccy="EUR">200.00</Amt></TxAmt></AmtDtls>
      <RltdPties><Dbtr><Nm>Atelier Nord</Nm></Dbtr></RltdPties>
      <RmtInf><Ustrd>Invoice RF19539007547034</Ustrd></RmtInf>
    </TxDtls>
  </NtryDtls>
</Ntry>
<Ntry>
  <Amt Ccy="EUR">49.90</Amt>
  <CdtDbtInd>DBIT</CdtDbtInd>
  <Sts>BOOK</Sts>
  <BookgDt><Dt>2026-11-02</Dt></BookgDt>
  <NtryDtls><TxDtls>
    <RltdPties>
      <Dbtr><Nm>Plenary SCIC</Nm></Dbtr>
      <Cdtr><Nm>Hosting SARL</Nm></Cdtr>
      <CdtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></CdtrAcct>
    </RltdPties>
    <RmtInf><Ustrd>Server rent November</Ustrd></RmtInf>
  </TxDtls></NtryDtls>
</Ntry>
<Ntry>
  <Amt Ccy="EUR">999.00</Amt>
  <CdtDbtInd>CRDT</CdtDbtInd>
  <Sts>PDNG</Sts>
  <BookgDt><Dt>2026-11-02</Dt></BookgDt>
  <AcctSvcrRef>PENDING-1</AcctSvcrRef>
</Ntry>`);

/** The same kind of day in camt.053.001.08: status as a code, party names under Pty, amounts on TxDtls. */
const statement008 = `<?xml version="1.0" encoding="UTF-8"?>
<camt:Document xmlns:camt="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <camt:BkToCstmrStmt>
    <camt:GrpHdr><camt:MsgId>M8</camt:MsgId><camt:CreDtTm>2026-11-03T06:00:00+01:00</camt:CreDtTm></camt:GrpHdr>
    <camt:Stmt>
      <camt:Id>S8-306</camt:Id>
      <camt:Acct><camt:Id><camt:IBAN>FR7630006000011234567890189</camt:IBAN></camt:Id></camt:Acct>
      <camt:Ntry>
        <camt:NtryRef>1</camt:NtryRef>
        <camt:Amt Ccy="EUR">75.00</camt:Amt>
        <camt:CdtDbtInd>CRDT</camt:CdtDbtInd>
        <camt:Sts><camt:Cd>BOOK</camt:Cd></camt:Sts>
        <camt:BookgDt><camt:DtTm>2026-11-02T14:35:00+01:00</camt:DtTm></camt:BookgDt>
        <camt:AcctSvcrRef>ACS-8-001</camt:AcctSvcrRef>
        <camt:NtryDtls><camt:TxDtls>
          <camt:Refs><camt:EndToEndId>INV-2026-0003</camt:EndToEndId></camt:Refs>
          <camt:Amt Ccy="EUR">75.00</camt:Amt>
          <camt:CdtDbtInd>CRDT</camt:CdtDbtInd>
          <camt:RltdPties>
            <camt:Dbtr><camt:Pty><camt:Nm>Les Communs</camt:Nm></camt:Pty></camt:Dbtr>
            <camt:DbtrAcct><camt:Id><camt:IBAN>NL91ABNA0417164300</camt:IBAN></camt:Id></camt:DbtrAcct>
          </camt:RltdPties>
          <camt:RmtInf><camt:Ustrd>Payment RF79PLENARY7</camt:Ustrd></camt:RmtInf>
        </camt:TxDtls></camt:NtryDtls>
      </camt:Ntry>
      <camt:Ntry>
        <camt:Amt Ccy="EUR">10.00</camt:Amt>
        <camt:CdtDbtInd>CRDT</camt:CdtDbtInd>
        <camt:Sts><camt:Cd>PDNG</camt:Cd></camt:Sts>
        <camt:BookgDt><camt:Dt>2026-11-02</camt:Dt></camt:BookgDt>
      </camt:Ntry>
    </camt:Stmt>
  </camt:BkToCstmrStmt>
</camt:Document>`;

function linesOf(result: StatementParseResult): BankStatementLine[] {
  if (!result.ok) throw new Error(`expected lines, got ${result.code}: ${result.message}`);
  return result.lines;
}

describe('parseCamt053 on a camt.053.001.02 statement', () => {
  const result = parseCamt053(statement002);
  const lines = linesOf(result);

  it('reads the statement id and the account', () => {
    expect(result).toMatchObject({ statementId: 'STMT-2026-11-02', accountIban: 'FR7630006000011234567890189' });
  });

  it('gives one line per booked transaction, a batch split in two and the pending entry left out', () => {
    expect(lines.map((line) => [line.direction, line.amountMinor])).toEqual([
      ['credit', 12000n],
      ['credit', 1250n],
      ['credit', 10000n],
      ['credit', 20000n],
      ['debit', 4990n],
    ]);
    expect(lines.some((line) => line.bankLineId === 'PENDING-1')).toBe(false);
  });

  it('takes a structured reference normalised, with the payer and their IBAN', () => {
    expect(lines[0]).toEqual({
      bankLineId: '2026110200001',
      bookedOn: '2026-11-02',
      direction: 'credit',
      amountMinor: 12000n,
      currency: 'EUR',
      reference: 'RF10INV2026001',
      remittance: '',
      counterpartyName: 'Dupont & Fils SCOP',
      counterpartyIban: 'BE71096123456769',
    });
  });

  it('finds a spaced lower-case RF reference in the unstructured text and keeps the text as given', () => {
    expect(lines[1]).toMatchObject({ bankLineId: 'E2E-7781', reference: 'RF80INV2026002', remittance: 'Facture rf80 INV2 0260 02 merci' });
  });

  it('gives each transaction of a batch its own amount, reference and id', () => {
    expect(lines[2]).toMatchObject({ bankLineId: 'BATCH-55', reference: 'RF8820260042', counterpartyName: 'Cooperative Sud' });
    expect(lines[3]).toMatchObject({ bankLineId: 'BATCH-55#2', counterpartyName: 'Atelier Nord' });
  });

  it('does not take an RF reference whose check digits fail', () => {
    expect(lines[3]?.reference).toBeNull();
    expect(lines[3]?.remittance).toBe('Invoice RF19539007547034');
  });

  it('names the payee of a debit and hashes a line the bank gave no id', () => {
    expect(lines[4]).toMatchObject({ counterpartyName: 'Hosting SARL', counterpartyIban: 'FR1420041010050500013M02606', reference: null });
    expect(lines[4]?.bankLineId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('gives the same ids when the same file is parsed again, from text or bytes', () => {
    const again = linesOf(parseCamt053(Buffer.from(statement002, 'utf8')));
    expect(again.map((line) => line.bankLineId)).toEqual(lines.map((line) => line.bankLineId));
    expect(new Set(lines.map((line) => line.bankLineId)).size).toBe(lines.length);
  });
});

describe('parseCamt053 on a camt.053.001.08 statement', () => {
  it('reads status codes, party names under Pty, date-times and prefixed elements', () => {
    const result = parseCamt053(statement008);
    expect(result).toMatchObject({ ok: true, statementId: 'S8-306' });
    expect(linesOf(result)).toEqual([
      {
        bankLineId: 'ACS-8-001',
        bookedOn: '2026-11-02',
        direction: 'credit',
        amountMinor: 7500n,
        currency: 'EUR',
        reference: 'RF79PLENARY7',
        remittance: 'Payment RF79PLENARY7',
        counterpartyName: 'Les Communs',
        counterpartyIban: 'NL91ABNA0417164300',
      },
    ]);
  });
});

describe('parseCamt053 refusals', () => {
  it('refuses malformed XML with its line', () => {
    const result = parseCamt053('<?xml version="1.0"?>\n<Document>\n<BkToCstmrStmt>\n</Document>');
    expect(result).toMatchObject({ ok: false, code: 'statement_malformed' });
    expect(result.ok === false && result.lineNumber).toBeGreaterThan(0);
  });

  it('refuses XML that is not camt.053', () => {
    const pain = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>';
    const camt054 = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrStmt/></Document>';
    expect(parseCamt053(pain)).toMatchObject({ ok: false, code: 'statement_not_camt053' });
    expect(parseCamt053(camt054)).toMatchObject({ ok: false, code: 'statement_not_camt053' });
    expect(parseCamt053('<html><body>hello</body></html>')).toMatchObject({ ok: false, code: 'statement_not_camt053' });
  });

  it('refuses a DOCTYPE with entities (billion laughs) at once, without expanding anything', () => {
    const laughs = Array.from({ length: 10 }, (_, level) =>
      level === 0 ? '<!ENTITY lol0 "lol">' : `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`,
    ).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE Document [\n${laughs}\n]>\n${camt(
      entry({ amount: '1.00', details: '<AddtlNtryInf>&lol9;</AddtlNtryInf>' }),
    ).replace(/^<\?xml[^>]*>\n/, '')}`;
    const startedAt = performance.now();
    expect(parseCamt053(bomb)).toMatchObject({ ok: false, code: 'statement_doctype_refused' });
    expect(performance.now() - startedAt).toBeLessThan(100);
  });

  it('refuses a document over the size limit before parsing it', () => {
    const oversized = camt(entry({ amount: '1.00' })) + ' '.repeat(statementLimits.bytesMax);
    expect(parseCamt053(oversized)).toMatchObject({ ok: false, code: 'statement_too_large' });
  });

  it('refuses more entries than the line limit', () => {
    const oneEntry =
      '<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-02</Dt></BookgDt></Ntry>';
    const result = parseCamt053(camt(oneEntry.repeat(statementLimits.linesMax + 1)));
    expect(result).toMatchObject({ ok: false, code: 'statement_too_many_lines' });
  });

  it.each(['-5.00', '1e3', '12.345', '12,50', '', '0.00'])('refuses the EUR amount "%s"', (amount) => {
    expect(parseCamt053(camt(entry({ amount })))).toMatchObject({ ok: false, code: 'statement_amount_invalid' });
  });

  it('refuses an unknown currency', () => {
    expect(parseCamt053(camt(entry({ amount: '1.00', currency: 'EURO' })))).toMatchObject({
      ok: false,
      code: 'statement_currency_invalid',
    });
  });

  it('refuses statements of two different accounts in one file', () => {
    const second = '<Stmt><Id>B</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct></Stmt>';
    expect(parseCamt053(camt('').replace('</BkToCstmrStmt>', `${second}</BkToCstmrStmt>`))).toMatchObject({
      ok: false,
      code: 'statement_accounts_mixed',
    });
  });
});

describe('parseCamt053 amounts', () => {
  it('reads currencies without cents and with three decimals', () => {
    const lines = linesOf(parseCamt053(camt(entry({ amount: '1500', currency: 'JPY' }) + entry({ amount: '1.25', currency: 'KWD' }))));
    expect(lines.map((line) => [line.currency, line.amountMinor])).toEqual([
      ['JPY', 1500n],
      ['KWD', 1250n],
    ]);
  });

  it('refuses decimals on a currency without a minor unit', () => {
    expect(parseCamt053(camt(entry({ amount: '15.5', currency: 'JPY' })))).toMatchObject({ ok: false, code: 'statement_amount_invalid' });
  });

  it('reads back any minor amount written as decimal text, for 0 to 4 decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 4 }), (amountMinor, minorDigits) => {
        expect(parseDecimalAmount(formatMinorAmount(amountMinor, minorDigits), minorDigits)).toBe(amountMinor);
      }),
    );
  });
});

describe('parseCamt053 text', () => {
  it('keeps at most 140 characters of remittance, cut between characters', () => {
    const long = `${'é'.repeat(139)}😀 and more`;
    const details = `<NtryDtls><TxDtls><RmtInf><Ustrd>${long}</Ustrd></RmtInf></TxDtls></NtryDtls>`;
    const [line] = linesOf(parseCamt053(camt(entry({ amount: '1.00', details }))));
    expect([...(line?.remittance ?? '')]).toHaveLength(statementLimits.remittanceCharactersMax);
    expect(line?.remittance.endsWith('😀')).toBe(true);
  });

  it('reads a file that declares ISO-8859-1', () => {
    const details = '<NtryDtls><TxDtls><RmtInf><Ustrd>Re\xe7u</Ustrd></RmtInf></TxDtls></NtryDtls>';
    const xml = camt(entry({ amount: '1.00', details })).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const [line] = linesOf(parseCamt053(Buffer.from(xml, 'latin1')));
    expect(line?.remittance).toBe('Reçu');
  });

  it('refuses bytes that are not UTF-8 when no other encoding is declared', () => {
    const xml = camt(entry({ amount: '1.00', details: '<AddtlNtryInf>Re\xe7u</AddtlNtryInf>' }));
    expect(parseCamt053(Buffer.from(xml, 'latin1'))).toMatchObject({ ok: false, code: 'statement_encoding_invalid' });
  });
});
