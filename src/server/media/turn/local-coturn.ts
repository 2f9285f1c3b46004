/**
 * The supervised local coturn: its configuration written into DATA_DIR/turn, Debian's
 * `turnserver -c <file>` kept running (restarted with back-off), stopped with Plenary.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { findFreePort } from '../local-janus.js';
import { ProcessSupervisor } from '../process-supervisor.js';
import { isRelayableAddress, writeCoturnConfig } from './coturn-config.js';

/** A running local coturn. */
export interface LocalCoturn {
  /** The REST API shared secret it checks credentials with. */
  secret: string;
  /** Port of plain TURN (UDP and TCP). */
  port: number;
  /** Port of TURN over TLS, when a certificate was given. */
  tlsPort: number | undefined;
  /** The address relays are opened on (the media interface's), if one was found. */
  relayAddress: string | undefined;
  realm: string;
  supervisor: ProcessSupervisor;
}

/** Options of `startLocalCoturn`. */
export interface LocalCoturnOptions {
  dataDirectory: string;
  /** The `turnserver` binary. Default from PATH. */
  binary: string;
  /** The shared secret; absent: the one kept in DATA_DIR/turn/secret, made on first start. */
  secret?: string | undefined;
  /** Port of plain TURN; 0 picks a free one. */
  port: number;
  /** TLS: port, certificate and key (PEM); all three or none. */
  tls?: { port: number; certificateFile: string; keyFile: string } | undefined;
  relayPortRange: string;
  /** The interface Janus gathers candidates on: relays open on its address, and it is the one private peer allowed. */
  mediaInterface: string | undefined;
  realm: string;
  logger: Logger;
}

/** The secret kept in `folder/secret`, made (32 random bytes, base64url) when missing. */
export function keptTurnSecret(folder: string): string {
  const file = path.join(folder, 'secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 16) return kept;
  }
  mkdirSync(folder, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The first IPv4 address of interface `name`, if it has one. */
export function ipv4AddressOf(name: string | undefined, interfaces = networkInterfaces()): string | undefined {
  if (!name) return undefined;
  return interfaces[name]?.find((address) => address.family === 'IPv4')?.address;
}

/** A port free for both TCP and UDP on every interface (TURN listens on both). */
export async function findFreeTurnPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await findFreePort();
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no port free for both TCP and UDP');
}

/** Writes coturn's configuration and starts it under supervision. */
export async function startLocalCoturn(options: LocalCoturnOptions): Promise<LocalCoturn> {
  const folder = path.join(options.dataDirectory, 'turn');
  const secret = options.secret ?? keptTurnSecret(folder);
  const port = options.port === 0 ? await findFreeTurnPort() : options.port;
  const interfaceAddress = ipv4AddressOf(options.mediaInterface);
  const relayAddress = interfaceAddress && isRelayableAddress(interfaceAddress) ? interfaceAddress : undefined;
  const configFile = writeCoturnConfig({
    folder,
    secret,
    realm: options.realm,
    port,
    tlsPort: options.tls?.port,
    certificateFile: options.tls?.certificateFile,
    keyFile: options.tls?.keyFile,
    relayPortRange: options.relayPortRange,
    relayAddress,
    allowedPeerAddresses: relayAddress ? [relayAddress] : [],
  });
  const supervisor = new ProcessSupervisor({
    name: 'coturn',
    command: options.binary,
    args: ['-c', configFile],
    logger: options.logger.child({ component: 'coturn' }),
  });
  supervisor.start();
  return { secret, port, tlsPort: options.tls?.port, relayAddress, realm: options.realm, supervisor };
}
