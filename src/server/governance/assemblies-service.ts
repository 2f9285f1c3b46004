/**
 * General assemblies, as stored: an operator convenes one in a room (and chairs it); members'
 * voters give proxies within the co-op's rule; in the meeting the chair opens it, puts motions
 * and closes them, and closes the assembly, which seals its minutes. This service keeps the
 * records; the room module (`assembly-module.ts`) decides, from who is present, what may happen.
 * Every record that seals something (a motion's count, the minutes) is written once: the update
 * only matches a row not yet sealed, so a second close changes nothing.
 */
import { SqliteAdapter, sql } from 'kysely';
import { nanoid } from 'nanoid';
import type { AssemblySummary, AssemblyView, ConveneAssemblyRequest, Minutes, ProxyRequest } from '../../shared/assembly-api.js';
import type { MotionAnswer, MotionKind } from '../../shared/assembly-protocol.js';
import type { AssemblyFailureCode } from '../../shared/failure-codes.js';
import type { Mailer } from '../email/index.js';
import type { Clock } from '../platform/clock.js';
import { failure, type Result, success } from '../platform/outcome.js';
import type { AssemblyTables } from './assemblies-migrations.js';
import { assemblyWords } from './assemblies-words.js';
import type { ProxyGrant, VotingMember } from './assembly-roll.js';
import type { GovernanceDatabase } from './context.js';
import type { Actor, MembersService } from './members-service.js';

export type { AssemblyFailureCode };

type Outcome<T> = Result<T, AssemblyFailureCode>;
export type AssemblyRow = AssemblyTables['governance_assemblies'];
export type MotionRow = AssemblyTables['governance_assembly_motions'];
export type VoteRow = AssemblyTables['governance_assembly_votes'];

/** What the assemblies service needs. */
export interface AssembliesServiceOptions {
  db: () => GovernanceDatabase;
  clock: Clock;
  members: MembersService;
  nameOf(personId: string): Promise<string | undefined>;
  /** A room's name, or `undefined` when there is no such room. */
  roomName(roomId: string): Promise<string | undefined>;
  /** Something about the assembly in `roomId` changed outside the meeting (convened, a proxy): its live meeting, if any, shows it. */
  changed?: ((roomId: string) => void) | undefined;
  /** The notice of a convened assembly, to every voting member's voter; none when absent. */
  mailer?: Pick<Mailer, 'sendLetter'> | undefined;
  emailOf?: ((personId: string) => Promise<string | undefined>) | undefined;
  /** An absolute link to a path of the site. Default: the path. */
  link?: ((path: string) => string) | undefined;
}

/** A motion and the votes cast on it. */
export interface MotionRecord {
  row: MotionRow;
  votes: VoteRow[];
}

const ms = (value: number | string | null): number | null => (value === null ? null : Number(value));

export class AssembliesService {
  constructor(private readonly options: AssembliesServiceOptions) {}

  private get db(): GovernanceDatabase {
    return this.options.db();
  }

  /** Convenes an assembly in a room, chaired by the operator who convenes it; one at a time per room. */
  async convene(actor: Actor, request: ConveneAssemblyRequest): Promise<Outcome<AssemblyView>> {
    if (!actor.operator) return failure('operator_only', assemblyWords.phrase('operator_only'));
    if ((await this.options.roomName(request.roomId)) === undefined)
      return failure('room_not_found', assemblyWords.phrase('room_not_found'));
    if (await this.inRoom(request.roomId)) return failure('assembly_already_convened', assemblyWords.phrase('assembly_already_convened'));
    const id = `assembly_${nanoid(16)}`;
    await this.db
      .insertInto('governance_assemblies')
      .values({
        id,
        room_id: request.roomId,
        title: request.title,
        chair_person_id: actor.personId,
        convened_by: actor.personId,
        quorum_basis_points: request.quorumBasisPoints,
        proxies_per_holder_max: request.proxiesPerHolderMax,
        status: 'convened',
        convened_at_ms: this.options.clock.nowMs(),
        opened_at_ms: null,
        closed_at_ms: null,
        minutes_json: null,
      })
      .execute();
    this.options.changed?.(request.roomId);
    await this.sendNotice(id, request, actor.name);
    return this.view(actor, id);
  }

  /**
   * The notice of a convened assembly, mailed to the voter of every voting member: its title, who
   * chairs it, the quorum, the way in (the meeting's link) and the page where a proxy is given.
   */
  private async sendNotice(assemblyId: string, request: ConveneAssemblyRequest, chairName: string): Promise<void> {
    const { mailer, emailOf } = this.options;
    if (!mailer || !emailOf) return;
    const link = this.options.link ?? ((path: string) => path);
    const words = {
      title: request.title,
      chair: chairName,
      percent: request.quorumBasisPoints / 100,
      proxies: request.proxiesPerHolderMax,
      meeting: link(`/r/${request.roomId}`),
      page: link(`/coop/assemblies/${assemblyId}`),
    };
    const voters = new Set((await this.votingMembers()).map((member) => member.voterPersonId));
    for (const personId of voters) {
      const to = await emailOf(personId);
      if (!to) continue;
      await mailer.sendLetter({
        to,
        write: (language) => ({
          subject: assemblyWords.in(language, 'notice_subject', words),
          text: assemblyWords.in(language, 'notice_text', words),
        }),
      });
    }
  }

  /** Every assembly, newest first: members and operators. */
  async list(actor: Actor): Promise<Outcome<AssemblySummary[]>> {
    if (!(await this.options.members.isMemberPerson(actor))) return failure('members_only', assemblyWords.phrase('members_only'));
    const rows = await this.db.selectFrom('governance_assemblies').selectAll().orderBy('convened_at_ms', 'desc').orderBy('id').execute();
    const summaries = [];
    for (const row of rows) summaries.push(await this.summary(row));
    return success(summaries);
  }

  /** One assembly with its proxies, what the reader may give, and its minutes once closed: members and operators. */
  async view(actor: Actor, assemblyId: string): Promise<Outcome<AssemblyView>> {
    if (!(await this.options.members.isMemberPerson(actor))) return failure('members_only', assemblyWords.phrase('members_only'));
    const row = await this.find(assemblyId);
    if (!row) return failure('assembly_not_found', assemblyWords.phrase('assembly_not_found'));
    const members = await this.votingMembers();
    const nameOf = new Map(members.map((member) => [member.id, member.name]));
    const proxies = (await this.proxies(assemblyId)).map((proxy) => ({
      ...proxy,
      grantorName: nameOf.get(proxy.grantorMemberId) ?? '—',
      holderName: nameOf.get(proxy.holderMemberId) ?? '—',
    }));
    return success({
      ...(await this.summary(row)),
      quorumBasisPoints: row.quorum_basis_points,
      proxiesPerHolderMax: row.proxies_per_holder_max,
      proxies,
      mine: (await this.options.members.votesFor(actor.personId)).map((member) => ({ memberId: member.id, name: member.name })),
      members: members.map((member) => ({ memberId: member.id, name: member.name })),
      minutes: row.minutes_json === null ? null : (JSON.parse(row.minutes_json) as Minutes),
    });
  }

  /**
   * Gives (or, with `holderMemberId` null, takes back) a member's proxy for an assembly not yet
   * closed: only its voter may, to another voting member that has given no proxy itself and
   * holds fewer than the rule allows; a member holding proxies cannot give its own.
   */
  async giveProxy(actor: Actor, assemblyId: string, request: ProxyRequest): Promise<Outcome<AssemblyView>> {
    const row = await this.find(assemblyId);
    if (!row) return failure('assembly_not_found', assemblyWords.phrase('assembly_not_found'));
    if (row.status === 'closed') return failure('assembly_closed', assemblyWords.phrase('assembly_closed'));
    const mine = await this.options.members.votesFor(actor.personId);
    if (!mine.some((member) => member.id === request.grantorMemberId))
      return failure('not_your_vote', assemblyWords.phrase('not_your_vote'));
    const voting = await this.votingMembers();
    return this.db
      .transaction()
      .execute(async (transaction) => {
        await lockRow(transaction, 'governance_assemblies', assemblyId);
        const proxies = await transaction
          .selectFrom('governance_assembly_proxies')
          .selectAll()
          .where('assembly_id', '=', assemblyId)
          .execute();
        const holder = request.holderMemberId;
        if (holder !== null) {
          const refusal = proxyRefusal(row, proxies, voting, request.grantorMemberId, holder);
          if (refusal === 'proxy_limit_reached')
            return failure(refusal, assemblyWords.phrase(refusal, { max: row.proxies_per_holder_max }));
          if (refusal) return failure(refusal, assemblyWords.phrase(refusal));
        }
        await transaction
          .deleteFrom('governance_assembly_proxies')
          .where('assembly_id', '=', assemblyId)
          .where('grantor_member_id', '=', request.grantorMemberId)
          .execute();
        if (holder !== null) {
          await transaction
            .insertInto('governance_assembly_proxies')
            .values({
              assembly_id: assemblyId,
              grantor_member_id: request.grantorMemberId,
              holder_member_id: holder,
              granted_by: actor.personId,
              granted_at_ms: this.options.clock.nowMs(),
            })
            .execute();
        }
        return success(undefined);
      })
      .then(async (done) => {
        if (!done.ok) return done;
        this.options.changed?.(row.room_id);
        return this.view(actor, assemblyId);
      });
  }

  // ---- the live meeting's records (used by the room module) ----------------------------------

  /** The assembly of a room that is not closed yet, if any. */
  async inRoom(roomId: string): Promise<AssemblyRow | undefined> {
    return this.db
      .selectFrom('governance_assemblies')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('status', '!=', 'closed')
      .executeTakeFirst();
  }

  async find(assemblyId: string): Promise<AssemblyRow | undefined> {
    return this.db.selectFrom('governance_assemblies').selectAll().where('id', '=', assemblyId).executeTakeFirst();
  }

  /** The co-op's voting members now (admitted, any class), by name. */
  async votingMembers(): Promise<VotingMember[]> {
    const rows = await this.db
      .selectFrom('governance_members')
      .select(['id', 'name', 'voter_person_id'])
      .where('status', '=', 'admitted')
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, voterPersonId: row.voter_person_id }));
  }

  async proxies(assemblyId: string): Promise<ProxyGrant[]> {
    const rows = await this.db
      .selectFrom('governance_assembly_proxies')
      .selectAll()
      .where('assembly_id', '=', assemblyId)
      .orderBy('granted_at_ms')
      .execute();
    return rows.map((row) => ({ grantorMemberId: row.grantor_member_id, holderMemberId: row.holder_member_id }));
  }

  /** Opens a convened assembly; false when it was not convened (opened already, or closed). */
  async open(assemblyId: string): Promise<boolean> {
    const updated = await this.db
      .updateTable('governance_assemblies')
      .set({ status: 'open', opened_at_ms: this.options.clock.nowMs() })
      .where('id', '=', assemblyId)
      .where('status', '=', 'convened')
      .executeTakeFirst();
    return updated.numUpdatedRows === 1n;
  }

  /** Records that a participant arrived while the assembly is open. */
  async arrive(
    assemblyId: string,
    participant: { id: string; personId: string | undefined; name: string; voterFor: string[]; arrivedAtMs: number },
  ): Promise<void> {
    await this.db
      .insertInto('governance_assembly_attendance')
      .values({
        id: `attendance_${nanoid(16)}`,
        assembly_id: assemblyId,
        participant_id: participant.id,
        person_id: participant.personId ?? null,
        name: participant.name,
        voter_for_json: JSON.stringify(participant.voterFor),
        arrived_at_ms: participant.arrivedAtMs,
        left_at_ms: null,
      })
      .execute();
  }

  /** Records that a participant left at `leftAtMs` (every stay still open, when `participantId` is absent: the meeting or the assembly ended). */
  async depart(assemblyId: string, leftAtMs: number, participantId?: string): Promise<void> {
    let update = this.db
      .updateTable('governance_assembly_attendance')
      .set({ left_at_ms: leftAtMs })
      .where('assembly_id', '=', assemblyId)
      .where('left_at_ms', 'is', null);
    if (participantId !== undefined) update = update.where('participant_id', '=', participantId);
    await update.execute();
  }

  /** The motions of an assembly with their votes, in order. */
  async motions(assemblyId: string): Promise<MotionRecord[]> {
    const rows = await this.db
      .selectFrom('governance_assembly_motions')
      .selectAll()
      .where('assembly_id', '=', assemblyId)
      .orderBy('position')
      .execute();
    if (rows.length === 0) return [];
    const votes = await this.db
      .selectFrom('governance_assembly_votes')
      .selectAll()
      .where(
        'motion_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('member_id')
      .execute();
    return rows.map((row) => ({ row, votes: votes.filter((vote) => vote.motion_id === row.id) }));
  }

  /** Puts a motion (the next position); the module checks first that none is open. */
  async openMotion(assemblyId: string, motion: { title: string; text: string; kind: MotionKind; threshold: string }): Promise<string> {
    const id = `motion_${nanoid(16)}`;
    const last = await this.db
      .selectFrom('governance_assembly_motions')
      .select((select) => select.fn.max('position').as('position'))
      .where('assembly_id', '=', assemblyId)
      .executeTakeFirst();
    await this.db
      .insertInto('governance_assembly_motions')
      .values({
        id,
        assembly_id: assemblyId,
        position: Number(last?.position ?? 0) + 1,
        ...motion,
        opened_at_ms: this.options.clock.nowMs(),
        closed_at_ms: null,
        result_json: null,
      })
      .execute();
    return id;
  }

  /** Casts (or changes) a member's vote on a motion still open; false when it is closed. */
  async vote(motionId: string, vote: { memberId: string; answer: MotionAnswer; personId: string; byProxy: boolean }): Promise<boolean> {
    return this.db.transaction().execute(async (transaction) => {
      await lockRow(transaction, 'governance_assembly_motions', motionId);
      const open = await transaction
        .selectFrom('governance_assembly_motions')
        .select('id')
        .where('id', '=', motionId)
        .where('closed_at_ms', 'is', null)
        .executeTakeFirst();
      if (!open) return false;
      await transaction
        .deleteFrom('governance_assembly_votes')
        .where('motion_id', '=', motionId)
        .where('member_id', '=', vote.memberId)
        .execute();
      await transaction
        .insertInto('governance_assembly_votes')
        .values({
          motion_id: motionId,
          member_id: vote.memberId,
          answer: vote.answer,
          cast_by_person_id: vote.personId,
          by_proxy: vote.byProxy ? 1 : 0,
          cast_at_ms: this.options.clock.nowMs(),
        })
        .execute();
      return true;
    });
  }

  /** Seals a motion's count; false when it was sealed already. */
  async closeMotion(motionId: string, result: unknown): Promise<boolean> {
    const updated = await this.db
      .updateTable('governance_assembly_motions')
      .set({ closed_at_ms: this.options.clock.nowMs(), result_json: JSON.stringify(result) })
      .where('id', '=', motionId)
      .where('closed_at_ms', 'is', null)
      .executeTakeFirst();
    return updated.numUpdatedRows === 1n;
  }

  /** Closes an open assembly and seals its minutes (made by `minutesOf` at the close time); false when it was not open. */
  async close(assemblyId: string, minutesOf: (closedAtMs: number) => Promise<Minutes>): Promise<boolean> {
    const closedAtMs = this.options.clock.nowMs();
    await this.depart(assemblyId, closedAtMs);
    const minutes = await minutesOf(closedAtMs);
    const updated = await this.db
      .updateTable('governance_assemblies')
      .set({ status: 'closed', closed_at_ms: closedAtMs, minutes_json: JSON.stringify(minutes) })
      .where('id', '=', assemblyId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return updated.numUpdatedRows === 1n;
  }

  /** Every stay recorded at an assembly, in order of arrival. */
  async attendance(assemblyId: string) {
    return this.db
      .selectFrom('governance_assembly_attendance')
      .selectAll()
      .where('assembly_id', '=', assemblyId)
      .orderBy('arrived_at_ms')
      .orderBy('id')
      .execute();
  }

  private async summary(row: AssemblyRow): Promise<AssemblySummary> {
    return {
      id: row.id,
      title: row.title,
      roomId: row.room_id,
      status: row.status as AssemblySummary['status'],
      chairName: (await this.options.nameOf(row.chair_person_id)) ?? '—',
      convenedAtMs: Number(row.convened_at_ms),
      openedAtMs: ms(row.opened_at_ms),
      closedAtMs: ms(row.closed_at_ms),
    };
  }
}

/** Locks a row until the transaction ends (PostgreSQL; SQLite's one writer needs no lock). */
async function lockRow(
  transaction: GovernanceDatabase,
  table: 'governance_assemblies' | 'governance_assembly_motions',
  id: string,
): Promise<void> {
  const sqlite = transaction.getExecutor().adapter instanceof SqliteAdapter;
  await sql`select id from ${sql.table(table)} where id = ${id}${sql.raw(sqlite ? '' : ' for update')}`.execute(transaction);
}

/** Why a proxy from `grantor` to `holder` is refused under the assembly's rule, if it is. */
function proxyRefusal(
  assembly: AssemblyRow,
  proxies: readonly { grantor_member_id: string; holder_member_id: string }[],
  voting: readonly VotingMember[],
  grantor: string,
  holder: string,
): 'proxy_not_allowed' | 'proxy_limit_reached' | undefined {
  if (assembly.proxies_per_holder_max === 0 || grantor === holder) return 'proxy_not_allowed';
  if (!voting.some((member) => member.id === holder)) return 'proxy_not_allowed';
  // No chains: the holder has given its own proxy, or the grantor holds others'.
  if (proxies.some((proxy) => proxy.grantor_member_id === holder || proxy.holder_member_id === grantor)) return 'proxy_not_allowed';
  const held = proxies.filter((proxy) => proxy.holder_member_id === holder && proxy.grantor_member_id !== grantor).length;
  return held >= assembly.proxies_per_holder_max ? 'proxy_limit_reached' : undefined;
}
