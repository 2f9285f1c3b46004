/**
 * Runs a child process and keeps it running: restarts it with back-off when it exits,
 * stops it (SIGTERM, then SIGKILL) on `stop()`. On Linux the child is started through
 * `setpriv --pdeathsig SIGKILL` so that it dies with Plenary even if Plenary is killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { Backoff } from '../platform/backoff.js';
import { TypedEmitter } from '../platform/typed-emitter.js';
import { withoutAddressesInText } from '../privacy/index.js';

export type ProcessSupervisorEvents = {
  /** A new child process was started. */
  spawned: [pid: number];
  /** The child exited (and will be restarted unless the supervisor is stopping). */
  exited: [code: number | null, signal: NodeJS.Signals | null];
};

export interface ProcessSupervisorOptions {
  /** A short name for logs, e.g. `janus`. */
  name: string;
  command: string;
  args: string[];
  logger: Logger;
  /** A child that ran at least this long counts as healthy: the back-off starts over. Default 30 s. */
  stableAfterMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. Default 5 s. */
  stopTimeoutMs?: number;
}

const setprivPath = '/usr/bin/setpriv';

export class ProcessSupervisor extends TypedEmitter<ProcessSupervisorEvents> {
  private child: ChildProcess | undefined;
  private readonly backoff = new Backoff({ initialDelayMs: 250, maximumDelayMs: 10_000 });
  private restartTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private startedAtMs = 0;
  /** How many times the child has been restarted after an exit. */
  restarts = 0;

  constructor(private readonly options: ProcessSupervisorOptions) {
    super();
    this.onListenerError = (error, event) => options.logger.error({ err: error, event }, 'supervisor listener failed');
  }

  /** The running child's pid, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the child. */
  start(): void {
    this.stopping = false;
    this.spawnChild();
  }

  private spawnChild(): void {
    const { command, args, logger, name } = this.options;
    const useSetpriv = process.platform === 'linux' && existsSync(setprivPath);
    const child = useSetpriv
      ? spawn(setprivPath, ['--pdeathsig', 'SIGKILL', '--', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.startedAtMs = Date.now();
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        // Janus's and coturn's lines may name people's addresses (candidates, relays): never logged.
        if (line.trim()) logger.debug({ process: name }, withoutAddressesInText(line.trimEnd()));
      }
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.once('error', (error) => logger.error({ err: error, process: name }, `cannot start ${name}`));
    child.once('spawn', () => {
      if (child.pid !== undefined) {
        logger.info({ process: name, pid: child.pid }, `${name} started`);
        this.emit('spawned', child.pid);
      }
    });
    child.once('exit', (code, signal) => this.handleExit(child, code, signal));
  }

  private handleExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.emit('exited', code, signal);
    if (this.stopping) return;
    if (Date.now() - this.startedAtMs >= (this.options.stableAfterMs ?? 30_000)) this.backoff.reset();
    const delayMs = this.backoff.nextDelayMs();
    this.options.logger.warn({ process: this.options.name, code, signal, restartInMs: delayMs }, `${this.options.name} exited; restarting`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.restarts += 1;
      if (!this.stopping) this.spawnChild();
    }, delayMs);
  }

  /** Stops the child and any pending restart. Idempotent. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const killTimer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 5_000);
      child.once('exit', () => {
        clearTimeout(killTimer);
        resolve();
      });
      child.kill('SIGTERM');
    });
    this.options.logger.info({ process: this.options.name }, `${this.options.name} stopped`);
  }
}
