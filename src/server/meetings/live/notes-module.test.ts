/**
 * Shared notes in a live room (in-memory media server): real Yjs documents on each side, synced
 * through the room with y-protocols exactly as the web client does, every message parsed from
 * JSON as the signalling parses it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url } from '../../../shared/base64url.js';
import type { ParticipantId, RoomId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { LiveRoom } from './live-room.js';
import { RecordingConnection, sendParsed, testMedia, useLiveRooms } from './live-room-testing.js';

const { clock, rooms, open, emptyMeeting, meeting } = useLiveRooms();

/** Sends `message` from `participantId` through the schema and the room. */
const send = (live: LiveRoom, participantId: ParticipantId, message: Record<string, unknown>) =>
  Promise.resolve(sendParsed(live, participantId, message));

const syncMessage = (write: (encoder: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return toBase64Url(encoding.toUint8Array(encoder));
};

/** A participant's copy of the notes, synced through the room as the web client syncs it. */
class NotesPeer {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('notes');
  readonly outcomes: { ok: boolean; code?: string }[] = [];
  #seen = 0;

  constructor(
    private readonly live: LiveRoom,
    readonly id: ParticipantId,
    readonly connection: RecordingConnection,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server')
        void this.send({ type: 'notes-sync', message: syncMessage((encoder) => syncProtocol.writeUpdate(encoder, update)) });
    });
  }

  async send(message: Record<string, unknown>) {
    const outcome = await send(this.live, this.id, message);
    this.outcomes.push(outcome);
    return outcome;
  }

  /** Opens the notes: sync step 1. */
  open() {
    return this.send({ type: 'notes-sync', message: syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)) });
  }

  /** Takes what the room sent since last time, answering the server's step 1. */
  async pump(): Promise<void> {
    const fresh = this.connection.received.slice(this.#seen);
    this.#seen = this.connection.received.length;
    for (const message of fresh) {
      if (message.type !== 'notes-sync') continue;
      const reply = encoding.createEncoder();
      syncProtocol.readSyncMessage(decoding.createDecoder(fromBase64Url(message.message) ?? new Uint8Array()), reply, this.doc, 'server');
      if (encoding.length(reply) > 0) await this.send({ type: 'notes-sync', message: toBase64Url(encoding.toUint8Array(reply)) });
    }
  }
}

/** Syncs every peer until nothing new arrives. */
async function settle(peers: NotesPeer[]): Promise<void> {
  for (let round = 0; round < 5; round += 1) for (const peer of peers) await peer.pump();
}

/** A new meeting in an existing room, with its moderator in it. */
async function meetingIn(roomId: RoomId) {
  const room = await rooms().find(roomId);
  if (!room) throw new Error('no room');
  const { live, join } = open(room);
  // The kept notes are read as the meeting opens.
  await new Promise((resolve) => setImmediate(resolve));
  return { live, moderator: join('Mo', { accessCode: room.moderatorCode }) };
}

async function notesMeeting() {
  const room = await meeting();
  const ann = room.join('Ann', { clientId: 'ann-client-000000001' });
  return {
    ...room,
    ann,
    mo: new NotesPeer(room.live, room.moderator.id, room.moderator.connection),
    guy: new NotesPeer(room.live, room.guest.id, room.guest.connection),
    annNotes: new NotesPeer(room.live, ann.id, ann.connection),
  };
}

describe('shared notes', () => {
  it('converges two people typing at once, and gives a late opener the whole document', async () => {
    const { mo, guy, annNotes } = await notesMeeting();
    await mo.open();
    await guy.open();
    await settle([mo, guy]);
    mo.text.insert(0, 'Agenda: ');
    guy.text.insert(0, 'Minutes. ');
    // Concurrent edits at the same place, before either has seen the other's.
    mo.text.insert(mo.text.length, 'budget');
    guy.text.insert(guy.text.length, 'rota');
    await settle([mo, guy]);
    expect(mo.text.toString()).toBe(guy.text.toString());
    expect(mo.text.toString()).toContain('Agenda: ');
    expect(mo.text.toString()).toContain('rota');
    // Ann never opened the notes: none of their traffic reached her.
    expect(annNotes.connection.all('notes-sync')).toEqual([]);
    await annNotes.open();
    await settle([annNotes]);
    expect(annNotes.text.toString()).toBe(mo.text.toString());
    expect([...mo.outcomes, ...guy.outcomes, ...annNotes.outcomes].every((outcome) => outcome.ok)).toBe(true);
  });

  it('brings back edits made while the notes were closed (the server asks for what it lacks)', async () => {
    const { mo, guy } = await notesMeeting();
    await mo.open();
    await settle([mo]);
    // Guy types before opening (offline): the edit is refused, then offered again on opening.
    guy.text.insert(0, 'Written before opening. ');
    await settle([guy]);
    expect(guy.outcomes.at(-1)).toMatchObject({ ok: false, code: 'not_allowed' });
    await guy.open();
    await settle([mo, guy]);
    expect(mo.text.toString()).toBe('Written before opening. ');
  });

  it('lets only moderators edit while locked, and tells everyone of the lock', async () => {
    const { live, mo, guy, guest, ann } = await notesMeeting();
    // Unlocked and not kept: nothing to tell on joining.
    expect(ann.connection.all('notes-state')).toEqual([]);
    expect(await send(live, guest.id, { type: 'notes-lock', locked: true })).toMatchObject({ ok: false, code: 'not_allowed' });
    await mo.open();
    await guy.open();
    await settle([mo, guy]);
    expect((await mo.send({ type: 'notes-lock', locked: true })).ok).toBe(true);
    expect(ann.connection.last('notes-state')).toEqual({ type: 'notes-state', locked: true, kept: false });
    guy.text.insert(0, 'Not while locked');
    await settle([guy]);
    expect(guy.outcomes.at(-1)).toMatchObject({ ok: false, code: 'notes_locked' });
    mo.text.insert(0, 'The chair writes');
    await settle([mo]);
    expect(mo.outcomes.at(-1)).toMatchObject({ ok: true });
    await mo.send({ type: 'notes-lock', locked: false });
    expect(ann.connection.last('notes-state')?.locked).toBe(false);
  });

  it('refuses what is not a y-protocols message or a Yjs update, and keeps the document whole', async () => {
    const { mo, guy } = await notesMeeting();
    await mo.open();
    await guy.open();
    await settle([mo, guy]);
    mo.text.insert(0, 'Kept');
    await settle([mo, guy]);
    const refusals = [
      toBase64Url(Uint8Array.from([7, 1, 0])),
      toBase64Url(Uint8Array.from([2])),
      toBase64Url(Uint8Array.from([2, 5, 1, 2])),
      syncMessage((encoder) => syncProtocol.writeUpdate(encoder, Uint8Array.from([255, 255, 255, 255, 15, 1, 2, 3]))),
      `${syncMessage((encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(new Y.Doc())))}AAAA`,
    ];
    for (const message of refusals) {
      expect(await guy.send({ type: 'notes-sync', message })).toMatchObject({ ok: false, code: 'notes_update_invalid' });
    }
    for (const message of ['not base64!', '', 'A'.repeat(Math.ceil((limits.notesMessageBytesMax * 4) / 3) + 4)]) {
      expect(await guy.send({ type: 'notes-sync', message })).toMatchObject({ ok: false, code: 'malformed_message' });
    }
    expect(
      await guy.send({ type: 'notes-sync', message: syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc())) }),
    ).toMatchObject({ ok: true });
    await settle([mo, guy]);
    expect(guy.text.toString()).toBe('Kept');
  });

  it('refuses edits past the document’s size, and whoever floods beyond the notes rate', async () => {
    const { mo, guy } = await notesMeeting();
    await mo.open();
    await settle([mo]);
    const chunk = 'x'.repeat(limits.notesMessageBytesMax - 100);
    const edits = Math.ceil(limits.notesDocumentBytesMax / chunk.length) + 1;
    for (let index = 0; index < edits; index += 1) mo.text.insert(mo.text.length, chunk);
    await settle([mo]);
    expect(mo.outcomes.at(-1)).toMatchObject({ ok: false, code: 'notes_too_large' });
    expect(mo.outcomes.filter((outcome) => outcome.ok).length).toBeGreaterThan(limits.notesDocumentBytesMax / chunk.length - 2);
    const flood = Array.from({ length: limits.notesBurst + 5 }, () => guy.send({ type: 'notes-leave' }));
    expect((await Promise.all(flood)).at(-1)).toMatchObject({ ok: false, code: 'rate_limited' });
  });

  it('relays each editor’s cursor, only in their own name, and takes it away when they leave', async () => {
    const { live, mo, guy, annNotes, guest, moderator } = await notesMeeting();
    await mo.open();
    await guy.open();
    await annNotes.open();
    const position = { type: null, tname: 'prosemirror', item: null, assoc: 0 };
    const moAwareness = new awarenessProtocol.Awareness(mo.doc);
    moAwareness.setLocalState({ user: { participantId: moderator.id, color: '#1f77b4' }, cursor: { anchor: position, head: position } });
    const update = (awareness: awarenessProtocol.Awareness) =>
      toBase64Url(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
    expect(await mo.send({ type: 'notes-awareness', update: update(moAwareness) })).toMatchObject({ ok: true });
    const seenByGuy = guest.connection.last('notes-awareness');
    const guyView = new awarenessProtocol.Awareness(guy.doc);
    awarenessProtocol.applyAwarenessUpdate(guyView, fromBase64Url(seenByGuy?.update ?? '') ?? new Uint8Array(), 'server');
    expect(guyView.getStates().get(moAwareness.clientID)).toEqual({
      user: { participantId: moderator.id, color: '#1f77b4' },
      cursor: { anchor: position, head: position },
    });

    // Guy may not speak as Mo, nor through Mo's awareness client, nor with a free-text name.
    const spoof = new awarenessProtocol.Awareness(guy.doc);
    spoof.setLocalState({ user: { participantId: moderator.id, color: '#ff0000' } });
    expect(await guy.send({ type: 'notes-awareness', update: update(spoof) })).toMatchObject({ code: 'notes_update_invalid' });
    spoof.setLocalState({ user: { participantId: guest.id, color: '#ff0000', name: 'The chair' } });
    expect(await guy.send({ type: 'notes-awareness', update: update(spoof) })).toMatchObject({ code: 'notes_update_invalid' });
    const hijack = new awarenessProtocol.Awareness(new Y.Doc());
    hijack.clientID = moAwareness.clientID;
    hijack.setLocalState({ user: { participantId: guest.id, color: '#ff0000' } });
    hijack.meta.set(hijack.clientID, { clock: 99, lastUpdated: 0 });
    expect(await guy.send({ type: 'notes-awareness', update: update(hijack) })).toMatchObject({ code: 'notes_update_invalid' });

    // Mo leaves the meeting: the others see the cursor go.
    const before = annNotes.connection.all('notes-awareness').length;
    live.leave(moderator.id);
    const removal = annNotes.connection.all('notes-awareness').at(before);
    const annView = new awarenessProtocol.Awareness(annNotes.doc);
    awarenessProtocol.applyAwarenessUpdate(annView, fromBase64Url(seenByGuy?.update ?? '') ?? new Uint8Array(), 'server');
    awarenessProtocol.applyAwarenessUpdate(annView, fromBase64Url(removal?.update ?? '') ?? new Uint8Array(), 'server');
    expect(annView.getStates().has(moAwareness.clientID)).toBe(false);
    for (const awareness of [moAwareness, guyView, spoof, hijack, annView]) awareness.destroy();
  });

  it('keeps the notes with the room only when a moderator chooses, brings them back next meeting, and deletes them when asked', async () => {
    const { live, room, mo, guy, guest, moderator } = await notesMeeting();
    await mo.open();
    await guy.open();
    mo.text.insert(0, 'Decisions of the first meeting');
    await settle([mo, guy]);
    await live.settled();
    expect(await rooms().keptNotes(room.id)).toBeUndefined();
    expect(await guy.send({ type: 'notes-keep', keep: true })).toMatchObject({ ok: false, code: 'not_allowed' });
    expect((await mo.send({ type: 'notes-keep', keep: true })).ok).toBe(true);
    expect(guest.connection.last('notes-state')).toEqual({ type: 'notes-state', locked: false, kept: true });
    await live.settled();
    expect(await rooms().keptNotes(room.id)).toBeDefined();
    // A later edit is saved a moment after it, and an edit just before the end when the meeting ends.
    guy.text.insert(guy.text.length, ', and the second');
    await settle([mo, guy]);
    clock.advance(limits.notesSaveDelayMs);
    guy.text.insert(guy.text.length, '.');
    await settle([mo, guy]);
    live.close();
    await live.settled();

    const next = await meetingIn(room.id);
    const reader = new NotesPeer(next.live, next.moderator.id, next.moderator.connection);
    // Kept notes come back locked: whoever arrives first may not wipe them.
    expect(next.moderator.connection.last('notes-state')).toEqual({ type: 'notes-state', locked: true, kept: true });
    await reader.open();
    await settle([reader]);
    expect(reader.text.toString()).toBe('Decisions of the first meeting, and the second.');
    // No longer kept: deleted at once.
    expect((await reader.send({ type: 'notes-keep', keep: false })).ok).toBe(true);
    await next.live.settled();
    expect(await rooms().keptNotes(room.id)).toBeUndefined();
    next.live.close();
    expect(moderator.id).not.toBe(next.moderator.id);
  });

  it('makes a page back from a dropped connection open the notes again, and tells it their state', async () => {
    const { live, mo, guy, guest } = await notesMeeting();
    await mo.open();
    await guy.open();
    await settle([mo, guy]);
    live.connectionLost(guest.id, guest.connection);
    mo.text.insert(0, 'Written while Guy was away');
    await mo.send({ type: 'notes-lock', locked: true });
    await settle([mo]);
    const back = new RecordingConnection();
    expect(live.join({ displayName: 'Guy', media: testMedia, resumeToken: guest.participant.resumeToken }, back).ok).toBe(true);
    expect(back.last('notes-state')).toEqual({ type: 'notes-state', locked: true, kept: false });
    // Until it opens the notes again, nothing of them reaches the page.
    mo.text.insert(mo.text.length, '.');
    await settle([mo]);
    expect(back.all('notes-sync')).toEqual([]);
    const again = new NotesPeer(live, guest.id, back);
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(guy.doc), 'server');
    await again.open();
    await settle([again]);
    expect(again.text.toString()).toBe('Written while Guy was away.');
  });

  it('lets a viewer open locked notes without a refusal, and fills a gap left by a lost edit', async () => {
    const { mo, guy } = await notesMeeting();
    await mo.open();
    mo.text.insert(0, 'Locked before Guy came');
    await settle([mo]);
    await mo.send({ type: 'notes-lock', locked: true });
    // Guy's step 2 in answer to the server's step 1 holds nothing new: no refusal.
    await guy.open();
    await settle([mo, guy]);
    expect(guy.outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(guy.text.toString()).toBe('Locked before Guy came');
    await mo.send({ type: 'notes-lock', locked: false });

    // One of Guy's edits never arrives (say, sent on a connection that dropped): his next one
    // depends on it, so the server asks him for what it lacks and both arrive.
    Y.transact(guy.doc, () => guy.text.insert(guy.text.length, ' — lost'), 'server');
    guy.text.insert(guy.text.length, ', found');
    await settle([mo, guy]);
    expect(mo.text.toString()).toBe('Locked before Guy came — lost, found');
    expect(guy.outcomes.every((outcome) => outcome.ok)).toBe(true);
  });

  it('shows at most a few cursors per participant, and refuses a malformed cursor or another’s removal', async () => {
    const { mo, guy, annNotes, moderator, guest } = await notesMeeting();
    await mo.open();
    await guy.open();
    await annNotes.open();
    const update = (awareness: awarenessProtocol.Awareness) =>
      toBase64Url(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
    const cursors = Array.from({ length: limits.notesCursorsPerParticipantMax + 3 }, () => {
      const awareness = new awarenessProtocol.Awareness(new Y.Doc());
      awareness.setLocalState({ user: { participantId: guest.id, color: '#2a6e2a' } });
      return awareness;
    });
    for (const awareness of cursors)
      expect(await guy.send({ type: 'notes-awareness', update: update(awareness) })).toMatchObject({ ok: true });
    const seen = new awarenessProtocol.Awareness(new Y.Doc());
    for (const message of annNotes.connection.all('notes-awareness')) {
      awarenessProtocol.applyAwarenessUpdate(seen, fromBase64Url(message.update) ?? new Uint8Array(), 'server');
    }
    expect([...seen.getStates().values()].filter((state) => state.user?.participantId === guest.id)).toHaveLength(
      limits.notesCursorsPerParticipantMax,
    );

    // A cursor every editor's plugin would choke on, and removing Mo's cursor: refused.
    const broken = new awarenessProtocol.Awareness(new Y.Doc());
    broken.setLocalState({ user: { participantId: guest.id, color: '#2a6e2a' }, cursor: { anchor: null, head: null } });
    expect(await guy.send({ type: 'notes-awareness', update: update(broken) })).toMatchObject({ code: 'notes_update_invalid' });
    const moCursor = new awarenessProtocol.Awareness(mo.doc);
    moCursor.setLocalState({ user: { participantId: moderator.id, color: '#1f5fa8' } });
    expect(await mo.send({ type: 'notes-awareness', update: update(moCursor) })).toMatchObject({ ok: true });
    const removal = new awarenessProtocol.Awareness(new Y.Doc());
    removal.clientID = moCursor.clientID;
    removal.meta.set(removal.clientID, { clock: 50, lastUpdated: 0 });
    removal.states.delete(removal.clientID);
    expect(await guy.send({ type: 'notes-awareness', update: update(removal) })).toMatchObject({ code: 'notes_update_invalid' });
    for (const awareness of [...cursors, seen, broken, moCursor, removal]) awareness.destroy();
  });

  it('keeps unreadable kept notes where they are, and brings readable ones back locked', async () => {
    const { room } = await notesMeeting();
    // One struct announced, none there: Yjs cannot read it.
    await rooms().keepNotes(room.id, 'BQ');
    const broken = await meetingIn(room.id);
    await new Promise((resolve) => setImmediate(resolve));
    const reader = new NotesPeer(broken.live, broken.moderator.id, broken.moderator.connection);
    await reader.open();
    expect(await reader.send({ type: 'notes-keep', keep: true })).toMatchObject({ ok: false, code: 'internal_error' });
    broken.live.close();
    await broken.live.settled();
    expect(await rooms().keptNotes(room.id)).toBe('BQ');
    await rooms().forgetNotes(room.id);
  });

  it('has no shared notes in an end-to-end encrypted meeting: the server would read them', async () => {
    const { live, join, room } = await emptyMeeting({ endToEndEncryption: true });
    const moderator = join('Mo', { accessCode: room.moderatorCode, canEncrypt: true });
    const peer = new NotesPeer(live, moderator.id, moderator.connection);
    expect(await peer.open()).toMatchObject({ ok: false, code: 'not_allowed' });
  });
});
