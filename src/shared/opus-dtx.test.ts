import { describe, expect, it } from 'vitest';
import { withOpusDtx } from './opus-dtx.js';

const offer = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=rtpmap:96 VP8/90000',
  'a=fmtp:96 x-google-start-bitrate=800',
  '',
].join('\r\n');

describe('withOpusDtx', () => {
  it('asks for DTX on the Opus payload type only, keeping the line endings', () => {
    const munged = withOpusDtx(offer);
    expect(munged).toContain('a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1\r\n');
    expect(munged).toContain('a=fmtp:63 111/111\r\n');
    expect(munged).toContain('a=fmtp:96 x-google-start-bitrate=800\r\n');
    expect(munged.split('\r\n')).toHaveLength(offer.split('\r\n').length);
  });

  it('leaves an offer that already says either way, and adds format parameters where Opus had none', () => {
    const asking = offer.replace('useinbandfec=1', 'useinbandfec=1;usedtx=0');
    expect(withOpusDtx(asking)).toBe(asking);
    const bare = 'm=audio 9 RTP/AVP 109\na=rtpmap:109 OPUS/48000/2\n';
    expect(withOpusDtx(bare)).toBe('m=audio 9 RTP/AVP 109\na=rtpmap:109 OPUS/48000/2\na=fmtp:109 usedtx=1\n');
    expect(withOpusDtx('v=0\r\nm=video 9 RTP/AVP 96\r\n')).toBe('v=0\r\nm=video 9 RTP/AVP 96\r\n');
  });
});
