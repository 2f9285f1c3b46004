/**
 * An encrypted meeting's key relay: who is let in, whose public keys reach whom, and that each
 * wrapped key reaches its recipient alone. The browsers' cryptography is tested in the web client
 * and in the end-to-end tests; here the server is only a relay.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientMessageSchema, type ServerMessage } from '../../../shared/protocol.js';
import { ManualClock } from '../../platform/clock.js';
import { openTestStorage, type TestStorage } from '../../storage/testing.js';
import { meetingsMigrations } from '../migrations.js';
import { RoomsRepository } from '../rooms-repository.js';
import { InMemoryMediaServer } from './in-memory-media-server.js';
import type { ParticipantConnection } from './live-participant.js';
import { LiveRoom } from './live-room.js';
import type { ModuleMessage } from './room-module.js';

let storage: TestStorage;
let rooms: RoomsRepository;
const clock = new ManualClock();
const media = { audioMuted: false, videoMuted: false };

beforeAll(async () => {
  storage = await openTestStorage('sqlite', meetingsMigrations);
  rooms = new RoomsRepository(storage, clock);
});
afterAll(async () => storage?.dispose());

class Inbox implements ParticipantConnection {
  readonly received: ServerMessage[] = [];
  send(message: ServerMessage): void {
    this.received.push(message);
  }
  disconnect(): void {}
  admitted(): void {}
  all<Type extends ServerMessage['type']>(type: Type): Extract<ServerMessage, { type: Type }>[] {
    return this.received.filter((message): message is Extract<ServerMessage, { type: Type }> => message.type === type);
  }
}

/** A 65-byte public key's base64url form, made of one repeated character (the server never reads it). */
const publicKey = (letter: string) => `B${letter.repeat(86)}`;
const wrapped = (letter: string) => letter.repeat(70);

async function meeting(endToEndEncryption: boolean) {
  const room = await rooms.create({ name: 'Private co-op', participantsMax: 20, endToEndEncryption });
  const live = new LiveRoom(room, {
    media: new InMemoryMediaServer(),
    records: rooms,
    logger: pino({ level: 'silent' }),
    clock,
    reconnectGraceMs: 30_000,
    onClose: () => {},
  });
  const join = (displayName: string, accessCode?: string) => {
    const inbox = new Inbox();
    const joined = live.join({ displayName, media, canEncrypt: true, accessCode }, inbox);
    if (!joined.ok) throw new Error(`${displayName} could not join: ${joined.code}`);
    const id = joined.value.participant.id;
    const send = (message: ModuleMessage) => live.handleModuleMessage(id, message);
    return { inbox, id, send };
  };
  return { live, join, moderatorCode: room.moderatorCode };
}

describe('an end-to-end encrypted meeting', () => {
  it('lets in only a browser that says it can encrypt, and tells the others it is encrypted', async () => {
    const { live, join } = await meeting(true);
    const refused = live.join({ displayName: 'Old browser', media }, new Inbox());
    expect(refused).toMatchObject({ ok: false, code: 'encryption_unsupported' });
    expect(join('Ada').id).toBeDefined();
    live.close();
  });

  it('hands each newcomer the public keys of those already here, and them the newcomer’s', async () => {
    const { live, join } = await meeting(true);
    const ada = join('Ada');
    const bea = join('Bea');
    expect(ada.send({ type: 'e2ee-identity', publicKey: publicKey('a') })).toEqual({
      ok: true,
      value: { type: 'e2ee-identities', identities: [] },
    });
    expect(bea.send({ type: 'e2ee-identity', publicKey: publicKey('b') })).toEqual({
      ok: true,
      value: { type: 'e2ee-identities', identities: [{ participantId: ada.id, publicKey: publicKey('a') }] },
    });
    expect(ada.inbox.all('e2ee-identities')).toEqual([
      { type: 'e2ee-identities', identities: [{ participantId: bea.id, publicKey: publicKey('b') }] },
    ]);
    live.close();
  });

  it('delivers each wrapped key to its recipient alone, and skips one who left or never announced a key', async () => {
    const { live, join } = await meeting(true);
    const [ada, bea, cy, dee] = [join('Ada'), join('Bea'), join('Cy'), join('Dee')];
    for (const [each, letter] of [
      [ada, 'a'],
      [bea, 'b'],
      [cy, 'c'],
    ] as const) {
      each.send({ type: 'e2ee-identity', publicKey: publicKey(letter) });
    }
    live.leave(cy.id);
    const sent = ada.send({
      type: 'e2ee-keys',
      keys: [
        { to: bea.id, wrapped: wrapped('b') },
        { to: cy.id, wrapped: wrapped('c') },
        { to: dee.id, wrapped: wrapped('d') },
        { to: ada.id, wrapped: wrapped('a') },
      ],
    });
    expect(sent).toEqual({ ok: true, value: undefined });
    expect(bea.inbox.all('e2ee-key')).toEqual([{ type: 'e2ee-key', from: ada.id, wrapped: wrapped('b') }]);
    expect([...cy.inbox.all('e2ee-key'), ...dee.inbox.all('e2ee-key'), ...ada.inbox.all('e2ee-key')]).toEqual([]);
    live.close();
  });

  it('hands a recipient named many times in one message one key, and limits how often keys and announcements may come', async () => {
    const { live, join } = await meeting(true);
    const ada = join('Ada');
    const bea = join('Bea');
    bea.send({ type: 'e2ee-identity', publicKey: publicKey('b') });
    ada.send({ type: 'e2ee-identity', publicKey: publicKey('a') });
    ada.send({ type: 'e2ee-keys', keys: Array.from({ length: 100 }, () => ({ to: bea.id, wrapped: wrapped('b') })) });
    expect(bea.inbox.all('e2ee-key')).toHaveLength(1);
    const keyAnswers = Array.from({ length: 40 }, () => ada.send({ type: 'e2ee-keys', keys: [{ to: bea.id, wrapped: wrapped('b') }] }));
    expect(keyAnswers.filter((answer) => 'ok' in answer && !answer.ok).length).toBeGreaterThan(15);
    expect(keyAnswers.at(-1)).toMatchObject({ ok: false, code: 'rate_limited' });
    const announcements = Array.from({ length: 10 }, () => ada.send({ type: 'e2ee-identity', publicKey: publicKey('a') }));
    expect(announcements.at(-1)).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(bea.inbox.all('e2ee-identities').length).toBeLessThanOrEqual(3);
    live.close();
  });

  it('refuses keys from a participant who has not announced a public key', async () => {
    const { live, join } = await meeting(true);
    const ada = join('Ada');
    const bea = join('Bea');
    bea.send({ type: 'e2ee-identity', publicKey: publicKey('b') });
    expect(ada.send({ type: 'e2ee-keys', keys: [{ to: bea.id, wrapped: wrapped('b') }] })).toMatchObject({
      ok: false,
      code: 'not_allowed',
    });
    expect(bea.inbox.all('e2ee-key')).toEqual([]);
    live.close();
  });

  it('forgets a leaver’s key: a newcomer is not handed it', async () => {
    const { live, join } = await meeting(true);
    const ada = join('Ada');
    const cy = join('Cy');
    ada.send({ type: 'e2ee-identity', publicKey: publicKey('a') });
    cy.send({ type: 'e2ee-identity', publicKey: publicKey('c') });
    live.leave(ada.id);
    const bea = join('Bea');
    expect(bea.send({ type: 'e2ee-identity', publicKey: publicKey('b') })).toEqual({
      ok: true,
      value: { type: 'e2ee-identities', identities: [{ participantId: cy.id, publicKey: publicKey('c') }] },
    });
    live.close();
  });
});

describe('the chat of an encrypted meeting', () => {
  const sealed = 'S'.repeat(120);

  it('relays sealed messages as they are, refuses plain text, and has nothing to export', async () => {
    const { live, join, moderatorCode } = await meeting(true);
    const ada = join('Ada', moderatorCode);
    const bea = join('Bea');
    expect(ada.send({ type: 'chat-send', to: null, sealed })).toEqual({ ok: true, value: undefined });
    expect(bea.inbox.all('chat').map(({ message }) => [message.text, message.sealed])).toEqual([[sealed, true]]);
    expect(ada.send({ type: 'chat-send', to: bea.id, text: 'in clear' })).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.moderate(ada.id, { action: 'export-chat' })).toMatchObject({
      ok: false,
      code: 'not_allowed',
      message: expect.stringMatching(/encrypted/),
    });
    live.close();
  });
});

describe('a meeting that is not encrypted', () => {
  it('has nothing that handles key messages, and takes chat as text only', async () => {
    const { live, join } = await meeting(false);
    const ada = join('Ada');
    expect(ada.send({ type: 'e2ee-identity', publicKey: publicKey('a') })).toMatchObject({ ok: false, code: 'malformed_message' });
    expect(ada.send({ type: 'chat-send', to: null, sealed: 'S'.repeat(120) })).toMatchObject({ ok: false, code: 'not_allowed' });
    live.close();
  });
});

describe('key messages as the signalling reads them', () => {
  it('refuses a public key of the wrong length or alphabet, an empty or oversized key list, and unknown fields', () => {
    const bad = [
      { type: 'e2ee-identity', publicKey: publicKey('a').slice(1) },
      { type: 'e2ee-identity', publicKey: `${publicKey('a').slice(1)}=` },
      { type: 'e2ee-identity', publicKey: publicKey('a'), privateKey: 'x' },
      { type: 'e2ee-keys', keys: [] },
      { type: 'e2ee-keys', keys: [{ to: 'p_x', wrapped: 'a'.repeat(257) }] },
      { type: 'e2ee-keys', keys: [{ to: 'p_x', wrapped: 'not base64url!'.repeat(4) }] },
      { type: 'e2ee-keys', keys: Array.from({ length: 101 }, () => ({ to: 'p_x', wrapped: wrapped('a') })) },
      { type: 'chat-send', to: null },
      { type: 'chat-send', to: null, text: 'hello', sealed: 'S'.repeat(120) },
      { type: 'chat-send', to: null, sealed: 'S'.repeat(10_801) },
      { type: 'chat-send', to: null, sealed: 'sealed but not base64url!!'.repeat(3) },
    ];
    for (const message of bad) expect(ClientMessageSchema.safeParse(message).success, JSON.stringify(message).slice(0, 80)).toBe(false);
  });
});
