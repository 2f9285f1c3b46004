/**
 * Uploading and fetching a meeting's presentation over HTTP, against the whole server (real
 * signalling, real pdf.js): the tickets, the headers, and each refusal leaving the meeting as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../shared/limits.js';
import { presentationTicketHeader } from '../../shared/presentation-protocol.js';
import { TestClient } from '../signaling/test-client.js';
import { startTestServer, type TestServer } from '../testing.js';
import { scriptedPdf, testPdf } from './presentation-testing.js';

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

async function joined(roomId: string, displayName: string, accessCode?: string) {
  const client = await TestClient.connect(server.baseUrl);
  clients.push(client);
  client.send({
    type: 'join',
    roomId,
    displayName,
    media,
    clientId: `${displayName.toLowerCase()}-client-000000001`,
    ...(accessCode ? { accessCode } : {}),
  });
  await client.next('joined');
  return client;
}

/** A meeting with a moderator and a guest, and a fresh upload ticket of the moderator's. */
async function meeting() {
  const room = await server.services.rooms.create({ name: 'Co-op', participantsMax: 20 });
  const moderator = await joined(room.id, 'Mo', room.moderatorCode);
  const guest = await joined(room.id, 'Guy');
  const ticket = async () => {
    moderator.send({ type: 'presentation-ticket' });
    return (await moderator.next('presentation-ticket')).ticket;
  };
  return { room, moderator, guest, ticket };
}

const upload = (roomId: string, ticket: string, body: Buffer | string, contentType = 'application/pdf') =>
  server.app.inject({
    method: 'POST',
    url: `/api/rooms/${roomId}/presentations?name=${encodeURIComponent('Budget 2027 – été.pdf')}`,
    headers: { 'content-type': contentType, [presentationTicketHeader]: ticket },
    body,
  });

describe('presentations over HTTP', () => {
  it('takes a moderator’s PDF, shows it to everyone, and serves it to each with their ticket', async () => {
    const { room, guest, ticket } = await meeting();
    const response = await upload(room.id, await ticket(), await testPdf(3));
    expect(response.statusCode).toBe(201);
    const { presentationId, pages } = response.json();
    expect(pages).toBe(3);
    const shown = (await guest.next('presentation')).presentation;
    expect(shown).toMatchObject({ id: presentationId, name: 'Budget 2027 – été.pdf', pages: 3, page: 1 });
    const fetched = await server.app.inject({
      method: 'GET',
      url: `/api/rooms/${room.id}/presentations/${presentationId}`,
      headers: { [presentationTicketHeader]: shown?.ticket ?? '' },
    });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.headers['content-type']).toBe('application/pdf');
    expect(fetched.headers['content-disposition']).toContain('inline; filename="Budget 2027 _ _t_.pdf"; filename*=UTF-8\'\'Budget%202027');
    expect(fetched.headers['x-content-type-options']).toBe('nosniff');
    expect(fetched.headers['cache-control']).toBe('no-store');
    expect(fetched.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses uploads without a valid ticket of this meeting, used once', async () => {
    const { room, ticket } = await meeting();
    const other = await meeting();
    const pdf = await testPdf(1);
    expect((await upload(room.id, 'made-up-ticket-0000000000', pdf)).json().error.code).toBe('presentation_ticket_invalid');
    expect((await upload(room.id, '', pdf)).statusCode).toBe(403);
    const otherTicket = await other.ticket();
    expect((await upload(room.id, otherTicket, pdf)).statusCode).toBe(403);
    const once = await ticket();
    expect((await upload(room.id, once, pdf)).statusCode).toBe(201);
    expect((await upload(room.id, once, pdf)).statusCode).toBe(403);
  });

  it('refuses fetches without the participant’s ticket, or of another meeting', async () => {
    const { room, guest, ticket } = await meeting();
    const other = await meeting();
    const { presentationId } = (await upload(room.id, await ticket(), await testPdf(1))).json();
    const guestTicket = (await guest.next('presentation')).presentation?.ticket ?? '';
    const fetch = (roomId: string, headers: Record<string, string>) =>
      server.app.inject({ method: 'GET', url: `/api/rooms/${roomId}/presentations/${presentationId}`, headers });
    expect((await fetch(room.id, {})).statusCode).toBe(403);
    expect((await fetch(room.id, { [presentationTicketHeader]: 'made-up-ticket-0000000000' })).statusCode).toBe(403);
    expect((await fetch(other.room.id, { [presentationTicketHeader]: guestTicket })).statusCode).toBe(403);
  });

  it('refuses what is not a readable PDF, too many pages, a huge page, a script, and too many bytes — the meeting carries on', async () => {
    const { room, guest, ticket } = await meeting();
    const cases: [Buffer | string, string, number][] = [
      [Buffer.from('not a pdf at all'), 'presentation_invalid', 422],
      [(await testPdf(2)).subarray(0, 200), 'presentation_invalid', 422],
      [await testPdf(limits.presentationPagesMax + 1, [40, 40]), 'presentation_too_many_pages', 422],
      [await testPdf(1, [100, limits.presentationPagePointsMax * 2]), 'presentation_page_too_large', 422],
      [scriptedPdf(), 'presentation_has_script', 422],
      [Buffer.alloc(limits.presentationBytesMax + 1, 32), 'request_too_large', 413],
    ];
    for (const [body, code, status] of cases) {
      const response = await upload(room.id, await ticket(), body);
      expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
    }
    const wrongType = await upload(room.id, await ticket(), await testPdf(1), 'text/html');
    expect(wrongType.statusCode).toBe(415);
    expect(guest.received.filter((message) => message.type === 'presentation')).toEqual([]);
    expect((await upload(room.id, await ticket(), await testPdf(2))).statusCode).toBe(201);
  });
});
