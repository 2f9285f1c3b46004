import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedTables } from '../accounts/index.js';
import { otherYourDataSections } from '../app.js';
import { admittedUserMember, dayMs, type GovernanceTestApp, startGovernanceTestApp } from '../governance/testing.js';
import { peopleYourDataSections } from '../people/index.js';
import { bothEngines } from '../storage/testing.js';
import { dataCatalogue } from './catalogue/index.js';
import type { DataCatalogue } from './catalogue-types.js';
import { describeExportGaps, exportGaps, tablesAboutPeople } from './export-coverage.js';

describe.each(bothEngines)('the data export covers every row about a person (%s)', (engine) => {
  let app: GovernanceTestApp;
  beforeAll(async () => {
    app = await startGovernanceTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  /** The tables the running server's export carries: the accounts section's, the people side's and the other domains', as app.ts composes them. */
  const carried = () => exportedTables({ ...peopleYourDataSections(app.fixture.people), ...otherYourDataSections(app) });

  it('carries every table the catalogue marks as about a person, and only those', () => {
    const gaps = describeExportGaps(exportGaps(dataCatalogue, carried()));
    expect(gaps, gaps.join('\n')).toEqual([]);
    expect(tablesAboutPeople(dataCatalogue).length).toBeGreaterThanOrEqual(15);
  });

  it('gives a person their one-time links, letters, handle and governance rows, with no secret in them', async () => {
    const green = await admittedUserMember(app, app.alice, 'green', 'Green Bakery', false);
    const now = app.fixture.clock.nowMs();
    const proposal = (
      await app.alice.request('POST', '/api/governance/proposals', {
        title: 'Move to renewable hosting',
        body: 'We move the servers.',
        kind: 'yes_no',
        options: [],
        opensAtMs: now,
        closesAtMs: now + 3 * dayMs,
        quorumBasisPoints: 0,
        threshold: 'simple_majority',
      })
    ).json<{ id: string }>();
    expect(
      (await app.alice.request('PUT', `/api/governance/proposals/${proposal.id}/vote`, { memberId: green, ballot: 'yes' })).statusCode,
    ).toBe(200);
    expect(
      (await app.alice.request('POST', `/api/governance/proposals/${proposal.id}/comments`, { body: 'Long overdue.' })).statusCode,
    ).toBe(201);
    expect((await app.alice.request('POST', '/api/me/rooms', { name: 'Standup', slug: 'standup' })).statusCode).toBe(201);
    const exported = (await app.alice.request('GET', '/api/account/export')).json<Record<string, Record<string, unknown>>>();
    expect(exported.account?.one_time_links).toEqual([
      expect.objectContaining({ purpose: expect.any(String), used_at_ms: expect.any(Number) }),
    ]);
    expect(exported.account?.single_sign_on).toEqual([]);
    expect(exported.handle).toBe('alice');
    expect(exported.rooms).toEqual([expect.objectContaining({ slug: 'standup', handle: 'alice' })]);
    expect(exported.letters).toContainEqual(
      expect.objectContaining({ subject: expect.stringMatching(/Confirm/), text: expect.stringContaining('token=(hidden)') }),
    );
    expect(exported.governance).toMatchObject({
      memberships: [expect.objectContaining({ name: 'Green Bakery', status: 'admitted' })],
      votes: [expect.objectContaining({ proposal_id: proposal.id, member_id: green, ballot_json: '"yes"' })],
      comments: [expect.objectContaining({ proposal_id: proposal.id, body: 'Long overdue.' })],
      calendarFeed: false,
    });
    const text = JSON.stringify(exported);
    expect(text).not.toMatch(/token=[A-Za-z0-9_-]{20,}|password_hash|token_hash|csrf/);
  });
});

describe('checking the export against the catalogue', () => {
  const catalogue: DataCatalogue = {
    people: { purpose: 'People.', retention: 'Ever.', aboutPerson: { column: 'id', by: 'person_id' }, columns: {} },
    diaries: { purpose: 'Diaries.', retention: 'Ever.', aboutPerson: { column: 'person_id', by: 'person_id' }, columns: {} },
    rooms: { purpose: 'Rooms.', retention: 'Ever.', columns: {} },
  };

  it('names a table about a person that no section carries, and a carried table not marked about a person', () => {
    const gaps = exportGaps(catalogue, ['people', 'rooms']);
    expect(gaps).toEqual({ notExported: ['diaries'], notMarkedAboutPerson: ['rooms'] });
    expect(describeExportGaps(gaps)).toEqual([
      expect.stringMatching(/^table diaries holds rows about a person .* no section of the data export carries it/),
      expect.stringMatching(/^the data export carries table rooms, which the catalogue does not mark aboutPerson/),
    ]);
  });
});
