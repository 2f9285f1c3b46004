/**
 * What browsers are told about TURN: per join, a fresh time-limited credential for the local
 * coturn (at the host the browser reached) or for an external TURN server (its configured URLs),
 * or nothing when TURN is off. The credential is renewed before it expires (`refreshIntervalMs`).
 */
import type { Clock } from '../../platform/clock.js';
import { type IceServer, makeTurnCredential, type TurnEndpoints, turnUrlsOf } from './turn-credentials.js';

/** Where the TURN server is, as configured. */
export type TurnSettings =
  | { mode: 'off' }
  /** The supervised coturn: reached at the host the browser reached Plenary at (or PUBLIC_URL's). */
  | { mode: 'local'; secret: string; lifetimeSeconds: number; port: number; tlsPort?: number | undefined; publicHost?: string | undefined }
  /** A TURN server run elsewhere, sharing `secret` with Plenary. */
  | { mode: 'external'; secret: string; lifetimeSeconds: number; urls: string[] };

/** Who the ICE servers are for. */
export interface IceServersRequest {
  /** The `Host` the browser reached Plenary at (`meet.example.coop`, `10.0.0.5:8080`, `[2001:db8::1]:443`). */
  host: string | undefined;
  /** Put in the username (coturn logs it with the allocation): the participant id. */
  id: string;
}

/**
 * The host name of a `Host` header, without its port (an IPv6 address keeps its brackets);
 * `undefined` for anything but a plain name or address (it goes into a URL).
 */
export function hostNameOf(hostHeader: string): string | undefined {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253})(:\d{1,5})?$/.exec(hostHeader);
  return match?.[1];
}

export class TurnService {
  constructor(
    private readonly settings: TurnSettings,
    private readonly clock: Clock,
  ) {}

  /** Whether browsers are given a TURN server at all. */
  get enabled(): boolean {
    return this.settings.mode !== 'off';
  }

  /**
   * How long after handing out a credential a fresh one is sent: three quarters of its lifetime,
   * so a browser that renegotiates (or an allocation refreshed) never holds an expired one.
   * `undefined` when TURN is off.
   */
  get refreshIntervalMs(): number | undefined {
    return this.settings.mode === 'off' ? undefined : Math.floor(this.settings.lifetimeSeconds * 750);
  }

  /** The ICE servers for one browser: one TURN entry with its own credential, or none. */
  iceServersFor(request: IceServersRequest): IceServer[] {
    const settings = this.settings;
    if (settings.mode === 'off') return [];
    const urls = settings.mode === 'external' ? settings.urls : this.localUrls(settings, request.host);
    if (urls.length === 0) return [];
    const { username, credential } = makeTurnCredential({
      secret: settings.secret,
      id: request.id,
      lifetimeSeconds: settings.lifetimeSeconds,
      nowMs: this.clock.nowMs(),
    });
    return [{ urls, username, credential }];
  }

  private localUrls(settings: Extract<TurnSettings, { mode: 'local' }>, host: string | undefined): string[] {
    const name = settings.publicHost ?? (host ? hostNameOf(host) : undefined);
    if (!name) return [];
    const endpoints: TurnEndpoints = { host: name, port: settings.port, tlsPort: settings.tlsPort };
    return turnUrlsOf(endpoints);
  }
}
