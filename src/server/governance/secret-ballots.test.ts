/**
 * Secret ballots over HTTP on both engines: one ballot per member, changeable only with the token
 * its first vote returned; counted at close; and, read raw from the database after close, stored
 * with no member, no time and not in the order the members voted. Nothing logs a token.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import { newBallotToken } from './secret-ballots.js';
import { admittedUserMember, dayMs, type GovernanceTestApp, memoryLog, startGovernanceTestApp } from './testing.js';

describe.each(bothEngines)('secret ballots (%s)', (engine) => {
  let app: GovernanceTestApp;
  let logLines: string[];

  beforeEach(async () => {
    const log = memoryLog();
    logLines = log.lines;
    app = await startGovernanceTestApp(engine, { requestLogger: log.logger });
  });
  afterEach(async () => {
    await app.close();
  });

  /** Makes `slug` a user member that `browser` votes for (admitted by the operator); its member id. */
  const userMember = (browser: TestBrowser, slug: string, name: string, create = true) =>
    admittedUserMember(app, browser, slug, name, create);

  const secretProposal = async (body: object) => {
    await app.later(60_000);
    const now = app.fixture.clock.nowMs();
    const response = await app.alice.request('POST', '/api/governance/proposals', {
      title: 'Elect the treasurer',
      body: '',
      options: [],
      opensAtMs: now,
      closesAtMs: now + dayMs,
      quorumBasisPoints: 0,
      threshold: 'simple_majority',
      secret: true,
      ...body,
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  };

  it('lets each member vote once in secret, changes a ballot only with its token, and counts the changed ballot', async () => {
    const { alice, bob, governance } = app;
    const green = await userMember(alice, 'green', 'Green Bakery', false);
    const blue = await userMember(bob, 'blue', 'Blue Bikes');
    const proposal = await secretProposal({ kind: 'yes_no' });
    expect(proposal).toMatchObject({ secret: true, votesCast: 0 });
    expect(proposal.myBallots).toEqual([{ memberId: green, memberName: 'Green Bakery', voted: false, ballot: null }]);
    const vote = (browser: TestBrowser, memberId: string, ballot: unknown, ballotToken?: string) =>
      browser.request('PUT', `/api/governance/proposals/${proposal.id}/vote`, {
        memberId,
        ballot,
        ...(ballotToken ? { ballotToken } : {}),
      });

    const first = await vote(alice, green, 'no');
    expect(first.statusCode).toBe(200);
    const { ballotToken } = first.json();
    expect(ballotToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The server does not say how the member voted: the browser keeps its own ballot.
    expect(first.json().myBallots).toEqual([{ memberId: green, memberName: 'Green Bakery', voted: true, ballot: null }]);
    expect(first.json().votesCast).toBe(1);

    // Nobody votes twice: without the token, with a wrong one, or with another member's.
    expect((await vote(alice, green, 'yes')).json().error.code).toBe('already_voted');
    expect((await vote(alice, green, 'yes')).statusCode).toBe(409);
    expect((await vote(alice, green, 'yes', newBallotToken())).json().error.code).toBe('ballot_token_wrong');
    expect((await vote(alice, green, 'yes', 'not a token')).json().error.code).toBe('invalid_request');
    // With its token the ballot changes (and no new token is given).
    const changed = await vote(alice, green, 'yes', ballotToken);
    expect(changed.statusCode).toBe(200);
    expect(changed.json().ballotToken).toBeUndefined();
    expect(changed.json().votesCast).toBe(1);

    // Two first votes at once: one receipt, one ballot.
    const twice = await Promise.all([vote(bob, blue, 'no'), vote(bob, blue, 'no')]);
    expect(twice.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const db = app.fixture.storage.db.withTables<{
      governance_ballot_receipts: { proposal_id: string; member_id: string };
      governance_secret_ballots: { proposal_id: string; ballot_key: string; ballot_json: string };
    }>();
    const receipts = await db.selectFrom('governance_ballot_receipts').select('member_id').where('proposal_id', '=', proposal.id).execute();
    expect(receipts.map((receipt) => receipt.member_id).sort()).toEqual([green, blue].sort());
    const ballots = await db.selectFrom('governance_secret_ballots').selectAll().where('proposal_id', '=', proposal.id).execute();
    expect(ballots.map((ballot) => ballot.ballot_json).sort()).toEqual(['"no"', '"yes"']);
    // Another member's token keys none of this member's ballots.
    expect((await vote(bob, blue, 'yes', ballotToken)).json().error.code).toBe('ballot_token_wrong');
    // Nor does an open proposal hand out tokens.
    const open = await secretProposal({ kind: 'yes_no', secret: false });
    const openVote = await alice.request('PUT', `/api/governance/proposals/${open.id}/vote`, { memberId: green, ballot: 'yes' });
    expect(openVote.json().ballotToken).toBeUndefined();
    expect(openVote.json().myBallots[0]).toMatchObject({ voted: true, ballot: 'yes' });

    await app.later(dayMs);
    expect((await vote(alice, green, 'no', ballotToken)).json().error.code).toBe('proposal_not_open');
    await Promise.all([governance.runScheduledWork(), governance.runScheduledWork()]);
    const closed = (await bob.request('GET', `/api/governance/proposals/${proposal.id}`)).json();
    expect(closed.outcomes).toMatchObject([
      { revision: 0, result: 'failed', voted: 2, electorate: 2, tally: { kind: 'yes_no', yes: 1, no: 1, abstain: 0 } },
    ]);
    expect(closed.myBallots).toEqual([{ memberId: blue, memberName: 'Blue Bikes', voted: true, ballot: null }]);

    // The request log (at trace level) was written, and holds no ballot token.
    expect(logLines.some((line) => line.includes('incoming request'))).toBe(true);
    expect(logLines.some((line) => line.includes(ballotToken))).toBe(false);
    for (const response of twice)
      if (response.json().ballotToken) expect(logLines.join('').includes(response.json().ballotToken)).toBe(false);
  });

  it('keeps a first vote sent with the browser’s own token, and takes it again when its reply was lost', async () => {
    const { alice } = app;
    // Green Bakery exists already (the fixture made it): it applies and is admitted.
    const green = await userMember(alice, 'green', 'Green Bakery', false);
    const proposal = await secretProposal({ kind: 'yes_no' });
    const vote = (ballot: unknown, ballotToken?: string) =>
      alice.request('PUT', `/api/governance/proposals/${proposal.id}/vote`, {
        memberId: green,
        ballot,
        ...(ballotToken ? { ballotToken } : {}),
      });
    // The browser draws its token and keeps it before sending: the server stores only its hash.
    const token = newBallotToken();
    const first = await vote('no', token);
    expect(first.statusCode).toBe(200);
    expect(first.json().ballotToken).toBe(token);
    // The same request again (its reply never arrived) is the same ballot, not a second vote.
    expect((await vote('no', token)).json()).toMatchObject({ votesCast: 1 });
    expect((await vote('yes', token)).json()).toMatchObject({ votesCast: 1 });
    expect((await vote('yes')).json().error.code).toBe('already_voted');
    expect((await vote('yes', newBallotToken())).json().error.code).toBe('ballot_token_wrong');
  });

  it('stores secret ballots with no member, no time, and not in the order the members voted', async () => {
    const { alice, governance, fixture } = app;
    // Twelve members, all Alice's organisations (she votes for each).
    const members = [await userMember(alice, 'green', 'Green Bakery', false)];
    for (let index = 1; index < 12; index++) members.push(await userMember(alice, `org-${index}`, `Organisation ${index}`));
    const options = members.map((_, index) => `Candidate ${index}`);
    const proposal = await secretProposal({ kind: 'single_choice', options });
    // Member i chooses option i, in the order of the members: the order of voting is the order of the options.
    const tokens: string[] = [];
    for (const [index, memberId] of members.entries()) {
      const response = await alice.request('PUT', `/api/governance/proposals/${proposal.id}/vote`, { memberId, ballot: index });
      expect(response.statusCode).toBe(200);
      tokens.push(response.json().ballotToken);
    }
    await app.later(dayMs);
    expect(await governance.runScheduledWork()).toBe(1);
    const closed = (await alice.request('GET', `/api/governance/proposals/${proposal.id}`)).json();
    expect(closed.outcomes[0]).toMatchObject({ result: 'tie', voted: 12, electorate: 12, tally: { votes: Array(12).fill(1) } });

    const db = fixture.storage.db;
    const columnsOf = async (table: string) =>
      engine === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map((row) => row.name).sort()
        : (
            await sql<{ name: string }>`select column_name as name from information_schema.columns
              where table_schema = current_schema() and table_name = ${table}`.execute(db)
          ).rows
            .map((row) => row.name)
            .sort();
    // Exactly these columns: no member, no person, no time.
    expect(await columnsOf('governance_secret_ballots')).toEqual(['ballot_json', 'ballot_key', 'proposal_id']);
    expect(await columnsOf('governance_ballot_receipts')).toEqual(['member_id', 'proposal_id']);

    // The rows in their physical order (SQLite: a plain scan; PostgreSQL: by ctid, the place in the heap).
    const stored = (
      await sql<{ proposal_id: string; ballot_key: string; ballot_json: string }>`select proposal_id, ballot_key, ballot_json
        from governance_secret_ballots ${sql.raw(engine === 'postgres' ? 'order by ctid' : '')}`.execute(db)
    ).rows;
    expect(stored).toHaveLength(12);
    // No value in any ballot row names a member, a person or an organisation, nor is a token.
    const identities = (
      await sql<Record<string, string | null>>`select id, person_id, voter_person_id, organisation_id
      from governance_members`.execute(db)
    ).rows.flatMap((row) => Object.values(row).filter((value): value is string => Boolean(value)));
    expect(identities.length).toBeGreaterThanOrEqual(24);
    for (const row of stored) {
      for (const value of Object.values(row)) {
        for (const identity of [...identities, ...tokens]) expect(value.includes(identity), `${value} holds ${identity}`).toBe(false);
      }
    }
    // Not the order of voting: a random order equals it by chance with probability 1/12! (about 2 in a billion).
    const storedOrder = stored.map((row) => Number(JSON.parse(row.ballot_json)));
    expect([...storedOrder].sort((a, b) => a - b)).toEqual(members.map((_, index) => index));
    expect(storedOrder).not.toEqual(members.map((_, index) => index));
    if (engine === 'sqlite') {
      // Stored by the primary key: the random ballot key, not the arrival.
      expect(stored.map((row) => row.ballot_key)).toEqual(stored.map((row) => row.ballot_key).sort());
    } else {
      // Rewritten in one transaction at close: every ballot carries the same transaction id, so
      // none can be matched to the vote (and the receipt) it came in with.
      const transactions = await sql<{ count: string }>`select count(distinct xmin::text) as count from governance_secret_ballots`.execute(
        db,
      );
      expect(Number(transactions.rows[0]?.count)).toBe(1);
    }
    for (const token of tokens) expect(logLines.join('').includes(token)).toBe(false);
  });
});
