/**
 * The BigBlueButton API's service: meetings made by `create` (each held in a persistent Plenary
 * room, the same room for every meeting with the same meetingID), ended by `end`, and read with
 * what the live room registry says of who is in them. Calls are answered here as values; the
 * HTTP edge (`http.ts`) checks checksums and writes XML.
 */
import assert from 'node:assert/strict';
import { createHash, timingSafeEqual } from 'node:crypto';
import { type Logger, pino } from 'pino';
import type { RoomId } from '../../shared/ids.js';
import { bbbApiLimits, limits } from '../../shared/limits.js';
import type { RoomModule, RoomModuleFactory, RoomRegistry, RoomsRepository } from '../meetings/index.js';
import type { OrganisationsService } from '../organisations/index.js';
import type { Clock } from '../platform/clock.js';
import { type Result, success } from '../platform/outcome.js';
import type { Storage } from '../storage/index.js';
import { type ChecksumAlgorithm, matchChecksum, verifyChecksum } from './checksum.js';
import { type CreateRequest, generatePassword } from './create.js';
import { meetingFeaturesOf } from './create-locks.js';
import { BbbHooks, endCallbackUrls, hookMeeting } from './hooks.js';
import { hooksModule } from './hooks-module.js';
import { BbbLanding } from './landing.js';
import { type BbbMeeting, BbbMeetingsStore } from './meetings-store.js';
import { type BbbFailureKey, bbbFailure } from './messages.js';
import { BbbApiMetrics } from './metrics.js';
import { OrganisationSecrets } from './organisation-secrets.js';

/** The operator's settings of the API (`BBB_API_SECRET`, `BBB_API_CHECKSUM_ALGORITHMS`). */
export interface BbbApiSettings {
  /** The operator-wide shared secret; without it the API is off (every path answers 404). */
  secret: string | undefined;
  /** The checksum algorithms accepted. Default all four, as BigBlueButton. */
  checksumAlgorithms: readonly ChecksumAlgorithm[];
}

/** What the service needs from the rest of Plenary. */
export interface BbbApiOptions {
  storage: Storage;
  clock: Clock;
  rooms: RoomsRepository;
  registry: RoomRegistry;
  /** Where a room an organisation's integration makes is recorded as the organisation's (so its plan counts it). */
  organisations: Pick<OrganisationsService, 'recordIntegrationRoom'>;
  settings: BbbApiSettings;
  /** Where hooks' failed callbacks are logged. Default: nowhere. */
  logger?: Logger | undefined;
  /** Hooks may call back loopback and private addresses (tests). Default false. */
  allowPrivateCallbacks?: boolean | undefined;
}

/**
 * Whose secret signed a call, which decides what it sees: an organisation's (its own meetingIDs,
 * in rooms it owns) or the operator's (`organisationId` null: the meetings made with
 * `BBB_API_SECRET`, none of an organisation's).
 */
export interface Signer {
  organisationId: string | null;
  /** Who made the organisation's secret in force (rooms its integration makes name them); null for the operator's. */
  secretMadeBy: string | null;
}

/** The operator secret's signer. */
export const operatorSigner: Signer = { organisationId: null, secretMadeBy: null };

/** A created meeting, and whether it already existed (`duplicateWarning`). */
export interface Created {
  meeting: BbbMeeting;
  duplicate: boolean;
}

/** The BigBlueButton API's meetings. */
export class BbbApi {
  readonly store: BbbMeetingsStore;
  /** Where join links land: tickets used once, grants kept by the browser. */
  readonly landing: BbbLanding;
  /** `plenary_bbb_api_calls_total{call, returncode}`, registered with `/metrics` by the operations domain. */
  readonly metrics = new BbbApiMetrics();
  /** When each open meeting was last seen with someone in it (by `endIdleMeetings`). */
  readonly #lastSeenLiveMs = new Map<string, number>();
  /** Each organisation's own secret (made and replaced from its page). */
  readonly secrets: OrganisationSecrets;
  /** The webhooks API: hooks, and the callbacks of each meeting's events. */
  readonly hooks: BbbHooks;
  readonly #logger: Logger;

  constructor(private readonly options: BbbApiOptions) {
    this.#logger = options.logger ?? pino({ level: 'silent' });
    this.store = new BbbMeetingsStore(options.storage);
    this.landing = new BbbLanding(this.store, options.clock);
    this.secrets = new OrganisationSecrets(options.storage, options.clock);
    this.hooks = new BbbHooks({
      storage: options.storage,
      clock: options.clock,
      logger: this.#logger,
      allowPrivateCallbacks: options.allowPrivateCallbacks,
      secretOf: async (organisationId) =>
        organisationId === null ? options.settings.secret : (await this.secrets.current(organisationId))?.secret,
    });
    this.hooksModule = hooksModule({
      findOpenInRoom: (roomId) => this.store.findOpenInRoom(roomId),
      emit: (event) => this.hooks.emit(event),
      end: (meeting) => this.end(meeting),
      logger: this.#logger,
    });
  }

  get settings(): BbbApiSettings {
    return this.options.settings;
  }

  get clock(): Clock {
    return this.options.clock;
  }

  get registry(): RoomRegistry {
    return this.options.registry;
  }

  /**
   * Whose secret made `provided`, the checksum of `call` with `signedQuery`: the operator's or one
   * organisation's (every secret is tried — see `matchChecksum`); undefined when none did or its
   * algorithm is not accepted. An organisation's match is confirmed against its secret in the
   * database, so one replaced on another instance fails at once.
   */
  async signerOf(call: string, signedQuery: string, provided: string): Promise<Signer | undefined> {
    const { secret: operatorSecret, checksumAlgorithms: accepted } = this.options.settings;
    const attempt = async () =>
      matchChecksum({
        call,
        signedQuery,
        provided,
        accepted,
        secrets: [...(operatorSecret ? [{ owner: null, secret: operatorSecret }] : []), ...(await this.secrets.candidates())],
      });
    let matched = await attempt();
    if (matched.verdict === 'mismatch' && (await this.secrets.reloadAfterMiss())) matched = await attempt();
    if (matched.verdict !== 'valid') return undefined;
    if (matched.owner === null) return operatorSigner;
    const current = await this.secrets.current(matched.owner);
    if (!current || verifyChecksum({ call, signedQuery, provided, secret: current.secret, accepted }) !== 'valid') return undefined;
    return { organisationId: current.organisationId, secretMadeBy: current.rotatedBy };
  }

  /**
   * Creates the signer's meeting, or finds its one already open with this meetingID: the same
   * meeting with `duplicateWarning` when the passwords given are its passwords or none are given,
   * `idNotUnique` otherwise (as BigBlueButton decides). An organisation's first meeting with a
   * meetingID gets a room the organisation owns.
   */
  async create(request: CreateRequest, signer: Signer = operatorSigner): Promise<Result<Created, BbbFailureKey>> {
    const { organisationId } = signer;
    const existing = await this.store.findOpen(request.meetingId, organisationId);
    if (existing) return this.answerExisting(existing, request);
    const roomId = await this.roomFor(request, signer);
    if (!roomId.ok) return roomId;
    let createTimeMs = this.options.clock.nowMs();
    // Another owner's meeting with the same meetingID made in the same millisecond has this internal id: take the next.
    while (await this.store.findByInternalId(internalMeetingId(request.meetingId, createTimeMs))) createTimeMs += 1;
    const meeting: BbbMeeting = {
      internalId: internalMeetingId(request.meetingId, createTimeMs),
      meetingId: request.meetingId,
      roomId: roomId.value,
      organisationId,
      name: request.name,
      attendeePassword: request.attendeePassword ?? generatePassword(),
      moderatorPassword: request.moderatorPassword ?? generatePassword(),
      settings: request.settings,
      metadata: request.metadata,
      createTimeMs,
      endedAtMs: null,
    };
    if (await this.store.insert(meeting)) {
      this.hooks.emit({ id: 'meeting-created', meeting: hookMeeting(meeting) });
      return success({ meeting, duplicate: false });
    }
    const winner = await this.store.findOpen(request.meetingId, organisationId);
    return winner ? this.answerExisting(winner, request) : bbbFailure('idNotUnique');
  }

  private answerExisting(existing: BbbMeeting, request: CreateRequest): Result<Created, BbbFailureKey> {
    const noneGiven = request.attendeePassword === undefined && request.moderatorPassword === undefined;
    const same =
      sameSecret(request.attendeePassword, existing.attendeePassword) && sameSecret(request.moderatorPassword, existing.moderatorPassword);
    return noneGiven || same ? success({ meeting: existing, duplicate: true }) : bbbFailure('idNotUnique');
  }

  /**
   * The room of the signer's latest meeting with this meetingID, set as `create` asks; a new room
   * for a new meetingID, recorded as the organisation's when an organisation's secret signed (at
   * most `bbbApiLimits.roomsPerOrganisationMax` of them).
   */
  private async roomFor(request: CreateRequest, signer: Signer): Promise<Result<RoomId, BbbFailureKey>> {
    const settings = {
      name: request.name.slice(0, limits.roomNameCharactersMax),
      participantsMax: Math.min(request.settings.maxParticipants || limits.participantsPerRoomMax, limits.participantsPerRoomMax),
      muteOnJoin: request.settings.muteOnStart,
      waitingRoom: request.settings.guestPolicy === 'ASK_MODERATOR' || request.settings.guestPolicy === 'ALWAYS_ACCEPT_AUTH',
      viewerLocks: request.settings.viewerLocks,
      disabledFeatures: meetingFeaturesOf(request.settings.disabledFeatures),
    };
    const previous = await this.store.findLatest(request.meetingId, signer.organisationId);
    const updated = previous ? await this.options.rooms.updateSettings(previous.roomId, settings) : undefined;
    if (updated) return success(updated.id);
    const { organisationId, secretMadeBy } = signer;
    if (organisationId !== null && (await this.store.meetingIdsUsedBy(organisationId)) >= bbbApiLimits.roomsPerOrganisationMax) {
      return bbbFailure(
        'validationError',
        `This organisation has used ${bbbApiLimits.roomsPerOrganisationMax} meetingIDs, as many as it may; reuse one of them.`,
      );
    }
    const room = await this.options.rooms.create(settings);
    if (organisationId !== null) {
      assert(secretMadeBy !== null, 'an organisation’s secret was made by someone');
      await this.options.organisations.recordIntegrationRoom(room.id, organisationId, secretMadeBy);
    }
    return success(room.id);
  }

  /** Ends the open meeting: marks it ended and ends its live room (everyone in it is told, and disconnected). */
  async end(meeting: BbbMeeting): Promise<void> {
    const ended = await this.store.end(meeting.internalId, this.options.clock.nowMs());
    this.options.registry.find(meeting.roomId)?.end();
    if (!ended) return;
    this.hooks.emit({ id: 'meeting-ended', meeting: hookMeeting(meeting) });
    this.hooks.callEndUrls(endCallbackUrls(meeting));
  }

  /**
   * The room module of every live room (silent in rooms not held through the API): it tells hooks
   * what happens in the meeting (who joins and leaves, microphones, cameras, hands, screens, the
   * public chat), ends the meeting at its `duration`, and ends the API's meeting when a moderator
   * ends the live one. See `hooks-module.ts`.
   */
  readonly hooksModule: RoomModuleFactory<RoomModule>;

  /**
   * Ends the meetings BigBlueButton would end on its own: one nobody entered within
   * `unjoinedMeetingEndAfterMs` of its creation, one empty for `emptyMeetingEndAfterMs` since it was
   * last seen live, and one past its `duration` (its live room is closed). Run every
   * `sweepIntervalMs`; when meetings were last seen live is kept in memory (after a restart, a
   * meeting not live counts from its creation). Also forgets join tickets that have expired.
   * Returns how many meetings ended.
   */
  async endIdleMeetings(): Promise<number> {
    const nowMs = this.options.clock.nowMs();
    let ended = 0;
    for (const meeting of await this.store.listOpen()) {
      const live = this.options.registry.find(meeting.roomId);
      const present = live !== undefined && !live.closed && live.participants.size + live.lobby.size > 0;
      if (present) this.#lastSeenLiveMs.set(meeting.internalId, nowMs);
      if (this.#hasRunOut(meeting, present, nowMs)) {
        await this.end(meeting);
        this.#lastSeenLiveMs.delete(meeting.internalId);
        ended += 1;
      }
    }
    await this.store.deleteExpiredTickets(nowMs);
    return ended;
  }

  #hasRunOut(meeting: BbbMeeting, present: boolean, nowMs: number): boolean {
    const { durationMinutes } = meeting.settings;
    if (durationMinutes > 0 && nowMs >= meeting.createTimeMs + durationMinutes * 60_000) return true;
    if (present) return false;
    const lastSeen = this.#lastSeenLiveMs.get(meeting.internalId);
    return lastSeen === undefined
      ? nowMs - meeting.createTimeMs >= bbbApiLimits.unjoinedMeetingEndAfterMs
      : nowMs - lastSeen >= bbbApiLimits.emptyMeetingEndAfterMs;
  }

  /** Whether someone is in the meeting's live room now (remembered, for `hasUserJoined`). */
  isRunning(meeting: BbbMeeting): boolean {
    if (meeting.endedAtMs !== null) return false;
    const live = this.options.registry.find(meeting.roomId);
    const running = live !== undefined && !live.closed && live.participants.size > 0;
    if (running) this.#lastSeenLiveMs.set(meeting.internalId, this.options.clock.nowMs());
    return running;
  }

  /** Whether anyone has been seen in the meeting since it was created (on this instance, since it started). */
  hasUserJoined(meeting: BbbMeeting): boolean {
    return this.isRunning(meeting) || this.#lastSeenLiveMs.has(meeting.internalId);
  }
}

/** BigBlueButton's internal meeting id: the SHA-1 of the meetingID in hex, a dash, the create time. */
export function internalMeetingId(meetingId: string, createTimeMs: number): string {
  return `${createHash('sha1').update(meetingId, 'utf8').digest('hex')}-${createTimeMs}`;
}

/** Whether a given password equals the meeting's, compared in constant time (through their digests). */
export function sameSecret(given: string | undefined, actual: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(actual));
}
