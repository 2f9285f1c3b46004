// Data copied from the RFC 9605 test vectors (Appendix C.2, AES-CTR with HMAC; C.3, SFrame encryption), as published in JSON by the SFrame working
// group: https://github.com/sframe-wg/sframe/blob/f6868b8dd0db8e3b273bdb1928b81a7933b1305f/test-vectors/test-vectors.json
// (the state the RFC was published from; its Appendix C prints the same values). Byte strings are hex; numbers are bigints.

import type { CipherSuite } from './cipher-suites.js';

/** One vector of the AES-CTR + HMAC AEAD on its own (RFC 9605 Appendix C.2); byte strings in hex. */
export interface AesCtrHmacVector {
  readonly suite: CipherSuite;
  readonly key: string;
  readonly encryptionKey: string;
  readonly authenticationKey: string;
  readonly nonce: string;
  readonly aad: string;
  readonly plaintext: string;
  readonly ciphertext: string;
}

/** One vector of whole SFrame encryption (RFC 9605 Appendix C.3); byte strings in hex. */
export interface SFrameVector {
  readonly suite: CipherSuite;
  readonly kid: bigint;
  readonly counter: bigint;
  readonly baseKey: string;
  readonly keyLabel: string;
  readonly saltLabel: string;
  readonly secret: string;
  readonly key: string;
  readonly salt: string;
  readonly metadata: string;
  readonly nonce: string;
  readonly aad: string;
  readonly plaintext: string;
  readonly ciphertext: string;
}

/** Every vector of RFC 9605 Appendix C.2. */
export const aesCtrHmacVectors: readonly AesCtrHmacVector[] = [
  {
    suite: 0x0001,
    key: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f',
    encryptionKey: '000102030405060708090a0b0c0d0e0f',
    authenticationKey: '101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f',
    nonce: '101112131415161718191a1b',
    aad: '4945544620534672616d65205747',
    plaintext: '64726166742d696574662d736672616d652d656e63',
    ciphertext: '6339af04ada1d064688a442b8dc69d5b6bfa40f4bef0583e8081069cc60705',
  },
  {
    suite: 0x0002,
    key: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f',
    encryptionKey: '000102030405060708090a0b0c0d0e0f',
    authenticationKey: '101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f',
    nonce: '101112131415161718191a1b',
    aad: '4945544620534672616d65205747',
    plaintext: '64726166742d696574662d736672616d652d656e63',
    ciphertext: '6339af04ada1d064688a442b8dc69d5b6bfa40f4be6e93b7da076927bb',
  },
  {
    suite: 0x0003,
    key: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f',
    encryptionKey: '000102030405060708090a0b0c0d0e0f',
    authenticationKey: '101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f',
    nonce: '101112131415161718191a1b',
    aad: '4945544620534672616d65205747',
    plaintext: '64726166742d696574662d736672616d652d656e63',
    ciphertext: '6339af04ada1d064688a442b8dc69d5b6bfa40f4be09480509',
  },
];

/** Every vector of RFC 9605 Appendix C.3, one per cipher suite. */
export const sframeVectors: readonly SFrameVector[] = [
  {
    suite: 0x0001,
    kid: 0x123n,
    counter: 0x4567n,
    baseKey: '000102030405060708090a0b0c0d0e0f',
    keyLabel: '534672616d6520312e3020536563726574206b65792000000000000001230001',
    saltLabel: '534672616d6520312e30205365637265742073616c742000000000000001230001',
    secret: 'd926952ca8b7ec4a95941d1ada3a5203ceff8cceee34f574d23909eb314c40c0',
    key: '3f7d9a7c83ae8e1c8a11ae695ab59314b367e359fadac7b9c46b2bc6f81f46e16b96f0811868d59402b7e870102720b3',
    salt: '50b29329a04dc0f184ac3168',
    metadata: '4945544620534672616d65205747',
    nonce: '50b29329a04dc0f184ac740f',
    aad: '99012345674945544620534672616d65205747',
    plaintext: '64726166742d696574662d736672616d652d656e63',
    ciphertext: '9901234567449408b6f490086165b9d6f62b24ae1a59a56486b4ae8ed036b88912e24f11',
  },
  {
    suite: 0x0002,
    kid: 0x123n,
    counter: 0x4567n,
    baseKey: '000102030405060708090a0b0c0d0e0f',
    keyLabel: '534672616d6520312e3020536563726574206b65792000000000000001230002',
    saltLabel: '534672616d6520312e30205365637265742073616c742000000000000001230002',
    secret: 'd926952ca8b7ec4a95941d1ada3a5203ceff8cceee34f574d23909eb314c40c0',
    key: 'e2ec5c797540310483b16bf6e7a570d2a27d192fe869c7ccd8584a8d9dab91549fbe553f5113461ec6aa83bf3865553e',
    salt: 'e68ac8dd3d02fbcd368c5577',
    metadata: '4945544620534672616d65205747',
    nonce: 'e68ac8dd3d02fbcd368c1010',
    aad: '99012345674945544620534672616d65205747',
    plaintext: '64726166742d696574662d736672616d652d656e63',
    ciphertext: '99012345673f31438db4d09434e43afa0f8a2f00867a2be085046a9f5cb4f101d607',
  },
  {
    suite: 0x0003,
    kid: 0x123n,
    counter: 0x4567n,
    baseKey: '000102030405060708090a0b0c0d0e0f',
    keyLabel: '534672616d6520312e3020536563726574206b65792000000000000001230003',
    saltLabel: '534672616d6520312e30205365637265742073616c742000000000000001230003',
    secret: 'd926952ca8b7ec4a95941d1ada3a5203ceff8cceee34f574d23909eb314c40c0',
    key: '2c5703089cbb8c583475e4fc461d97d18809df79b6d550f78eb6d50ffa80d89211d57909934f46f5405e38cd583c69fe',
    salt: '38c16e4f5159700c00c7f350',
    metadata: '4945544620534672616d65205747',
    nonce: '38c16e4f5159700c00c7b637',
    aad: '99012345674945544620534672616d65205747',
    plaintext: '64726166742d696574662d736672616d652d656e63',
    ciphertext: '990123456717fc8af28a5a695afcfc6c8df6358a17e26b2fcb3bae32e443',
  },
  {
    suite: 0x0004,
    kid: 0x123n,
    counter: 0x4567n,
    baseKey: '000102030405060708090a0b0c0d0e0f',
    keyLabel: '534672616d6520312e3020536563726574206b65792000000000000001230004',
    saltLabel: '534672616d6520312e30205365637265742073616c742000000000000001230004',
    secret: 'd926952ca8b7ec4a95941d1ada3a5203ceff8cceee34f574d23909eb314c40c0',
    key: 'd34f547f4ca4f9a7447006fe7fcbf768',
    salt: '75234edefe07819026751816',
    metadata: '4945544620534672616d65205747',
    nonce: '75234edefe07819026755d71',
    aad: '99012345674945544620534672616d65205747',
    plaintext: '64726166742d696574662d736672616d652d656e63',
    ciphertext: '9901234567b7412c2513a1b66dbb48841bbaf17f598751176ad847681a69c6d0b091c07018ce4adb34eb',
  },
  {
    suite: 0x0005,
    kid: 0x123n,
    counter: 0x4567n,
    baseKey: '000102030405060708090a0b0c0d0e0f',
    keyLabel: '534672616d6520312e3020536563726574206b65792000000000000001230005',
    saltLabel: '534672616d6520312e30205365637265742073616c742000000000000001230005',
    secret:
      '0fc3ea6de6aac97a35f194cf9bed94d4b5230f1cb45a785c9fe5dce9c188938ab6ba005bc4c0a19181599e9d1bcf7b74aca48b60bf5e254e546d809313e083a3',
    key: 'd3e27b0d4a5ae9e55df01a70e6d4d28d969b246e2936f4b7a5d9b494da6b9633',
    salt: '84991c167b8cd23c93708ec7',
    metadata: '4945544620534672616d65205747',
    nonce: '84991c167b8cd23c9370cba0',
    aad: '99012345674945544620534672616d65205747',
    plaintext: '64726166742d696574662d736672616d652d656e63',
    ciphertext: '990123456794f509d36e9beacb0e261d99c7d1e972f1fed787d4049f17ca21353c1cc24d56ceabced279',
  },
];
