import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, uint64Max } from './bytes.js';
import { decodeSFrameHeader, encodeSFrameHeader } from './header.js';
import { headerVectors } from './test-vectors-header.js';

const uint64 = fc.bigInt({ min: 0n, max: uint64Max });

describe('SFrame header', () => {
  it('encodes every header vector of RFC 9605 Appendix C.1 byte for byte', () => {
    expect(headerVectors).toHaveLength(289);
    for (const [kid, counter, header] of headerVectors) expect(bytesToHex(encodeSFrameHeader(kid, counter))).toBe(header);
  });

  it('decodes every header vector of RFC 9605 Appendix C.1 to its KID, counter and length', () => {
    for (const [kid, counter, header] of headerVectors) {
      expect(decodeSFrameHeader(hexToBytes(header))).toEqual({ kid, counter, length: header.length / 2 });
    }
  });

  it('decodes any KID and counter it encodes, and ignores the bytes that follow the header', () => {
    fc.assert(
      fc.property(uint64, uint64, fc.uint8Array({ maxLength: 8 }), (kid, counter, rest) => {
        const header = encodeSFrameHeader(kid, counter);
        expect(header.length).toBeLessThanOrEqual(17);
        const frame = new Uint8Array([...header, ...rest]);
        expect(decodeSFrameHeader(frame)).toEqual({ kid, counter, length: header.length });
      }),
    );
  });

  it('finds no header in an empty frame or in one cut short', () => {
    expect(decodeSFrameHeader(new Uint8Array(0))).toBeUndefined();
    fc.assert(
      fc.property(uint64, uint64, (kid, counter) => {
        const header = encodeSFrameHeader(kid, counter);
        for (let length = 0; length < header.length; length++) expect(decodeSFrameHeader(header.subarray(0, length))).toBeUndefined();
      }),
    );
  });

  it('refuses a value written in more bytes than needed, so each KID and counter has one header', () => {
    expect(decodeSFrameHeader(hexToBytes('0805'))).toBeUndefined(); // counter 5 belongs in the config byte
    expect(decodeSFrameHeader(hexToBytes('8007'))).toBeUndefined(); // KID 7 likewise
    expect(decodeSFrameHeader(hexToBytes('0900ff'))).toBeUndefined(); // counter 255 with a leading zero byte
    expect(decodeSFrameHeader(hexToBytes('9000ff00'))).toBeUndefined(); // KID 255 with a leading zero byte
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), (bytes) => {
        const decoded = decodeSFrameHeader(bytes);
        if (decoded !== undefined)
          expect(bytesToHex(encodeSFrameHeader(decoded.kid, decoded.counter))).toBe(bytesToHex(bytes.subarray(0, decoded.length)));
      }),
    );
  });

  it('refuses to encode a KID or counter outside 0..2^64-1 (a bug in the caller)', () => {
    expect(() => encodeSFrameHeader(-1n, 0n)).toThrow();
    expect(() => encodeSFrameHeader(0n, uint64Max + 1n)).toThrow();
  });
});
