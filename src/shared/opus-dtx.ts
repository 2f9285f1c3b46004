/**
 * Asks for Opus's discontinuous transmission in an offer: `usedtx=1` (RFC 7587, section 6.1) in
 * the format parameters of every Opus payload type. Janus's videoroom negotiates DTX with a
 * publisher only when its offer asks for it (and the room allows it), and a browser's encoder
 * follows the answer: while a microphone is silent it then sends a packet every 400 ms instead of
 * fifty a second. Used by the web client and the synthetic participants alike.
 */
export function withOpusDtx(sdp: string): string {
  const newline = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(newline);
  const opusTypes = new Set(lines.flatMap((line) => /^a=rtpmap:(\d+) opus\/48000/i.exec(line)?.slice(1, 2) ?? []));
  const withFormat = new Set(lines.flatMap((line) => /^a=fmtp:(\d+) /.exec(line)?.slice(1, 2) ?? []));
  return lines
    .flatMap((line) => {
      const rtpmap = /^a=rtpmap:(\d+) /.exec(line)?.[1];
      // An Opus payload type without format parameters gets a line of its own.
      if (rtpmap && opusTypes.has(rtpmap) && !withFormat.has(rtpmap)) return [line, `a=fmtp:${rtpmap} usedtx=1`];
      const fmtp = /^a=fmtp:(\d+) (.*)$/.exec(line);
      if (!fmtp?.[1] || !opusTypes.has(fmtp[1]) || /(^|;)\s*usedtx=/.test(fmtp[2] ?? '')) return [line];
      return [`${line};usedtx=1`];
    })
    .join(newline);
}
