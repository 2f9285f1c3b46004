/**
 * The EPC QR code ("GiroCode"): a SEPA credit transfer a banking app fills in from a scan, as the
 * European Payments Council's EPC069-12 guidelines define it (version 002, character set 1 = UTF-8,
 * identification SCT). Twelve lines, separated by LF, the unused ones at the end left out:
 *
 * ```
 * BCD / 002 / 1 / SCT / BIC (may be empty) / beneficiary's name / IBAN / EUR12.34 /
 * purpose (empty) / structured reference (RF…) / unstructured remittance (empty) / note to the payer
 * ```
 *
 * Failures: an invoice gets a QR code only when it is due in euros (`epcQrApplies`), and the bank
 * account comes from the validated configuration, so anything `epcQrPayload` cannot write is a
 * bug or a configuration the schema should have refused: it throws an Error that says what is
 * wrong. It never shortens a name or a note (a payment to a shortened name could fail the payer's
 * bank's name check): it refuses them.
 */
import QRCode from 'qrcode';
import { isCreditorReference, normaliseReference } from './creditor-reference.js';
import type { BankAccount } from './invoice-document.js';

/** The longest beneficiary name an EPC QR code carries (characters). */
export const epcNameLengthMax = 70;
/** The longest note to the payer ("beneficiary to originator information") an EPC QR code carries (characters). */
export const epcNoteLengthMax = 70;
/** The largest amount an EPC QR code carries, in euro cents: €999,999,999.99. The smallest is 1 cent. */
export const epcAmountMinorMax = 99_999_999_999n;
/** The most bytes an EPC QR code's payload may have (UTF-8). */
export const epcPayloadBytesMax = 331;

/** What an EPC QR code asks the payer to transfer. */
export interface EpcTransfer {
  /** Who is paid; its holder's name at most 70 characters, its BIC optional. */
  bank: BankAccount;
  /** In minor units (cents): 1 to 99,999,999,999. */
  amountMinor: bigint;
  /** ISO 4217 code; only `EUR` can be paid this way. */
  currency: string;
  /** An ISO 11649 creditor reference, with or without spaces. */
  reference: string;
  /** Shown to the payer by their banking app (at most 70 characters), e.g. `Invoice 2027-000042`. None by default. */
  note?: string;
}

/** True when an amount in `currency` can be asked for with an EPC QR code: euros, from 1 cent to `epcAmountMinorMax`. */
export function epcQrApplies(currency: string, amountMinor: bigint): boolean {
  return currency === 'EUR' && amountMinor >= 1n && amountMinor <= epcAmountMinorMax;
}

/**
 * The text of the EPC QR code asking for `transfer`, ending with its last used line (no newline
 * after it: the note's when there is one, else the reference's).
 * Throws an Error naming the problem when the currency is not EUR, the amount is out of range, the
 * name or note is empty where required, too long or holds a line break, the IBAN or BIC is
 * malformed, the reference is not a valid creditor reference, or the whole is over 331 bytes.
 */
export function epcQrPayload(transfer: EpcTransfer): string {
  const { bank, amountMinor, currency } = transfer;
  if (!epcQrApplies(currency, amountMinor)) {
    throw new Error(`An EPC QR code asks for 0.01 to 999999999.99 euros, not ${amountMinor} minor units of ${currency}.`);
  }
  const iban = bank.iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) throw new Error(`An EPC QR code needs an IBAN, not ${JSON.stringify(bank.iban)}.`);
  const bic = (bank.bic ?? '').trim().toUpperCase();
  if (bic !== '' && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) {
    throw new Error(`An EPC QR code's BIC has 8 or 11 letters and digits, not ${JSON.stringify(bank.bic)}.`);
  }
  const reference = normaliseReference(transfer.reference);
  if (!isCreditorReference(reference)) {
    throw new Error(`An EPC QR code's reference must be an ISO 11649 creditor reference, not ${JSON.stringify(transfer.reference)}.`);
  }
  const name = checkedText('beneficiary name', bank.holder, epcNameLengthMax);
  if (name === '') throw new Error('An EPC QR code needs the beneficiary’s name.');
  const note = checkedText('note', transfer.note ?? '', epcNoteLengthMax);

  const lines = ['BCD', '002', '1', 'SCT', bic, name, iban, `EUR${decimalAmount(amountMinor)}`, '', reference];
  if (note !== '') lines.push('', note);
  const payload = lines.join('\n');
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > epcPayloadBytesMax) throw new Error(`An EPC QR code holds at most ${epcPayloadBytesMax} bytes, and this one has ${bytes}.`);
  return payload;
}

/**
 * `payload` as a PNG QR code with error correction level M (as EPC069-12 requires), 4 pixels a
 * module and the standard quiet zone of 4 modules, one grey channel and no row filters (black and
 * white squares gain nothing from them; rendering invoices by the thousand does). Bytes in UTF-8.
 */
export function epcQrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 4,
    rendererOpts: { filterType: 0, colorType: 0 } as QRCode.QRCodeToBufferOptions['rendererOpts'],
  });
}

/** `text` trimmed, checked to have no control characters and at most `lengthMax` characters. */
function checkedText(what: string, text: string, lengthMax: number): string {
  const trimmed = text.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) throw new Error(`An EPC QR code's ${what} must be one line of text.`);
  const length = [...trimmed].length;
  if (length > lengthMax) throw new Error(`An EPC QR code's ${what} has at most ${lengthMax} characters, and this one has ${length}.`);
  return trimmed;
}

/** Cents as euros with a point and two decimals, from bigint arithmetic alone: 1234n → `12.34`. */
function decimalAmount(amountMinor: bigint): string {
  return `${amountMinor / 100n}.${(amountMinor % 100n).toString().padStart(2, '0')}`;
}
