/** The checksum rules, against the API reference's own example and each algorithm. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import {
  algorithmOfLength,
  checksumAlgorithms,
  checksumOf,
  matchChecksum,
  parseChecksumAlgorithms,
  queryWithoutChecksum,
  verifyChecksum,
} from './checksum.js';
import { formEncode, readApiRequest } from './request.js';

// The example of the API reference's "API Security Model" section.
const documented = {
  call: 'create',
  query: 'name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444',
  secret: '639259d4-9dd8-4b25-bf01-95f9567eaf4b',
  checksum: '1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17',
};

describe('checksums', () => {
  it('reproduces the documented SHA-1 example exactly', () => {
    expect(checksumOf('sha1', documented.call, documented.query, documented.secret)).toBe(documented.checksum);
    const verdict = verifyChecksum({
      call: documented.call,
      signedQuery: queryWithoutChecksum(`${documented.query}&checksum=${documented.checksum}`),
      provided: documented.checksum,
      secret: documented.secret,
      accepted: ['sha1'],
    });
    expect(verdict).toBe('valid');
  });

  it('infers the algorithm from the length of the hex digest', () => {
    expect([40, 64, 96, 128, 32, 0].map(algorithmOfLength)).toEqual(['sha1', 'sha256', 'sha384', 'sha512', undefined, undefined]);
    for (const algorithm of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
      const expected = createHash(algorithm).update('getMeetingsmeetingID=asecret').digest('hex');
      expect(checksumOf(algorithm, 'getMeetings', 'meetingID=a', 'secret')).toBe(expected);
    }
  });

  it('accepts upper-case hex and refuses an algorithm that is turned off or a digest of another length', () => {
    const base = { call: 'end', signedQuery: 'meetingID=x', secret: 's', accepted: ['sha256'] as const };
    const sha256 = checksumOf('sha256', 'end', 'meetingID=x', 's');
    expect(verifyChecksum({ ...base, provided: sha256.toUpperCase() })).toBe('valid');
    expect(verifyChecksum({ ...base, provided: checksumOf('sha1', 'end', 'meetingID=x', 's') })).toBe('algorithm_not_accepted');
    expect(verifyChecksum({ ...base, provided: `${sha256}0` })).toBe('algorithm_not_accepted');
    expect(verifyChecksum({ ...base, provided: `${sha256.slice(0, -1)}${sha256.endsWith('0') ? '1' : '0'}` })).toBe('mismatch');
    expect(verifyChecksum({ ...base, provided: 'z'.repeat(64) })).toBe('mismatch');
  });

  it('signs the query string as sent, without any checksum pair', () => {
    expect(queryWithoutChecksum('checksum=abc&a=1&b=%20+')).toBe('a=1&b=%20+');
    expect(queryWithoutChecksum('a=1&checksum=abc')).toBe('a=1');
    expect(queryWithoutChecksum('a=1&checksum=abc&checksum=def&c=3')).toBe('a=1&c=3');
  });

  it('reads the list of accepted algorithms from the configuration', () => {
    expect(parseChecksumAlgorithms('sha256, SHA512,sha256')).toEqual(['sha256', 'sha512']);
    expect(parseChecksumAlgorithms('sha256,md5')).toBeUndefined();
    expect(parseChecksumAlgorithms(' , ')).toBeUndefined();
  });
});

describe('reading a call', () => {
  it('signs a body sent without a query string sorted by name and form-encoded', () => {
    const read = readApiRequest({
      rawQuery: '',
      body: 'name=R%C3%A9union+%2A&meetingID=m1&checksum=abc',
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    });
    expect(read.ok && read.value.signedQuery).toBe('meetingID=m1&name=R%C3%A9union+*');
    expect(read.ok && read.value.checksum).toBe('abc');
    expect(formEncode("a b!'()~*._-")).toBe('a+b%21%27%28%29%7E*._-');
  });

  it('keeps the first of duplicate parameters and refuses one both in the query and the body', () => {
    const read = readApiRequest({ rawQuery: 'meetingID=first&meetingID=second', body: undefined, contentType: undefined });
    expect(read.ok && read.value.params.get('meetingID')).toBe('first');
    const both = readApiRequest({ rawQuery: 'meetingID=a', body: 'meetingID=b', contentType: 'application/x-www-form-urlencoded' });
    expect(both.ok ? 'accepted' : both.code).toBe('checksumError');
  });

  it('refuses a query string over the limit and a body that is not a form is not read for parameters', () => {
    const long = readApiRequest({ rawQuery: `a=${'x'.repeat(20_000)}`, body: undefined, contentType: undefined });
    expect(long.ok ? 'accepted' : long.code).toBe('validationError');
    const xml = readApiRequest({ rawQuery: 'meetingID=a', body: 'meetingID=b', contentType: 'application/xml' });
    expect(xml.ok && xml.value.params.get('meetingID')).toBe('a');
  });
});

describe('finding whose secret made a checksum', () => {
  const secrets = [
    { owner: null, secret: 'operator-secret-0123456789' },
    ...Array.from({ length: 2000 }, (_, index) => ({
      owner: `org-${index}`,
      secret: `organisation-secret-${index}-abcdefghijklmnopqrstuvwxyz`,
    })),
  ];
  const query = 'meetingID=maths-101&name=Maths';

  it('names the owner of the one secret that made it, with each algorithm, among two thousand', () => {
    for (const algorithm of checksumAlgorithms) {
      for (const owner of [null, 'org-0', 'org-1234', 'org-1999']) {
        const secret = secrets.find((candidate) => candidate.owner === owner)?.secret ?? '';
        const provided = checksumOf(algorithm, 'create', query, secret).toUpperCase();
        expect(matchChecksum({ call: 'create', signedQuery: query, provided, secrets, accepted: checksumAlgorithms })).toEqual({
          verdict: 'valid',
          owner,
        });
      }
    }
  });

  it('matches nothing for an unknown secret, another query or call, and refuses an algorithm turned off', () => {
    const provided = checksumOf('sha256', 'create', query, 'organisation-secret-7-abcdefghijklmnopqrstuvwxyz');
    const match = (input: { call?: string; signedQuery?: string; provided?: string; accepted?: (typeof checksumAlgorithms)[number][] }) =>
      matchChecksum({
        call: input.call ?? 'create',
        signedQuery: input.signedQuery ?? query,
        provided: input.provided ?? provided,
        secrets,
        accepted: input.accepted ?? [...checksumAlgorithms],
      }).verdict;
    expect(match({})).toBe('valid');
    expect(match({ provided: checksumOf('sha256', 'create', query, 'nobody’s secret') })).toBe('mismatch');
    expect(match({ signedQuery: `${query}&x=1` })).toBe('mismatch');
    expect(match({ call: 'end' })).toBe('mismatch');
    expect(match({ provided: `${provided.slice(0, 63)}g` })).toBe('mismatch');
    expect(match({ accepted: ['sha1'] })).toBe('algorithm_not_accepted');
  });
});

describe('configuration', () => {
  it('accepts all four algorithms by default and refuses an unknown one at start', () => {
    expect(loadConfig({}, '/tmp').BBB_API_CHECKSUM_ALGORITHMS).toEqual(['sha1', 'sha256', 'sha384', 'sha512']);
    expect(loadConfig({ BBB_API_CHECKSUM_ALGORITHMS: 'sha512' }, '/tmp').BBB_API_CHECKSUM_ALGORITHMS).toEqual(['sha512']);
    expect(() => loadConfig({ BBB_API_CHECKSUM_ALGORITHMS: 'sha512,md5' }, '/tmp')).toThrow(/BBB_API_CHECKSUM_ALGORITHMS/);
    expect(() => loadConfig({ BBB_API_SECRET: 'short' }, '/tmp')).toThrow(/BBB_API_SECRET/);
  });
});
