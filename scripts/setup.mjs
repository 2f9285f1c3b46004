#!/usr/bin/env node
// First-run set-up for `npm start` and `npm test`, using only Node's standard library:
// installs npm packages when missing or stale, Debian's janus/coturn (and chromium, iptables and nginx for tests)
// when missing, and builds the web client. Safe to run every time: it skips what is done.
//
// Each long step says what it does and roughly how long it takes, then shows it is still
// working (one line that updates on a terminal, a line every 30 s otherwise). The tools' own
// output is kept quiet and shown only when a step fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `95 s` → `1 min 35 s`. */
export function formatDuration(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * Runs one set-up step quietly: prints what it does and how long it usually takes, a progress
 * line while it runs, and the command's own output only if it fails. Resolves to whether it succeeded.
 *
 * @param {object} step
 * @param {string} step.title what is happening, e.g. "Installing npm packages"
 * @param {string} step.usually how long it usually takes, e.g. "about 3 minutes"
 * @param {string} step.command
 * @param {string[]} step.args
 * @param {NodeJS.ProcessEnv} [step.env]
 * @param {() => string} [step.detail] a few words of progress (e.g. "412 packages unpacked")
 * @param {object} [io]
 * @param {(line: string) => void} [io.print] where lines go (default: stdout)
 * @param {boolean} [io.interactive] one updating line (a terminal) or a line every `io.tickMs`
 * @param {number} [io.tickMs] how often progress is shown (default 1 s on a terminal, 30 s otherwise)
 */
export function runStep(step, io = {}) {
  const interactive = io.interactive ?? Boolean(process.stdout.isTTY);
  const print = io.print ?? ((line) => process.stdout.write(`${line}\n`));
  const tickMs = io.tickMs ?? (interactive ? 1000 : 30_000);
  const startedMs = Date.now();
  print(`[setup] ${step.title} (${step.usually})…`);
  const output = [];
  const child = spawn(step.command, step.args, { cwd: root, env: step.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  const progress = () => {
    const detail = step.detail?.();
    const line = `[setup]   still working: ${formatDuration(Date.now() - startedMs)}${detail ? `, ${detail}` : ''}`;
    if (interactive) process.stdout.write(`\r\x1b[2K${line}`);
    else print(line);
  };
  const ticker = setInterval(progress, tickMs);
  return new Promise((resolve) => {
    let finished = false;
    // A command that cannot start emits 'error' and then 'close': report it once.
    const finish = (ok, why) => {
      if (finished) return;
      finished = true;
      clearInterval(ticker);
      if (interactive) process.stdout.write('\r\x1b[2K');
      const took = formatDuration(Date.now() - startedMs);
      if (ok) {
        print(`[setup] ✓ ${step.title}: done in ${took}`);
      } else {
        print(Buffer.concat(output).toString().trimEnd());
        print(`[setup] ✗ ${step.title} failed after ${took} (${why}); its output is above.`);
      }
      resolve(ok);
    };
    child.once('error', (error) => finish(false, error.message));
    child.once('close', (code, signal) => finish(code === 0, signal ? `killed by ${signal}` : `exit code ${code}`));
  });
}

function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

function newestModification(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function packagesUnpacked() {
  const folder = path.join(root, 'node_modules');
  if (!existsSync(folder)) return 'starting';
  let count = 0;
  for (const entry of readdirSync(folder)) {
    if (entry.startsWith('.')) continue;
    count += entry.startsWith('@') ? readdirSync(path.join(folder, entry)).length : 1;
  }
  return `${count} packages unpacked`;
}

async function ensureNpmPackages() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  const ok = await runStep({
    title: 'Installing npm packages with npm ci',
    usually: 'about 3 minutes the first time, most of it compiling the SQLite driver',
    command: 'npm',
    args: ['ci', '--no-audit', '--no-fund', '--loglevel=error'],
    detail: packagesUnpacked,
  });
  if (!ok) process.exit(1);
}

async function ensureDebianPackages(purpose) {
  // iptables: the TURN end-to-end test drops the browsers' UDP to Janus inside its network namespace;
  // nginx: the deployment test runs a meeting through the reference nginx site (deploy/).
  const forTests = [
    ['chromium', 'chromium'],
    ['iptables', 'iptables'],
    ['nginx', 'nginx-light'],
  ];
  const wanted = [['janus', 'janus'], ['turnserver', 'coturn'], ...(purpose === 'test' ? forTests : [])];
  const missing = wanted.filter(([binary]) => !onPath(binary)).map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`[setup] missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    runStep({
      title: `Installing Debian packages ${missing.join(', ')} with apt-get`,
      usually: 'about 1–2 minutes',
      command: 'apt-get',
      args: ['install', '-y', '-q', '--no-install-recommends', ...missing],
      env,
    });
  const update = () =>
    runStep({ title: "Updating apt's package lists", usually: 'under a minute', command: 'apt-get', args: ['update', '-q'], env });
  if (!(await install()) && !((await update()) && (await install()))) {
    console.error(`[setup] could not install ${missing.join(' ')} with apt-get.`);
    process.exit(1);
  }
}

async function ensureWebClient() {
  const built = path.join(root, 'dist/web/index.html');
  const sources = [path.join(root, 'src/web'), path.join(root, 'src/shared')];
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestModification))) return;
  const ok = await runStep({
    title: 'Building the web client with Vite',
    usually: 'about 20 seconds',
    command: process.execPath,
    args: [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
  });
  if (!ok) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const purpose = process.argv[2] === 'test' ? 'test' : 'start';
  await ensureNpmPackages();
  await ensureDebianPackages(purpose);
  await ensureWebClient();
}
