/** Turns the TURN settings of the configuration into a running TURN (local coturn, external, or none). */
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import { type LocalCoturn, startLocalCoturn } from './local-coturn.js';
import { makeTurnCredential } from './turn-credentials.js';
import { hostNameOf, TurnService, type TurnSettings } from './turn-service.js';

/** The TURN keys of Plenary's configuration (see config.ts for each). */
export interface TurnConfig {
  TURN: 'local' | 'external' | 'off';
  TURN_URLS?: string[] | undefined;
  TURN_SECRET?: string | undefined;
  TURN_CREDENTIAL_LIFETIME_S: number;
  TURN_HOST?: string | undefined;
  TURN_PORT: number;
  TURN_TLS_PORT: number;
  TURN_TLS_CERT?: string | undefined;
  TURN_TLS_KEY?: string | undefined;
  TURN_RELAY_PORT_RANGE: string;
  TURN_BINARY: string;
  JANUS_TURN: 'on' | 'off';
  DATA_DIR: string;
  PUBLIC_URL?: string | undefined;
}

/** The TURN server Janus is told to gather relayed candidates through (`nat.turn_*` of janus.jcfg). */
export interface JanusTurn {
  server: string;
  port: number;
  type: 'udp' | 'tcp' | 'tls';
  user: string;
  password: string;
}

/** What `startTurn` brings up. */
export interface RunningTurn {
  service: TurnService;
  /** The supervised coturn with `TURN=local`; stop it with Plenary. */
  localCoturn: LocalCoturn | undefined;
  /** For Janus's configuration, with `JANUS_TURN=on`. */
  janusTurn: JanusTurn | undefined;
}

/**
 * Janus's credential is written into its configuration at start and cannot be renewed while it
 * runs, so it lasts a year (a restart of Plenary makes a new one).
 */
const janusCredentialLifetimeSeconds = 365 * 24 * 60 * 60;

/** Checks the TURN keys together (the schema checks each alone) and starts what they ask for. */
export async function startTurn(
  config: TurnConfig,
  context: { clock: Clock; logger: Logger; mediaInterface: string | undefined },
): Promise<RunningTurn> {
  const lifetimeSeconds = config.TURN_CREDENTIAL_LIFETIME_S;
  const publicHost = config.TURN_HOST ?? (config.PUBLIC_URL ? hostNameOf(new URL(config.PUBLIC_URL).host) : undefined);
  if (Boolean(config.TURN_TLS_CERT) !== Boolean(config.TURN_TLS_KEY))
    throw new Error('TURN over TLS needs both TURN_TLS_CERT and TURN_TLS_KEY');
  for (const [key, file] of [
    ['TURN_TLS_CERT', config.TURN_TLS_CERT],
    ['TURN_TLS_KEY', config.TURN_TLS_KEY],
  ] as const) {
    if (config.TURN === 'local' && file && !existsSync(file)) throw new Error(`${key}: ${file} does not exist`);
  }
  let settings: TurnSettings = { mode: 'off' };
  let localCoturn: LocalCoturn | undefined;
  if (config.TURN === 'external') {
    if (!config.TURN_URLS || !config.TURN_SECRET) throw new Error('TURN=external needs TURN_URLS and TURN_SECRET');
    settings = { mode: 'external', secret: config.TURN_SECRET, lifetimeSeconds, urls: config.TURN_URLS };
  } else if (config.TURN === 'local') {
    const tls =
      config.TURN_TLS_CERT && config.TURN_TLS_KEY
        ? { port: config.TURN_TLS_PORT, certificateFile: config.TURN_TLS_CERT, keyFile: config.TURN_TLS_KEY }
        : undefined;
    localCoturn = await startLocalCoturn({
      dataDirectory: config.DATA_DIR,
      binary: config.TURN_BINARY,
      secret: config.TURN_SECRET,
      port: config.TURN_PORT,
      tls,
      relayPortRange: config.TURN_RELAY_PORT_RANGE,
      mediaInterface: context.mediaInterface,
      realm: publicHost?.replace(/^\[|\]$/g, '') ?? 'plenary',
      logger: context.logger,
    });
    settings = { mode: 'local', secret: localCoturn.secret, lifetimeSeconds, port: localCoturn.port, tlsPort: tls?.port, publicHost };
    context.logger.info(
      { port: localCoturn.port, tlsPort: tls?.port, relayAddress: localCoturn.relayAddress },
      'supervising a local coturn',
    );
  }
  const janusTurn = config.JANUS_TURN === 'on' ? janusTurnOf(settings, localCoturn, context.clock) : undefined;
  return { service: new TurnService(settings, context.clock), localCoturn, janusTurn };
}

/** Janus reaches a local coturn at its relay address over UDP, an external server at its first `turn:` URL. */
function janusTurnOf(settings: TurnSettings, localCoturn: LocalCoturn | undefined, clock: Clock): JanusTurn | undefined {
  if (settings.mode === 'off') return undefined;
  const { username, credential } = makeTurnCredential({
    secret: settings.secret,
    id: 'janus',
    lifetimeSeconds: janusCredentialLifetimeSeconds,
    nowMs: clock.nowMs(),
  });
  if (settings.mode === 'local') {
    if (!localCoturn?.relayAddress) return undefined;
    return { server: localCoturn.relayAddress, port: localCoturn.port, type: 'udp', user: username, password: credential };
  }
  for (const url of settings.urls) {
    const match = /^turn:(\[[^\]]+\]|[^:?]+):(\d+)(\?transport=(udp|tcp))?$/.exec(url);
    if (match?.[1] && match[2])
      return { server: match[1], port: Number(match[2]), type: match[4] === 'tcp' ? 'tcp' : 'udp', user: username, password: credential };
  }
  return undefined;
}
