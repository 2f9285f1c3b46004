/**
 * A general assembly on both engines: convened over HTTP, proxies within the rule, and held in a
 * real `LiveRoom` (on the in-memory media server; the browser path is the e2e's) whose
 * participants carry verified person ids as signalling gives them. Four members — Green Bakery
 * (Alice votes), Bob, Cleo and Dan (by proxy, held by Green) — a chair who is not a member, and
 * a guest. The quorum, motions, votes, refusals and the sealed minutes (JSON, HTML, PDF).
 */
import { nanoid } from 'nanoid';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssemblyState } from '../../shared/assembly-protocol.js';
import type { ParticipantId, RoomId } from '../../shared/ids.js';
import { ClientMessageSchema, type ServerMessage } from '../../shared/protocol.js';
import type { ParticipantConnection } from '../meetings/index.js';
import { InMemoryMediaServer } from '../meetings/live/in-memory-media-server.js';
import { LiveRoom } from '../meetings/live/live-room.js';
import { signedUpPerson, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';
import type { AssemblyModule } from './assembly-module.js';
import type { Governance } from './governance.js';
import { type GovernanceTestApp, startGovernanceTestApp } from './testing.js';

/** A participant's connection that keeps the assembly states it was sent, and the errors. */
class Screen implements ParticipantConnection {
  readonly received: ServerMessage[] = [];
  send(message: ServerMessage): void {
    this.received.push(message);
  }
  disconnect(): void {}
  admitted(): void {}
  /** The last assembly state shown. */
  get assembly(): AssemblyState {
    const states = this.received.filter((message) => message.type === 'assembly');
    const last = states.at(-1);
    if (!last) throw new Error('no assembly state was shown');
    return last.assembly;
  }
}

describe.each(bothEngines)('general assemblies (%s)', (engine) => {
  let app: GovernanceTestApp;
  let governance: Governance;
  let operator: TestBrowser;
  let alice: TestBrowser;
  let bob: TestBrowser;
  let cleo: TestBrowser;
  let dan: TestBrowser;
  let roomId: string;
  const ids: Record<string, string | undefined> = {};
  let members = { green: '', bob: '', cleo: '', dan: '' };
  const idOf = (name: string): string => ids[name] ?? '';

  /** Admits a member straight into the register (the admission paths have their own tests). */
  async function admit(name: string, voterEmail: string, classId: 'user' | 'operational'): Promise<string> {
    const voter = await app.fixture.people.accounts.findByEmail(voterEmail);
    if (!voter) throw new Error(`no person ${voterEmail}`);
    const id = `member_${nanoid(16)}`;
    await app.fixture.storage.db
      .withTables<{ governance_members: Record<string, unknown> }>()
      .insertInto('governance_members')
      .values({
        id,
        class_id: classId,
        organisation_id: null,
        person_id: classId === 'operational' ? voter.id : null,
        name,
        voter_person_id: voter.id,
        commitment: '',
        status: 'admitted',
        applied_at_ms: app.fixture.clock.nowMs(),
        decided_at_ms: app.fixture.clock.nowMs(),
        decided_by: 'test',
        reason: null,
        resigned_at_ms: null,
      })
      .execute();
    ids[name] = voter.id;
    return id;
  }

  beforeEach(async () => {
    app = await startGovernanceTestApp(engine);
    ({ governance, operator, alice, bob } = app);
    cleo = await signedUpPerson(app.fixture, 'cleo@example.test', 'Cleo');
    dan = await signedUpPerson(app.fixture, 'dan@example.test', 'Dan');
    members = {
      green: await admit('Green Bakery', 'alice@green.test', 'user'),
      bob: await admit('Bob', 'bob@example.test', 'operational'),
      cleo: await admit('Cleo', 'cleo@example.test', 'operational'),
      dan: await admit('Dan', 'dan@example.test', 'operational'),
    };
    ids.operator = (await app.fixture.people.accounts.findByEmail('op@coop.test'))?.id ?? '';
    roomId = (await app.fixture.rooms.create({ name: 'Annual general meeting', participantsMax: 20 })).id;
  });
  afterEach(async () => app.close());

  /** The assembly's live meeting: the room with governance's module, and a way to join it, signed in (a person id, as signalling gives it) or not. */
  async function meeting() {
    const room = await app.fixture.rooms.find(roomId as RoomId);
    if (!room) throw new Error('no room');
    const live = new LiveRoom(room, {
      media: new InMemoryMediaServer(),
      records: app.fixture.rooms,
      logger: pino({ level: 'silent' }),
      clock: app.fixture.clock,
      reconnectGraceMs: 30_000,
      onClose: () => {},
    });
    const module = live.addModule(governance.assemblyModule) as AssemblyModule;
    const join = async (displayName: string, personId?: string) => {
      const screen = new Screen();
      const joined = live.join({ displayName, media: { audioMuted: true, videoMuted: true }, personId }, screen);
      if (!joined.ok) throw new Error(`${displayName} could not join: ${joined.code}`);
      await module.whenIdle();
      return { screen, id: joined.value.participant.id };
    };
    /** Sends a message as a participant and waits until everyone has been shown what followed. */
    const send = async (participantId: ParticipantId, message: Record<string, unknown>) => {
      // As signalling does: every message is parsed with the protocol's schema first.
      const outcome = await live.handleModuleMessage(participantId, ClientMessageSchema.parse(message) as never);
      await module.whenIdle();
      return outcome;
    };
    return { live, module, join, send };
  }

  const convene = async (proxiesPerHolderMax = 1) => {
    const convened = await operator.request('POST', '/api/governance/assemblies', {
      roomId,
      title: 'AGM 2026',
      quorumBasisPoints: 7_500,
      proxiesPerHolderMax,
    });
    expect(convened.statusCode).toBe(201);
    return convened.json().id as string;
  };

  it('is convened by an operator only, once per room, and says why not', async () => {
    const request = { roomId, title: 'AGM 2026', quorumBasisPoints: 5_000, proxiesPerHolderMax: 1 };
    expect((await alice.request('POST', '/api/governance/assemblies', request)).json().error.code).toBe('operator_only');
    expect((await operator.request('POST', '/api/governance/assemblies', { ...request, roomId: 'zzzz-zzzz-zzzz' })).json().error.code).toBe(
      'room_not_found',
    );
    expect((await operator.request('POST', '/api/governance/assemblies', { ...request, quorumBasisPoints: 0 })).statusCode).toBe(400);
    const convened = await operator.request('POST', '/api/governance/assemblies', request);
    expect(convened.statusCode).toBe(201);
    expect(convened.json()).toMatchObject({ title: 'AGM 2026', status: 'convened', chairName: 'Olu Operator', minutes: null });
    expect((await operator.request('POST', '/api/governance/assemblies', request)).json().error.code).toBe('assembly_already_convened');
    // Every voting member's voter is given notice: the meeting's link, and where to give a proxy.
    const notice = await app.fixture.mail.waitFor('dan@example.test', /General assembly convened: AGM 2026/);
    expect(notice.text).toContain(`http://plenary.test/r/${roomId}`);
    expect(notice.text).toContain(`http://plenary.test/coop/assemblies/${convened.json().id}`);
    await app.fixture.mail.waitFor('alice@green.test', /General assembly convened/);
    expect((await bob.request('GET', '/api/governance/assemblies')).json().assemblies).toHaveLength(1);
  });

  it('takes proxies within the rule: only from the member’s voter, to another voting member, no chains, at most the limit', async () => {
    const assemblyId = await convene(1);
    const path = `/api/governance/assemblies/${assemblyId}/proxies`;
    const give = async (browser: TestBrowser, grantor: string, holder: string | null) =>
      browser.request('PUT', path, { grantorMemberId: grantor, holderMemberId: holder });
    expect((await give(bob, members.dan, members.bob)).json().error.code).toBe('not_your_vote');
    expect((await give(dan, members.dan, members.dan)).json().error.code).toBe('proxy_not_allowed');
    expect((await give(dan, members.dan, 'member_nobodyatall0000')).json().error.code).toBe('proxy_not_allowed');
    expect((await give(dan, members.dan, 'not-an-id')).statusCode).toBe(400);
    const given = await give(dan, members.dan, members.green);
    expect(given.statusCode).toBe(200);
    expect(given.json().proxies).toEqual([
      { grantorMemberId: members.dan, grantorName: 'Dan', holderMemberId: members.green, holderName: 'Green Bakery' },
    ]);
    // Green holds its one proxy: Cleo's is refused; Green, holding one, cannot give its own; Bob cannot pass his to Dan, who gave his.
    expect((await give(cleo, members.cleo, members.green)).json().error).toMatchObject({
      code: 'proxy_limit_reached',
      message: expect.stringContaining('1 proxy'),
    });
    expect((await give(alice, members.green, members.bob)).json().error.code).toBe('proxy_not_allowed');
    expect((await give(bob, members.bob, members.dan)).json().error.code).toBe('proxy_not_allowed');
    // Taken back, then given again: one row.
    expect((await give(dan, members.dan, null)).json().proxies).toEqual([]);
    expect((await give(dan, members.dan, members.green)).json().proxies).toHaveLength(1);
  });

  it('is held in the meeting: attendance from verified identities, a live quorum, a motion voted and closed, sealed minutes', async () => {
    const assemblyId = await convene(2);
    await dan.request('PUT', `/api/governance/assemblies/${assemblyId}/proxies`, {
      grantorMemberId: members.dan,
      holderMemberId: members.green,
    });
    const { join, send, live } = await meeting();
    const chair = await join('Olu (chair)', idOf('operator'));
    const guest = await join('Guy the guest');
    expect(chair.screen.assembly).toMatchObject({ status: 'convened', chairing: true, chairName: 'Olu Operator', ballots: [] });
    expect(guest.screen.assembly).toMatchObject({ chairing: false, ballots: [] });
    // Only the chair opens it.
    const aliceIn = await join('Alice', idOf('Green Bakery'));
    expect(await send(aliceIn.id, { type: 'assembly-open' })).toMatchObject({ ok: false, code: 'not_the_chair' });
    expect(await send(chair.id, { type: 'assembly-open' })).toMatchObject({ ok: true });
    expect(await send(chair.id, { type: 'assembly-open' })).toMatchObject({ ok: false, code: 'no_assembly' });
    // Green (Alice) and Dan by proxy: 2 of 4 represented; the quorum (75 %) needs 3.
    expect(aliceIn.screen.assembly.quorum).toEqual({ electorate: 4, represented: 2, required: 3, reached: false });
    expect(aliceIn.screen.assembly.ballots).toEqual([
      { memberId: members.dan, memberName: 'Dan', byProxy: true },
      { memberId: members.green, memberName: 'Green Bakery', byProxy: false },
    ]);
    const motion = {
      type: 'assembly-motion-open',
      title: 'Adopt the 2026 accounts',
      text: 'As circulated.',
      kind: 'yes_no',
      threshold: 'simple_majority',
    };
    expect(await send(chair.id, motion)).toMatchObject({ ok: false, code: 'quorum_not_reached' });
    const bobIn = await join('Bob', idOf('Bob'));
    const cleoIn = await join('Cleo', idOf('Cleo'));
    expect(guest.screen.assembly.quorum).toEqual({ electorate: 4, represented: 4, required: 3, reached: true });
    expect(guest.screen.assembly.attendance).toContainEqual({ memberName: 'Dan', holderName: 'Green Bakery' });
    expect(await send(bobIn.id, motion)).toMatchObject({ ok: false, code: 'not_the_chair' });
    expect(await send(chair.id, motion)).toMatchObject({ ok: true });
    expect(await send(chair.id, motion)).toMatchObject({ ok: false, code: 'motion_still_open' });
    const open = bobIn.screen.assembly.motions[0];
    if (!open) throw new Error('no motion shown');
    expect(open).toMatchObject({ title: 'Adopt the 2026 accounts', status: 'open', voted: 0, result: null });
    const vote = (who: { id: ParticipantId }, memberId: string, answer: string, motionId = open.id) =>
      send(who.id, { type: 'assembly-vote', motionId, memberId, answer });
    // Refused, and nothing changes: the guest, the chair (no member), a vote for another member, a forged motion, an answer of another kind.
    expect(await vote(guest, members.bob, 'yes')).toMatchObject({ ok: false, code: 'vote_not_allowed' });
    expect(await vote(chair, members.bob, 'yes')).toMatchObject({ ok: false, code: 'vote_not_allowed' });
    expect(await vote(bobIn, members.cleo, 'yes')).toMatchObject({ ok: false, code: 'vote_not_allowed' });
    expect(await vote(bobIn, members.bob, 'yes', 'motion_forged000000000')).toMatchObject({ ok: false, code: 'motion_not_found' });
    expect(await vote(bobIn, members.bob, 'block')).toMatchObject({ ok: false, code: 'vote_not_allowed' });
    expect(bobIn.screen.assembly.motions[0]?.voted).toBe(0);
    // Alice votes for Green and, by proxy, for Dan; Bob changes his vote; Cleo votes no.
    expect(await vote(aliceIn, members.green, 'yes')).toMatchObject({ ok: true });
    expect(await vote(aliceIn, members.dan, 'yes')).toMatchObject({ ok: true });
    expect(await vote(bobIn, members.bob, 'no')).toMatchObject({ ok: true });
    expect(await vote(bobIn, members.bob, 'yes')).toMatchObject({ ok: true });
    expect(await vote(cleoIn, members.cleo, 'no')).toMatchObject({ ok: true });
    expect(aliceIn.screen.assembly.motions[0]).toMatchObject({
      voted: 4,
      mine: { [members.green]: 'yes', [members.dan]: 'yes' },
      result: null,
    });
    // Closing: the chair only, the open motion only.
    expect(await send(bobIn.id, { type: 'assembly-motion-close', motionId: open.id })).toMatchObject({ ok: false, code: 'not_the_chair' });
    expect(await send(chair.id, { type: 'assembly-motion-close', motionId: 'motion_forged000000000' })).toMatchObject({
      ok: false,
      code: 'motion_not_found',
    });
    expect(await send(chair.id, { type: 'assembly-close' })).toMatchObject({ ok: false, code: 'motion_still_open' });
    expect(await send(chair.id, { type: 'assembly-motion-close', motionId: open.id })).toMatchObject({ ok: true });
    expect(guest.screen.assembly.motions[0]).toMatchObject({
      status: 'closed',
      result: { outcome: 'passed', tally: { yes: 3, no: 1, abstain: 0 }, represented: 4 },
    });
    expect(await vote(cleoIn, members.cleo, 'yes')).toMatchObject({ ok: false, code: 'motion_not_found' });
    expect(await send(chair.id, { type: 'assembly-motion-close', motionId: open.id })).toMatchObject({
      ok: false,
      code: 'motion_not_found',
    });
    // Cleo leaves; the assembly closes and its minutes are sealed.
    app.fixture.clock.advance(60_000);
    live.leave(cleoIn.id);
    app.fixture.clock.advance(1_000);
    expect(await send(chair.id, { type: 'assembly-close' })).toMatchObject({ ok: true });
    expect(guest.screen.assembly.status).toBe('closed');
    expect(await send(chair.id, { type: 'assembly-close' })).toMatchObject({ ok: false, code: 'no_assembly' });
    const view = (await bob.request('GET', `/api/governance/assemblies/${assemblyId}`)).json();
    expect(view.status).toBe('closed');
    expect(view.minutes).toMatchObject({
      title: 'AGM 2026',
      chairName: 'Olu Operator',
      electorate: 4,
      quorumRequired: 3,
      proxies: [{ grantorName: 'Dan', holderName: 'Green Bakery' }],
      motions: [{ position: 1, title: 'Adopt the 2026 accounts', outcome: 'passed', tally: { yes: 3, no: 1, abstain: 0 } }],
    });
    expect(view.minutes.motions[0].votes).toContainEqual({ memberName: 'Dan', answer: 'yes', castByName: 'Alice', byProxy: true });
    const attendance = view.minutes.attendance as { name: string; votedFor: string[]; guest: boolean; leftAtMs: number }[];
    // Everyone arrived in the same millisecond of the test's clock: compared by name.
    expect(attendance.map((person) => [person.name, person.votedFor, person.guest]).sort()).toEqual([
      ['Alice', ['Green Bakery'], false],
      ['Bob', ['Bob'], false],
      ['Cleo', ['Cleo'], false],
      ['Guy the guest', [], true],
      ['Olu (chair)', [], false],
    ]);
    const cleoLine = attendance.find((person) => person.name === 'Cleo');
    expect(cleoLine?.leftAtMs).toBe(view.minutes.closedAtMs - 1_000);
    const html = await bob.request('GET', `/api/governance/assemblies/${assemblyId}/minutes.html`);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('<h2>Motion 1: Adopt the 2026 accounts</h2>');
    expect(html.body).toContain('Dan: yes (by proxy, cast by Alice)');
    const pdf = await bob.request('GET', `/api/governance/assemblies/${assemblyId}/minutes.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Sealed: a proxy after the close is refused.
    expect(
      (
        await dan.request('PUT', `/api/governance/assemblies/${assemblyId}/proxies`, { grantorMemberId: members.dan, holderMemberId: null })
      ).json().error.code,
    ).toBe('assembly_closed');
  });

  it('keeps the minutes from people who are not members, and has none before the close', async () => {
    const assemblyId = await convene();
    const stranger = await signedUpPerson(app.fixture, 'stranger@example.test', 'Stranger');
    expect((await stranger.request('GET', `/api/governance/assemblies/${assemblyId}`)).json().error.code).toBe('members_only');
    expect((await stranger.request('GET', `/api/governance/assemblies/${assemblyId}/minutes.pdf`)).statusCode).toBe(403);
    expect((await bob.request('GET', `/api/governance/assemblies/${assemblyId}/minutes.html`)).json().error.code).toBe('minutes_not_ready');
    expect((await bob.request('GET', '/api/governance/assemblies/assembly_unknown000000')).json().error.code).toBe('assembly_not_found');
  });

  it('counts a motion closed after the quorum was lost as inquorate', async () => {
    await convene();
    const { join, send, live } = await meeting();
    const chair = await join('Olu', idOf('operator'));
    await send(chair.id, { type: 'assembly-open' });
    const alicePresent = await join('Alice', idOf('Green Bakery'));
    const bobPresent = await join('Bob', idOf('Bob'));
    const cleoPresent = await join('Cleo', idOf('Cleo'));
    expect(
      await send(chair.id, { type: 'assembly-motion-open', title: 'Move the AGM', kind: 'consent', threshold: 'consensus' }),
    ).toMatchObject({ ok: true });
    const motionId = chair.screen.assembly.motions[0]?.id;
    expect(await send(alicePresent.id, { type: 'assembly-vote', motionId, memberId: members.green, answer: 'agree' })).toMatchObject({
      ok: true,
    });
    live.leave(bobPresent.id);
    live.leave(cleoPresent.id);
    expect(await send(chair.id, { type: 'assembly-motion-close', motionId })).toMatchObject({ ok: true });
    expect(chair.screen.assembly.motions[0]?.result).toMatchObject({ outcome: 'inquorate', represented: 1 });
  });
});
