#!/usr/bin/env node
// First-run set-up for `npm start` and `npm test`, using only Node's standard library:
// installs npm packages when missing or stale, Debian's janus/coturn (and chromium for tests)
// when missing, and builds the web client. Safe to run every time: it skips what is done.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv[2] === 'test' ? 'test' : 'start';

function run(command, args, options = {}) {
  console.log(`[setup] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
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

function ensureNpmPackages() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  if (!run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'])) {
    console.error('[setup] npm ci failed; see the messages above.');
    process.exit(1);
  }
}

function ensureDebianPackages() {
  const wanted = [['janus', 'janus'], ['turnserver', 'coturn'], ...(purpose === 'test' ? [['chromium', 'chromium']] : [])];
  const missing = wanted.filter(([binary]) => !onPath(binary)).map(([, pkg]) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`[setup] missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  if (!install() && !(run('apt-get', ['update'], { env }) && install())) {
    console.error(`[setup] could not install ${missing.join(' ')} with apt-get.`);
    process.exit(1);
  }
}

function ensureWebClient() {
  const built = path.join(root, 'dist/web/index.html');
  const sources = [path.join(root, 'src/web'), path.join(root, 'src/shared')];
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestModification))) return;
  if (!run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'])) {
    console.error('[setup] building the web client failed.');
    process.exit(1);
  }
}

ensureNpmPackages();
ensureDebianPackages();
ensureWebClient();
