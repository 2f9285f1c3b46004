/**
 * The room's rules, without Janus: a `LiveRoom` on an in-memory media server (which records what
 * it was asked), a real SQLite meeting record, and a clock the tests move. The real media path
 * is proven by the signalling tests, which run Janus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import { type ChatMessage, nothingLocked } from '../../../shared/protocol.js';
import { ManualClock } from '../../platform/clock.js';
import { openTestStorage, type TestStorage } from '../../storage/testing.js';
import { meetingsMigrations } from '../migrations.js';
import { RoomsRepository } from '../rooms-repository.js';
import type { InMemoryMediaServer } from './in-memory-media-server.js';
import type { ParticipantView } from './live-participant.js';
import type { LiveRoom } from './live-room.js';
import { liveRoomOpener, RecordingConnection } from './live-room-testing.js';
import type { ModuleMessage, ModuleMessageType, RoomModule, RoomModuleContext } from './room-module.js';

let storage: TestStorage;
let rooms: RoomsRepository;
const clock = new ManualClock();
const graceMs = 30_000;
const media = { audioMuted: false, videoMuted: false };
const offer = { type: 'offer', sdp: 'v=0' } as const;

beforeAll(async () => {
  storage = await openTestStorage('sqlite', meetingsMigrations);
  rooms = new RoomsRepository(storage, clock);
});
afterAll(async () => storage?.dispose());

/** Lets the media calls the room started (promises, no time) finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const { emptyMeeting, meeting } = liveRoomOpener(() => rooms, clock, graceMs);

describe('joining', () => {
  it('makes the holder of the moderator code a moderator and everyone else a guest', async () => {
    const { moderator, guest } = await meeting();
    expect(moderator.participant.role).toBe('moderator');
    expect(guest.participant.role).toBe('guest');
  });

  it('asks for the viewer code, refuses a wrong one, and makes its holder a viewer', async () => {
    const { live } = await meeting({ viewerCode: 'orchard' });
    const connection = new RecordingConnection();
    expect(live.join({ displayName: 'V', media }, connection)).toMatchObject({ ok: false, code: 'access_code_required' });
    expect(live.join({ displayName: 'V', media, accessCode: 'apple' }, connection)).toMatchObject({ ok: false, code: 'access_code_wrong' });
    const joined = live.join({ displayName: 'V', media, accessCode: 'orchard' }, connection);
    expect(joined.ok && joined.value.participant.role).toBe('viewer');
  });

  it('refuses anyone past the participant limit with room_is_full', async () => {
    const { live } = await meeting({ participantsMax: 2 });
    expect(live.join({ displayName: 'Third', media }, new RecordingConnection())).toMatchObject({ ok: false, code: 'room_is_full' });
    expect(live.participants.size).toBe(2);
  });

  it('mutes joiners when the room mutes on join', async () => {
    const { guest } = await meeting({ muteOnJoin: true });
    expect(guest.participant.media).toEqual({ audioMuted: true, videoMuted: false });
  });

  it('lets only moderators into a locked room', async () => {
    const { live, room, moderator, join } = await meeting();
    expect(live.moderate(moderator.id, { action: 'lock-room', locked: true })).toEqual({ ok: true, value: undefined });
    expect(live.join({ displayName: 'Late', media }, new RecordingConnection())).toMatchObject({ ok: false, code: 'room_is_locked' });
    expect(join('Mo 2', { accessCode: room.moderatorCode }).participant.role).toBe('moderator');
  });

  it('keeps a removed and banned browser out, and lets a removed but not banned one back', async () => {
    const { live, moderator, guest, join } = await meeting();
    expect(live.moderate(moderator.id, { action: 'remove', participantId: guest.id, ban: true }).ok).toBe(true);
    expect(guest.connection.all('removed')).toEqual([{ type: 'removed', banned: true }]);
    expect(guest.connection.disconnected).toBe(true);
    expect(moderator.connection.all('participant-left')).toEqual([{ type: 'participant-left', participantId: guest.id }]);
    expect(live.join({ displayName: 'Guy', media, clientId: 'guest-client-00000001' }, new RecordingConnection())).toMatchObject({
      ok: false,
      code: 'banned',
    });
    const other = join('Other', { clientId: 'other-client-0000001' });
    live.moderate(moderator.id, { action: 'remove', participantId: other.id, ban: false });
    expect(join('Other', { clientId: 'other-client-0000001' }).kind).toBe('joined');
  });
});

describe('roles and moderation', () => {
  it('refuses every moderator action from a guest with not_allowed, changing nothing', async () => {
    const { live, moderator, guest } = await meeting();
    const before = live.participants.get(moderator.id)?.summary();
    for (const moderation of [
      { action: 'set-role', participantId: moderator.id, role: 'viewer' },
      { action: 'mute', participantId: moderator.id },
      { action: 'remove', participantId: moderator.id, ban: true },
      { action: 'lock-room', locked: true },
      { action: 'end-meeting' },
      { action: 'export-chat' },
    ] as const) {
      expect(live.moderate(guest.id, moderation)).toMatchObject({ ok: false, code: 'not_allowed' });
    }
    expect(live.participants.get(moderator.id)?.summary()).toEqual(before);
    expect(live.settings.roomLocked).toBe(false);
    expect(live.closed).toBe(false);
  });

  it('never lets the last moderator step down, but lets one of two', async () => {
    const { live, moderator, guest } = await meeting();
    expect(live.moderate(moderator.id, { action: 'set-role', participantId: moderator.id, role: 'viewer' })).toMatchObject({
      ok: false,
      code: 'last_moderator',
    });
    expect(live.moderate(moderator.id, { action: 'set-role', participantId: guest.id, role: 'moderator' }).ok).toBe(true);
    expect(guest.connection.all('moderation')).toEqual([{ type: 'moderation', notice: 'role-changed', byName: 'Mo' }]);
    expect(live.moderate(moderator.id, { action: 'set-role', participantId: moderator.id, role: 'viewer' }).ok).toBe(true);
    expect(moderator.participant.role).toBe('viewer');
    expect(live.moderate(guest.id, { action: 'set-role', participantId: guest.id, role: 'viewer' })).toMatchObject({
      code: 'last_moderator',
    });
  });

  it('mutes, asks to unmute without unmuting, and turns a camera off', async () => {
    const { live, moderator, guest } = await meeting();
    live.moderate(moderator.id, { action: 'mute', participantId: guest.id });
    live.moderate(moderator.id, { action: 'ask-unmute', participantId: guest.id });
    expect(guest.participant.media.audioMuted).toBe(true);
    live.moderate(moderator.id, { action: 'camera-off', participantId: guest.id });
    expect(guest.participant.media).toEqual({ audioMuted: true, videoMuted: true });
    expect(guest.connection.all('moderation').map((message) => message.notice)).toEqual(['muted', 'ask-unmute', 'camera-off']);
    expect(live.moderate(moderator.id, { action: 'mute', participantId: 'p_AAAAAAAAAAAAAAAA' as ParticipantId })).toMatchObject({
      code: 'participant_not_found',
    });
  });

  it('mutes everyone but the moderator who asked and whoever shares a screen', async () => {
    const { live, server, moderator, guest, join } = await meeting();
    const presenter = join('Presenter');
    expect((await live.publish(presenter.id, 'screen', offer)).ok).toBe(true);
    server.publisherFor(`${presenter.id}/screen`)?.fire('webrtc-up');
    live.moderate(moderator.id, { action: 'mute-all' });
    expect([moderator, guest, presenter].map((one) => one.participant.media.audioMuted)).toEqual([false, true, false]);
  });

  it('has the media server drop a muted publisher’s audio, and relay it again once unmuted', async () => {
    const { live, server, moderator, guest } = await meeting();
    expect(await live.publish(guest.id, 'camera', offer)).toMatchObject({ ok: true, value: { type: 'answer' } });
    const publisher = server.publisherFor(`${guest.id}/camera`);
    publisher?.fire('webrtc-up');
    expect(guest.participant.publishing).toBe(true);
    live.moderate(moderator.id, { action: 'mute', participantId: guest.id });
    await settle();
    expect(server.requests).toContainEqual({ kind: 'block', feedId: publisher?.feedId, mid: '0', blocked: true });
    expect(live.setMedia(guest.id, media).ok).toBe(true);
    await settle();
    expect(server.requests.at(-1)).toEqual({ kind: 'block', feedId: publisher?.feedId, mid: '0', blocked: false });
  });

  it('tells everyone who starts and stops talking in compact messages, the first at once and the rest at most one per batch time, asking nothing of the media server', async () => {
    const { live, server, moderator, guest } = await meeting();
    expect((await live.publish(guest.id, 'camera', offer)).ok).toBe(true);
    server.publisherFor(`${guest.id}/camera`)?.fire('webrtc-up');
    await settle();
    const requestsBefore = server.requests.length;
    const updatesBefore = moderator.connection.all('participant-updated').length;
    const changes = (speaking: boolean) => ({ type: 'speaking', changes: [{ participantId: guest.id, speaking }] });
    // In a quiet room the first change is told at once; saying it again changes nothing.
    expect(live.reportSpeaking(guest.id, true)).toEqual({ ok: true });
    expect(live.reportSpeaking(guest.id, true)).toEqual({ ok: true });
    expect(moderator.connection.all('speaking')).toEqual([changes(true)]);
    // Changes within the batch time after it wait for its end, and are told once, as they ended.
    clock.advance(limits.speakingBatchMs / 2);
    live.reportSpeaking(guest.id, false);
    live.reportSpeaking(guest.id, true);
    expect(moderator.connection.all('speaking')).toHaveLength(1);
    clock.advance(limits.speakingBatchMs / 2);
    const told = [moderator, guest].map((one) => one.connection.all('speaking'));
    expect(told).toEqual([
      [changes(true), changes(true)],
      [changes(true), changes(true)],
    ]);
    // A change right after that batch waits for the next one.
    live.reportSpeaking(guest.id, false);
    expect(moderator.connection.all('speaking')).toHaveLength(2);
    clock.advance(limits.speakingBatchMs);
    expect(moderator.connection.all('speaking').at(-1)).toEqual(changes(false));
    expect(guest.participant.speaking).toBe(false);
    expect(moderator.connection.all('participant-updated')).toHaveLength(updatesBefore);
    expect(server.requests).toHaveLength(requestsBefore);
  });

  it('hears a claim to speak only from a live, unmuted microphone, and a mute ends the speaking at once', async () => {
    const { live, server, moderator, guest } = await meeting();
    const speakingTold = () => moderator.connection.all('speaking').flatMap((message) => message.changes);
    // Not publishing yet, then publishing but not yet live: nothing to hear.
    expect(live.reportSpeaking(guest.id, true)).toEqual({ ok: true });
    expect((await live.publish(guest.id, 'camera', offer)).ok).toBe(true);
    clock.advance(limits.speakingBatchMs);
    expect(speakingTold()).toEqual([]);
    expect(guest.participant.speaking).toBe(false);
    // Once the media flows, the claim made early counts: everyone's summary says so.
    server.publisherFor(`${guest.id}/camera`)?.fire('webrtc-up');
    await settle();
    expect(moderator.connection.all('participant-updated').at(-1)?.participant).toMatchObject({ participantId: guest.id, speaking: true });
    live.reportSpeaking(guest.id, false);
    expect(speakingTold()).toEqual([{ participantId: guest.id, speaking: false }]);
    live.reportSpeaking(guest.id, true);
    // A moderator mutes them before the next batch goes out: the batch says what holds when it is sent.
    expect(live.moderate(moderator.id, { action: 'mute', participantId: guest.id }).ok).toBe(true);
    expect(moderator.connection.all('participant-updated').at(-1)?.participant).toMatchObject({ participantId: guest.id, speaking: false });
    clock.advance(limits.speakingBatchMs);
    expect(speakingTold()).toEqual([
      { participantId: guest.id, speaking: false },
      { participantId: guest.id, speaking: false },
    ]);
    // Muted, a browser that goes on claiming to speak changes nothing.
    expect(live.reportSpeaking(guest.id, true)).toEqual({ ok: true });
    clock.advance(limits.speakingBatchMs);
    expect(guest.participant.speaking).toBe(false);
    expect(speakingTold()).toHaveLength(2);
  });

  it('forgets that someone was speaking when their connection drops: their browser says anew', async () => {
    const { live, server, guest } = await meeting();
    expect((await live.publish(guest.id, 'camera', offer)).ok).toBe(true);
    server.publisherFor(`${guest.id}/camera`)?.fire('webrtc-up');
    await settle();
    live.reportSpeaking(guest.id, true);
    expect(guest.participant.speaking).toBe(true);
    live.connectionLost(guest.id, guest.connection);
    const back = new RecordingConnection();
    expect(live.join({ displayName: 'Guy', media, resumeToken: guest.participant.resumeToken }, back).ok).toBe(true);
    expect((await live.publish(guest.id, 'camera', offer)).ok).toBe(true);
    server.publisherFor(`${guest.id}/camera`)?.fire('webrtc-up');
    await settle();
    expect(guest.participant.speaking).toBe(false);
  });

  it('refuses a flood of speaking reports beyond the rate, and the others hear of it at most once per batch time', async () => {
    const { live, server, moderator, guest } = await meeting();
    expect((await live.publish(guest.id, 'camera', offer)).ok).toBe(true);
    server.publisherFor(`${guest.id}/camera`)?.fire('webrtc-up');
    await settle();
    const outcomes = Array.from({ length: limits.speakingReportBurst + 5 }, (_, index) => live.reportSpeaking(guest.id, index % 2 === 0));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(limits.speakingReportBurst);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, code: 'rate_limited' });
    clock.advance(limits.speakingBatchMs);
    // The first change at once, the rest in one batch, in which each participant appears once.
    expect(moderator.connection.all('speaking')).toHaveLength(2);
    expect(moderator.connection.all('speaking').map((message) => message.changes.length)).toEqual([1, 1]);
    // Participants' rate buckets run on the monotonic clock: a quarter of a second refills one report.
    await new Promise((resolve) => setTimeout(resolve, 1_000 / limits.speakingReportsPerSecondMax + 50));
    expect(live.reportSpeaking(guest.id, true)).toEqual({ ok: true });
  });
});

describe('subscriptions', () => {
  /** A participant publishing their camera, live. */
  async function publishing(live: LiveRoom, server: InMemoryMediaServer, id: ParticipantId) {
    expect((await live.publish(id, 'camera', offer)).ok).toBe(true);
    const publisher = server.publisherFor(`${id}/camera`);
    publisher?.fire('webrtc-up');
    return publisher?.feedId ?? -1;
  }

  /** A meeting where Mo and Guy publish their cameras, and Cy (who will subscribe) has joined. */
  async function twoPublishingAndCy() {
    const { live, server, moderator, guest, join } = await meeting();
    const cy = join('Cy');
    await publishing(live, server, moderator.id);
    await publishing(live, server, guest.id);
    return { live, server, moderator, guest, cy, join };
  }

  it('carries every stream one participant receives on one subscription, renegotiated one offer at a time', async () => {
    const { live, server, moderator, guest, join } = await meeting();
    const cy = join('Cy');
    const [moFeed, guyFeed] = [await publishing(live, server, moderator.id), await publishing(live, server, guest.id)];
    expect(live.subscribe(cy.id, moderator.id, 'camera').ok).toBe(true);
    await settle();
    const first = cy.connection.all('subscription-offer');
    expect(first).toEqual([
      {
        type: 'subscription-offer',
        offer: { type: 'offer', sdp: 'offer 1' },
        fresh: true,
        streams: [
          { mid: '0', kind: 'audio', participantId: moderator.id, source: 'camera' },
          { mid: '1', kind: 'video', participantId: moderator.id, source: 'camera' },
        ],
      },
    ]);
    // A second stream waits for the answer to the first offer.
    expect(live.subscribe(cy.id, guest.id, 'camera', 0).ok).toBe(true);
    await settle();
    expect(cy.connection.all('subscription-offer')).toHaveLength(1);
    expect((await live.answerSubscription(cy.id, { type: 'answer', sdp: 'answer 1' })).ok).toBe(true);
    await settle();
    const second = cy.connection.all('subscription-offer')[1];
    expect(second?.fresh).toBe(false);
    expect(second?.streams.map((stream) => [stream.participantId, stream.kind])).toEqual([
      [moderator.id, 'audio'],
      [moderator.id, 'video'],
      [guest.id, 'audio'],
      [guest.id, 'video'],
    ]);
    expect((await live.answerSubscription(cy.id, { type: 'answer', sdp: 'answer 2' })).ok).toBe(true);
    await settle();
    const subscription = server.subscriptions[0];
    expect(server.subscriptions).toHaveLength(1);
    expect(subscription?.answers.map((answer) => answer.sdp)).toEqual(['answer 1', 'answer 2']);
    expect(subscription?.layers.get(guyFeed)).toBe(0);
    expect((await live.setVideoLayer(cy.id, moderator.id, 'camera', null)).ok).toBe(true);
    expect(subscription?.layers.get(moFeed)).toBe(null);
    // An answer nobody asked for is refused.
    expect(await live.answerSubscription(cy.id, { type: 'answer', sdp: 'stray' })).toMatchObject({
      ok: false,
      code: 'participant_not_found',
    });

    // Guy stops his camera: a renegotiation without his streams.
    await live.unpublish(guest.id, 'camera');
    await settle();
    expect(cy.connection.all('subscription-offer')[2]?.streams.map((stream) => stream.participantId)).toEqual([moderator.id, moderator.id]);
    expect((await live.answerSubscription(cy.id, { type: 'answer', sdp: 'answer 3' })).ok).toBe(true);
    expect(live.subscribe(cy.id, guest.id, 'camera')).toMatchObject({ ok: false, code: 'not_publishing' });
    expect(live.subscribe(cy.id, cy.id, 'camera')).toMatchObject({ ok: false, code: 'participant_not_found' });
  });

  it('subscribes nobody to everyone in an end-to-end encrypted meeting, where the page asks for each stream once it holds its key', async () => {
    const { live, server, join } = await emptyMeeting({ endToEndEncryption: true });
    const encrypting = { canEncrypt: true } as const;
    const mo = join('Mo', encrypting);
    const cy = join('Cy', encrypting);
    await publishing(live, server, mo.id);
    expect(live.subscribeToEveryone(cy.id, 2).ok).toBe(true);
    await settle();
    expect(server.requests.filter((request) => request.kind === 'open-subscription')).toEqual([]);
    expect(cy.connection.all('subscription-offer')).toEqual([]);
    // Asked for one by one, as the page does, the stream is offered.
    expect(live.subscribe(cy.id, mo.id, 'camera').ok).toBe(true);
    await settle();
    expect(cy.connection.all('subscription-offer')).toHaveLength(1);
  });

  it('subscribes a joiner to everyone publishing in one offer when its join asks, and a later subscribe with another layer only chooses it', async () => {
    const { live, server, moderator, guest, cy } = await twoPublishingAndCy();
    const [moFeed, guyFeed] = [server.publisherFor(`${moderator.id}/camera`)?.feedId, server.publisherFor(`${guest.id}/camera`)?.feedId];
    expect(live.subscribeToEveryone(cy.id, 1).ok).toBe(true);
    await settle();
    expect(server.requests.filter((request) => request.kind === 'open-subscription')).toEqual([
      { kind: 'open-subscription', feedIds: [moFeed, guyFeed] },
    ]);
    const [offer] = cy.connection.all('subscription-offer');
    expect(offer?.fresh).toBe(true);
    expect(offer?.streams.map((stream) => stream.participantId)).toEqual([moderator.id, moderator.id, guest.id, guest.id]);
    // The page's own subscribe for a stream already there: no second offer, only the layer it asks for.
    expect(live.subscribe(cy.id, moderator.id, 'camera', 0).ok).toBe(true);
    expect((await live.answerSubscription(cy.id, { type: 'answer', sdp: 'answer 1' })).ok).toBe(true);
    await settle();
    expect(cy.connection.all('subscription-offer')).toHaveLength(1);
    const subscription = server.subscriptions[0];
    expect(subscription?.layers.get(moFeed ?? -1)).toBe(0);
    expect(subscription?.layers.get(guyFeed ?? -1)).toBe(1);
    // Never to one's own streams: Mo gets Guy's camera only.
    expect(live.subscribeToEveryone(moderator.id, 2).ok).toBe(true);
    await settle();
    expect(moderator.connection.all('subscription-offer')[0]?.streams.map((stream) => stream.participantId)).toEqual([guest.id, guest.id]);
  });

  it('negotiates again a stream asked for again after the media server failed its subscription', async () => {
    const { live, server, moderator, cy } = await twoPublishingAndCy();
    const open = server.openSubscription.bind(server);
    let failures = 1;
    server.openSubscription = async (...args) => {
      if (failures-- > 0) throw new Error('no such feed yet');
      return open(...args);
    };
    expect(live.subscribeToEveryone(cy.id, 2).ok).toBe(true);
    await settle();
    expect(cy.connection.all('subscription-offer')).toHaveLength(0);
    // The page's own subscribe, which follows `joined`, gets the stream after all.
    expect(live.subscribe(cy.id, moderator.id, 'camera').ok).toBe(true);
    await settle();
    expect(cy.connection.all('subscription-offer')).toHaveLength(1);
  });

  it('takes the page’s own subscribe, arriving while the first subscription is still being opened, as the retry when that opening fails', async () => {
    const { live, server, moderator, cy } = await twoPublishingAndCy();
    const open = server.openSubscription.bind(server);
    let release: () => void = () => undefined;
    let failures = 1;
    server.openSubscription = async (...args) => {
      if (failures-- > 0) {
        // The media server takes its time, then fails; the page's subscribe comes meanwhile, as a real page's does.
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        throw new Error('no such feed yet');
      }
      return open(...args);
    };
    expect(live.subscribeToEveryone(cy.id, 2).ok).toBe(true);
    await settle();
    expect(live.subscribe(cy.id, moderator.id, 'camera').ok).toBe(true);
    release();
    await settle();
    await settle();
    expect(cy.connection.all('subscription-offer')).toHaveLength(1);
  });

  it('opens afresh with the others when a feed of a fresh subscription went away meanwhile', async () => {
    const { live, server, moderator, guest, cy } = await twoPublishingAndCy();
    const open = server.openSubscription.bind(server);
    let failures = 1;
    server.openSubscription = async (...args) => {
      if (failures-- > 0) {
        // Guy leaves while the media server opens the subscription, which fails for his feed.
        live.leave(guest.id);
        throw new Error('no such feed');
      }
      return open(...args);
    };
    expect(live.subscribeToEveryone(cy.id, 2).ok).toBe(true);
    await settle();
    await settle();
    const offers = cy.connection.all('subscription-offer');
    expect(offers).toHaveLength(1);
    expect(new Set(offers[0]?.streams.map((stream) => stream.participantId))).toEqual(new Set([moderator.id]));
  });

  it('contains a renegotiation storm: a hundred toggles while an offer is out make one more offer, of where they ended', async () => {
    const { live, server, moderator, guest, cy } = await twoPublishingAndCy();
    live.subscribe(cy.id, moderator.id, 'camera');
    await settle();
    for (let toggle = 0; toggle < 100; toggle += 1) {
      if (toggle % 2 === 0) live.subscribe(cy.id, guest.id, 'camera');
      else live.unsubscribe(cy.id, guest.id, 'camera');
    }
    live.subscribe(cy.id, guest.id, 'camera');
    await settle();
    expect(cy.connection.all('subscription-offer')).toHaveLength(1);
    await live.answerSubscription(cy.id, { type: 'answer', sdp: 'answer 1' });
    await settle();
    const offers = cy.connection.all('subscription-offer');
    expect(offers).toHaveLength(2);
    expect(new Set(offers[1]?.streams.map((stream) => stream.participantId))).toEqual(new Set([moderator.id, guest.id]));
    expect(server.subscriptions).toHaveLength(1);
  });

  it('negotiates what is wanted after a reset that overtook a negotiation in flight (a resumed connection)', async () => {
    const { live, server, moderator, guest, cy, join } = await twoPublishingAndCy();
    live.subscribe(cy.id, moderator.id, 'camera');
    // The page reconnects (same participant, new connection) while the media server opens the subscription; it asks for Guy.
    const resumed = join('Cy', { resumeToken: cy.participant.resumeToken });
    expect(resumed.id).toBe(cy.id);
    live.subscribe(cy.id, guest.id, 'camera');
    await settle();
    await settle();
    const offers = resumed.connection.all('subscription-offer');
    expect(offers.at(-1)?.fresh).toBe(true);
    expect(offers.at(-1)?.streams.map((stream) => stream.participantId)).toEqual([guest.id, guest.id]);
    expect(server.subscriptions[0]?.closed).toBe(true);
  });

  it('closes a subscription whose offer is never answered, and offers what is still wanted afresh on the next change', async () => {
    const { live, server, moderator, guest, cy } = await twoPublishingAndCy();
    live.subscribe(cy.id, moderator.id, 'camera');
    await settle();
    clock.advance(limits.subscriptionAnswerTimeoutMs);
    await settle();
    expect(server.subscriptions[0]?.closed).toBe(true);
    live.subscribe(cy.id, guest.id, 'camera');
    await settle();
    const fresh = cy.connection.all('subscription-offer').at(-1);
    expect(fresh?.fresh).toBe(true);
    expect(new Set(fresh?.streams.map((stream) => stream.participantId))).toEqual(new Set([moderator.id, guest.id]));
    // Leaving closes it.
    live.leave(cy.id);
    expect(server.subscriptions[1]?.closed).toBe(true);
  });
});

describe('locks', () => {
  it('turns locked microphones off, refuses unmuting and chat, and leaves moderators free', async () => {
    const { live, moderator, guest } = await meeting();
    const locked = { microphone: true, camera: false, chat: true, privateChat: false, screenShare: false };
    live.moderate(moderator.id, { action: 'lock-settings', locked });
    expect(guest.connection.all('settings').at(-1)?.settings.lockedForViewers).toEqual(locked);
    expect(guest.participant.media.audioMuted).toBe(true);
    expect(live.setMedia(guest.id, media)).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.sendChat(guest.id, null, 'hello?')).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.sendChat(moderator.id, null, 'moderators may still talk').ok).toBe(true);
    expect(live.setMedia(moderator.id, { audioMuted: true, videoMuted: false }).ok).toBe(true);
    expect(live.setMedia(moderator.id, media).ok).toBe(true);
  });
});

describe('locks and features a room starts with', () => {
  it('locks private messages between viewers but lets them write to a moderator', async () => {
    const { live, moderator, guest, join } = await meeting();
    const other = join('Other');
    live.moderate(moderator.id, { action: 'lock-settings', locked: { ...nothingLocked, privateChat: true } });
    expect(live.sendChat(guest.id, other.id, 'psst')).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.sendChat(guest.id, moderator.id, 'a question').ok).toBe(true);
    expect(live.sendChat(moderator.id, other.id, 'an answer').ok).toBe(true);
    expect(live.sendChat(guest.id, null, 'public chat is still open').ok).toBe(true);
  });

  it('starts with the room’s viewer locks: a viewer joins with camera and microphone off, a moderator as asked', async () => {
    const { live, moderator, guest } = await meeting({ viewerLocks: { ...nothingLocked, microphone: true, camera: true } });
    expect(live.settings.lockedForViewers).toMatchObject({ microphone: true, camera: true });
    expect(guest.participant.media).toEqual({ audioMuted: true, videoMuted: true });
    expect(moderator.participant.media).toEqual(media);
    expect(live.setMedia(guest.id, media)).toMatchObject({ ok: false, code: 'not_allowed' });
  });

  it('switches features off for everyone, moderators included, and at once when the room’s setting changes', async () => {
    const { room, live, moderator, guest, server } = await meeting({ disabledFeatures: ['chat', 'raiseHand', 'reactions'] });
    const welcome = live.welcome(moderator.id);
    expect(welcome.ok && welcome.value.settings.disabledFeatures).toEqual(['chat', 'raiseHand', 'reactions']);
    expect(live.sendChat(moderator.id, null, 'hello')).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.announce('Moodle', 'from outside')).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.raiseHand(moderator.id, true)).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.react(guest.id, '👍')).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.sendChat(guest.id, moderator.id, 'private messages stay on').ok).toBe(true);
    expect((await live.publish(guest.id, 'screen', offer)).ok).toBe(true);
    live.roomSettingsChanged({ ...room, disabledFeatures: ['screenShare'] });
    await settle();
    expect(guest.connection.all('settings').at(-1)?.settings.disabledFeatures).toEqual(['screenShare']);
    expect(server.publisherFor(`${guest.id}/screen`)?.closed).toBe(true);
    expect(await live.publish(moderator.id, 'screen', offer)).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.sendChat(moderator.id, null, 'chat is back').ok).toBe(true);
  });
});

describe('screen sharing', () => {
  it('lets one person share at a time unless the moderators allow several, and stops locked screens', async () => {
    const { live, moderator, guest, join, server } = await meeting();
    const other = join('Other');
    expect((await live.publish(guest.id, 'screen', offer)).ok).toBe(true);
    expect(await live.publish(other.id, 'screen', offer)).toMatchObject({ ok: false, code: 'screen_share_taken' });
    live.moderate(moderator.id, { action: 'allow-multiple-sharers', allowed: true });
    expect((await live.publish(other.id, 'screen', offer)).ok).toBe(true);
    live.moderate(moderator.id, { action: 'lock-settings', locked: { ...nothingLocked, screenShare: true } });
    await settle();
    expect(server.publisherFor(`${guest.id}/screen`)?.closed).toBe(true);
    expect(await live.publish(guest.id, 'screen', offer)).toMatchObject({ ok: false, code: 'not_allowed' });
    expect((await live.publish(moderator.id, 'screen', offer)).ok).toBe(true);
  });
});

describe('chat', () => {
  it('delivers public messages to all and private ones to the two people only, and exports only public ones', async () => {
    const { live, moderator, guest, join } = await meeting();
    const third = join('Third');
    live.sendChat(moderator.id, null, 'item 1');
    live.sendChat(moderator.id, guest.id, 'just between us');
    expect(third.connection.all('chat').map((message) => message.message.text)).toEqual(['item 1']);
    expect(guest.connection.all('chat').map((message) => message.message.text)).toEqual(['item 1', 'just between us']);
    expect(moderator.connection.all('chat').map((message) => message.message.text)).toEqual(['item 1', 'just between us']);
    expect(live.sendChat(guest.id, guest.id, 'to myself')).toMatchObject({ ok: false, code: 'participant_not_found' });
    const exported = live.moderate(moderator.id, { action: 'export-chat' });
    const text = exported.ok && exported.value?.type === 'chat-export' ? exported.value.text : '';
    expect(text).toContain('Mo: item 1');
    expect(text).not.toContain('just between us');
    expect(live.welcome(third.id)).toMatchObject({ ok: true, value: { chat: [{ text: 'item 1' }] } });
  });

  it('rate-limits one participant’s chat without affecting the others', async () => {
    const { live, moderator, guest } = await meeting();
    const codes = Array.from({ length: 8 }, (_, index) => {
      const sent = live.sendChat(guest.id, null, `spam ${index}`);
      return sent.ok ? 'ok' : sent.code;
    });
    expect(codes).toContain('rate_limited');
    expect(live.sendChat(moderator.id, null, 'still fine').ok).toBe(true);
  });
});

describe('hands', () => {
  it('keeps raised hands in the order they went up, and lets a moderator lower them all', async () => {
    const { live, moderator, guest, join } = await meeting();
    const other = join('Other');
    live.raiseHand(other.id, true);
    clock.advance(1_000);
    live.raiseHand(guest.id, true);
    const queue = [...live.participants.values()]
      .filter((participant) => participant.handRaisedAtMs !== null)
      .sort((a, b) => (a.handRaisedAtMs ?? 0) - (b.handRaisedAtMs ?? 0))
      .map((participant) => participant.displayName);
    expect(queue).toEqual(['Other', 'Guy']);
    live.moderate(moderator.id, { action: 'lower-hand', participantId: other.id });
    expect(other.connection.all('moderation')).toEqual([{ type: 'moderation', notice: 'hand-lowered', byName: 'Mo' }]);
    live.moderate(moderator.id, { action: 'lower-all-hands' });
    expect([...live.participants.values()].map((participant) => participant.handRaisedAtMs)).toEqual([null, null, null]);
  });
});

describe('the waiting room', () => {
  it('keeps guests waiting until a moderator admits or denies them, and shows moderators the list in order', async () => {
    const { live, moderator, guest, join } = await meeting({ waitingRoom: true });
    const first = join('First');
    const second = join('Second');
    expect([guest.kind, first.kind, second.kind]).toEqual(['waiting', 'waiting', 'waiting']);
    expect(live.sendChat(first.id, null, 'let me in')).toMatchObject({ ok: false, code: 'not_joined' });
    expect(
      moderator.connection
        .all('lobby')
        .at(-1)
        ?.waiting.map((waiting) => waiting.displayName),
    ).toEqual(['Guy', 'First', 'Second']);
    expect(live.moderate(moderator.id, { action: 'admit', participantId: first.id }).ok).toBe(true);
    expect(first.connection.admittedTimes).toBe(1);
    expect(live.participants.has(first.id)).toBe(true);
    live.moderate(moderator.id, { action: 'deny', participantId: second.id, reason: 'Members only today' });
    expect(second.connection.all('denied')).toEqual([{ type: 'denied', reason: 'Members only today' }]);
    expect(second.connection.disconnected).toBe(true);
    expect([...live.lobby.keys()]).toEqual([guest.id]);
    expect(live.moderate(moderator.id, { action: 'admit', participantId: second.id })).toMatchObject({ code: 'participant_not_found' });
  });

  it('admits everyone waiting when the waiting room is turned off', async () => {
    const { live, room, guest, join } = await meeting({ waitingRoom: true });
    const waiting = [guest, join('A'), join('B')];
    live.roomSettingsChanged({ ...room, waitingRoom: false });
    expect(waiting.map((one) => live.participants.has(one.id))).toEqual([true, true, true]);
  });

  it('turns away someone admitted into a meeting that filled up meanwhile', async () => {
    const { live, room, moderator, guest: waiting, join } = await meeting({ waitingRoom: true, participantsMax: 2 });
    join('Mo 2', { accessCode: room.moderatorCode });
    expect(live.moderate(moderator.id, { action: 'admit', participantId: waiting.id })).toMatchObject({ code: 'participant_not_found' });
    expect(waiting.connection.all('denied')).toEqual([{ type: 'denied', full: true }]);
  });
});

describe('a dropped connection', () => {
  it('keeps the place, shown as reconnecting, for the grace period on the room’s clock, then lets the person go', async () => {
    const { live, moderator, guest } = await meeting();
    live.connectionLost(guest.id, guest.connection);
    expect(moderator.connection.all('participant-updated').at(-1)?.participant).toMatchObject({
      participantId: guest.id,
      reconnecting: true,
    });
    clock.advance(graceMs - 1);
    expect(live.participants.has(guest.id)).toBe(true);
    clock.advance(1);
    expect(live.participants.has(guest.id)).toBe(false);
    expect(moderator.connection.all('participant-left')).toEqual([{ type: 'participant-left', participantId: guest.id }]);
  });

  it('gives the place back to whoever presents the resume token within the grace period', async () => {
    const { live, moderator, guest } = await meeting();
    live.connectionLost(guest.id, guest.connection);
    clock.advance(graceMs / 2);
    const back = new RecordingConnection();
    const resumed = live.join({ displayName: 'Guy', media, resumeToken: guest.participant.resumeToken }, back);
    expect(resumed).toMatchObject({
      ok: true,
      value: { kind: 'joined', resumed: true, participant: { id: guest.id, reconnecting: false } },
    });
    clock.advance(graceMs * 2);
    expect(live.participants.has(guest.id)).toBe(true);
    expect(moderator.connection.all('participant-left')).toEqual([]);
  });

  it.each(['stops answering', 'comes back with the resume token'] as const)(
    'closes a publish still on its way to the media server when the connection %s meanwhile',
    async (how) => {
      const { live, server, moderator, guest } = await meeting();
      const publishing = live.publish(guest.id, 'camera', offer);
      live.connectionLost(guest.id, guest.connection);
      if (how === 'comes back with the resume token')
        live.join({ displayName: 'Guy', media, resumeToken: guest.participant.resumeToken }, new RecordingConnection());
      expect(await publishing).toMatchObject({ ok: false, code: 'media_negotiation_failed' });
      const publisher = server.publisherFor(`${guest.id}/camera`);
      expect(publisher?.closed).toBe(true);
      publisher?.fire('webrtc-up');
      expect(guest.participant.publishing).toBe(false);
      expect(live.participants.get(moderator.id)?.closed).toBe(false);
    },
  );

  it('ignores a lost connection that is no longer the participant’s', async () => {
    const { live, guest } = await meeting();
    live.join({ displayName: 'Guy', media, resumeToken: guest.participant.resumeToken }, new RecordingConnection());
    expect(guest.connection.disconnected).toBe(true);
    live.connectionLost(guest.id, guest.connection);
    expect(guest.participant.reconnecting).toBe(false);
  });
});

describe('closing', () => {
  it('closes when the last participant leaves: the media server’s room goes and the meeting record ends', async () => {
    const { live, server, moderator, guest, room, closedTimes } = await meeting();
    await live.publish(guest.id, 'camera', offer);
    live.leave(guest.id);
    expect(live.closed).toBe(false);
    live.leave(moderator.id);
    expect(live.closed).toBe(true);
    expect(closedTimes()).toBe(1);
    await settle();
    expect(server.requests.at(-1)).toMatchObject({ kind: 'destroy-room' });
    await live.settled();
    expect((await rooms.listMeetings(room.id))[0]?.endedAtMs).toBe(clock.nowMs());
    live.close();
    expect(closedTimes()).toBe(1);
  });

  it.each(['leaves', 'closes the tab', 'stops answering'] as const)(
    'closes when the only person there was waiting and %s: the meeting record ends',
    async (how) => {
      const { live, room, join, closedTimes } = await emptyMeeting({ waitingRoom: true });
      const guest = join('Guy');
      expect(guest.kind).toBe('waiting');
      if (how === 'leaves') live.leave(guest.id);
      else if (how === 'closes the tab') live.connectionClosed(guest.id, guest.connection);
      else live.connectionLost(guest.id, guest.connection);
      expect(live.lobby.size).toBe(0);
      expect(live.closed).toBe(true);
      expect(closedTimes()).toBe(1);
      await live.settled();
      expect((await rooms.listMeetings(room.id))[0]?.endedAtMs).toBe(clock.nowMs());
    },
  );

  it('stays open while someone still waits after the last admitted participant left', async () => {
    const { live, moderator, guest } = await meeting({ waitingRoom: true });
    live.leave(moderator.id);
    expect(live.closed).toBe(false);
    live.leave(guest.id);
    expect(live.closed).toBe(true);
  });

  it('ends the meeting for everyone, the waiting included, when a moderator ends it', async () => {
    const { live, moderator, guest } = await meeting({ waitingRoom: true });
    const connection = new RecordingConnection();
    live.join({ displayName: 'Waiting', media }, connection);
    expect(live.moderate(moderator.id, { action: 'end-meeting' }).ok).toBe(true);
    for (const one of [moderator.connection, guest.connection, connection]) {
      expect(one.all('meeting-ended')).toHaveLength(1);
      expect(one.disconnected).toBe(true);
    }
    expect(live.closed).toBe(true);
  });

  it('ends the meeting for everyone when asked from outside (an integration’s end), once', async () => {
    const { live, moderator, guest } = await meeting({ waitingRoom: true });
    const connection = new RecordingConnection();
    live.join({ displayName: 'Waiting', media }, connection);
    live.end();
    live.end();
    for (const one of [moderator.connection, guest.connection, connection]) {
      expect(one.all('meeting-ended')).toEqual([{ type: 'meeting-ended', reason: 'ended_by_moderator' }]);
      expect(one.disconnected).toBe(true);
    }
    expect(live.closed).toBe(true);
  });
});

describe('room modules', () => {
  // The protocol has no message type for modules but the chat's yet (a new feature adds its own),
  // so these tests make one up, as a crafted, already parsed message.
  const tallyType = 'tally-count' as unknown as ModuleMessageType;
  const tallyMessage = { type: tallyType } as unknown as ModuleMessage;

  /** A module that counts the messages routed to it and keeps what happened to it. */
  class TallyModule implements RoomModule {
    readonly events: string[] = [];
    constructor(
      readonly name = 'tally',
      readonly messageTypes: readonly ModuleMessageType[] = [tallyType],
    ) {}
    onJoin(participant: ParticipantView): void {
      this.events.push(`join ${participant.displayName}`);
    }
    onLeave(participant: ParticipantView): void {
      this.events.push(`leave ${participant.displayName}`);
    }
    handle(actor: ParticipantView, message: ModuleMessage) {
      this.events.push(`${message.type} from ${actor.displayName}`);
      return { ok: true as const, value: undefined };
    }
    onEnded(reason: string): void {
      this.events.push(`ended ${reason}`);
    }
    close(): void {
      this.events.push('close');
    }
  }

  it('are told when a moderator ends the meeting (before they close), and not when it merely empties', async () => {
    const { live, moderator, guest } = await meeting();
    const tally = live.addModule(() => new TallyModule());
    expect(live.moderate(guest.id, { action: 'end-meeting' })).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.moderate(moderator.id, { action: 'end-meeting' }).ok).toBe(true);
    expect(tally.events).toEqual(['join Mo', 'join Guy', 'ended ended_by_moderator', 'leave Mo', 'leave Guy', 'close']);
  });

  it('are created through the room, hear who joins and leaves, get the messages they claim, and close with the room', async () => {
    const { live, guest, moderator, join } = await meeting();
    const tally = live.addModule(() => new TallyModule());
    const late = join('Late');
    expect((await live.handleModuleMessage(late.id, tallyMessage)).ok).toBe(true);
    live.leave(late.id);
    live.leave(guest.id);
    live.leave(moderator.id);
    expect(tally.events).toEqual([
      'join Mo',
      'join Guy',
      'join Late',
      'tally-count from Late',
      'leave Late',
      'leave Guy',
      'leave Mo',
      'close',
    ]);
  });

  it('hear each change of a participant’s state after everyone was told, and the public chat but no private message', async () => {
    const { live, moderator, guest } = await meeting();
    const heard: string[] = [];
    /** Keeps what it hears of participants' changes (and whether everyone was told first) and of the public chat. */
    class ListeningModule extends TallyModule {
      onParticipantChanged(participant: ParticipantView): void {
        const told = moderator.connection.all('participant-updated').at(-1)?.participant;
        const hand = participant.handRaisedAtMs !== null;
        heard.push(
          `${participant.displayName} muted=${participant.media.audioMuted} hand=${hand} told=${(told?.handRaisedAtMs !== null) === hand}`,
        );
      }
      onChatMessage(message: ChatMessage): void {
        heard.push(`chat ${message.fromName}: ${message.text}`);
      }
    }
    live.addModule(() => new ListeningModule('listener', []));
    expect(live.setMedia(guest.id, { audioMuted: true, videoMuted: false }).ok).toBe(true);
    expect(live.raiseHand(guest.id, true).ok).toBe(true);
    expect(live.sendChat(guest.id, null, 'Hello all').ok).toBe(true);
    expect(live.sendChat(guest.id, moderator.id, 'Just you').ok).toBe(true);
    expect(live.announce('Moodle', 'Class ends soon').ok).toBe(true);
    expect(heard).toEqual([
      'Guy muted=true hand=false told=true',
      'Guy muted=true hand=true told=true',
      'chat Guy: Hello all',
      'chat Moodle: Class ends soon',
    ]);
  });

  it('cannot share a name or a message type with another module, and a type nobody claims is malformed', async () => {
    const { live, moderator } = await meeting();
    live.addModule(() => new TallyModule());
    expect(() => live.addModule(() => new TallyModule())).toThrow(/already registered/);
    expect(() => live.addModule(() => new TallyModule('tally 2'))).toThrow(/already has a room module/);
    expect(() => live.addModule(() => new TallyModule('chat 2', ['chat-send']))).toThrow(/already has a room module/);
    const unclaimed = { type: 'poll-vote' } as unknown as ModuleMessage;
    expect(await live.handleModuleMessage(moderator.id, unclaimed)).toMatchObject({ code: 'malformed_message' });
  });

  it('cannot claim a core command’s message type', async () => {
    const { live, moderator, guest } = await meeting();
    for (const type of ['react', 'hand', 'publish', 'moderate', 'leave']) {
      const claimsCore = () => new TallyModule(`claims ${type}`, [type as unknown as ModuleMessageType]);
      expect(() => live.addModule(claimsCore)).toThrow(/core command/);
    }
    expect(live.react(guest.id, '🎉').ok).toBe(true);
    expect(moderator.connection.all('reaction')).toEqual([{ type: 'reaction', participantId: guest.id, reaction: '🎉' }]);
  });
});

describe('a plan’s length limit', () => {
  const allowance = { planName: 'Free', participantsMax: 5, meetingsMax: 1, meetingMinutesMax: 60, holderKey: 'room:x' };

  it('warns everyone five minutes before, then ends the meeting on time and says why', async () => {
    const { live, join, closedTimes } = await emptyMeeting();
    const startedAt = clock.nowMs();
    live.applyAllowance(allowance);
    const ada = join('Ada');
    clock.advance(54 * 60_000);
    expect(ada.connection.all('meeting-ending')).toEqual([]);
    clock.advance(60_000);
    expect(ada.connection.all('meeting-ending')).toEqual([{ type: 'meeting-ending', endsAtMs: startedAt + 3_600_000, planName: 'Free' }]);
    // A later joiner under the same plan does not move the end.
    live.applyAllowance(allowance);
    clock.advance(5 * 60_000 - 1);
    expect(live.closed).toBe(false);
    clock.advance(1);
    expect(ada.connection.all('meeting-ended')).toEqual([{ type: 'meeting-ended', reason: 'time_limit' }]);
    expect(ada.connection.disconnected).toBe(true);
    expect(live.closed).toBe(true);
    expect(closedTimes()).toBe(1);
  });

  it('is apart from the length a room module sets (endAt): warned without a plan’s name, ended as scheduled', async () => {
    const { live, join } = await emptyMeeting();
    const startedAt = clock.nowMs();
    let context: RoomModuleContext | undefined;
    live.addModule((given) => {
      context = given;
      return { name: 'scheduler', messageTypes: [], onJoin() {}, onLeave() {}, handle: () => ({ ok: true, value: undefined }), close() {} };
    });
    const ada = join('Ada');
    context?.endAt(startedAt + 20 * 60_000);
    context?.endAt(startedAt + 30 * 60_000);
    clock.advance(25 * 60_000);
    expect(ada.connection.all('meeting-ending')).toEqual([{ type: 'meeting-ending', endsAtMs: startedAt + 30 * 60_000, planName: null }]);
    clock.advance(5 * 60_000);
    expect(ada.connection.all('meeting-ended')).toEqual([{ type: 'meeting-ended', reason: 'scheduled_end' }]);
    expect(live.closed).toBe(true);
  });

  it('is lifted by an upgrade during the meeting', async () => {
    const { live, join } = await emptyMeeting();
    live.applyAllowance(allowance);
    const ada = join('Ada');
    clock.advance(30 * 60_000);
    live.applyAllowance({ ...allowance, planName: 'Level 1', participantsMax: 10, meetingMinutesMax: null });
    clock.advance(3 * 3_600_000);
    expect(ada.connection.all('meeting-ending')).toEqual([]);
    expect(live.closed).toBe(false);
    live.close();
  });
});
