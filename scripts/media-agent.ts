/**
 * Beside a media server of the pool, on its host: Janus's admin API as Plenary reads it, plus the
 * one figure Janus does not give — its CPU. It listens where Plenary's instances reach it
 * (WebSocket, protocol `janus-admin-protocol`), passes every request on to the local Janus admin
 * API unchanged and every answer back, and answers `{"janus":"plenary_cpu"}` itself, to a request
 * carrying the admin secret, with the Janus process's CPU since the last such question (a share
 * of one core; `null` until there are two readings, or while the process cannot be found).
 * Register the agent's address as the server's admin API in the operator console.
 *
 *   node --import tsx scripts/media-agent.ts --listen 10.0.0.5:7188 --janus ws://127.0.0.1:7189 \
 *     --secret-file /etc/plenary-janus/admin-secret [--pid 1234]
 *
 * Without `--pid` the Janus process is the one process named `janus` on the host.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { z } from 'zod';
import { ProcessCpuMeter } from '../src/server/platform/process-cpu.js';

const adminProtocol = 'janus-admin-protocol';

/** The one process named `janus` on this host, if there is exactly one. */
export function findJanusProcess(): number | undefined {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'janus') found.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();
const RequestSchema = z
  .object({ janus: z.string(), transaction: z.string().optional(), admin_secret: z.string().optional() })
  .passthrough();

export interface MediaAgentOptions {
  host: string;
  /** 0 for any free port. */
  port: number;
  /** The local Janus admin API. */
  janusAdminUrl: string;
  /** Janus's `admin_secret`: the agent's own answer is given only to a request carrying it. */
  secret: string;
  /** The Janus process (asked at each reading, so a restarted Janus is followed). */
  pid: () => number | undefined;
}

/** Starts the agent; its address and how to stop it. */
export async function startMediaAgent(options: MediaAgentOptions): Promise<{ url: string; close(): Promise<void> }> {
  const cpu = new ProcessCpuMeter(options.pid);
  cpu.read();
  const expected = digest(options.secret);
  const server = new WebSocketServer({
    host: options.host,
    port: options.port,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(adminProtocol) ? adminProtocol : false),
  });
  server.on('connection', (client) => {
    const janus = new WebSocket(options.janusAdminUrl, adminProtocol, { maxPayload: 8 * 1024 * 1024 });
    const waiting: string[] = [];
    const closeBoth = () => {
      client.terminate();
      janus.terminate();
    };
    client.on('error', closeBoth);
    janus.on('error', closeBoth);
    client.on('close', closeBoth);
    janus.on('close', closeBoth);
    janus.on('open', () => {
      for (const text of waiting.splice(0)) janus.send(text);
    });
    janus.on('message', (data) => client.send(data.toString()));
    client.on('message', (data) => {
      const text = data.toString();
      let request: z.infer<typeof RequestSchema> | undefined;
      try {
        request = RequestSchema.parse(JSON.parse(text));
      } catch {
        request = undefined;
      }
      if (request?.janus === 'plenary_cpu') {
        const given = request.admin_secret;
        const allowed = given !== undefined && timingSafeEqual(digest(given), expected);
        const reply = allowed
          ? { janus: 'success', transaction: request.transaction, cpu: cpu.read() ?? null }
          : {
              janus: 'error',
              transaction: request.transaction,
              error: { code: 403, reason: 'Unauthorized request (wrong or missing secret/token)' },
            };
        client.send(JSON.stringify(reply));
        return;
      }
      // Everything else is Janus's to answer (and to refuse).
      if (janus.readyState === WebSocket.OPEN) janus.send(text);
      else waiting.push(text);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `ws://${options.host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

const ArgumentsSchema = z.object({
  listen: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be an address and a port, e.g. 10.0.0.5:7188'),
  janus: z.string().regex(/^wss?:\/\/\S+$/, 'must be the local Janus admin API, e.g. ws://127.0.0.1:7189'),
  'secret-file': z.string().min(1, 'must name the file holding the admin secret'),
  pid: z.string().regex(/^\d+$/, 'must be a process id').optional(),
});

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const raw: Record<string, string> = {};
  const argv = process.argv.slice(2);
  for (let index = 0; index < argv.length; index += 2) raw[(argv[index] ?? '').replace(/^--/, '')] = argv[index + 1] ?? '';
  const parsed = ArgumentsSchema.strict().safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`media-agent: --${issue.path.join('.')} ${issue.message}`);
    process.exit(2);
  }
  const [host, port] = parsed.data.listen.split(':') as [string, string];
  const pid = parsed.data.pid === undefined ? findJanusProcess : () => Number(parsed.data.pid);
  const agent = await startMediaAgent({
    host,
    port: Number(port),
    janusAdminUrl: parsed.data.janus,
    secret: readFileSync(parsed.data['secret-file'], 'utf8').trim(),
    pid,
  });
  console.log(`media-agent: Janus's admin API and its CPU at ${agent.url}; register that address as the server's admin API.`);
  const stop = () => void agent.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
