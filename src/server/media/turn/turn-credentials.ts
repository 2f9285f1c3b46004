/**
 * Time-limited TURN credentials of the TURN REST API scheme (coturn's `use-auth-secret`):
 * the username is `<expiry in Unix seconds>:<id>`, the password is
 * base64(HMAC-SHA1(shared secret, username)). The TURN server recomputes the password from the
 * username and refuses it once the expiry has passed; nothing is stored on either side.
 */
import { createHmac } from 'node:crypto';

/** One entry of `RTCConfiguration.iceServers`, as the protocol carries it. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** A username and password valid until `expiresAtMs`. */
export interface TurnCredential {
  username: string;
  credential: string;
  expiresAtMs: number;
}

/** The characters an id may have in a username (coturn splits on `:`; keep it to a plain token). */
const idPattern = /^[A-Za-z0-9_.-]{1,64}$/;

/** The password of `username` under `secret`: base64(HMAC-SHA1(secret, username)). */
export function turnPasswordOf(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/**
 * Makes a credential for `id` (a participant id, or any token of letters, digits, `_`, `.`, `-`)
 * valid for `lifetimeSeconds` from `nowMs`. The expiry is rounded down to a whole second.
 */
export function makeTurnCredential(options: { secret: string; id: string; lifetimeSeconds: number; nowMs: number }): TurnCredential {
  if (!idPattern.test(options.id)) throw new Error(`a TURN username id must be a plain token, not ${JSON.stringify(options.id)}`);
  if (!(options.lifetimeSeconds > 0)) throw new Error('a TURN credential needs a positive lifetime');
  const expirySeconds = Math.floor(options.nowMs / 1000) + Math.floor(options.lifetimeSeconds);
  const username = `${expirySeconds}:${options.id}`;
  return { username, credential: turnPasswordOf(options.secret, username), expiresAtMs: expirySeconds * 1000 };
}

/** Where a browser reaches the TURN server, and over what. */
export interface TurnEndpoints {
  /** Host name or address as the browser reaches it (IPv6 in brackets). */
  host: string;
  /** Port of plain TURN over UDP and TCP. */
  port: number;
  /** Port of TURN over TLS, when the server has a certificate. */
  tlsPort?: number | undefined;
}

/**
 * The URLs of a TURN server: UDP first (cheapest), then TCP (through firewalls that drop UDP),
 * then TLS (through those that only let TLS out, usually on 443).
 */
export function turnUrlsOf(endpoints: TurnEndpoints): string[] {
  const { host, port, tlsPort } = endpoints;
  return [
    `turn:${host}:${port}?transport=udp`,
    `turn:${host}:${port}?transport=tcp`,
    ...(tlsPort === undefined ? [] : [`turns:${host}:${tlsPort}?transport=tcp`]),
  ];
}
