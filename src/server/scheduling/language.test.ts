import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PeopleTestApp, signedUpPerson, startPeopleTestApp, type TestBrowser } from '../people/testing.js';
import { bothEngines } from '../storage/testing.js';

const french = { 'accept-language': 'fr-FR,fr;q=0.9' };
const schedule = {
  title: 'Board meeting',
  agenda: 'Budget',
  startsAtLocal: '2026-07-01T10:00',
  timeZone: 'Europe/London',
  durationMinutes: 60,
  invitees: ['guest@example.org', 'zoe@example.org', 'eve@example.org'],
};

describe.each(bothEngines)('the scheduling domain speaks each person’s language (%s)', (engine) => {
  let fixture: PeopleTestApp;
  let alice: TestBrowser;
  let roomId: string;

  beforeEach(async () => {
    fixture = await startPeopleTestApp(engine);
    alice = await signedUpPerson(fixture, 'alice@example.org', 'Alice');
    const zoe = await signedUpPerson(fixture, 'zoe@example.org', 'Zoé');
    expect((await zoe.request('PUT', '/api/account/language', { language: 'fr' })).statusCode).toBe(204);
    await signedUpPerson(fixture, 'eve@example.org', 'Eve');
    const room = await alice.request('POST', '/api/me/rooms', { name: 'Office', slug: 'office' });
    expect(room.statusCode).toBe(201);
    roomId = room.json().roomId;
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('answers a refusal in the request’s language, with the same code and status', async () => {
    const meeting = (await alice.request('POST', `/api/rooms/${roomId}/scheduled-meetings`, schedule)).json();
    expect((await alice.request('DELETE', `/api/scheduled-meetings/${meeting.id}`)).statusCode).toBe(200);
    const english = await alice.request('DELETE', `/api/scheduled-meetings/${meeting.id}`);
    const inFrench = await alice.request('DELETE', `/api/scheduled-meetings/${meeting.id}`, undefined, french);
    expect(english.json().error).toEqual({ code: 'meeting_cancelled', message: 'This meeting has already been cancelled.' });
    expect(inFrench.statusCode).toBe(english.statusCode);
    expect(inFrench.json().error).toEqual({ code: 'meeting_cancelled', message: 'Cette réunion a déjà été annulée.' });

    const noCalendar = await fixture.app.inject({ method: 'GET', url: '/api/calendar/aaaaaaaaaaaaaaaaaaaaaaaa.ics', headers: french });
    expect(noCalendar.statusCode).toBe(404);
    expect(noCalendar.json().error).toEqual({ code: 'calendar_not_found', message: 'Il n’y a pas de calendrier à cette adresse.' });
  });

  it('mails invitations, updates and cancellations in each invitee’s language, else the scheduler’s, dated in it', async () => {
    const meeting = (await alice.request('POST', `/api/rooms/${roomId}/scheduled-meetings`, schedule, french)).json();
    // Nobody's saved language for the guest: the scheduler's French. Zoé chose French; Eve has English.
    for (const to of ['guest@example.org', 'zoe@example.org']) {
      const invitation = await fixture.mail.waitFor(to, /^Invitation :/);
      expect(invitation.subject).toBe('Invitation : Board meeting — mercredi 1 juillet 2026 à 10:00 (Europe/London)');
      expect(invitation.text).toContain('Vous recevez une invitation à une réunion.');
      expect(invitation.text).toContain('mercredi 1 juillet 2026 à 10:00 (Europe/London), 60 minutes');
      expect(invitation.text).toMatch(/Rejoindre : \S+\/r\//);
      expect(invitation.calendarMethod).toBe('REQUEST');
    }
    const english = await fixture.mail.waitFor('eve@example.org', /^Invitation:/);
    expect(english.subject).toBe('Invitation: Board meeting — Wednesday, 1 July 2026 at 10:00 (Europe/London)');
    expect(english.text).toContain('You are invited to a meeting.');

    // Updated from an English page, with Eve removed: the guest now gets English, Zoé still French.
    const moved = { ...schedule, startsAtLocal: '2026-12-24T18:30', invitees: ['guest@example.org', 'zoe@example.org'] };
    expect((await alice.request('PUT', `/api/scheduled-meetings/${meeting.id}`, moved)).statusCode).toBe(200);
    const update = await fixture.mail.waitFor('zoe@example.org', /^Mise à jour :/);
    expect(update.subject).toBe('Mise à jour : Board meeting — jeudi 24 décembre 2026 à 18:30 (Europe/London)');
    expect((await fixture.mail.waitFor('guest@example.org', /^Updated:/)).subject).toContain('Thursday, 24 December 2026 at 18:30');
    const removed = await fixture.mail.waitFor('eve@example.org', /^Cancelled:/);
    expect(removed.text).toContain('This meeting has been cancelled.');
    expect(removed.calendarMethod).toBe('CANCEL');

    expect((await alice.request('DELETE', `/api/scheduled-meetings/${meeting.id}`, undefined, french)).statusCode).toBe(200);
    const cancellation = await fixture.mail.waitFor('zoe@example.org', /^Annulation :/);
    expect(cancellation.text).toContain('Cette réunion a été annulée.');
    expect(cancellation.text).toContain('jeudi 24 décembre 2026 à 18:30 (Europe/London), 60 minutes');
    expect(cancellation.calendarMethod).toBe('CANCEL');
    expect((await fixture.mail.waitFor('guest@example.org', /^Annulation :/)).calendarMethod).toBe('CANCEL');
  });
});
