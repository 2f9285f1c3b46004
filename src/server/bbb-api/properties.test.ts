/**
 * Properties of the edge, over generated input: any call signed as an integration signs it is
 * accepted with every algorithm, and any change to its query string, call or secret is refused;
 * any text that passes the parameter rules comes back unchanged through the XML.
 */
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { checksumAlgorithms, checksumOf, queryWithoutChecksum, verifyChecksum } from './checksum.js';
import { cleanText } from './params.js';
import { readApiRequest } from './request.js';
import { successXml } from './xml.js';

const parameter = fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }));
const call = fc.constantFrom('create', 'join', 'end', 'getMeetingInfo', 'getMeetings');
const secret = fc.string({ minLength: 16, maxLength: 40 });

describe('checksum properties', () => {
  it('accepts any signed call, with any algorithm, and refuses it once its query string is changed', () => {
    fc.assert(
      fc.property(
        call,
        fc.array(parameter, { maxLength: 8 }),
        secret,
        fc.constantFrom(...checksumAlgorithms),
        fc.nat(),
        (name, params, key, algorithm, at) => {
          const query = new URLSearchParams(params.filter(([parameterName]) => parameterName !== 'checksum')).toString();
          const checksum = checksumOf(algorithm, name, query, key);
          const read = readApiRequest({
            rawQuery: query === '' ? `checksum=${checksum}` : `${query}&checksum=${checksum}`,
            body: undefined,
            contentType: undefined,
          });
          if (!read.ok) return false;
          const verdict = (signedQuery: string, provided = checksum) =>
            verifyChecksum({ call: name, signedQuery, provided, secret: key, accepted: checksumAlgorithms });
          expect(read.value.checksum).toBe(checksum);
          expect(verdict(read.value.signedQuery)).toBe('valid');
          const position = query.length === 0 ? 0 : at % query.length;
          const changed = `${query.slice(0, position)}${query[position] === 'x' ? 'y' : 'x'}${query.slice(position + 1)}`;
          expect(verdict(queryWithoutChecksum(changed))).toBe('mismatch');
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a checksum made for another call or with another secret', () => {
    fc.assert(
      fc.property(call, call, secret, secret, fc.constantFrom(...checksumAlgorithms), (first, second, key, otherKey, algorithm) => {
        fc.pre(first !== second || key !== otherKey);
        const provided = checksumOf(algorithm, first, 'meetingID=m', key);
        const verdict = verifyChecksum({
          call: second,
          signedQuery: 'meetingID=m',
          provided,
          secret: otherKey,
          accepted: checksumAlgorithms,
        });
        return verdict === 'mismatch';
      }),
    );
  });
});

describe('XML properties', () => {
  const parser = new XMLParser({ parseTagValue: false, processEntities: true, htmlEntities: false, trimValues: false });

  it('gives back any cleaned text unchanged, whatever characters it has', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 60 }), (name, value) => {
        const meetingName = cleanText(name);
        const note = cleanText(value);
        const xml = successXml({ meetingName, metadata: { note } });
        const parsed = parser.parse(xml) as { response: { meetingName: string; metadata: { note: string } } };
        expect(String(parsed.response.meetingName ?? '')).toBe(meetingName);
        expect(String(parsed.response.metadata.note ?? '')).toBe(note);
      }),
      { numRuns: 300 },
    );
  });
});
