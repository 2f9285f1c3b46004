/**
 * Test fixture for billing: the real people-side app, the ledger and the network (so paying in
 * credits moves real credits), and billing's routes, on a real database (either engine), with a
 * `ManualClock` and mail to a real SMTP sink. The co-op is `Plenary Test Co-op`, with a bank
 * account, and its trading member is the organisation `coop`; the operator is the network's
 * administrator (`administratorEmail`).
 */

import type { CurrencyCode } from '../ledger/index.js';
import { creditAccounts } from '../network/index.js';
import { administratorEmail, type NetworkTestApp, startNetworkTestApp } from '../network/testing.js';
import type { StorageEngine } from '../storage/index.js';
import { BillingService } from './billing-service.js';
import { financesHttp } from './finances-http.js';
import { billingHttp } from './http.js';
import type { InvoiceTerms } from './invoicing.js';
import { billingMigrations } from './migrations.js';
import { treasuryHttp } from './treasury-http.js';
import { usageHttp } from './usage-http.js';

/** The co-op's invoice terms in tests: a Belgian bank account, euros, due in 14 days. */
export const testInvoiceTerms: InvoiceTerms = {
  seller: {
    party: {
      name: 'Plenary Test Co-op',
      addressLines: ['1 Rue du Marché', '1000 Bruxelles', 'Belgium'],
      taxId: 'BE0123456789',
      email: 'billing@coop.test',
    },
    bank: { holder: 'Plenary Test Co-op', iban: 'BE71096123456769', bic: 'GKCCBEBB' },
  },
  currency: 'EUR',
  dueDays: 14,
  graceDays: 30,
};

export interface BillingTestApp extends NetworkTestApp {
  billing: BillingService;
}

/** Starts the billing test app; `coOpOrganisation` defaults to `coop`. */
export async function startBillingTestApp(engine: StorageEngine, options: { coOpOrganisation?: string } = {}): Promise<BillingTestApp> {
  let billing: BillingService | undefined;
  const fixture = await startNetworkTestApp(engine, {
    coOpOrganisation: options.coOpOrganisation ?? 'coop',
    extraMigrations: billingMigrations,
    extend: async ({ app, storage, people, clock, network, ledger }) => {
      billing = new BillingService({
        storage,
        clock,
        organisations: people.organisations,
        creditScale: 2,
        terms: testInvoiceTerms,
        credit: { code: 'CREDIT' as CurrencyCode, currencyName: 'credits', scale: 2 },
        creditAccounts: creditAccounts(network.context),
        ledger,
        mailer: people.mailer,
        link: (path) => `http://plenary.test${path}`,
        coOpOrganisation: options.coOpOrganisation ?? 'coop',
      });
      await billing.ensurePlans();
      await app.register(financesHttp, {
        finances: billing.finances,
        isOperator: (person) => person.emailVerified && person.email === administratorEmail,
        credit: billing.creditName,
      });
      await app.register(treasuryHttp, {
        treasury: billing.treasury,
        isOperator: (person) => person.emailVerified && person.email === administratorEmail,
      });
      await app.register(usageHttp, { billing, organisations: people.organisations, storage, clock });
      await app.register(billingHttp, {
        billing,
        invoices: billing.invoices,
        isOperator: (person) => person.emailVerified && person.email === administratorEmail,
      });
    },
  });
  if (!billing) throw new Error('billing was not started');
  return { ...fixture, billing };
}

/** A day of the co-op's account in camt.053.001.02, one entry per line given. */
export function camt053(
  entries: { id: string; amount: string; currency?: string; debit?: boolean; remittance: string; structured?: string; bookedOn?: string }[],
): string {
  const entry = (line: (typeof entries)[number]) => `<Ntry>
  <Amt Ccy="${line.currency ?? 'EUR'}">${line.amount}</Amt>
  <CdtDbtInd>${line.debit ? 'DBIT' : 'CRDT'}</CdtDbtInd>
  <Sts>BOOK</Sts>
  <BookgDt><Dt>${line.bookedOn ?? '2026-03-05'}</Dt></BookgDt>
  <AcctSvcrRef>${line.id}</AcctSvcrRef>
  <NtryDtls><TxDtls>
    <RltdPties><Dbtr><Nm>Member Ltd</Nm></Dbtr></RltdPties>
    <RmtInf>${line.structured ? `<Strd><CdtrRefInf><Ref>${line.structured}</Ref></CdtrRefInf></Strd>` : `<Ustrd>${line.remittance}</Ustrd>`}</RmtInf>
  </TxDtls></NtryDtls>
</Ntry>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-03-06T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-2026-03-05</Id>
      <Acct><Id><IBAN>BE71096123456769</IBAN></Id><Ccy>EUR</Ccy></Acct>
      ${entries.map(entry).join('\n')}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;
}
