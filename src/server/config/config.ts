/**
 * Plenary's configuration: environment variables, optionally on top of a JSON config file
 * (`CONFIG_FILE`, or `plenary.config.json` in the working directory when it exists).
 * Everything is validated at start; each bad value is reported with its name and a reason.
 */

import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { parseChecksumAlgorithms } from '../bbb-api/index.js';

/** `192.0.2.1`, `2001:db8::1`, `10.0.0.0/8`, `2001:db8::/32`. */
function isAddressOrRange(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const portSchema = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/** A port range `min-max` above 1023. */
const portRangeSchema = z
  .string()
  .regex(/^\d{1,5}-\d{1,5}$/, 'must look like 20000-40000')
  .refine((value) => {
    const [low, high] = value.split('-').map(Number) as [number, number];
    return low >= 1024 && high <= 65535 && low < high;
  }, 'must be an increasing range between 1024 and 65535');

const ConfigSchema = z
  .object({
    /** TCP port of the HTTP and WebSocket server. Default 8080; 0 picks a free port. */
    PORT: portSchema.default(8080),
    /** Address to listen on. Default 0.0.0.0 (all interfaces). */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Where the SQLite database, Janus's generated configuration and logs live. Default `./data`. */
    DATA_DIR: z.string().min(1).default('data'),
    /** The URL people use to reach this server; used in links and for the WebSocket origin check. */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /**
     * Addresses (or CIDR ranges) of the reverse proxies in front of Plenary, comma-separated, e.g.
     * `127.0.0.1` or `10.0.0.0/8,::1`. Requests from them are taken to be from the address in
     * `X-Forwarded-For` (and `X-Forwarded-Proto`), so rate limits and login throttling see each
     * visitor, not the proxy. Default none: the header is ignored (anyone could forge it).
     */
    TRUST_PROXY: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== ''),
      )
      .refine((list) => list.length > 0 && list.every(isAddressOrRange), 'must be IP addresses or CIDR ranges, comma-separated')
      .optional(),
    /**
     * This instance's stable name, stamped on the rows it opens or claims; at start-up it cleans up only
     * its own and those whose claim lapsed. Default `inst_<host>-<hash of DATA_DIR>`; give each of several
     * instances sharing one database its own.
     */
    INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
      .optional(),
    /** A PostgreSQL URL (`postgres://…`); when absent Plenary uses embedded SQLite in DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    /** Schema to use inside PostgreSQL. Default `public`. */
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
      .default('public'),
    /**
     * Redis (`redis://…`), for several instances sharing one PostgreSQL database: each room's meeting
     * is held by one instance, and browsers that reach another are relayed to it over Redis. Without
     * it an instance serves only the meetings it holds.
     */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    /**
     * Required with REDIS_URL, the same on every instance: everything instances put in Redis is
     * sealed with it (AES-GCM), so that nobody else who reaches Redis can read or forge it.
     */
    CLUSTER_SECRET: z.string().min(32, 'must be at least 32 characters').max(256, 'must be at most 256 characters').optional(),
    /** Put before every Redis key and channel, so that one Redis can serve several installations. Default `plenary:`. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be 1–64 letters, digits, colons, dots, dashes or underscores')
      .default('plenary:'),
    /** An external Janus's WebSocket API (`ws://…`); when absent Plenary supervises its own Janus. */
    JANUS_WS_URL: z
      .string()
      .regex(/^wss?:\/\//, 'must start with ws:// or wss://')
      .optional(),
    /** The `api_secret` of the external Janus at JANUS_WS_URL, if it has one. */
    JANUS_API_SECRET: z.string().min(1).max(256).optional(),
    /** The external Janus's admin API (`ws://…`, its `admin_ws_port`), through which its load is read; the supervised Janus's is always read. */
    JANUS_ADMIN_WS_URL: z
      .string()
      .regex(/^wss?:\/\//, 'must start with ws:// or wss://')
      .optional(),
    /** The `admin_secret` of that admin API, if it has one. */
    JANUS_ADMIN_SECRET: z.string().min(1).max(256).optional(),
    /** Path of the Janus binary for the supervised Janus. Default `janus` from PATH. */
    JANUS_BINARY: z.string().min(1).default('janus'),
    /** Network interface Janus gathers ICE candidates on; default: the first non-loopback IPv4 interface. */
    ICE_INTERFACE: z
      .string()
      .regex(/^[A-Za-z0-9_.:@-]{1,32}$/, 'must be an interface name such as eth0')
      .optional(),
    /** UDP port range for media, `min-max`. Default 20000-40000. */
    RTP_PORT_RANGE: portRangeSchema.default('20000-40000'),
    /**
     * TURN relay for browsers that cannot reach the media server directly (UDP blocked, strict NAT):
     * `local` (default) supervises Debian's coturn (`turnserver`), `external` hands out credentials for
     * TURN_URLS, `off` gives browsers no relay.
     */
    TURN: z.enum(['local', 'external', 'off'], { message: 'must be local, external or off' }).default('local'),
    /** External TURN server's URLs, comma-separated (`turn:turn.example.coop:3478?transport=udp,turns:turn.example.coop:443?transport=tcp`). */
    TURN_URLS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== ''),
      )
      .refine(
        (list) => list.length > 0 && list.every((url) => /^turns?:[A-Za-z0-9.\-[\]:]+(\?transport=(udp|tcp))?$/.test(url)),
        'must be turn: or turns: URLs, comma-separated',
      )
      .optional(),
    /**
     * The TURN REST API shared secret (coturn's `static-auth-secret`). Required with `TURN=external`;
     * with `local`, default: one generated on first start and kept in DATA_DIR/turn/secret.
     */
    TURN_SECRET: z.string().min(16, 'must be at least 16 characters').max(256, 'must be at most 256 characters').optional(),
    /** How long a TURN credential handed to a browser is valid, in seconds; a fresh one is sent at three quarters of it. Default 3600. */
    TURN_CREDENTIAL_LIFETIME_S: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(60, 'must be at least 60')
      .max(86_400, 'must be at most 86400')
      .default(3600),
    /**
     * The host name (or address) browsers are given for the local coturn, e.g. `turn.example.coop`
     * on an address of its own so TLS can have port 443. Default: PUBLIC_URL's host, else the host the browser reached.
     */
    TURN_HOST: z
      .string()
      .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253})$/, 'must be a host name or address')
      .optional(),
    /** Port of the local coturn's plain TURN, UDP and TCP. Default 3478; 0 picks a free one. */
    TURN_PORT: portSchema.default(3478),
    /** Port of the local coturn's TURN over TLS, with TURN_TLS_CERT and TURN_TLS_KEY. Default 443 (binding it needs root or CAP_NET_BIND_SERVICE). */
    TURN_TLS_PORT: portSchema.default(443),
    /** PEM certificate (chain) for the local coturn's TLS listener; with TURN_TLS_KEY. */
    TURN_TLS_CERT: z.string().min(1).optional(),
    /** PEM private key for the local coturn's TLS listener; with TURN_TLS_CERT. */
    TURN_TLS_KEY: z.string().min(1).optional(),
    /** UDP ports the local coturn opens relays on, `min-max`. Default 49152-65535. */
    TURN_RELAY_PORT_RANGE: portRangeSchema.default('49152-65535'),
    /** Path of the coturn binary for the local TURN. Default `turnserver` from PATH. */
    TURN_BINARY: z.string().min(1).default('turnserver'),
    /**
     * `on`: the supervised Janus also gathers relayed candidates through the TURN server (a Janus
     * behind NAT); `off` (default): it offers its own addresses only.
     */
    JANUS_TURN: z.enum(['on', 'off'], { message: 'must be on or off' }).default('off'),
    /** SMTP server for email (`smtp://user:pass@host:587`, `smtps://…`); without it mail stays in the outbox (operator console, logs). */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    /** The From address of email. Default `Plenary <no-reply@localhost>`. */
    MAIL_FROM: z.string().min(3).max(200).optional(),
    /** Comma-separated emails of the co-op's operators (operator console). Default: nobody. */
    OPERATOR_EMAILS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((email) => email.trim().toLowerCase())
          .filter((email) => email.length > 0),
      )
      .pipe(z.array(z.email('must be a comma-separated list of email addresses')))
      .default([]),
    /** OpenID Connect issuer for single sign-on (e.g. `https://id.example.coop/realms/coop`); with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET. */
    OIDC_ISSUER: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
    /** The client id Plenary is registered with at the OIDC issuer. */
    OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
    /** The client secret Plenary is registered with at the OIDC issuer. */
    OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
    /** The name of the provider on the login button. Default `single sign-on`. */
    OIDC_NAME: z.string().min(1).max(60).optional(),
    /** pino log level. Default `info`. */
    LOG_LEVEL: z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` }).default('info'),
    /** Bearer token of the ledger's HTTP API (administrators and trusted services); when absent that API refuses every request. */
    LEDGER_API_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Bearer token Prometheus sends to read `/metrics`; when absent `/metrics` refuses every request. */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * The shared secret of the BigBlueButton API (`/bigbluebutton/api`), for integrations such as
     * Moodle, Nextcloud or Greenlight; when absent that API is off (404).
     */
    BBB_API_SECRET: z.string().min(16, 'must be at least 16 characters').max(256, 'must be at most 256 characters').optional(),
    /**
     * Checksum algorithms the BigBlueButton API accepts, comma-separated, from sha1, sha256, sha384
     * and sha512. Default all four, as BigBlueButton.
     */
    BBB_API_CHECKSUM_ALGORITHMS: z
      .string()
      .default('sha1,sha256,sha384,sha512')
      .transform((list, context) => {
        const algorithms = parseChecksumAlgorithms(list);
        if (!algorithms) context.addIssue({ code: 'custom', message: 'must be a comma-separated list of sha1, sha256, sha384, sha512' });
        return algorithms ?? [];
      }),
    /**
     * `on`: BigBlueButton hooks and end callbacks may go to loopback and private addresses (an
     * integration on the same private network). Default `off`: public addresses only, so an
     * integration cannot make this server reach inside the network it runs in.
     */
    BBB_API_PRIVATE_CALLBACKS: z.enum(['on', 'off'], { message: 'must be on or off' }).default('off'),
    /** Code of the mutual-credit network's currency in the ledger. Default `CREDIT`. */
    NETWORK_CURRENCY: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{1,15}$/, 'must be 2–16 capital letters or digits, starting with a letter')
      .default('CREDIT'),
    /** What the network's unit is called, in sentences ("12.50 credits"). Default `credits`. */
    NETWORK_CURRENCY_NAME: z.string().trim().min(1).max(40).default('credits'),
    /** Decimal places of the network currency. Default 2. */
    NETWORK_CURRENCY_SCALE: z.coerce.number({ message: 'must be a number' }).int().min(0).max(6).default(2),
    /** Credit limit a newly approved trading member gets, in the currency's units (`500`, `250.50`). Default 500. */
    NETWORK_DEFAULT_CREDIT_LIMIT: z
      .string()
      .regex(/^[0-9]{1,12}(\.[0-9]{1,6})?$/, 'must be a positive amount such as 500 or 250.50')
      .default('500'),
    /**
     * `on`: every meeting keeps to its room's plan (people, meetings at once, length; Free for a
     * room no subscribing organisation owns). `off`: only the rooms' own limits, for an instance
     * that does not bill (and the benchmarks, which fill rooms past Free).
     */
    PLAN_LIMITS: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
    /**
     * How long a breakout room's minute lasts, in milliseconds: 60000. Its only other use is a
     * test's — a breakout of "one minute" that ends, warning first, in a few seconds.
     */
    /**
     * The region of this instance (e.g. `eu-west`): its meetings go to a media server of that
     * region when one can take them. Also the region shown for its own Janus. Default none.
     */
    MEDIA_REGION: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be up to 32 lower-case letters, digits and hyphens, e.g. eu-west')
      .optional(),
    /** `on`: among the media servers that can take a meeting, those on renewable power go first. Default `off`. */
    MEDIA_PREFER_RENEWABLE: z.enum(['on', 'off'], { message: 'must be on or off' }).default('off'),
    BREAKOUT_MINUTE_MS: z.coerce.number({ message: 'must be a number' }).int().min(1_000).max(60_000).default(60_000),
    /** The co-op's legal name, on its invoices. Default `Plenary co-operative`. */
    COOP_NAME: z.string().trim().min(1).max(70).default('Plenary co-operative'),
    /** The co-op's postal address on its invoices, lines separated by `|` (`1 Rue Haute|1000 Brussels|Belgium`). */
    COOP_ADDRESS: z
      .string()
      .max(300)
      .default('')
      .transform((text) =>
        text
          .split('|')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      ),
    /** The co-op's VAT or company number, on its invoices. */
    COOP_TAX_ID: z.string().trim().min(1).max(40).optional(),
    /** Where members write about invoices (printed on them). */
    COOP_BILLING_EMAIL: z.string().email('must be an email address').optional(),
    /** The co-op's bank account for money payments (its invoices carry it, a reference and an EPC QR code); none: invoices are paid in credits only. */
    COOP_IBAN: z
      .string()
      .transform((text) => text.replace(/\s+/g, '').toUpperCase())
      .refine((iban) => isValidIBAN(iban), 'must be a valid IBAN')
      .optional(),
    /** The BIC of `COOP_IBAN`'s bank (optional in the EEA). */
    COOP_BIC: z
      .string()
      .transform((text) => text.trim().toUpperCase())
      .refine((bic) => isValidBIC(bic), 'must be a valid BIC')
      .optional(),
    /** Days from an invoice's issue to its due date. Default 14. */
    INVOICE_DUE_DAYS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(60).default(14),
    /** Days past its due date before an organisation with an unpaid invoice falls to the Free plan's limits. Default 30. */
    BILLING_GRACE_DAYS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(365).default(30),
    /**
     * Days a client's IP address (or IPv6 /64) may stay in the database — today only in login-failure
     * counts — before the privacy sweep deletes it (1–90). Logs never carry one. Default 7.
     */
    PRIVACY_ADDRESS_RETENTION_DAYS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(90).default(7),
    /**
     * Days a letter is kept in the outbox after it was sent (or, never sent, after it was written
     * and given up on) before the privacy sweep deletes it (1–90): stored bodies carry one-time
     * links. A letter still being retried is never deleted. Default 7.
     */
    PRIVACY_SENT_MAIL_RETENTION_DAYS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(90).default(7),
    /** Short name of the co-op's own organisation: its trading account is the co-op's (public to the network). */
    COOP_ORGANISATION: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be an organisation short name')
      .optional(),
  })
  .strict();

/** Validated configuration. */
export type Config = z.infer<typeof ConfigSchema>;

const configKeys = Object.keys(ConfigSchema.shape) as (keyof Config)[];

/** A configuration that cannot start Plenary; `problems` has one line per bad value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Plenary's configuration is not valid:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function readConfigFile(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`CONFIG_FILE ${file}: cannot be read as JSON (${(error as Error).message})`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`CONFIG_FILE ${file}: must hold a JSON object of settings`]);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Reads the configuration from `environment` (default `process.env`) and the config file.
 * Environment variables win over the file. Unknown keys in the file are errors; unrelated
 * environment variables are ignored. Empty environment variables count as unset.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, workingDirectory = process.cwd()): Config {
  const explicitFile = environment.CONFIG_FILE;
  const defaultFile = path.join(workingDirectory, 'plenary.config.json');
  const file = explicitFile ? path.resolve(workingDirectory, explicitFile) : existsSync(defaultFile) ? defaultFile : undefined;
  const fromFile = file ? readConfigFile(file) : {};
  const fromEnvironment: Record<string, string> = {};
  for (const key of configKeys) {
    const value = environment[key];
    if (value !== undefined && value !== '') fromEnvironment[key] = value;
  }
  const result = ConfigSchema.safeParse({ ...fromFile, ...fromEnvironment });
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = issue.path.join('.') || '(file)';
        if (issue.code === 'unrecognized_keys') return `${file ?? 'config'}: unknown settings ${issue.keys.join(', ')}`;
        // A secret, even a wrong one, is not repeated into the console or the journal.
        if (/SECRET|TOKEN/.test(key)) return `${key} (hidden): ${issue.message}`;
        const given = key in fromEnvironment ? fromEnvironment[key] : fromFile[key];
        return `${key}=${JSON.stringify(given)}: ${issue.message}`;
      }),
    );
  }
  return { ...result.data, DATA_DIR: path.resolve(workingDirectory, result.data.DATA_DIR) };
}
