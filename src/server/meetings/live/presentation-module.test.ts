/**
 * The presentation in a live room (on the in-memory media server): upload tickets, who may page,
 * zoom, hand over, allow downloads and close, what everyone is told and when, and the refusals —
 * each message parsed from JSON as the signalling parses it.
 */
import { describe, expect, it } from 'vitest';
import type { ParticipantId } from '../../../shared/ids.js';
import { limits } from '../../../shared/limits.js';
import type { LiveRoom } from './live-room.js';
import { RecordingConnection, sendParsed, testMedia, useLiveRooms } from './live-room-testing.js';
import type { ModuleOutcome } from './room-module.js';

const { clock, emptyMeeting, meeting } = useLiveRooms();
const pdf = new Uint8Array([37, 80, 68, 70, 45]);

/** Sends a message from `participantId` through the schema and the room (the presentation answers at once). */
function send(live: LiveRoom, participantId: ParticipantId, message: Record<string, unknown>): ModuleOutcome | { ok: false; code: string } {
  const outcome = sendParsed(live, participantId, message);
  if (outcome instanceof Promise) throw new Error('the presentation module answered later');
  return outcome;
}

/** Mo (moderator) and Guy (guest), with a 12-page presentation Mo uploaded. */
async function presenting() {
  const room = await meeting();
  const ticketReply = send(room.live, room.moderator.id, { type: 'presentation-ticket' });
  const ticket = 'value' in ticketReply && ticketReply.value?.type === 'presentation-ticket' ? ticketReply.value.ticket : '';
  const uploader = room.live.presentation.claimUpload(ticket);
  if (!uploader.ok) throw new Error(uploader.code);
  const presented = room.live.presentation.present(uploader.value.id, 'Budget.pdf', pdf, 12);
  if (!presented.ok) throw new Error(presented.code);
  return { ...room, ticket, presentationId: presented.value };
}

describe('the presentation', () => {
  it('gives upload tickets to moderators only, each used once', async () => {
    const { live, moderator, guest } = await meeting();
    expect(send(live, guest.id, { type: 'presentation-ticket' })).toMatchObject({ ok: false, code: 'not_allowed' });
    const reply = send(live, moderator.id, { type: 'presentation-ticket' });
    expect(reply).toMatchObject({ ok: true, value: { type: 'presentation-ticket' } });
    const ticket = 'value' in reply && reply.value?.type === 'presentation-ticket' ? reply.value.ticket : '';
    expect(live.presentation.claimUpload(ticket)).toMatchObject({ ok: true, value: { id: moderator.id } });
    expect(live.presentation.claimUpload(ticket)).toMatchObject({ ok: false, code: 'presentation_ticket_invalid' });
    expect(live.presentation.claimUpload('made-up-ticket-0000000000')).toMatchObject({ ok: false, code: 'presentation_ticket_invalid' });
  });

  it('refuses a ticket once it expired, or once its moderator is no longer one', async () => {
    const { live, moderator, guest } = await meeting();
    const ticketOf = () => {
      const reply = send(live, moderator.id, { type: 'presentation-ticket' });
      return 'value' in reply && reply.value?.type === 'presentation-ticket' ? reply.value.ticket : '';
    };
    const expiring = ticketOf();
    clock.advance(limits.presentationUploadTicketMs);
    expect(live.presentation.claimUpload(expiring)).toMatchObject({ code: 'presentation_ticket_invalid' });
    const demoted = ticketOf();
    expect(live.moderate(moderator.id, { action: 'set-role', participantId: guest.id, role: 'moderator' }).ok).toBe(true);
    expect(live.moderate(guest.id, { action: 'set-role', participantId: moderator.id, role: 'viewer' }).ok).toBe(true);
    expect(live.presentation.claimUpload(demoted)).toMatchObject({ code: 'presentation_ticket_invalid' });
  });

  it('shows an upload to everyone at page 1, each with a download ticket of their own', async () => {
    const { live, moderator, guest, presentationId } = await presenting();
    const seen = guest.connection.last('presentation')?.presentation;
    expect(seen).toMatchObject({
      id: presentationId,
      name: 'Budget.pdf',
      pages: 12,
      page: 1,
      zoom: 1,
      presenterId: moderator.id,
      downloadable: false,
    });
    const moderatorTicket = moderator.connection.last('presentation')?.presentation?.ticket ?? '';
    expect(moderatorTicket).not.toBe(seen?.ticket);
    expect(live.presentation.document(presentationId, seen?.ticket ?? '')).toMatchObject({
      ok: true,
      value: { name: 'Budget.pdf', bytes: pdf },
    });
    expect(live.presentation.document(presentationId, 'made-up-ticket-0000000000')).toMatchObject({ code: 'presentation_ticket_invalid' });
    expect(live.presentation.document('pres_otherone1', seen?.ticket ?? '')).toMatchObject({ code: 'presentation_not_found' });
  });

  it('lets the presenter alone page and zoom, within the pages and the rate', async () => {
    const { live, moderator, guest } = await presenting();
    expect(send(live, moderator.id, { type: 'presentation-page', page: 3 })).toEqual({ ok: true, value: undefined });
    expect(guest.connection.last('presentation')?.presentation).toMatchObject({ page: 3 });
    expect(send(live, guest.id, { type: 'presentation-page', page: 4 })).toMatchObject({ code: 'not_allowed' });
    expect(send(live, moderator.id, { type: 'presentation-page', page: 13 })).toMatchObject({ code: 'malformed_message' });
    expect(send(live, moderator.id, { type: 'presentation-page', page: 0 })).toMatchObject({ code: 'malformed_message' });
    expect(send(live, moderator.id, { type: 'presentation-zoom', zoom: 2 }).ok).toBe(true);
    expect(guest.connection.last('presentation')?.presentation).toMatchObject({ page: 3, zoom: 2 });
    expect(send(live, moderator.id, { type: 'presentation-zoom', zoom: limits.presentationZoomMax + 1 })).toMatchObject({
      code: 'malformed_message',
    });
    const results = Array.from({ length: limits.presentationMovesBurst }, (_, index) =>
      send(live, moderator.id, { type: 'presentation-page', page: (index % 12) + 1 }),
    );
    expect(results.some((result) => !result.ok && result.code === 'rate_limited')).toBe(true);
  });

  it('hands the presenter’s role over, by a moderator or the presenter, to someone in the meeting', async () => {
    const { live, moderator, guest, join } = await presenting();
    const ann = join('Ann', { clientId: 'ann-client-000000001' });
    expect(send(live, ann.id, { type: 'presentation-presenter', participantId: ann.id })).toMatchObject({ code: 'not_allowed' });
    expect(send(live, moderator.id, { type: 'presentation-presenter', participantId: 'p_nobody00000000' })).toMatchObject({ ok: false });
    expect(send(live, moderator.id, { type: 'presentation-presenter', participantId: guest.id }).ok).toBe(true);
    expect(ann.connection.last('presentation')?.presentation?.presenterId).toBe(guest.id);
    expect(send(live, moderator.id, { type: 'presentation-page', page: 2 })).toMatchObject({ code: 'not_allowed' });
    expect(send(live, guest.id, { type: 'presentation-page', page: 2 }).ok).toBe(true);
    expect(send(live, guest.id, { type: 'presentation-presenter', participantId: ann.id }).ok).toBe(true);
    expect(moderator.connection.last('presentation')?.presentation).toMatchObject({ presenterId: ann.id, page: 2 });
  });

  it('lets the presenter allow downloads and close it; nobody else who is not a moderator', async () => {
    const { live, moderator, guest, presentationId } = await presenting();
    expect(send(live, guest.id, { type: 'presentation-downloadable', allowed: true })).toMatchObject({ code: 'not_allowed' });
    expect(send(live, moderator.id, { type: 'presentation-downloadable', allowed: true }).ok).toBe(true);
    expect(guest.connection.last('presentation')?.presentation?.downloadable).toBe(true);
    expect(send(live, guest.id, { type: 'presentation-close' })).toMatchObject({ code: 'not_allowed' });
    const ticket = guest.connection.last('presentation')?.presentation?.ticket ?? '';
    expect(send(live, moderator.id, { type: 'presentation-close' }).ok).toBe(true);
    expect(guest.connection.last('presentation')).toEqual({ type: 'presentation', presentation: null });
    expect(live.presentation.document(presentationId, ticket)).toMatchObject({ code: 'presentation_not_found' });
    expect(send(live, moderator.id, { type: 'presentation-page', page: 1 })).toMatchObject({ code: 'presentation_not_found' });
  });

  it('tells newcomers and those back from a dropped connection; a download ticket ends with its holder', async () => {
    const { live, moderator, guest, join, presentationId } = await presenting();
    const late = join('Lou', { clientId: 'lou-client-000000001' });
    expect(late.connection.last('presentation')?.presentation).toMatchObject({ id: presentationId, page: 1 });
    live.connectionLost(guest.id, guest.connection);
    send(live, moderator.id, { type: 'presentation-page', page: 5 });
    const back = new RecordingConnection();
    expect(live.join({ displayName: 'Guy', media: testMedia, resumeToken: guest.participant.resumeToken }, back).ok).toBe(true);
    expect(back.last('presentation')?.presentation).toMatchObject({ page: 5 });
    const lateTicket = late.connection.last('presentation')?.presentation?.ticket ?? '';
    live.leave(late.id);
    expect(live.presentation.document(presentationId, lateTicket)).toMatchObject({ code: 'presentation_ticket_invalid' });
  });

  it('gives the role to a moderator when the presenter leaves', async () => {
    const { live, moderator, guest, join } = await presenting();
    send(live, moderator.id, { type: 'presentation-presenter', participantId: guest.id });
    const ann = join('Ann', { clientId: 'ann-client-000000001' });
    live.leave(guest.id);
    expect(ann.connection.last('presentation')?.presentation?.presenterId).toBe(moderator.id);
  });

  it('has no presentation in an end-to-end encrypted meeting: the server would see the document', async () => {
    const { live, join, room } = await emptyMeeting({ endToEndEncryption: true });
    const moderator = join('Mo', { accessCode: room.moderatorCode, canEncrypt: true });
    expect(send(live, moderator.id, { type: 'presentation-ticket' })).toMatchObject({ ok: false, code: 'not_allowed' });
    expect(live.presentation.present(moderator.id, 'x.pdf', pdf, 1)).toMatchObject({ ok: false, code: 'not_allowed' });
  });
});
