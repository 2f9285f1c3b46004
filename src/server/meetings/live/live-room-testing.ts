/**
 * Rule tests' way into a live room: on the in-memory media server (no Janus), with connections
 * that keep what the room sent them. Used by `live-room.test.ts` and the room modules' tests.
 */
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { ParticipantId } from '../../../shared/ids.js';
import type { ServerMessage } from '../../../shared/protocol.js';
import { parseClientMessage } from '../../../shared/protocol.js';
import { ManualClock } from '../../platform/clock.js';
import { openTestStorage, type TestStorage } from '../../storage/testing.js';
import { meetingsMigrations } from '../migrations.js';
import { type Room, RoomsRepository } from '../rooms-repository.js';
import { InMemoryMediaServer } from './in-memory-media-server.js';
import type { ParticipantConnection } from './live-participant.js';
import { type JoinRequest, LiveRoom } from './live-room.js';
import type { ModuleMessage, ModuleOutcome } from './room-module.js';

export const testMedia = { audioMuted: false, videoMuted: false };

/** A participant's connection that keeps what the room sent it. */
export class RecordingConnection implements ParticipantConnection {
  readonly received: ServerMessage[] = [];
  disconnected = false;
  admittedTimes = 0;
  send(message: ServerMessage): void {
    this.received.push(message);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  admitted(): void {
    this.admittedTimes += 1;
  }
  /** The messages of `type` received so far. */
  all<Type extends ServerMessage['type']>(type: Type): Extract<ServerMessage, { type: Type }>[] {
    return this.received.filter((message): message is Extract<ServerMessage, { type: Type }> => message.type === type);
  }
  /** The latest message of `type`, if any. */
  last<Type extends ServerMessage['type']>(type: Type): Extract<ServerMessage, { type: Type }> | undefined {
    return this.all(type).at(-1);
  }
}

/** Opens live rooms of `rooms` on `clock`; `reconnectGraceMs` as the signalling gives it. */
export function liveRoomOpener(rooms: () => RoomsRepository, clock: ManualClock, reconnectGraceMs: number) {
  /** A live room for `room`, nobody in it yet, and a way to join it that fails the test when refused. */
  function open(room: Room) {
    const server = new InMemoryMediaServer();
    let closedTimes = 0;
    const live = new LiveRoom(room, {
      media: server,
      records: rooms(),
      logger: pino({ level: 'silent' }),
      clock,
      reconnectGraceMs,
      onClose: () => {
        closedTimes += 1;
      },
    });
    const join = (displayName: string, request: Partial<JoinRequest> = {}) => {
      const connection = new RecordingConnection();
      const joined = live.join({ displayName, media: testMedia, ...request }, connection);
      if (!joined.ok) throw new Error(`${displayName} could not join: ${joined.code}`);
      return { connection, participant: joined.value.participant, id: joined.value.participant.id, kind: joined.value.kind };
    };
    return { room, server, live, join, closedTimes: () => closedTimes };
  }

  /** A live room in a new room nobody has joined yet. */
  async function emptyMeeting(settings: Partial<Room> = {}) {
    return open(await rooms().create({ name: 'Co-op', participantsMax: 20, ...settings }));
  }

  /** A live room with a moderator (Mo) and a guest (Guy) in it, or waiting. */
  async function meeting(settings: Partial<Room> = {}) {
    const { room, server, live, join, closedTimes } = await emptyMeeting(settings);
    const moderator = join('Mo', { accessCode: room.moderatorCode, clientId: 'moderator-client-0001' });
    // With a waiting room Guy waits; with a viewer code Guy has it.
    const guest = join('Guy', { clientId: 'guest-client-00000001', accessCode: room.viewerCode ?? undefined });
    return { room, server, live, join, moderator, guest, closedTimes };
  }

  return { open, emptyMeeting, meeting };
}

/**
 * A test file's live rooms: SQLite storage with the meetings' tables opened before its tests and
 * closed after, a clock the tests move, and the opener's ways into rooms.
 */
export function useLiveRooms(reconnectGraceMs = 30_000) {
  const clock = new ManualClock();
  let storage: TestStorage | undefined;
  let rooms: RoomsRepository | undefined;
  beforeAll(async () => {
    storage = await openTestStorage('sqlite', meetingsMigrations);
    rooms = new RoomsRepository(storage, clock);
  });
  afterAll(async () => storage?.dispose());
  const roomsNow = () => {
    if (!rooms) throw new Error('the rooms are opened before the tests');
    return rooms;
  };
  return { clock, rooms: roomsNow, ...liveRoomOpener(roomsNow, clock, reconnectGraceMs) };
}

/** Sends a module's message from `participantId` as the signalling would: parsed from JSON first, a refusal of the schema returned as the room's would be. */
export function sendParsed(
  live: LiveRoom,
  participantId: ParticipantId,
  message: unknown,
): ModuleOutcome | Promise<ModuleOutcome> | { ok: false; code: string } {
  const parsed = parseClientMessage(JSON.stringify(message));
  return parsed.ok ? live.handleModuleMessage(participantId, parsed.message as ModuleMessage) : { ok: false, code: parsed.code };
}
