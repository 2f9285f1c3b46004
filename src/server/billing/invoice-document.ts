/**
 * An invoice as a document: everything its HTML page, its PDF and its email show, already decided
 * (amounts, dates, the parties' details as they were when it was issued). Renderers only lay it
 * out; they compute nothing but how to write a number or a date in the reader's language.
 */
import type { Language } from '../../shared/languages.js';

/** One party to an invoice, as printed on it. */
export interface InvoiceParty {
  name: string;
  /** Postal address, one line each (street, town with postcode, country). Empty when unknown. */
  addressLines: string[];
  /** VAT or company number, when the party has one. */
  taxId: string | null;
  email: string | null;
}

/** Where money for an invoice goes: the co-op's bank account. */
export interface BankAccount {
  /** The account holder's name, as the bank knows it (at most 70 characters for an EPC QR code). */
  holder: string;
  /** IBAN without spaces, e.g. `BE71096123456769`. */
  iban: string;
  /** BIC, when the co-op gives one (optional inside the EEA). */
  bic: string | null;
}

/** One line of an invoice: a period of a plan, or a prorated upgrade. */
export interface InvoiceLine {
  /** What is billed, already in the invoice's language (e.g. `Level 2 plan, 1 Mar 2027 – 1 Apr 2027`). */
  description: string;
  /** Net amount in money, minor units (euro cents). */
  netMinor: bigint;
  /** Tax rate in basis points: 2100 is 21 %. */
  taxRateBasisPoints: number;
  /** Tax on `netMinor`, minor units. */
  taxMinor: bigint;
  /** `netMinor + taxMinor`. */
  grossMinor: bigint;
  /** The same line priced in the network's credits (gross, credit minor units). */
  creditGrossMinor: bigint;
}

/** The price in the network's credits, for members who pay that way. */
export interface CreditTerms {
  /** The network currency's display name, e.g. `credits`. */
  currencyName: string;
  /** Decimal places of the credit currency. */
  scale: number;
  /** The whole invoice in credits, gross. */
  grossMinor: bigint;
}

/** What has been paid, and what is still due. */
export interface InvoiceSettlement {
  status: 'open' | 'paid';
  /** Money received so far, minor units. */
  paidMoneyMinor: bigint;
  /** Credits received so far, credit minor units. */
  paidCreditMinor: bigint;
  /** What is still due if paid in money, minor units (0 when paid). */
  dueMoneyMinor: bigint;
}

/** An invoice, ready to be laid out. */
export interface InvoiceDocument {
  /** Gap-free per year: `2027-000042`. */
  number: string;
  /** The language it is written in (the organisation's billing language). */
  language: Language;
  issuedAtMs: number;
  dueAtMs: number;
  /** The period billed, [start, end). */
  periodStartMs: number;
  periodEndMs: number;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  /** ISO 4217 code of the money currency, e.g. `EUR`. */
  currency: string;
  lines: InvoiceLine[];
  netMinor: bigint;
  taxMinor: bigint;
  grossMinor: bigint;
  credit: CreditTerms | null;
  /** ISO 11649 creditor reference (`RF` + 2 check digits + up to 21 characters), quoted with a bank transfer. */
  reference: string;
  /** Where to send money; null when the co-op has no bank account configured (credits only). */
  bank: BankAccount | null;
  settlement: InvoiceSettlement;
}
