/** Plenary as a process: start-up, configuration errors, graceful shutdown, no orphans, persistence. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RoomSchema } from '../shared/api.js';
import { TestClient } from './signaling/test-client.js';
import { janusProcesses, processesWithDataDirectory, type RunningPlenary, startPlenary } from './testing-process.js';

const folders: string[] = [];
const running: RunningPlenary[] = [];
afterAll(async () => {
  for (const plenary of running) await plenary.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Starts Plenary and makes sure it is stopped after the tests, even if one fails. */
async function start(folder: string, via: 'node' | 'npm start' = 'node'): Promise<RunningPlenary> {
  const plenary = await startPlenary({}, folder, { via });
  running.push(plenary);
  return plenary;
}

function dataFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'plenary-main-test-'));
  folders.push(folder);
  return folder;
}

describe('plenary as a process', () => {
  it('refuses to start on a bad configuration, naming each bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: '99999', DATABASE_URL: 'mysql://nope', DATA_DIR: dataFolder() },
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/PORT="99999": must be between 0 and 65535/);
    expect(result.stderr).toMatch(/DATABASE_URL="mysql:\/\/nope": must start with postgres:\/\//);
  });

  it('tells participants on SIGTERM, stops its Janus and exits cleanly', async () => {
    const plenary = await start(dataFolder());
    await expect.poll(async () => (await fetch(`${plenary.url}/healthz`)).status, { timeout: 15_000 }).toBe(200);
    expect(janusProcesses(plenary.dataDirectory)).toHaveLength(1);
    const room = RoomSchema.parse(await (await fetch(`${plenary.url}/api/rooms`, { method: 'POST' })).json());
    const client = await TestClient.connect(plenary.url);
    await client.join(room.roomId, 'Ada');

    const exitCode = new Promise<number | null>((resolve) => plenary.process.once('exit', (code) => resolve(code)));
    plenary.process.kill('SIGTERM');
    expect(await client.next('closing')).toEqual({ type: 'closing', reason: 'server_shutdown' });
    expect(await exitCode).toBe(0);
    expect(janusProcesses(plenary.dataDirectory)).toEqual([]);
    expect(plenary.output()).not.toMatch(/v=0|a=candidate/);
  }, 40_000);

  it('stops `npm start` with SIGTERM sent to npm: npm exits only after the server and its Janus have stopped', async () => {
    const folder = dataFolder();
    const plenary = await start(folder, 'npm start');
    await expect.poll(async () => (await fetch(`${plenary.url}/healthz`)).status, { timeout: 15_000 }).toBe(200);
    expect(janusProcesses(folder)).toHaveLength(1);

    const exited = new Promise<number | null>((resolve) => plenary.process.once('exit', (code) => resolve(code)));
    plenary.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(processesWithDataDirectory(folder)).toEqual([]);
    expect(janusProcesses(folder)).toEqual([]);
    await expect(fetch(`${plenary.url}/healthz`)).rejects.toThrow();
    expect(plenary.output()).toMatch(/"msg":"stopped"/);
  }, 150_000);

  it('keeps rooms across a restart, and leaves no Janus behind when killed outright', async () => {
    const folder = dataFolder();
    const first = await start(folder);
    const room = RoomSchema.parse(await (await fetch(`${first.url}/api/rooms`, { method: 'POST' })).json());
    await expect.poll(() => janusProcesses(folder).length, { timeout: 10_000 }).toBe(1);
    first.process.kill('SIGKILL');
    await first.stop();
    await expect.poll(() => janusProcesses(folder), { timeout: 5_000 }).toEqual([]);

    const second = await start(folder);
    const read = await fetch(`${second.url}/api/rooms/${room.roomId}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ roomId: room.roomId });
  }, 60_000);
});
