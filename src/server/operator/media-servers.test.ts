/**
 * The operator console's media servers over HTTP, on both engines: only operators; registering,
 * draining, re-weighing and removing; every bad input refused with its code; a server that
 * cannot be reached shown as down with the reason, never with its secret.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstancesViewSchema } from '../../shared/instances-api.js';
import type { MediaServerView } from '../../shared/media-servers-api.js';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

describe.each(bothEngines)('the media servers in the operator console (%s)', (engine) => {
  let fixture: PeopleTestApp;
  let operator: TestBrowser;
  const logLines: string[] = [];
  beforeAll(async () => {
    fixture = await startPeopleTestApp(engine, { operatorEmails: ['op@example.org'], logLines });
    operator = await signedUpPerson(fixture, 'op@example.org', 'Olu');
  });
  afterAll(async () => fixture?.close());

  const servers = async () => (await operator.request('GET', '/api/operator/media-servers')).json<{ servers: MediaServerView[] }>().servers;

  it('lets only operators see or change the pool', async () => {
    const alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    expect((await alice.request('GET', '/api/operator/media-servers')).json().error.code).toBe('operator_only');
    const added = await alice.request('POST', '/api/operator/media-servers', { name: 'Sneaky', url: 'ws://10.0.0.9:8188' });
    expect(added.statusCode).toBe(403);
    expect((await alice.request('PATCH', '/api/operator/media-servers/janus-local', { drained: true })).statusCode).toBe(403);
    expect((await servers()).map((server) => server.name)).toEqual(['local']);
    expect((await servers())[0]?.drained).toBe(false);
  });

  it('lists the instances serving the installation to operators only: here one, without Redis', async () => {
    const alice = await signedUpPerson(fixture, 'alice2@example.org', 'Alice');
    expect((await alice.request('GET', '/api/operator/instances')).json().error.code).toBe('operator_only');
    const listed = (await operator.request('GET', '/api/operator/instances')).json();
    expect(InstancesViewSchema.parse(listed)).toEqual({
      redis: 'off',
      instances: [
        {
          id: 'test-instance',
          current: true,
          state: 'alive',
          lastHeardAtMs: fixture.clock.nowMs(),
          startedAtMs: expect.any(Number),
          meetings: 0,
          participants: 0,
          relayedOut: 0,
          relayedIn: 0,
        },
      ],
    });
  });

  it('refuses bad registrations and changes with a code and the field at fault, and stores nothing', async () => {
    const bad: [unknown, string][] = [
      [{ name: 'Web', url: 'http://10.0.0.9:8188' }, 'url'],
      [{ name: 'Creds', url: 'ws://janus:hunter2@10.0.0.9:8188' }, 'url'],
      [{ name: 'Nowhere', url: 'not a url' }, 'url'],
      [{ name: '   ', url: 'ws://10.0.0.9:8188' }, 'name'],
      [{ name: 'Heavy', url: 'ws://10.0.0.9:8188', weight: 0 }, 'weight'],
      [{ name: 'Half', url: 'ws://10.0.0.9:8188', weight: 1.5 }, 'weight'],
      [{ name: 'Shouting', url: 'ws://10.0.0.9:8188', region: 'EU West' }, 'region'],
      [{ name: 'Extra', url: 'ws://10.0.0.9:8188', admin: true }, 'admin'],
      [{ name: 'Admin web', url: 'ws://10.0.0.9:8188', adminUrl: 'http://10.0.0.9:7088/admin' }, 'adminUrl'],
      [{ name: 'Admin creds', url: 'ws://10.0.0.9:8188', adminUrl: 'ws://root:toor@10.0.0.9:7188' }, 'adminUrl'],
      [{ name: 'Lone secret', url: 'ws://10.0.0.9:8188', adminSecret: 'hush' }, 'adminSecret'],
      [{ name: 'Empty secret', url: 'ws://10.0.0.9:8188', adminUrl: 'ws://10.0.0.9:7188', adminSecret: '' }, 'adminSecret'],
    ];
    for (const [body, field] of bad) {
      const response = await operator.request('POST', '/api/operator/media-servers', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
      expect(response.json().error.message).toContain(field);
    }
    expect((await operator.request('PATCH', '/api/operator/media-servers/janus-local', {})).statusCode).toBe(400);
    for (const admin of [{ url: 'ftp://10.0.0.9' }, { secret: 'hush' }, { url: 'ws://10.0.0.9:7188', extra: 1 }, 'ws://10.0.0.9:7188']) {
      const response = await operator.request('PATCH', '/api/operator/media-servers/janus-local', { admin });
      expect(response.statusCode, JSON.stringify(admin)).toBe(400);
      expect(response.json().error.message).toContain('admin');
    }
    expect((await operator.request('PATCH', '/api/operator/media-servers/../etc', { drained: true })).statusCode).toBe(404);
    expect((await operator.request('PATCH', '/api/operator/media-servers/ms_nope', { drained: true })).json().error.code).toBe(
      'invalid_request',
    );
    expect((await servers()).map((server) => server.name)).toEqual(['local']);
  });

  it('registers a server, shows it down with the reason while it cannot be reached, drains, re-weighs and removes it', async () => {
    const added = await operator.request('POST', '/api/operator/media-servers', {
      name: 'Brussels 2',
      url: 'ws://127.0.0.1:9',
      apiSecret: 'very secret',
      weight: 3,
      region: 'eu-west',
      renewable: true,
    });
    expect(added.statusCode).toBe(201);
    const server = added.json<MediaServerView>();
    expect(server).toMatchObject({
      name: 'Brussels 2',
      url: 'ws://127.0.0.1:9',
      local: false,
      weight: 3,
      region: 'eu-west',
      renewable: true,
    });
    expect(server.id).toMatch(/^ms_/);
    await vi.waitFor(async () => expect((await servers()).find((each) => each.id === server.id)?.lastFailure).toContain('ECONNREFUSED'), {
      timeout: 10_000,
    });
    const listed = await operator.request('GET', '/api/operator/media-servers');
    expect(listed.body).not.toContain('very secret');
    // No admin API given: its load is not read.
    expect(listed.json<{ servers: MediaServerView[] }>().servers.find((each) => each.id === server.id)).toMatchObject({
      adminUrl: null,
      measured: null,
      adminFailure: null,
    });
    // An admin API where nothing answers: said, with the reason, never with its secret; and read no more once taken away.
    const withAdmin = await operator.request('PATCH', `/api/operator/media-servers/${server.id}`, {
      admin: { url: 'ws://127.0.0.1:9/admin', secret: 'admin hush' },
    });
    expect(withAdmin.json()).toMatchObject({ adminUrl: 'ws://127.0.0.1:9/admin' });
    await vi.waitFor(async () => expect((await servers()).find((each) => each.id === server.id)?.adminFailure).toContain('ECONNREFUSED'), {
      timeout: 10_000,
    });
    expect((await operator.request('GET', '/api/operator/media-servers')).body).not.toContain('admin hush');
    // The change is logged with the admin address and whether a secret was given, never the secret.
    expect(logLines.some((line) => line.includes('a media server was changed') && line.includes('ws://127.0.0.1:9/admin'))).toBe(true);
    expect(logLines.join('\n')).not.toMatch(/admin hush|very secret/);
    const withoutAdmin = await operator.request('PATCH', `/api/operator/media-servers/${server.id}`, { admin: null });
    expect(withoutAdmin.json()).toMatchObject({ adminUrl: null, measured: null, adminFailure: null });
    expect(listed.json<{ servers: MediaServerView[] }>().servers.find((each) => each.id === server.id)).toMatchObject({
      up: false,
      rooms: 0,
    });

    const taken = await operator.request('POST', '/api/operator/media-servers', { name: 'Brussels 2', url: 'ws://127.0.0.1:10' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toEqual({
      code: 'media_server_name_taken',
      message: 'A media server is already called “Brussels 2”; give this one another name.',
    });

    const notDrained = await operator.request('DELETE', `/api/operator/media-servers/${server.id}`);
    expect(notDrained.statusCode).toBe(409);
    expect(notDrained.json().error).toEqual({
      code: 'media_server_not_drained',
      message: 'Drain “Brussels 2” before removing it, so that no new meeting goes there meanwhile.',
    });
    const drained = await operator.request('PATCH', `/api/operator/media-servers/${server.id}`, { drained: true, weight: 5 });
    expect(drained.json()).toMatchObject({ drained: true, weight: 5, region: 'eu-west' });
    const localDrained = await operator.request('PATCH', '/api/operator/media-servers/janus-local', { drained: true });
    expect(localDrained.json()).toMatchObject({ id: 'janus-local', drained: true });
    await operator.request('PATCH', '/api/operator/media-servers/janus-local', { drained: false });
    const reweighLocal = await operator.request('PATCH', '/api/operator/media-servers/janus-local', { weight: 2 });
    expect(reweighLocal.statusCode).toBe(409);
    expect(reweighLocal.json().error.code).toBe('media_server_local');
    expect((await operator.request('DELETE', '/api/operator/media-servers/janus-local')).json().error.code).toBe('media_server_local');

    expect((await operator.request('DELETE', `/api/operator/media-servers/${server.id}`)).statusCode).toBe(204);
    const again = await operator.request('DELETE', `/api/operator/media-servers/${server.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('media_server_not_found');
    expect((await servers()).map((each) => each.name)).toEqual(['local']);

    const audit = (await operator.request('GET', '/api/operator/audit')).json<{ entries: { action: string }[] }>().entries;
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['add_media_server', 'change_media_server', 'remove_media_server', 'list_media_servers']),
    );
  });

  it('writes the view’s own refreshes to the audit log once every ten minutes, not every five seconds', async () => {
    const reads = async () =>
      (await operator.request('GET', '/api/operator/audit'))
        .json<{ entries: { action: string }[] }>()
        .entries.filter((entry) => entry.action === 'list_media_servers').length;
    fixture.clock.advance(11 * 60_000);
    const before = await reads();
    for (let refresh = 0; refresh < 5; refresh++) {
      await servers();
      fixture.clock.advance(5_000);
    }
    expect(await reads()).toBe(before + 1);
    fixture.clock.advance(10 * 60_000);
    await servers();
    expect(await reads()).toBe(before + 2);
  });
});
