/** The project's own tooling: npm scripts, the network namespace for e2e tests, the set-up's output. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStep } from './setup.mjs';

const root = path.resolve(import.meta.dirname, '..');

describe('npm scripts', () => {
  const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;

  it.each(Object.entries(scripts))('`npm run %s` names only files that exist', (_name, command) => {
    const files = command.match(/[\w./-]+\.(?:ts|mts|mjs|js|sh)\b/g) ?? [];
    for (const file of files) expect(existsSync(path.join(root, file)), `${file} in "${command}"`).toBe(true);
  });
});

describe('e2e/netns.sh', () => {
  it('runs the command in a namespace whose veth0 has a carrier, found without waiting out its time-out', () => {
    const result = spawnSync(
      'sh',
      ['e2e/netns.sh', 'sh', '-c', 'ip -o link show veth0; echo "ice=$ICE_INTERFACE waits=$NETNS_CARRIER_WAITS"'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/veth0@veth1: <[^>]*\bLOWER_UP\b/);
    const waits = Number(/waits=(\d+)/.exec(result.stdout)?.[1]);
    expect(waits).toBeLessThan(50);
    expect(result.stdout).toContain('ice=veth0');
  });
});

describe('set-up steps', () => {
  const noisy = 'for i in $(seq 180); do echo "Setting up package-$i ..."; done';

  it('say what they do and how long it usually takes, and keep a tool’s chatter to themselves when it succeeds', async () => {
    const lines: string[] = [];
    const ok = await runStep(
      { title: 'Installing things', usually: 'about a minute', command: 'sh', args: ['-c', `${noisy}; sleep 0.3`] },
      { print: (line) => lines.push(line), interactive: false, tickMs: 100 },
    );
    expect(ok).toBe(true);
    expect(lines[0]).toBe('[setup] Installing things (about a minute)…');
    expect(lines.some((line) => line.startsWith('[setup]   still working:'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\[setup\] ✓ Installing things: done in \d+ s$/);
    expect(lines.join('\n')).not.toContain('Setting up');
  });

  it('show the tool’s whole output when it fails', async () => {
    const lines: string[] = [];
    const ok = await runStep(
      {
        title: 'Installing things',
        usually: 'about a minute',
        command: 'sh',
        args: ['-c', `${noisy}; echo "E: no space left" >&2; exit 100`],
      },
      { print: (line) => lines.push(line), interactive: false },
    );
    expect(ok).toBe(false);
    const printed = lines.join('\n');
    expect(printed).toContain('Setting up package-180 ...');
    expect(printed).toContain('E: no space left');
    expect(lines.at(-1)).toMatch(/^\[setup\] ✗ Installing things failed after \d+ s \(exit code 100\)/);
  });

  it('report a command that cannot start once, saying why', async () => {
    const lines: string[] = [];
    const ok = await runStep(
      { title: 'Installing things', usually: 'about a minute', command: '/nonexistent/apt-get', args: [] },
      { print: (line) => lines.push(line), interactive: false },
    );
    expect(ok).toBe(false);
    const failures = lines.filter((line) => line.includes('✗'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('ENOENT');
  });
});
