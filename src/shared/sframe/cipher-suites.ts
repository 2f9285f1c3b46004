/**
 * The cipher suites of RFC 9605 §4.5 and their sizes, by IANA registry value (§8.1). Every one of
 * them uses 12-byte nonces; the AES-CTR suites pair AES-128 with a truncated HMAC-SHA256 (§4.5.1).
 */

/**
 * A cipher suite by its RFC 9605 registry value: 0x0001 AES_128_CTR_HMAC_SHA256_80,
 * 0x0002 AES_128_CTR_HMAC_SHA256_64, 0x0003 AES_128_CTR_HMAC_SHA256_32, 0x0004 AES_128_GCM_SHA256_128,
 * 0x0005 AES_256_GCM_SHA512_128. All five work.
 */
export type CipherSuite = 0x0001 | 0x0002 | 0x0003 | 0x0004 | 0x0005;

/** What SFrame needs to know of a cipher suite, with the RFC's names for each size. */
export interface CipherSuiteParameters {
  /** The suite's RFC 9605 name. */
  readonly name: string;
  /** Hash of HKDF (and of the HMAC of the AES-CTR suites). */
  readonly hash: 'SHA-256' | 'SHA-512';
  /** `Hash.Nh`: output size of the hash, in bytes. */
  readonly hashBytes: number;
  /** `AEAD.Nk`: size of `sframe_key`, in bytes (for AES-CTR suites, the AES key followed by the HMAC key). */
  readonly keyBytes: number;
  /** `AEAD.Nka`: size of the AES key inside `sframe_key` for AES-CTR suites; `undefined` for AES-GCM. */
  readonly aesKeyBytes: number | undefined;
  /** `AEAD.Nn`: size of the nonce and of `sframe_salt`, in bytes. */
  readonly nonceBytes: number;
  /** `AEAD.Nt`: size of the authentication tag added to each frame, in bytes. */
  readonly tagBytes: number;
}

const aesCtrHmacSha256 = { hash: 'SHA-256', hashBytes: 32, keyBytes: 48, aesKeyBytes: 16, nonceBytes: 12 } as const;

const parametersBySuite: Readonly<Record<CipherSuite, CipherSuiteParameters>> = {
  1: { name: 'AES_128_CTR_HMAC_SHA256_80', ...aesCtrHmacSha256, tagBytes: 10 },
  2: { name: 'AES_128_CTR_HMAC_SHA256_64', ...aesCtrHmacSha256, tagBytes: 8 },
  3: { name: 'AES_128_CTR_HMAC_SHA256_32', ...aesCtrHmacSha256, tagBytes: 4 },
  4: { name: 'AES_128_GCM_SHA256_128', hash: 'SHA-256', hashBytes: 32, keyBytes: 16, aesKeyBytes: undefined, nonceBytes: 12, tagBytes: 16 },
  5: { name: 'AES_256_GCM_SHA512_128', hash: 'SHA-512', hashBytes: 64, keyBytes: 32, aesKeyBytes: undefined, nonceBytes: 12, tagBytes: 16 },
};

/** Every cipher suite this module implements, in registry order. */
export const cipherSuites: readonly CipherSuite[] = [0x0001, 0x0002, 0x0003, 0x0004, 0x0005];

/** The sizes and hash of `suite`. */
export function cipherSuiteParameters(suite: CipherSuite): CipherSuiteParameters {
  return parametersBySuite[suite];
}

/** Whether `value` is the registry value of a suite this module implements (for values read from the wire or a config). */
export function isCipherSuite(value: number): value is CipherSuite {
  return (cipherSuites as readonly number[]).includes(value);
}
