/**
 * The router between a joined participant's messages and the room: core commands go to the
 * room's commands, every other type to the room module that claims it. A registry on a gateway
 * that is never started (nothing here publishes), so no Janus is needed.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../shared/protocol.js';
import { JanusGateway } from '../media/index.js';
import { meetingsMigrations, type ParticipantView, type RoomModule, RoomRegistry, RoomsRepository } from '../meetings/index.js';
import { MediaPool } from '../meetings/media-pool.js';
import { ManualClock } from '../platform/clock.js';
import { openTestStorage, type TestStorage } from '../storage/testing.js';
import { type MeetingMessage, routeMeetingMessage } from './meeting-messages.js';

type ModuleMessage = Parameters<RoomModule['handle']>[1];
type ModuleMessageType = RoomModule['messageTypes'][number];

const logger = pino({ level: 'silent' });
const clock = new ManualClock();
let storage: TestStorage;
let rooms: RoomsRepository;

beforeAll(async () => {
  storage = await openTestStorage('sqlite', meetingsMigrations);
  rooms = new RoomsRepository(storage, clock);
});
afterAll(async () => storage?.dispose());

// The protocol has no message type for modules but the chat's yet (a new feature adds its own),
// so the test makes one up and routes a crafted, already parsed message of that type.
const tallyType = 'tally-count' as unknown as ModuleMessageType;
const tallyMessage = { type: tallyType } as unknown as MeetingMessage;

/** A module that counts the messages routed to it and answers the sender with the count. */
class TallyModule implements RoomModule {
  readonly name = 'tally';
  readonly messageTypes = [tallyType];
  readonly received: string[] = [];
  onJoin(): void {}
  onLeave(): void {}
  handle(actor: ParticipantView, message: ModuleMessage) {
    this.received.push(`${message.type} from ${actor.displayName}`);
    return { ok: true as const, value: { type: 'chat-export', text: `${this.received.length}` } satisfies ServerMessage };
  }
  close(): void {}
}

/** A participant's connection and replies that keep what they were sent. */
function inbox() {
  const received: ServerMessage[] = [];
  return { received, connection: { send: (message: ServerMessage) => received.push(message), disconnect: () => {}, admitted: () => {} } };
}

async function joinedRoom() {
  const gateway = new JanusGateway({ url: 'ws://127.0.0.1:9', logger, publisherBitrateBitsPerSecondMax: 1 });
  const registry = new RoomRegistry(MediaPool.of(gateway, logger), rooms, logger, clock);
  const room = await rooms.create({ name: 'Routing', participantsMax: 5 });
  const ada = inbox();
  const joined = await registry.join(room.id, { displayName: 'Ada', media: { audioMuted: true, videoMuted: true } }, ada.connection);
  if (!joined.ok) throw new Error(joined.code);
  const live = joined.value.room;
  return { registry, live, ada, adaId: joined.value.result.participant.id };
}

describe('routing a meeting message', () => {
  it('hands a type a module claims to that module, and sends its reply to the sender alone', async () => {
    const { registry, live, adaId } = await joinedRoom();
    const tally = live.addModule(() => new TallyModule());
    const replies: ServerMessage[] = [];
    expect(await routeMeetingMessage(live, adaId, tallyMessage, (reply) => replies.push(reply))).toBeUndefined();
    expect(tally.received).toEqual(['tally-count from Ada']);
    expect(replies).toEqual([{ type: 'chat-export', text: '1' }]);
    await registry.close();
  });

  it('hands chat to the chat module and core commands to the room', async () => {
    const { registry, live, ada, adaId } = await joinedRoom();
    const reply = () => {};
    expect(await routeMeetingMessage(live, adaId, { type: 'chat-send', to: null, text: 'hello' }, reply)).toBeUndefined();
    expect(ada.received.filter((message) => message.type === 'chat')).toMatchObject([{ message: { text: 'hello' } }]);
    expect(await routeMeetingMessage(live, adaId, { type: 'hand', raised: true }, reply)).toBeUndefined();
    expect(live.participants.get(adaId)?.handRaisedAtMs).toBe(clock.nowMs());
    await registry.close();
  });

  it('answers a type no module claims with malformed_message', async () => {
    const { registry, live, adaId } = await joinedRoom();
    expect(await routeMeetingMessage(live, adaId, tallyMessage, () => {})).toMatchObject({ ok: false, code: 'malformed_message' });
    await registry.close();
  });
});
