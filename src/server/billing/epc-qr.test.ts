import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { type EpcTransfer, epcQrApplies, epcQrPayload, epcQrPng } from './epc-qr.js';

const transfer: EpcTransfer = {
  bank: { holder: 'Red Cross of Belgium', iban: 'BE72 0000 0000 1616', bic: 'BPOTBEB1' },
  amountMinor: 1234n,
  currency: 'EUR',
  reference: 'RF18 5390 0754 7034',
};

/** jsQR's decoder (a CommonJS module whose types declare an ES default export). */
const jsQR = jsqr.default;

/** The text of the QR code in a PNG, read back by a QR decoder (its bytes as UTF-8). */
function decodedText(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  return code ? Buffer.from(code.binaryData).toString('utf8') : undefined;
}

describe('epcQrPayload', () => {
  it('writes the twelve lines of version 002 up to the reference, without a newline after it', () => {
    expect(epcQrPayload(transfer)).toBe(
      ['BCD', '002', '1', 'SCT', 'BPOTBEB1', 'Red Cross of Belgium', 'BE72000000001616', 'EUR12.34', '', 'RF18539007547034'].join('\n'),
    );
  });

  it('leaves the BIC line empty when there is none, and adds an empty remittance line before a note', () => {
    const payload = epcQrPayload({ ...transfer, bank: { ...transfer.bank, bic: null }, note: 'Invoice 2027-000042' });
    expect(payload).toBe('BCD\n002\n1\nSCT\n\nRed Cross of Belgium\nBE72000000001616\nEUR12.34\n\nRF18539007547034\n\nInvoice 2027-000042');
  });

  it('writes amounts from bigint cents with two decimals, up to €999,999,999.99, exactly', () => {
    const amountLine = (amountMinor: bigint) => epcQrPayload({ ...transfer, amountMinor }).split('\n')[7];
    expect(amountLine(1n)).toBe('EUR0.01');
    expect(amountLine(10n)).toBe('EUR0.10');
    expect(amountLine(100n)).toBe('EUR1.00');
    expect(amountLine(123456789n)).toBe('EUR1234567.89');
    expect(amountLine(99_999_999_999n)).toBe('EUR999999999.99');
    // 2^53 + 1 cents would lose its last cent as a float; this is over the maximum, so refused whole.
    expect(() => amountLine(9_007_199_254_740_993n)).toThrow(/0.01 to 999999999.99 euros/);
  });

  it('refuses nothing to pay, a negative amount, one over the maximum, and any currency but EUR', () => {
    expect(() => epcQrPayload({ ...transfer, amountMinor: 0n })).toThrow(/not 0 minor units of EUR/);
    expect(() => epcQrPayload({ ...transfer, amountMinor: -5n })).toThrow(/0.01 to 999999999.99/);
    expect(() => epcQrPayload({ ...transfer, amountMinor: 100_000_000_000n })).toThrow(/0.01 to 999999999.99/);
    expect(() => epcQrPayload({ ...transfer, currency: 'GBP' })).toThrow(/of GBP/);
    expect(epcQrApplies('EUR', 1n)).toBe(true);
    expect(epcQrApplies('EUR', 0n)).toBe(false);
    expect(epcQrApplies('CHF', 100n)).toBe(false);
  });

  it('refuses a name over 70 characters rather than shortening it, and takes one of exactly 70 with accents', () => {
    const seventy = `Coopérative ${'é'.repeat(58)}`;
    expect([...seventy]).toHaveLength(70);
    expect(epcQrPayload({ ...transfer, bank: { ...transfer.bank, holder: seventy } }).split('\n')[5]).toBe(seventy);
    expect(() => epcQrPayload({ ...transfer, bank: { ...transfer.bank, holder: `${seventy}x` } })).toThrow(
      /beneficiary name has at most 70 characters, and this one has 71/,
    );
    expect(() => epcQrPayload({ ...transfer, bank: { ...transfer.bank, holder: '  ' } })).toThrow(/needs the beneficiary’s name/);
    expect(() => epcQrPayload({ ...transfer, bank: { ...transfer.bank, holder: 'Red\nCross' } })).toThrow(/one line/);
  });

  it('refuses a note over 70 characters, and a payload over 331 bytes', () => {
    expect(() => epcQrPayload({ ...transfer, note: 'n'.repeat(71) })).toThrow(/note has at most 70 characters/);
    // 70 four-byte characters in the name and in the note make 560 bytes of text.
    const wide = '😀'.repeat(70);
    expect(() => epcQrPayload({ ...transfer, bank: { ...transfer.bank, holder: wide }, note: wide })).toThrow(/at most 331 bytes/);
  });

  it('refuses a malformed IBAN or BIC, and a reference that is not a valid creditor reference', () => {
    expect(() => epcQrPayload({ ...transfer, bank: { ...transfer.bank, iban: 'BE72-0000' } })).toThrow(/needs an IBAN/);
    expect(() => epcQrPayload({ ...transfer, bank: { ...transfer.bank, bic: 'BPOT' } })).toThrow(/8 or 11/);
    expect(() => epcQrPayload({ ...transfer, reference: 'RF19 5390 0754 7034' })).toThrow(/creditor reference/);
    expect(() => epcQrPayload({ ...transfer, reference: '2027-000042' })).toThrow(/creditor reference/);
  });
});

describe('epcQrPng', () => {
  it('makes a PNG whose QR code reads back as the payload, accents included', async () => {
    const payload = epcQrPayload({ ...transfer, bank: { ...transfer.bank, holder: 'Coopérative Plénière' }, note: 'Facture 2027-000042' });
    const png = await epcQrPng(payload);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(decodedText(png)).toBe(payload);
  });
});
