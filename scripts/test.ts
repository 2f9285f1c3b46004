/**
 * `npm test` after set-up: type check, lint, build, unit/HTTP/storage tests, then the
 * end-to-end browser tests inside a private network namespace. Stops at the first failure.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

const steps: { name: string; command: string; args: string[] }[] = [
  { name: 'type check (server)', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.json'] },
  { name: 'type check (web)', command: bin('tsc'), args: ['--noEmit', '-p', 'src/web/tsconfig.json'] },
  { name: 'type check (e2e, bench)', command: bin('tsc'), args: ['--noEmit', '-p', 'e2e/tsconfig.json'] },
  { name: 'lint', command: bin('biome'), args: ['check', '.'] },
  { name: 'build web client', command: bin('vite'), args: ['build', '--logLevel', 'warn'] },
  { name: 'unit, HTTP and storage tests', command: bin('vitest'), args: ['run'] },
  {
    name: 'end-to-end tests (network namespace)',
    command: 'sh',
    args: ['e2e/netns.sh', bin('vitest'), 'run', '--config', 'e2e/vitest.config.ts'],
  },
];

const only = process.argv.slice(2);
const results: string[] = [];
for (const step of steps) {
  if (only.length > 0 && !only.some((word) => step.name.includes(word))) continue;
  console.log(`\n━━ ${step.name} ━━`);
  const startedMs = performance.now();
  const result = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit' });
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  results.push(`${result.status === 0 ? 'ok  ' : 'FAIL'} ${step.name} (${seconds} s)`);
  if (result.status !== 0) {
    console.error(`\n${results.join('\n')}\n\nnpm test failed at: ${step.name}`);
    process.exit(1);
  }
}
console.log(`\n${results.join('\n')}\n\nAll tests passed.`);
