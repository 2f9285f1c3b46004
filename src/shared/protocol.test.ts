import { describe, expect, it } from 'vitest';
import { limits } from './limits.js';
import { parseClientMessage, ServerMessageSchema } from './protocol.js';

const validJoin = { type: 'join', roomId: 'abcd-efgh-jkmn', displayName: 'Ada', media: { audioMuted: false, videoMuted: true } };

describe('parseClientMessage', () => {
  it('accepts a valid join and normalises the display name', () => {
    const result = parseClientMessage(JSON.stringify({ ...validJoin, displayName: '  Ada Lovelace  ' }));
    expect(result).toMatchObject({ ok: true, message: { type: 'join', displayName: 'Ada Lovelace' } });
  });

  it('rejects frames that are not JSON', () => {
    expect(parseClientMessage('{"type":')).toMatchObject({ ok: false, code: 'malformed_message' });
  });

  it('rejects frames over the size limit before parsing them', () => {
    const huge = JSON.stringify({ ...validJoin, displayName: 'x'.repeat(limits.signalingMessageBytesMax) });
    expect(parseClientMessage(huge)).toMatchObject({ ok: false, code: 'message_too_large' });
  });

  it('takes a subscription’s answer for a room of 100 (one m-line per stream), and nothing else that large', () => {
    // Chromium's answer is ~630 characters an m-line: 200 streams (100 people's cameras) is ~130 KB.
    const answer = (characters: number) =>
      JSON.stringify({ type: 'subscription-answer', answer: { type: 'answer', sdp: `v=0\r\n${'a'.repeat(characters)}` } });
    expect(parseClientMessage(answer(200 * 630))).toMatchObject({ ok: true, message: { type: 'subscription-answer' } });
    expect(parseClientMessage(answer(limits.subscriptionSdpCharactersMax + 1))).toMatchObject({ ok: false, code: 'malformed_message' });
    expect(parseClientMessage(answer(limits.subscriptionAnswerBytesMax))).toMatchObject({ ok: false, code: 'message_too_large' });
    const bigOffer = JSON.stringify({ type: 'publish', offer: { type: 'offer', sdp: 'v'.repeat(200 * 630) } });
    expect(parseClientMessage(bigOffer)).toMatchObject({ ok: false, code: 'message_too_large' });
    // The allowance is the answer's own: a frame that only says it later does not get it.
    const disguised = JSON.stringify({ answer: { type: 'answer', sdp: 'v'.repeat(200 * 630) }, type: 'subscription-answer' });
    expect(parseClientMessage(disguised)).toMatchObject({ ok: false, code: 'message_too_large' });
    // Nor one that opens as an answer and is something else: JSON keeps a repeated key's last value.
    const repeated = `{"type":"subscription-answer","type":"ping","pad":"${'x'.repeat(200 * 630)}"}`;
    expect(parseClientMessage(repeated)).toMatchObject({ ok: false, code: 'message_too_large' });
  });

  it.each([
    ['an unknown type', { type: 'become-admin' }],
    ['a missing type', { roomId: 'abcd-efgh-jkmn' }],
    ['a non-object', [1, 2, 3]],
    ['null', null],
    ['a malformed room id', { ...validJoin, roomId: '../../etc/passwd' }],
    ['an empty display name', { ...validJoin, displayName: '   ' }],
    ['an overlong display name', { ...validJoin, displayName: 'a'.repeat(limits.displayNameCharactersMax + 1) }],
    ['a display name with control characters', { ...validJoin, displayName: 'Ada\u0007' }],
    ['a display name with a bidi override', { ...validJoin, displayName: 'Ada\u202Emoc.live' }],
    ['a media state of the wrong type', { ...validJoin, media: { audioMuted: 'no', videoMuted: false } }],
    ['an oversized SDP', { type: 'publish', offer: { type: 'offer', sdp: 'v'.repeat(limits.sdpCharactersMax + 1) } }],
    ['an answer posing as an offer type', { type: 'publish', offer: { type: 'rollback', sdp: 'v=0' } }],
    ['a malformed participant id', { type: 'subscribe', participantId: 'janus-feed-1' }],
    ['a simulcast layer that does not exist', { type: 'subscribe', participantId: 'p_AAAAAAAAAAAAAAAA', layer: 3 }],
    ['a join subscribing on a layer that does not exist', { ...validJoin, subscribe: { layer: 3 } }],
    ['a join subscribing without a layer', { ...validJoin, subscribe: {} }],
    ['a join subscribing as a yes', { ...validJoin, subscribe: true }],
    ['a chat message to nobody in particular', { type: 'chat-send', to: 'everyone', text: 'hi' }],
    ['an unknown moderator action', { type: 'moderate', moderation: { action: 'promote-self' } }],
    ['a trickle to an unknown target', { type: 'trickle', target: { kind: 'janus' }, candidate: null }],
    ['a speaking report that is not yes or no', { type: 'speaking', speaking: 'loud' }],
    ['a speaking report without its answer', { type: 'speaking' }],
    ['a speaking report as a level', { type: 'speaking', speaking: 1 }],
  ])('rejects %s with a reason', (_name, message) => {
    const result = parseClientMessage(JSON.stringify(message));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('malformed_message');
      expect(result.message).toMatch(/^The message is not valid/);
    }
  });

  it('reads a join’s subscribe with its layer (or none), dropping keys a newer page may add', () => {
    expect(parseClientMessage(JSON.stringify({ ...validJoin, subscribe: { layer: null } }))).toMatchObject({
      ok: true,
      message: { subscribe: { layer: null } },
    });
    expect(parseClientMessage(JSON.stringify({ ...validJoin, subscribe: { layer: 1, audioOnly: true } }))).toMatchObject({
      ok: true,
      message: { subscribe: { layer: 1 } },
    });
  });

  it('reads a speaking report as about its sender only: a participant named in it is dropped', () => {
    const result = parseClientMessage(JSON.stringify({ type: 'speaking', speaking: true, participantId: 'p_AAAAAAAAAAAAAAAA' }));
    expect(result).toEqual({ ok: true, message: { type: 'speaking', speaking: true } });
  });

  it('names the offending message type in its reply', () => {
    const result = parseClientMessage(JSON.stringify({ type: 'join', roomId: 'nope' }));
    expect(result).toMatchObject({ ok: false, inReplyTo: 'join' });
  });
});

describe('ServerMessageSchema', () => {
  it('carries a subscription’s offer for a room of 100 (Janus writes ~710 characters an m-line)', () => {
    const streams = Array.from({ length: 200 }, (_, index) => ({
      mid: String(index),
      kind: index % 2 === 0 ? 'audio' : 'video',
      participantId: `p_${String(index).padStart(16, 'A')}`,
      source: 'camera',
    }));
    const offer = { type: 'subscription-offer', offer: { type: 'offer', sdp: `v=0\r\n${'a'.repeat(200 * 710)}` }, fresh: true, streams };
    expect(ServerMessageSchema.safeParse(offer).success).toBe(true);
    const tooLarge = { ...offer, offer: { type: 'offer', sdp: 'v'.repeat(limits.subscriptionSdpCharactersMax + 1) } };
    expect(ServerMessageSchema.safeParse(tooLarge).success).toBe(false);
  });
});
