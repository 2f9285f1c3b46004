/** Whether this browser can take part in an encrypted meeting: small, so the meeting page loads it up front. */

/** Whether this browser can encrypt media end to end (an encoded-transform API, workers and WebCrypto). */
export function canEncryptMedia(): boolean {
  if (typeof crypto === 'undefined' || crypto.subtle === undefined || typeof Worker === 'undefined') return false;
  if (typeof RTCRtpScriptTransform !== 'undefined') return true;
  return typeof RTCRtpSender !== 'undefined' && 'createEncodedStreams' in RTCRtpSender.prototype;
}
