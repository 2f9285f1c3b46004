/**
 * How two browsers in an encrypted meeting agree a secret the server cannot learn, and how one
 * hands the other its media key with it.
 *
 * - Each browser makes an ECDH P-256 key pair for the meeting (the private half never leaves
 *   WebCrypto: it is not extractable) and announces the public half through the server.
 * - For each other participant it derives, from the ECDH shared secret, one AES-GCM key per
 *   direction with HKDF-SHA-256: salt `plenary e2ee key wrap v1`, info `<from id> <to id>` (and
 *   `chat <from id> <to id>` for private chat messages).
 * - A media key travels as `nonce (12 bytes) || AES-GCM(KID as 8 bytes big-endian || base key)`,
 *   with `<from id> <to id>` as additional data: the server can neither read it nor redirect it
 *   to someone else unnoticed.
 *
 * A server that swapped public keys could read what it relays; the safety code (`safety-code.ts`)
 * is how participants find out.
 */

import { fromBase64Url, toBase64Url } from '../../../shared/base64url.js';
import type { ParticipantId } from '../../../shared/ids.js';

/** A media key: its SFrame KID and its 16-byte base key (AES_128_GCM_SHA256_128). */
export interface MediaKey {
  kid: bigint;
  baseKey: Uint8Array<ArrayBuffer>;
}

/** The base key's length in bytes: AES-128 (the cipher suite's Nk). */
export const baseKeyBytes = 16;
const nonceBytes = 12;
const tagBytes = 16;
const kidBytes = 8;
const wrapSalt = new TextEncoder().encode('plenary e2ee key wrap v1');

export { fromBase64Url, toBase64Url };

/** This browser's key pair for one meeting. */
export interface Identity {
  privateKey: CryptoKey;
  /** The public key, uncompressed (65 bytes), base64url: what the server relays. */
  publicKey: string;
}

/** Makes a fresh identity (the private key cannot be exported). */
export async function createIdentity(): Promise<Identity> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64Url(raw) };
}

/** The keys between this browser and one other participant: for media keys, and for private chat. */
export interface PairKeys {
  /** Wraps our media key for them. */
  outbound: CryptoKey;
  /** Unwraps theirs. */
  inbound: CryptoKey;
  /** Seals our private messages to them (and opens our own copy). */
  chatOutbound: CryptoKey;
  /** Opens their private messages to us. */
  chatInbound: CryptoKey;
}

const directionLabel = (from: ParticipantId, to: ParticipantId): Uint8Array<ArrayBuffer> => new TextEncoder().encode(`${from} ${to}`);

/**
 * Derives the pair keys between us and a peer from their announced public key; `undefined` when
 * it is not a valid P-256 point (a malformed key message: the caller reports it).
 */
export async function derivePairKeys(
  identity: Identity,
  selfId: ParticipantId,
  peerId: ParticipantId,
  peerPublicKey: string,
): Promise<PairKeys | undefined> {
  const raw = fromBase64Url(peerPublicKey);
  if (raw?.length !== 65) return undefined;
  try {
    const peerKey = await crypto.subtle.importKey('raw', raw, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: peerKey }, identity.privateKey, 256);
    const secret = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    const derive = (info: Uint8Array<ArrayBuffer>) =>
      crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: wrapSalt, info }, secret, { name: 'AES-GCM', length: 128 }, false, [
        'encrypt',
        'decrypt',
      ]);
    const chatLabel = (from: ParticipantId, to: ParticipantId) => new TextEncoder().encode(`chat ${from} ${to}`);
    return {
      outbound: await derive(directionLabel(selfId, peerId)),
      inbound: await derive(directionLabel(peerId, selfId)),
      chatOutbound: await derive(chatLabel(selfId, peerId)),
      chatInbound: await derive(chatLabel(peerId, selfId)),
    };
  } catch {
    return undefined;
  }
}

/** Makes a new media key: a random 48-bit KID (unique in a meeting by chance: 2^-48 per pair) and a random base key. */
export function newMediaKey(): MediaKey {
  const kidBytesRandom = crypto.getRandomValues(new Uint8Array(6));
  const kid = kidBytesRandom.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
  return { kid, baseKey: crypto.getRandomValues(new Uint8Array(baseKeyBytes)) };
}

/**
 * `nonce (12 random bytes) || AES-GCM(plaintext) with its tag` under `key`, authenticating
 * `additionalData`: how media keys and chat messages are sealed.
 */
export async function sealBytes(
  key: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  additionalData: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const nonce = crypto.getRandomValues(new Uint8Array(nonceBytes));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData }, key, plaintext));
  const message = new Uint8Array(nonceBytes + sealed.length);
  message.set(nonce);
  message.set(sealed, nonceBytes);
  return message;
}

/** What `sealBytes` sealed; `undefined` when it is too short or does not authenticate. */
export async function openBytes(
  key: CryptoKey,
  message: Uint8Array<ArrayBuffer>,
  additionalData: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (message.length < nonceBytes + tagBytes) return undefined;
  try {
    const iv = message.subarray(0, nonceBytes);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, message.subarray(nonceBytes)));
  } catch {
    return undefined;
  }
}

/** Wraps our media key for one peer (base64url, 70 characters). */
export async function wrapMediaKey(key: MediaKey, outbound: CryptoKey, from: ParticipantId, to: ParticipantId): Promise<string> {
  const plaintext = new Uint8Array(kidBytes + baseKeyBytes);
  new DataView(plaintext.buffer).setBigUint64(0, key.kid);
  plaintext.set(key.baseKey, kidBytes);
  return toBase64Url(await sealBytes(outbound, plaintext, directionLabel(from, to)));
}

/**
 * Unwraps a peer's media key; `undefined` when it does not authenticate (tampered, wrapped for
 * someone else, or from someone else) or is malformed.
 */
export async function unwrapMediaKey(
  wrapped: string,
  inbound: CryptoKey,
  from: ParticipantId,
  to: ParticipantId,
): Promise<MediaKey | undefined> {
  const bytes = fromBase64Url(wrapped);
  if (bytes?.length !== nonceBytes + kidBytes + baseKeyBytes + tagBytes) return undefined;
  const plaintext = await openBytes(inbound, bytes, directionLabel(from, to));
  if (!plaintext) return undefined;
  return { kid: new DataView(plaintext.buffer).getBigUint64(0), baseKey: plaintext.slice(kidBytes) };
}
