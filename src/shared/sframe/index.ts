/**
 * SFrame (RFC 9605, "Secure Frame"): end-to-end encryption of media frames, over WebCrypto only, so
 * it runs in browser workers (an `RTCRtpScriptTransform`) and in Node alike. Derive a key per KID
 * with `deriveSFrameKey`; send with an `SFrameSender`, receive with an `SFrameReceiver`.
 */
export { type CipherSuite, type CipherSuiteParameters, cipherSuiteParameters, cipherSuites, isCipherSuite } from './cipher-suites.js';
export { type DecodedSFrameHeader, decodeSFrameHeader, encodeSFrameHeader } from './header.js';
export { deriveSFrameKey, deriveSFrameKeyMaterial, type SFrameKey, type SFrameKeyMaterial } from './key-schedule.js';
export { SFrameReceiver } from './receiver.js';
export { ReplayWindow } from './replay-window.js';
export { SFrameSender } from './sender.js';
export { type SFrameDecryptResult, sframeDecrypt, sframeEncrypt } from './sframe.js';
