/**
 * Test helper: runs Plenary as its own process, exactly as `npm start` does after set-up
 * (`node --import tsx src/server/main.ts`), with a fresh DATA_DIR and a free port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chooseIceInterface, findFreePort, writeJanusConfig } from './media/index.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');

export interface RunningPlenary {
  url: string;
  process: ChildProcess;
  dataDirectory: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx src/server/main.ts` (or, with `via: 'npm start'`, the whole
 * `npm start`, set-up included) and waits for its URL. Uses a fresh data directory (removed by
 * `stop()`) unless `dataDirectory` is given (then kept).
 */
export async function startPlenary(
  environment: Record<string, string> = {},
  givenDataDirectory?: string,
  options: { via?: 'node' | 'npm start' } = {},
): Promise<RunningPlenary> {
  const dataDirectory = givenDataDirectory ?? mkdtempSync(path.join(tmpdir(), 'plenary-e2e-'));
  const [command, args] = options.via === 'npm start' ? ['npm', ['start']] : [process.execPath, ['--import', 'tsx', 'src/server/main.ts']];
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', TURN_PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDirectory, LOG_LEVEL: 'info', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // `npm start` may first build the web client.
  // Plenary starts in about a second when the machine is quiet; under a full parallel e2e run on two cores, allow far more.
  const startTimeoutMs = options.via === 'npm start' ? 120_000 : 60_000;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Plenary did not start in ${startTimeoutMs / 1000} s:\n${output}`));
    }, startTimeoutMs);
    const check = () => {
      const match = /Plenary is running at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Plenary exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    process: child,
    dataDirectory,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      if (!givenDataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** Pids of the Janus processes started with the configuration inside `dataDirectory`. */
export function janusProcesses(dataDirectory: string): number[] {
  const marker = path.join(dataDirectory, 'janus', 'janus.jcfg');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (commandLine.includes(marker) && path.basename(commandLine[0] ?? '') === 'janus') pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Pids of every process whose environment names `dataDirectory` as its DATA_DIR (npm, the server, Janus…). */
export function processesWithDataDirectory(dataDirectory: string): number[] {
  const marker = `DATA_DIR=${dataDirectory}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return pids;
}

/** A Janus started by a test or benchmark itself, beside Plenary's own. */
export interface UnsupervisedJanus {
  process: ChildProcess;
  /** Its WebSocket API, to register in Plenary's pool. */
  url: string;
  apiSecret: string;
  /** Its admin API (WebSocket, loopback) and the secret it requires. */
  adminUrl: string;
  adminSecret: string;
  /** Kills it (if still alive) and removes its configuration. */
  stop(): void;
}

/**
 * Starts a second Janus, not supervised (once killed it stays dead), with the configuration
 * Plenary gives its own, on `ICE_INTERFACE` (the network namespace's) or the first non-loopback interface. Give it an RTP
 * port range apart from the own Janus's (20000–40000).
 */
export async function startUnsupervisedJanus(options: { apiSecret: string; rtpPortRange: string }): Promise<UnsupervisedJanus> {
  const folder = mkdtempSync(path.join(tmpdir(), 'plenary-janus-extra-'));
  const websocketPort = await findFreePort();
  const admin = { port: await findFreePort(), secret: randomBytes(18).toString('base64url') };
  const configFile = writeJanusConfig({
    folder,
    websocketPort,
    apiSecret: options.apiSecret,
    admin,
    iceInterface: process.env.ICE_INTERFACE ?? chooseIceInterface() ?? 'lo',
    rtpPortRange: options.rtpPortRange,
    turn: undefined,
  });
  const child = spawn('janus', ['--config', configFile, '--configs-folder', folder, '--disable-colors'], { stdio: 'ignore' });
  return {
    process: child,
    url: `ws://127.0.0.1:${websocketPort}`,
    apiSecret: options.apiSecret,
    adminUrl: `ws://127.0.0.1:${admin.port}`,
    adminSecret: admin.secret,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
