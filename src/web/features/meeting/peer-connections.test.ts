import { describe, expect, it } from 'vitest';
import { asDtlsServer } from './peer-connections.js';

/** A browser's answer to Janus's subscription offer, as Chromium writes it (two bundled m-lines). */
const chromiumAnswer = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=ice-ufrag:V5rV',
  'a=fingerprint:sha-256 2C:7E:55:AB:10:35:32:40:8F:EC:CE:35:8D:9D:1B:45:AD:12:44:1E:02:A3:21:6C:2F:71:39:CE:2D:D5:3A:52',
  'a=setup:active',
  'a=mid:0',
  'a=recvonly',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'c=IN IP4 0.0.0.0',
  'a=setup:active',
  'a=mid:1',
  'a=recvonly',
  '',
].join('\r\n');

describe('asDtlsServer', () => {
  it('makes every m-line of the answer the DTLS server, and changes nothing else', () => {
    const answer = asDtlsServer(chromiumAnswer);
    expect(answer.match(/a=setup:\w+/g)).toEqual(['a=setup:passive', 'a=setup:passive']);
    expect(answer.replaceAll('a=setup:passive', 'a=setup:active')).toBe(chromiumAnswer);
  });

  it('leaves an answer that already chose a role other than the client alone', () => {
    const passive = chromiumAnswer.replaceAll('a=setup:active', 'a=setup:passive');
    expect(asDtlsServer(passive)).toBe(passive);
    // Only a whole attribute line is rewritten.
    const unusual = chromiumAnswer.replace('a=mid:0', 'a=x-note:a=setup:active');
    expect(asDtlsServer(unusual)).toContain('a=x-note:a=setup:active\r\n');
  });
});
