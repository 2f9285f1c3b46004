/**
 * The whiteboard in a live room (in-memory media server): each participant a real Yjs document
 * synced through the room with y-protocols as the web client syncs it, every message parsed from
 * JSON as the signalling parses it; and the nasty inputs a page could send instead.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url } from '../../../shared/base64url.js';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import { blankBoardId, boardOf, type Shape } from '../../../shared/whiteboard-model.js';
import type { LiveRoom } from './live-room.js';
import { RecordingConnection, sendParsed, testMedia, useLiveRooms } from './live-room-testing.js';

const { clock, meeting, emptyMeeting } = useLiveRooms();

const encode = (write: (encoder: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return toBase64Url(encoding.toUint8Array(encoder));
};
const asUpdate = (update: Uint8Array) => encode((encoder) => syncProtocol.writeUpdate(encoder, update));

let shapes = 0;
/** A pen stroke of `points` points across the page. */
function stroke(points = 3, extra: Record<string, unknown> = {}): Shape {
  shapes += 1;
  const coordinates = Array.from({ length: points }, (_, index) => [index * 10, index * 20, 50]).flat();
  return {
    id: `shape-${String(shapes).padStart(6, '0')}`,
    kind: 'pen',
    points: coordinates,
    colour: '#1f1f1f',
    width: 40,
    ...extra,
  } as Shape;
}

/** A participant's page: their copy of the whiteboard, and what the room answered them. */
class Drawer {
  readonly doc = new Y.Doc();
  readonly outcomes: { ok: boolean; code?: string }[] = [];
  readonly undo: Y.UndoManager;
  #read = 0;

  constructor(
    private readonly live: LiveRoom,
    readonly id: ParticipantId,
    readonly connection: RecordingConnection,
  ) {
    this.undo = new Y.UndoManager(this.board, { trackedOrigins: new Set([this]) });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server') void this.send({ type: 'whiteboard-sync', message: asUpdate(update) });
    });
  }

  get board(): Y.Array<Shape> {
    return boardOf(this.doc, blankBoardId);
  }

  draw(shape: Shape): void {
    this.doc.transact(() => this.board.push([shape]), this);
  }

  async send(message: Record<string, unknown>) {
    const outcome = await Promise.resolve(sendParsed(this.live, this.id, message));
    this.outcomes.push(outcome);
    return outcome;
  }

  open() {
    return this.send({ type: 'whiteboard-sync', message: encode((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc)) });
  }

  /** Reads what the room sent since last time, answering the server's step 1. */
  async receive(): Promise<void> {
    const fresh = this.connection.received.slice(this.#read);
    this.#read = this.connection.received.length;
    for (const message of fresh) {
      if (message.type !== 'whiteboard-sync') continue;
      const reply = encoding.createEncoder();
      syncProtocol.readSyncMessage(decoding.createDecoder(fromBase64Url(message.message) ?? new Uint8Array()), reply, this.doc, 'server');
      if (encoding.length(reply) > 0) await this.send({ type: 'whiteboard-sync', message: toBase64Url(encoding.toUint8Array(reply)) });
    }
  }
}

async function exchange(drawers: Drawer[]): Promise<void> {
  for (let round = 0; round < 4; round += 1) for (const drawer of drawers) await drawer.receive();
}

/** A meeting with Mo (moderator), Guy, and Ann, each with their page's whiteboard opened. */
async function whiteboardMeeting() {
  const room = await meeting();
  const ann = room.join('Ann', { clientId: 'ann-client-000000001' });
  const mo = new Drawer(room.live, room.moderator.id, room.moderator.connection);
  const guy = new Drawer(room.live, room.guest.id, room.guest.connection);
  const annPage = new Drawer(room.live, ann.id, ann.connection);
  for (const drawer of [mo, guy, annPage]) await drawer.open();
  await exchange([mo, guy, annPage]);
  return { ...room, ann, mo, guy, annPage };
}

const ids = (drawer: Drawer) => drawer.board.toArray().map((shape) => shape.id);

describe('whiteboard', () => {
  it('shows a stroke to everyone who opened the whiteboard, and the drawer’s undo takes it away for all', async () => {
    const { mo, guy, annPage } = await whiteboardMeeting();
    const shape = stroke();
    mo.draw(shape);
    await exchange([mo, guy, annPage]);
    expect(ids(guy)).toEqual([shape.id]);
    expect(guy.board.get(0)).toEqual(shape);
    mo.undo.undo();
    await exchange([mo, guy, annPage]);
    expect(ids(guy)).toEqual([]);
    expect(ids(annPage)).toEqual([]);
    expect(mo.outcomes.every((outcome) => outcome.ok)).toBe(true);
  });

  it('lets only the moderators draw without a presentation, and everyone once allowed', async () => {
    const { live, mo, guy, annPage, ann } = await whiteboardMeeting();
    guy.draw(stroke());
    await exchange([guy]);
    expect(guy.outcomes.at(-1)).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(await guy.send({ type: 'whiteboard-settings', everyoneMayDraw: true })).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(await mo.send({ type: 'whiteboard-settings', everyoneMayDraw: true })).toMatchObject({ ok: true });
    expect(ann.connection.last('whiteboard-state')).toEqual({
      type: 'whiteboard-state',
      state: { everyoneMayDraw: true, blankShown: false },
    });
    // Guy's page starts again from the server's copy after the refusal, as the web client does.
    const again = new Drawer(live, guy.id, guy.connection);
    await again.open();
    await exchange([again]);
    const shape = stroke();
    again.draw(shape);
    await exchange([again, mo, annPage]);
    expect(ids(annPage)).toEqual([shape.id]);
  });

  it('lets the presenter draw over a presentation, not the other moderators, and the presenter clear a board', async () => {
    const { live, mo, guy, annPage, moderator, guest } = await whiteboardMeeting();
    expect(live.presentation.present(moderator.id, 'Budget.pdf', new Uint8Array([37, 80, 68, 70]), 3).ok).toBe(true);
    expect(await mo.send({ type: 'presentation-presenter', participantId: guest.id })).toMatchObject({ ok: true });
    mo.draw(stroke());
    await exchange([mo]);
    expect(mo.outcomes.at(-1)).toMatchObject({ ok: false, code: 'not_allowed' });
    const fresh = stroke();
    guy.draw(fresh);
    await exchange([guy, annPage]);
    expect(ids(annPage)).toEqual([fresh.id]);
    expect(await annPage.send({ type: 'whiteboard-clear', board: blankBoardId })).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(ids(annPage)).toEqual([fresh.id]);
    expect(await guy.send({ type: 'whiteboard-clear', board: blankBoardId })).toMatchObject({ ok: true });
    await exchange([guy, annPage]);
    expect(ids(annPage)).toEqual([]);
    expect(ids(guy)).toEqual([]);
    expect(await guy.send({ type: 'whiteboard-clear', board: 'blank:2' })).toMatchObject({ ok: false, code: 'malformed_message' });
  });

  it('refuses bytes that are not a y-protocols message or a Yjs update, and carries on', async () => {
    const { mo, guy } = await whiteboardMeeting();
    for (const message of [
      toBase64Url(Uint8Array.from([9, 1, 0])),
      toBase64Url(Uint8Array.from([2, 5, 1])),
      asUpdate(Uint8Array.from([255, 255, 255, 255, 15, 1, 2, 3])),
    ]) {
      expect(await mo.send({ type: 'whiteboard-sync', message })).toMatchObject({ ok: false, code: 'whiteboard_update_invalid' });
    }
    for (const message of ['not base64!', '', 'A'.repeat(Math.ceil((limits.whiteboardMessageBytesMax * 4) / 3) + 4)]) {
      expect(await mo.send({ type: 'whiteboard-sync', message })).toMatchObject({ ok: false, code: 'malformed_message' });
    }
    const shape = stroke();
    mo.draw(shape);
    await exchange([mo, guy]);
    expect(ids(guy)).toEqual([shape.id]);
  });

  it('refuses a well-formed Yjs update whose content is not the model’s, and keeps the document unchanged', async () => {
    const { mo, guy, live, moderator } = await whiteboardMeeting();
    const kept = stroke();
    mo.draw(kept);
    await exchange([mo, guy]);
    const wrong: ((doc: Y.Doc) => void)[] = [
      (doc) => boardOf(doc, blankBoardId).push([{ ...stroke(), extra: 'key' } as Shape]),
      (doc) => boardOf(doc, blankBoardId).push([stroke(limits.whiteboardPointsPerStrokeMax + 1)]),
      (doc) => boardOf(doc, blankBoardId).push([{ ...stroke(), colour: 'red' } as unknown as Shape]),
      (doc) =>
        boardOf(doc, blankBoardId).push([
          stroke(1, { kind: 'text', points: [1, 2], text: 'x'.repeat(limits.whiteboardTextCharactersMax + 1) }),
        ]),
      (doc) => boardOf(doc, blankBoardId).push([new Y.Map() as unknown as Shape]),
      (doc) => doc.getMap('boards').set(blankBoardId, new Y.Array()),
      (doc) => doc.getArray('board:elsewhere').push([stroke()]),
      (doc) => doc.getText(`board:${blankBoardId}`).insert(0, 'text'),
    ];
    for (const change of wrong) {
      // Each from a page that has the server's copy, as a real page would.
      const page = new Y.Doc();
      Y.applyUpdate(page, Y.encodeStateAsUpdate(mo.doc));
      const before = Y.encodeStateVector(page);
      change(page);
      const message = asUpdate(Y.encodeStateAsUpdate(page, before));
      expect(await live.handleModuleMessage(moderator.id, { type: 'whiteboard-sync', message })).toMatchObject({
        ok: false,
        code: 'whiteboard_shape_invalid',
      });
    }
    // Nothing of it reached anyone, and drawing goes on.
    const late = new Drawer(live, guy.id, guy.connection);
    await late.open();
    await exchange([late]);
    expect(ids(late)).toEqual([kept.id]);
    const next = stroke();
    mo.draw(next);
    await exchange([mo, late]);
    expect(ids(late)).toEqual([kept.id, next.id]);
  });

  it('refuses shapes past a board’s limit, and pauses whoever keeps sending refused updates', async () => {
    const { mo, live, moderator } = await whiteboardMeeting();
    const full = new Y.Doc();
    boardOf(full, blankBoardId).push(Array.from({ length: limits.whiteboardShapesPerBoardMax + 1 }, () => stroke(1)));
    const message = asUpdate(Y.encodeStateAsUpdate(full));
    expect(await live.handleModuleMessage(moderator.id, { type: 'whiteboard-sync', message })).toMatchObject({
      ok: false,
      code: 'whiteboard_too_large',
    });
    const bad = new Y.Doc();
    boardOf(bad, blankBoardId).push([{ ...stroke(), width: 1 }]);
    const badMessage = asUpdate(Y.encodeStateAsUpdate(bad));
    for (let refused = 1; refused <= limits.whiteboardRefusalsBurst; refused += 1) {
      await live.handleModuleMessage(moderator.id, { type: 'whiteboard-sync', message: badMessage });
    }
    expect(await live.handleModuleMessage(moderator.id, { type: 'whiteboard-sync', message: badMessage })).toMatchObject({
      code: 'rate_limited',
    });
    mo.draw(stroke());
    await exchange([mo]);
    expect(mo.outcomes.at(-1)).toMatchObject({ ok: false, code: 'rate_limited' });
    clock.advance(limits.whiteboardPauseMs);
    const page = new Drawer(live, moderator.id, moderator.connection);
    await page.open();
    await exchange([page]);
    page.draw(stroke());
    await exchange([page]);
    expect(page.outcomes.at(-1)).toMatchObject({ ok: true });
  });

  it('drops an update that needs one it never got, and asks its sender for everything it lacks', async () => {
    const { mo, guy, live, moderator } = await whiteboardMeeting();
    // Two strokes drawn offline: the second update names the first, which the server never got.
    const page = new Y.Doc();
    Y.applyUpdate(page, Y.encodeStateAsUpdate(mo.doc));
    const [first, second] = [stroke(), stroke()];
    const before = Y.encodeStateVector(page);
    boardOf(page, blankBoardId).push([first]);
    const middle = Y.encodeStateVector(page);
    boardOf(page, blankBoardId).push([second]);
    const asked = mo.connection.all('whiteboard-sync').length;
    const message = asUpdate(Y.encodeStateAsUpdate(page, middle));
    expect(await live.handleModuleMessage(moderator.id, { type: 'whiteboard-sync', message })).toMatchObject({ ok: true });
    await exchange([guy]);
    expect(ids(guy)).toEqual([]);
    // The server's step 1 went back to the sender; their step 2 carries both strokes, checked whole.
    expect(mo.connection.all('whiteboard-sync').length).toBe(asked + 1);
    const step2 = asUpdate(Y.encodeStateAsUpdate(page, before));
    expect(await live.handleModuleMessage(moderator.id, { type: 'whiteboard-sync', message: step2 })).toMatchObject({ ok: true });
    await exchange([guy]);
    expect(ids(guy)).toEqual([first.id, second.id]);
  });

  it('shows and hides the blank board for everyone, tells it to joiners and to pages back from a dropped connection', async () => {
    const { mo, guy, join, live, guest } = await whiteboardMeeting();
    expect(guy.connection.all('whiteboard-state')).toEqual([]);
    expect(await guy.send({ type: 'whiteboard-blank', shown: true })).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(await mo.send({ type: 'whiteboard-blank', shown: true })).toMatchObject({ ok: true });
    const late = join('Lea', { clientId: 'lea-client-000000001' });
    expect(late.connection.last('whiteboard-state')?.state).toEqual({ everyoneMayDraw: false, blankShown: true });
    // Guy's connection drops and comes back: the server forgot that his whiteboard was open.
    live.connectionLost(guest.id, guest.connection);
    const back = new RecordingConnection();
    expect(live.join({ displayName: 'Guy', media: testMedia, resumeToken: guest.participant.resumeToken }, back).ok).toBe(true);
    expect(back.last('whiteboard-state')?.state.blankShown).toBe(true);
    // Until it opens the whiteboard again, its drawing is refused and nothing reaches it.
    await mo.send({ type: 'whiteboard-settings', everyoneMayDraw: true });
    const page = new Drawer(live, guest.id, back);
    page.draw(stroke());
    await exchange([page]);
    expect(page.outcomes.at(-1)).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(back.all('whiteboard-sync')).toEqual([]);
  });

  it('has no whiteboard in an end-to-end encrypted meeting: the server would see the drawings', async () => {
    const { live, join, room } = await emptyMeeting({ endToEndEncryption: true });
    const moderator = join('Mo', { accessCode: room.moderatorCode, canEncrypt: true });
    const page = new Drawer(live, moderator.id, moderator.connection);
    expect(await page.open()).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(await page.send({ type: 'whiteboard-blank', shown: true })).toMatchObject({ ok: false, code: 'not_allowed' });
  });
});
