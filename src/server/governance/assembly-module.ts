/**
 * A general assembly inside a live meeting, as a room module (added to every live room; silent
 * until an assembly is convened in the room). Who someone is comes from their verified session
 * (`ParticipantView.personId`), never from a message. Each meeting's assembly work runs one step
 * at a time, in order (a queue per module), so two votes or a vote and a close never interleave;
 * every step is stored before anyone is told. A refused message changes nothing and is logged.
 *
 * - The chair (the operator who convened it) opens the assembly; attendance counts from then.
 * - The quorum is of members represented now (`assembly-roll.ts`): a motion can be put only
 *   while it is reached, and a motion closed after it was lost is `inquorate`.
 * - Members vote from their meeting screen for every member whose vote they cast here (in person
 *   or by proxy); a vote can be changed until the chair closes the motion; how each member voted
 *   is shown when it closes (an assembly votes openly), and is in the minutes.
 * - Closing the assembly (no motion open) seals its minutes.
 */
import type { Logger } from 'pino';
import { type AssemblyState, type MotionAnswer, type MotionKind, type MotionView, motionAnswers } from '../../shared/assembly-protocol.js';
import type { ErrorCode } from '../../shared/protocol.js';
import type { ModuleMessage, ModuleOutcome, ParticipantView, RoomModule, RoomModuleContext } from '../meetings/index.js';
import { failure } from '../platform/outcome.js';
import type { Phrase } from '../platform/words.js';
import type { AssembliesService, AssemblyRow, MotionRecord } from './assemblies-service.js';
import { assemblyWords } from './assemblies-words.js';
import { minutesOf, motionResult } from './assembly-minutes.js';
import { ballotsOf, quorumRequired, type Representation, represented, type VotingMember } from './assembly-roll.js';

type AssemblyMessage = Extract<ModuleMessage, { type: `assembly-${string}` }>;

const done: ModuleOutcome = { ok: true, value: undefined };
const refuse = (code: ErrorCode, words: Phrase): ModuleOutcome => failure(code, words);

/** The live assemblies by room, so that a change made outside the meeting (a proxy) reaches it. */
export class LiveAssemblies {
  readonly #modules = new Map<string, AssemblyModule>();
  add(roomId: string, module: AssemblyModule): void {
    this.#modules.set(roomId, module);
  }
  remove(roomId: string, module: AssemblyModule): void {
    if (this.#modules.get(roomId) === module) this.#modules.delete(roomId);
  }
  /** Shows the meeting in `roomId`, if one is live, what changed. */
  changed(roomId: string): void {
    this.#modules.get(roomId)?.refresh();
  }
}

/** What the room module needs. */
export interface AssemblyModuleOptions {
  assemblies: AssembliesService;
  live: LiveAssemblies;
  logger: Logger;
  nameOf(personId: string): Promise<string | undefined>;
}

/** What is true of the assembly now, read once per step. */
interface Snapshot {
  assembly: AssemblyRow;
  members: VotingMember[];
  representations: Representation[];
  required: number;
  motions: MotionRecord[];
}

export class AssemblyModule implements RoomModule {
  readonly name = 'assembly';
  readonly messageTypes = ['assembly-open', 'assembly-close', 'assembly-motion-open', 'assembly-motion-close', 'assembly-vote'] as const;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** The assembly this meeting last showed. */
  #heldId: string | undefined;
  readonly #roomId: string;

  constructor(
    private readonly context: RoomModuleContext,
    private readonly options: AssemblyModuleOptions,
  ) {
    this.#roomId = context.roomId();
    options.live.add(this.#roomId, this);
  }

  /** Runs one step after the others; a step that fails is logged and changes nothing more. */
  #step<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    const result = this.#queue.then(work).catch((error: unknown) => {
      this.options.logger.error({ err: error, roomId: this.#roomId }, 'assembly step failed');
      return fallback;
    });
    this.#queue = result;
    return result;
  }

  onJoin(participant: ParticipantView): void {
    const arrivedAtMs = this.context.clock.nowMs();
    void this.#step(async () => {
      const assembly = await this.options.assemblies.inRoom(this.#roomId);
      if (assembly?.status === 'open') await this.#arrive(assembly, participant, arrivedAtMs);
      await this.#show();
    }, undefined);
  }

  onLeave(participant: ParticipantView): void {
    const leftAtMs = this.context.clock.nowMs();
    void this.#step(async () => {
      const assembly = await this.options.assemblies.inRoom(this.#roomId);
      if (assembly?.status === 'open') await this.options.assemblies.depart(assembly.id, leftAtMs, participant.id);
      await this.#show();
    }, undefined);
  }

  /** Resolves once every step asked for so far has run (what a participant was sent is then final). */
  async whenIdle(): Promise<void> {
    await this.#queue;
  }

  /** Something changed outside the meeting (convened, a proxy): everyone is shown the assembly again. */
  refresh(): void {
    void this.#step(() => this.#show(), undefined);
  }

  handle(actor: ParticipantView, message: ModuleMessage): Promise<ModuleOutcome> {
    return this.#step(
      async () => {
        const outcome = await this.#carryOut(actor, message as AssemblyMessage);
        if (outcome.ok) await this.#show();
        else
          this.options.logger.warn(
            { roomId: this.#roomId, participantId: actor.id, type: message.type, code: outcome.code },
            'assembly message refused',
          );
        return outcome;
      },
      refuse('internal_error', assemblyWords.phrase('step_failed')),
    );
  }

  /** The meeting is over: the stays of those still here end now (an open assembly goes on in its next meeting). */
  close(): void {
    this.#closed = true;
    this.options.live.remove(this.#roomId, this);
    const endedAtMs = this.context.clock.nowMs();
    void this.#step(async () => {
      const assembly = await this.options.assemblies.inRoom(this.#roomId);
      if (assembly?.status === 'open') await this.options.assemblies.depart(assembly.id, endedAtMs);
    }, undefined);
  }

  async #carryOut(actor: ParticipantView, message: AssemblyMessage): Promise<ModuleOutcome> {
    const snapshot = await this.#snapshot();
    if (!snapshot || (message.type !== 'assembly-open' && snapshot.assembly.status !== 'open')) {
      return refuse('no_assembly', assemblyWords.phrase('no_assembly'));
    }
    if (message.type === 'assembly-vote') return this.#vote(actor, snapshot, message);
    if (actor.personId === undefined || actor.personId !== snapshot.assembly.chair_person_id) {
      return refuse('not_the_chair', assemblyWords.phrase('not_the_chair'));
    }
    const openMotion = snapshot.motions.find((motion) => motion.row.closed_at_ms === null);
    switch (message.type) {
      case 'assembly-open': {
        if (!(await this.options.assemblies.open(snapshot.assembly.id))) return refuse('no_assembly', assemblyWords.phrase('no_assembly'));
        const openedAtMs = this.context.clock.nowMs();
        for (const participant of this.context.participants()) await this.#arrive(snapshot.assembly, participant, openedAtMs);
        return done;
      }
      case 'assembly-motion-open': {
        if (openMotion) return refuse('motion_still_open', assemblyWords.phrase('motion_still_open'));
        if (snapshot.representations.length < snapshot.required) {
          return refuse(
            'quorum_not_reached',
            assemblyWords.phrase('quorum_not_reached', { represented: snapshot.representations.length, required: snapshot.required }),
          );
        }
        const { title, text, kind, threshold } = message;
        await this.options.assemblies.openMotion(snapshot.assembly.id, { title, text, kind, threshold });
        return done;
      }
      case 'assembly-motion-close': {
        if (!openMotion || openMotion.row.id !== message.motionId)
          return refuse('motion_not_found', assemblyWords.phrase('motion_not_found'));
        const result = motionResult(openMotion, snapshot.members.length, snapshot.representations.length, snapshot.required);
        await this.options.assemblies.closeMotion(openMotion.row.id, result);
        return done;
      }
      case 'assembly-close': {
        if (openMotion) return refuse('motion_still_open', assemblyWords.phrase('motion_still_open'));
        const closed = await this.options.assemblies.close(snapshot.assembly.id, (closedAtMs) =>
          minutesOf(this.options.assemblies, this.options.nameOf, snapshot.assembly, closedAtMs),
        );
        return closed ? done : refuse('no_assembly', assemblyWords.phrase('no_assembly'));
      }
    }
  }

  async #vote(
    actor: ParticipantView,
    snapshot: Snapshot,
    message: Extract<AssemblyMessage, { type: 'assembly-vote' }>,
  ): Promise<ModuleOutcome> {
    const motion = snapshot.motions.find((candidate) => candidate.row.id === message.motionId && candidate.row.closed_at_ms === null);
    if (!motion) return refuse('motion_not_found', assemblyWords.phrase('motion_not_found'));
    const ballot = ballotsOf(snapshot.representations, actor.personId).find(
      (representation) => representation.member.id === message.memberId,
    );
    const fits = motionAnswers[motion.row.kind as MotionKind]?.includes(message.answer) === true;
    if (!ballot || !fits || actor.personId === undefined) return refuse('vote_not_allowed', assemblyWords.phrase('vote_not_allowed'));
    const cast = await this.options.assemblies.vote(motion.row.id, {
      memberId: ballot.member.id,
      answer: message.answer,
      personId: actor.personId,
      byProxy: ballot.byProxy,
    });
    return cast ? done : refuse('motion_not_found', assemblyWords.phrase('motion_not_found'));
  }

  async #arrive(assembly: AssemblyRow, participant: ParticipantView, arrivedAtMs: number): Promise<void> {
    const members = await this.options.assemblies.votingMembers();
    const voterFor = members.filter((member) => member.voterPersonId === participant.personId).map((member) => member.id);
    await this.options.assemblies.arrive(assembly.id, {
      id: participant.id,
      personId: participant.personId,
      name: participant.displayName,
      voterFor,
      arrivedAtMs,
    });
  }

  /** The people signed in and present now (reconnecting ones keep their place). */
  #present(): Set<string> {
    const present = new Set<string>();
    for (const participant of this.context.participants()) if (participant.personId !== undefined) present.add(participant.personId);
    return present;
  }

  async #snapshot(): Promise<Snapshot | undefined> {
    // The room's assembly not yet closed; or, once closed, the one this meeting held (its results stay shown).
    const assembly =
      (await this.options.assemblies.inRoom(this.#roomId)) ??
      (this.#heldId === undefined ? undefined : await this.options.assemblies.find(this.#heldId));
    if (!assembly) return undefined;
    this.#heldId = assembly.id;
    const members = await this.options.assemblies.votingMembers();
    const proxies = await this.options.assemblies.proxies(assembly.id);
    const representations = represented(members, proxies, this.#present());
    const motions = await this.options.assemblies.motions(assembly.id);
    return { assembly, members, representations, required: quorumRequired(members.length, assembly.quorum_basis_points), motions };
  }

  /** Sends every participant the assembly as they see it (nothing while none is convened here). */
  async #show(): Promise<void> {
    if (this.#closed) return;
    const snapshot = await this.#snapshot();
    if (!snapshot) return;
    const chairName = (await this.options.nameOf(snapshot.assembly.chair_person_id)) ?? '—';
    for (const participant of this.context.participants()) {
      this.context.send(participant.id, { type: 'assembly', assembly: stateFor(snapshot, participant, chairName) });
    }
  }
}

/** The assembly as `participant` sees it. */
function stateFor(snapshot: Snapshot, participant: ParticipantView, chairName: string): AssemblyState {
  const { assembly, representations } = snapshot;
  const ballots = ballotsOf(representations, participant.personId);
  const number = (value: number | string | null) => (value === null ? null : Number(value));
  return {
    id: assembly.id,
    title: assembly.title,
    status: assembly.status as AssemblyState['status'],
    chairName,
    chairing: participant.personId !== undefined && participant.personId === assembly.chair_person_id,
    openedAtMs: number(assembly.opened_at_ms),
    closedAtMs: number(assembly.closed_at_ms),
    quorum: {
      electorate: snapshot.members.length,
      represented: representations.length,
      required: snapshot.required,
      reached: representations.length >= snapshot.required,
    },
    attendance: representations.map((representation) => ({
      memberName: representation.member.name,
      holderName: representation.byProxy ? holderNameOf(representations, representation) : null,
    })),
    ballots: ballots.map((ballot) => ({ memberId: ballot.member.id, memberName: ballot.member.name, byProxy: ballot.byProxy })),
    motions: snapshot.motions.map((motion): MotionView => {
      const mine: Record<string, MotionAnswer> = {};
      for (const vote of motion.votes)
        if (vote.cast_by_person_id === participant.personId) mine[vote.member_id] = vote.answer as MotionAnswer;
      return {
        id: motion.row.id,
        position: motion.row.position,
        title: motion.row.title,
        text: motion.row.text,
        kind: motion.row.kind as MotionView['kind'],
        threshold: motion.row.threshold as MotionView['threshold'],
        status: motion.row.closed_at_ms === null ? 'open' : 'closed',
        openedAtMs: Number(motion.row.opened_at_ms),
        closedAtMs: number(motion.row.closed_at_ms),
        voted: motion.votes.length,
        mine,
        result: motion.row.result_json === null ? null : (JSON.parse(motion.row.result_json) as MotionView['result']),
      };
    }),
  };
}

/** The name of the member whose voter holds `representation`'s proxy. */
function holderNameOf(representations: readonly Representation[], representation: Representation): string {
  const holder = representations.find((other) => !other.byProxy && other.voterPersonId === representation.voterPersonId);
  return holder?.member.name ?? representation.member.name;
}
