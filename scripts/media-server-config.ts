/**
 * Writes the configuration of a Janus for Plenary's pool of media servers, on the host that will
 * run it — the same configuration Plenary gives its own supervised Janus (only the videoroom
 * plugin and the WebSocket transport, warnings only in its log, ICE on one interface, an API
 * secret), except that the API listens on the address given, for Plenary's instances to reach
 * over the private network, with, when `--admin-port` is given, Janus's admin API beside it behind
 * a secret of its own (through which Plenary reads the server's own load). Prints what to register
 * in the operator console (Media servers).
 *
 *   node --import tsx scripts/media-server-config.ts --folder /etc/plenary-janus \
 *     --listen 10.0.0.5:8188 --ice-interface eth0 [--admin-port 7188] [--rtp-ports 20000-40000] [--library DIR]
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { debianJanusLibraryFolder, writeJanusConfig } from '../src/server/media/janus-config.js';

const ArgumentsSchema = z.object({
  folder: z.string({ message: 'is required (where the files go, e.g. /etc/plenary-janus)' }).min(1, 'must not be empty'),
  listen: z
    .string({ message: 'is required (the private address and port the API listens on, e.g. 10.0.0.5:8188)' })
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be an address and a port, e.g. 10.0.0.5:8188')
    .refine((value) => {
      const port = Number(value.split(':')[1]);
      return port >= 1 && port <= 65_535;
    }, 'has a port outside 1–65535'),
  'ice-interface': z
    .string({ message: 'is required (the interface media flows on, e.g. eth0)' })
    .regex(/^[A-Za-z0-9_.-]{1,15}$/, 'must be a network interface name, e.g. eth0')
    .refine((value) => value !== 'lo', 'must not be loopback: ICE never uses it'),
  'rtp-ports': z
    .string()
    .regex(/^\d{1,5}-\d{1,5}$/, 'must be a range such as 20000-40000')
    .refine((value) => {
      const [low, high] = value.split('-').map(Number);
      return low !== undefined && high !== undefined && low >= 1_024 && low < high && high <= 65_535;
    }, 'must go up, within 1024–65535')
    .default('20000-40000'),
  'admin-port': z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number, e.g. 7188')
    .refine((value) => Number(value) >= 1 && Number(value) <= 65_535, 'must be within 1–65535')
    .optional(),
  library: z.string().min(1).default(debianJanusLibraryFolder),
});
export type MediaServerConfigArguments = z.infer<typeof ArgumentsSchema>;

/** `--name value` pairs into the arguments, or the problems in words (one a line). */
export function parseArguments(
  argv: readonly string[],
): { ok: true; value: MediaServerConfigArguments } | { ok: false; problems: string[] } {
  const raw: Record<string, string> = {};
  const problems: string[] = [];
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index];
    const value = argv[index + 1];
    if (!name?.startsWith('--') || value === undefined || value.startsWith('--')) {
      problems.push(`${name ?? ''}: expected --name value`);
      continue;
    }
    raw[name.slice(2)] = value;
  }
  const known = new Set(Object.keys(ArgumentsSchema.shape));
  for (const name of Object.keys(raw)) if (!known.has(name)) problems.push(`--${name}: unknown option`);
  const parsed = ArgumentsSchema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`--${issue.path.join('.')} ${issue.message}`);
  else if (parsed.data['admin-port'] !== undefined && parsed.data['admin-port'] === parsed.data.listen.split(':')[1])
    problems.push('--admin-port must differ from the API’s port');
  return problems.length > 0 || !parsed.success ? { ok: false, problems } : { ok: true, value: parsed.data };
}

/** Writes the files (the secrets too, readable by their owner only); returns what to register. */
export function writeMediaServerConfig(options: MediaServerConfigArguments): {
  url: string;
  apiSecret: string;
  admin: { url: string; secret: string } | undefined;
  mainFile: string;
} {
  const [address, port] = options.listen.split(':') as [string, string];
  const apiSecret = randomBytes(24).toString('base64url');
  const adminPort = options['admin-port'];
  const admin = adminPort === undefined ? undefined : { port: Number(adminPort), secret: randomBytes(24).toString('base64url') };
  const mainFile = writeJanusConfig({
    folder: options.folder,
    websocketPort: Number(port),
    websocketAddress: address,
    apiSecret,
    admin,
    iceInterface: options['ice-interface'],
    rtpPortRange: options['rtp-ports'],
    libraryFolder: options.library,
    generatedBy: "Written by Plenary's scripts/media-server-config.ts for a media server of the pool.",
  });
  writeFileSync(path.join(options.folder, 'api-secret'), `${apiSecret}\n`, { mode: 0o600 });
  if (admin) writeFileSync(path.join(options.folder, 'admin-secret'), `${admin.secret}\n`, { mode: 0o600 });
  return {
    url: `ws://${options.listen}`,
    apiSecret,
    admin: admin && { url: `ws://${address}:${admin.port}`, secret: admin.secret },
    mainFile,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const parsed = parseArguments(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`media-server-config: ${parsed.problems.join('\nmedia-server-config: ')}`);
    process.exit(2);
  }
  const written = writeMediaServerConfig(parsed.value);
  console.log(`Wrote ${written.mainFile} and its neighbours (the API secret is in ${path.join(parsed.value.folder, 'api-secret')}).
Start it:    janus --config ${written.mainFile} --configs-folder ${parsed.value.folder} --disable-colors
Register it in Plenary's operator console (Media servers):
  address           ${written.url}
  API secret        ${written.apiSecret}${
    written.admin
      ? `
  admin API address ${written.admin.url}
  admin secret      ${written.admin.secret}`
      : ''
  }
Let only Plenary's instances reach ${parsed.value.listen}${written.admin ? ` and ${written.admin.url.slice('ws://'.length)}` : ''} (firewall), and browsers reach UDP ${parsed.value['rtp-ports']} on ${parsed.value['ice-interface']}.`);
}
