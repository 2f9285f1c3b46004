/**
 * Chat in an encrypted meeting. A message to everyone is sealed with the sender's media key: the
 * same keys as their video and sound, so whoever can see them can read it and nobody else. A
 * private message is sealed with the pair's own chat key (`PairKeys`), which nobody else holds.
 * The server relays sealed text.
 *
 * The chat key is HKDF-SHA-256 of the media key's base key (empty salt, info `plenary e2ee chat
 * v1`), an AES-128-GCM key apart from SFrame's. A sealed message is base64url of
 * `KID (8 bytes, big-endian) || nonce (12) || AES-GCM(UTF-8 text)`, with `<from id> <to id or *>`
 * as additional data: the server can neither read it, nor pass it off as someone else's, nor turn a
 * private message into a public one.
 */
import type { ParticipantId } from '../../../shared/ids.js';
import { fromBase64Url, type MediaKey, openBytes, sealBytes, toBase64Url } from './key-agreement.js';

const kidBytes = 8;
const chatInfo = new TextEncoder().encode('plenary e2ee chat v1');

/** Chat keys by media key, derived once. */
const chatKeys = new WeakMap<MediaKey, Promise<CryptoKey>>();

function chatKeyOf(key: MediaKey): Promise<CryptoKey> {
  let derived = chatKeys.get(key);
  if (!derived) {
    derived = crypto.subtle
      .importKey('raw', key.baseKey, 'HKDF', false, ['deriveKey'])
      .then((secret) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: chatInfo },
          secret,
          { name: 'AES-GCM', length: 128 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    chatKeys.set(key, derived);
  }
  return derived;
}

const addressing = (from: ParticipantId, to: ParticipantId | null) => new TextEncoder().encode(`${from} ${to ?? '*'}`);

/** A sealed message's text, if it is well-formed UTF-8. */
function textOf(bytes: Uint8Array<ArrayBuffer> | undefined): string | undefined {
  try {
    return bytes && new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Seals `text` from `from` to `to` (everyone: null) with `key`. */
export async function sealChatText(key: MediaKey, text: string, from: ParticipantId, to: ParticipantId | null): Promise<string> {
  const sealed = await sealBytes(await chatKeyOf(key), new TextEncoder().encode(text), addressing(from, to));
  const message = new Uint8Array(kidBytes + sealed.length);
  new DataView(message.buffer).setBigUint64(0, key.kid);
  message.set(sealed, kidBytes);
  return toBase64Url(message);
}

/** Seals a private message from `from` to `to` with the pair's chat key (`PairKeys.chatOutbound`): base64url of `nonce || AES-GCM(text)`. */
export async function sealPrivateText(pairKey: CryptoKey, text: string, from: ParticipantId, to: ParticipantId): Promise<string> {
  return toBase64Url(await sealBytes(pairKey, new TextEncoder().encode(text), addressing(from, to)));
}

/** Opens a private message with the pair's chat key; `undefined` when it does not authenticate. */
export async function openPrivateText(
  sealed: string,
  pairKey: CryptoKey,
  from: ParticipantId,
  to: ParticipantId,
): Promise<string | undefined> {
  const bytes = fromBase64Url(sealed);
  return bytes && textOf(await openBytes(pairKey, bytes, addressing(from, to)));
}

/**
 * Opens a sealed message with the key its KID names (`keyOf`); `undefined` when that key is not
 * held (sent before we joined, or by someone whose keys we dropped), or the message was tampered
 * with or readdressed.
 */
export async function openChatText(
  sealed: string,
  from: ParticipantId,
  to: ParticipantId | null,
  keyOf: (kid: bigint) => MediaKey | undefined,
): Promise<string | undefined> {
  const bytes = fromBase64Url(sealed);
  if (!bytes || bytes.length < kidBytes) return undefined;
  const key = keyOf(new DataView(bytes.buffer).getBigUint64(0));
  if (!key) return undefined;
  return textOf(await openBytes(await chatKeyOf(key), bytes.subarray(kidBytes), addressing(from, to)));
}
