/** Roles, access codes, the waiting room, moderation, chat, hands and reactions — enforced by the server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../shared/limits.js';
import { startTestServer, type TestServer } from '../testing.js';
import { TestClient } from './test-client.js';

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await server.listen();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

const media = { audioMuted: false, videoMuted: false };

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(server.baseUrl);
  clients.push(client);
  return client;
}

/** A room with a moderator and a guest in it. */
async function meeting(settings: Record<string, unknown> = {}) {
  const room = await server.services.rooms.create({ name: 'Co-op', participantsMax: 20, ...settings });
  const moderator = await connect();
  moderator.send({
    type: 'join',
    roomId: room.id,
    displayName: 'Mo',
    media,
    accessCode: room.moderatorCode,
    clientId: 'moderator-client-0001',
  });
  const moderatorJoined = await moderator.next('joined');
  const guest = await connect();
  guest.send({ type: 'join', roomId: room.id, displayName: 'Guy', media, clientId: 'guest-client-00000001' });
  const guestJoined = await guest.next('joined');
  await moderator.next('participant-joined');
  return {
    room,
    moderator,
    guest,
    moderatorId: moderatorJoined.self.participantId,
    guestId: guestJoined.self.participantId,
    moderatorJoined,
    guestJoined,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('roles', () => {
  it('makes the holder of the moderator code a moderator and others guests', async () => {
    const { moderatorJoined, guestJoined } = await meeting();
    expect(moderatorJoined.self.role).toBe('moderator');
    expect(guestJoined.self.role).toBe('guest');
    expect(guestJoined.participants[0]?.role).toBe('moderator');
  });

  it('refuses every moderator action from a guest with not_allowed, changing nothing', async () => {
    const { moderator, guest, moderatorId } = await meeting();
    const actions = [
      { action: 'set-role', participantId: moderatorId, role: 'viewer' },
      { action: 'mute', participantId: moderatorId },
      { action: 'mute-all' },
      { action: 'ask-unmute', participantId: moderatorId },
      { action: 'camera-off', participantId: moderatorId },
      { action: 'remove', participantId: moderatorId, ban: true },
      { action: 'lower-hand', participantId: moderatorId },
      { action: 'lower-all-hands' },
      { action: 'lock-settings', locked: { microphone: true, camera: true, chat: true, privateChat: true, screenShare: true } },
      { action: 'lock-room', locked: true },
      { action: 'allow-multiple-sharers', allowed: true },
      { action: 'admit', participantId: null },
      { action: 'deny', participantId: moderatorId },
      { action: 'end-meeting' },
      { action: 'export-chat' },
    ];
    for (const moderation of actions) {
      guest.send({ type: 'moderate', moderation });
      expect(await guest.next('error')).toMatchObject({ code: 'not_allowed', inReplyTo: 'moderate' });
    }
    await settle();
    expect(moderator.received.filter((message) => message.type !== 'chat')).toEqual([]);
  });

  it('lets a moderator promote and demote, but never remove the last moderator', async () => {
    const { moderator, guest, moderatorId, guestId } = await meeting();
    moderator.send({ type: 'moderate', moderation: { action: 'set-role', participantId: moderatorId, role: 'viewer' } });
    expect(await moderator.next('error')).toMatchObject({ code: 'last_moderator' });
    moderator.send({ type: 'moderate', moderation: { action: 'set-role', participantId: guestId, role: 'moderator' } });
    expect(await guest.next('moderation')).toMatchObject({ notice: 'role-changed', byName: 'Mo' });
    expect((await moderator.next('participant-updated')).participant).toMatchObject({ participantId: guestId, role: 'moderator' });
    moderator.send({ type: 'moderate', moderation: { action: 'set-role', participantId: moderatorId, role: 'viewer' } });
    expect((await guest.next('participant-updated')).participant).toMatchObject({ participantId: guestId, role: 'moderator' });
    expect((await guest.next('participant-updated')).participant).toMatchObject({ participantId: moderatorId, role: 'viewer' });
  });
});

describe('moderator controls', () => {
  it('mutes, asks to unmute without unmuting, and turns a camera off', async () => {
    const { moderator, guest, guestId, room } = await meeting();
    moderator.send({ type: 'moderate', moderation: { action: 'mute', participantId: guestId } });
    expect(await guest.next('moderation')).toMatchObject({ notice: 'muted' });
    expect((await moderator.next('participant-updated')).participant.media.audioMuted).toBe(true);
    moderator.send({ type: 'moderate', moderation: { action: 'ask-unmute', participantId: guestId } });
    expect(await guest.next('moderation')).toMatchObject({ notice: 'ask-unmute' });
    expect(server.services.registry.find(room.id)?.participants.get(guestId)?.media.audioMuted).toBe(true);
    moderator.send({ type: 'moderate', moderation: { action: 'camera-off', participantId: guestId } });
    expect(await guest.next('moderation')).toMatchObject({ notice: 'camera-off' });
    expect((await moderator.next('participant-updated')).participant.media).toEqual({ audioMuted: true, videoMuted: true });
  });

  it('mutes everyone but the moderator with mute-all', async () => {
    const { moderator, guest, room } = await meeting();
    const other = await connect();
    await other.join(room.id, 'Other');
    moderator.send({ type: 'moderate', moderation: { action: 'mute-all' } });
    expect(await guest.next('moderation')).toMatchObject({ notice: 'muted' });
    expect(await other.next('moderation')).toMatchObject({ notice: 'muted' });
    await settle();
    expect(moderator.received.some((message) => message.type === 'moderation')).toBe(false);
  });

  it('removes and bans a participant, who cannot come back to this meeting', async () => {
    const { moderator, guest, guestId, room } = await meeting();
    moderator.send({ type: 'moderate', moderation: { action: 'remove', participantId: guestId, ban: true } });
    expect(await guest.next('removed')).toEqual({ type: 'removed', banned: true });
    expect(await guest.closed).toBe(1000);
    expect((await moderator.next('participant-left')).participantId).toBe(guestId);
    const again = await connect();
    again.send({ type: 'join', roomId: room.id, displayName: 'Guy', media, clientId: 'guest-client-00000001' });
    expect(await again.next('error')).toMatchObject({ code: 'banned' });
  });

  it('locks chat, microphones and the room for non-moderators', async () => {
    const { moderator, guest, room } = await meeting();
    guest.send({ type: 'media-state', media: { audioMuted: true, videoMuted: false } });
    await moderator.next('participant-updated');
    moderator.send({
      type: 'moderate',
      moderation: {
        action: 'lock-settings',
        locked: { microphone: true, camera: false, chat: true, privateChat: false, screenShare: true },
      },
    });
    expect((await guest.next('settings')).settings.lockedForViewers).toEqual({
      microphone: true,
      camera: false,
      chat: true,
      privateChat: false,
      screenShare: true,
    });
    guest.send({ type: 'chat-send', to: null, text: 'hello?' });
    expect(await guest.next('error')).toMatchObject({ code: 'not_allowed', inReplyTo: 'chat-send' });
    guest.send({ type: 'media-state', media: { audioMuted: false, videoMuted: false } });
    expect(await guest.next('error')).toMatchObject({ code: 'not_allowed', inReplyTo: 'media-state' });
    moderator.send({ type: 'chat-send', to: null, text: 'moderators may still talk' });
    expect((await guest.next('chat')).message.text).toBe('moderators may still talk');

    moderator.send({ type: 'moderate', moderation: { action: 'lock-room', locked: true } });
    await guest.next('settings');
    const late = await connect();
    late.send({ type: 'join', roomId: room.id, displayName: 'Late', media });
    expect(await late.next('error')).toMatchObject({ code: 'room_is_locked' });
    const lateModerator = await connect();
    lateModerator.send({ type: 'join', roomId: room.id, displayName: 'Mo 2', media, accessCode: room.moderatorCode });
    expect((await lateModerator.next('joined')).self.role).toBe('moderator');
  });

  it('ends the meeting for everyone', async () => {
    const { moderator, guest } = await meeting();
    moderator.send({ type: 'moderate', moderation: { action: 'end-meeting' } });
    expect(await guest.next('meeting-ended')).toEqual({ type: 'meeting-ended', reason: 'ended_by_moderator' });
    expect(await moderator.next('meeting-ended')).toEqual({ type: 'meeting-ended', reason: 'ended_by_moderator' });
    expect(await guest.closed).toBe(1000);
  });
});

describe('access codes and the waiting room', () => {
  it('asks for the viewer code, refuses a wrong one, and makes the holder a viewer', async () => {
    const room = await server.services.rooms.create({ name: 'Board', participantsMax: 10, viewerCode: 'orchard' });
    const client = await connect();
    client.send({ type: 'join', roomId: room.id, displayName: 'V', media });
    expect(await client.next('error')).toMatchObject({ code: 'access_code_required' });
    client.send({ type: 'join', roomId: room.id, displayName: 'V', media, accessCode: 'apple' });
    expect(await client.next('error')).toMatchObject({ code: 'access_code_wrong' });
    client.send({ type: 'join', roomId: room.id, displayName: 'V', media, accessCode: 'orchard' });
    expect((await client.next('joined')).self.role).toBe('viewer');
  });

  it('keeps guests waiting until a moderator admits or denies them', async () => {
    const room = await server.services.rooms.create({ name: 'Lobby', participantsMax: 10, waitingRoom: true });
    const moderator = await connect();
    moderator.send({ type: 'join', roomId: room.id, displayName: 'Mo', media, accessCode: room.moderatorCode });
    await moderator.next('joined');
    const first = await connect();
    first.send({ type: 'join', roomId: room.id, displayName: 'First', media });
    await first.next('waiting');
    first.send({ type: 'chat-send', to: null, text: 'let me in' });
    expect(await first.next('error')).toMatchObject({ code: 'not_joined' });
    const second = await connect();
    second.send({ type: 'join', roomId: room.id, displayName: 'Second', media });
    await second.next('waiting');
    await moderator.next('lobby');
    const lobby = await moderator.next('lobby');
    expect(lobby.waiting.map((waiting) => waiting.displayName)).toEqual(['First', 'Second']);
    const [firstWaiting, secondWaiting] = lobby.waiting;

    moderator.send({ type: 'moderate', moderation: { action: 'admit', participantId: firstWaiting?.participantId ?? null } });
    expect((await first.next('joined')).self.displayName).toBe('First');
    moderator.send({
      type: 'moderate',
      moderation: { action: 'deny', participantId: secondWaiting?.participantId ?? null, reason: 'Members only today' },
    });
    expect(await second.next('denied')).toEqual({ type: 'denied', reason: 'Members only today' });
    expect(await second.closed).toBe(1000);
  });
});

describe('chat, hands and reactions', () => {
  it('delivers public messages to all and private ones to the two people only; exports only public ones', async () => {
    const { moderator, guest, room, guestId } = await meeting();
    const third = await connect();
    await third.join(room.id, 'Third');
    moderator.send({ type: 'chat-send', to: null, text: '<b>Agenda</b>: item 1' });
    for (const client of [moderator, guest, third])
      expect((await client.next('chat')).message).toMatchObject({ text: '<b>Agenda</b>: item 1', toId: null, fromName: 'Mo' });
    moderator.send({ type: 'chat-send', to: guestId, text: 'just between us' });
    expect((await guest.next('chat')).message).toMatchObject({ text: 'just between us', toId: guestId });
    expect((await moderator.next('chat')).message.text).toBe('just between us');
    await settle();
    expect(third.received.filter((message) => message.type === 'chat')).toEqual([]);
    moderator.send({ type: 'moderate', moderation: { action: 'export-chat' } });
    const exported = await moderator.next('chat-export');
    expect(exported.text).toContain('Mo: <b>Agenda</b>: item 1');
    expect(exported.text).not.toContain('just between us');
  });

  it('refuses empty, oversized and control-character chat, and rate-limits a flood', async () => {
    const { guest, moderator } = await meeting();
    for (const text of ['   ', 'x'.repeat(limits.chatMessageCharactersMax + 1), 'bell\u0007']) {
      guest.send({ type: 'chat-send', to: null, text });
      expect(await guest.next('error')).toMatchObject({ code: 'malformed_message', inReplyTo: 'chat-send' });
    }
    for (let index = 0; index < limits.chatBurstMessages + 3; index += 1)
      guest.send({ type: 'chat-send', to: null, text: `spam ${index}` });
    expect(await guest.next('error')).toMatchObject({ code: 'rate_limited' });
    moderator.send({ type: 'chat-send', to: null, text: 'still fine' });
    await expect.poll(() => guest.received.some((message) => message.type === 'chat' && message.message.text === 'still fine')).toBe(true);
  });

  it('rate-limits a participant flooding hands and reactions, without affecting others', async () => {
    const { guest, moderator } = await meeting();
    for (let index = 0; index < limits.gestureBurst + 4; index += 1) guest.send({ type: 'hand', raised: index % 2 === 0 });
    expect(await guest.next('error')).toMatchObject({ code: 'rate_limited', inReplyTo: 'hand' });
    moderator.send({ type: 'react', reaction: '🎉' });
    expect((await guest.next('reaction')).reaction).toBe('🎉');
  });

  it('keeps raised hands in order and lets a moderator lower them all', async () => {
    const { moderator, guest } = await meeting();
    guest.send({ type: 'hand', raised: true });
    const raised = await moderator.next('participant-updated');
    expect(raised.participant.handRaisedAtMs).toEqual(expect.any(Number));
    moderator.send({ type: 'moderate', moderation: { action: 'lower-all-hands' } });
    expect((await guest.next('participant-updated')).participant.handRaisedAtMs).not.toBeNull();
    expect((await guest.next('participant-updated')).participant.handRaisedAtMs).toBeNull();
  });

  it('shows a reaction to everyone and refuses reactions outside the set', async () => {
    const { moderator, guest, guestId } = await meeting();
    guest.send({ type: 'react', reaction: '👏' });
    expect(await moderator.next('reaction')).toEqual({ type: 'reaction', participantId: guestId, reaction: '👏' });
    guest.send({ type: 'react', reaction: '💩' });
    expect(await guest.next('error')).toMatchObject({ code: 'malformed_message' });
  });
});

describe('room settings over HTTP', () => {
  it('needs the moderator code, validates changes, and applies the waiting room to the live meeting', async () => {
    const { room } = await meeting();
    const url = `/api/rooms/${room.id}/settings`;
    expect((await server.app.inject({ method: 'GET', url })).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url, headers: { 'x-moderator-code': 'guess' } })).json()).toMatchObject({
      error: { code: 'moderator_code_wrong' },
    });
    const headers = { 'x-moderator-code': room.moderatorCode, 'content-type': 'application/json' };
    const bad = await server.app.inject({ method: 'PATCH', url, headers, payload: { viewerCode: 'a b' } });
    expect(bad.statusCode).toBe(400);
    const changed = await server.app.inject({
      method: 'PATCH',
      url,
      headers,
      payload: { viewerCode: 'orchard', waitingRoom: true, muteOnJoin: true },
    });
    expect(changed.json()).toMatchObject({ viewerCode: 'orchard', waitingRoom: true, muteOnJoin: true, moderatorCode: room.moderatorCode });
    expect(server.services.registry.find(room.id)?.settings.waitingRoom).toBe(true);
    const regenerated = await server.app.inject({ method: 'PATCH', url, headers, payload: { newModeratorCode: true } });
    expect(regenerated.json().moderatorCode).not.toBe(room.moderatorCode);
    expect((await server.app.inject({ method: 'GET', url, headers })).statusCode).toBe(403);
  });

  it('sets the locks meetings start with and the features off for everyone; refuses unknown, repeated or partial ones', async () => {
    const { room, guest } = await meeting();
    const url = `/api/rooms/${room.id}/settings`;
    const headers = { 'x-moderator-code': room.moderatorCode, 'content-type': 'application/json' };
    const patch = (payload: Record<string, unknown>) => server.app.inject({ method: 'PATCH', url, headers, payload });
    for (const payload of [
      { disabledFeatures: ['chat', 'chat'] },
      { disabledFeatures: ['polls'] },
      { disabledFeatures: 'chat' },
      { viewerLocks: { microphone: true } },
      { viewerLocks: { microphone: true, camera: false, chat: false, privateChat: false, screenShare: false, hideUserList: true } },
    ]) {
      const refused = await patch(payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().error.code).toBe('invalid_request');
    }
    const viewerLocks = { microphone: true, camera: false, chat: false, privateChat: true, screenShare: true };
    const changed = await patch({ viewerLocks, disabledFeatures: ['reactions', 'raiseHand'] });
    expect(changed.json()).toMatchObject({ viewerLocks, disabledFeatures: ['reactions', 'raiseHand'] });
    // Features off apply to the live meeting at once; its locks stay the moderators' until the next meeting.
    expect((await guest.next('settings')).settings).toMatchObject({ disabledFeatures: ['reactions', 'raiseHand'] });
    expect(server.services.registry.find(room.id)?.settings.lockedForViewers.privateChat).toBe(false);
    guest.send({ type: 'hand', raised: true });
    expect(await guest.next('error')).toMatchObject({ code: 'not_allowed', inReplyTo: 'hand' });
    expect((await server.app.inject({ method: 'GET', url, headers })).json()).toMatchObject({ viewerLocks });
  });
});
