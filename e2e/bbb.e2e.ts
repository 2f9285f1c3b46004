/**
 * The BigBlueButton API as an integration (Moodle, Nextcloud) uses it, with real browsers: the
 * integration creates a meeting (guests ask the moderator) and sends a teacher and a guest to
 * `join` links; each lands on the room's device check with the name the integration gave (no name
 * to type), the teacher as moderator and the guest in the waiting room until the teacher admits
 * them; `getMeetingInfo` lists both with their roles; a reload joins again with the grant the
 * browser kept while the spent link gives nothing; the integration ends the meeting and both go to
 * its `logoutURL`.
 */
import { createHash } from 'node:crypto';
import { api as bbbClient, http as bbbHttp } from 'bigbluebutton-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newParticipantContext, type RunningPlenary, startPlenary } from './harness.js';

const secret = 'e2e-bbb-secret-0123456789abcdefghijklmnop';
let plenary: RunningPlenary;
let chromium: { browser: Browser; close(): Promise<void> };

/** A signed call's address, as an integration makes it: SHA-256 over the call's name, its query and the secret. */
function callUrl(call: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  const checksum = createHash('sha256').update(`${call}${query}${secret}`).digest('hex');
  return `${plenary.url}/bigbluebutton/api/${call}?${query}&checksum=${checksum}`;
}

/** Calls the API from the integration's side and returns the XML. */
async function call(name: string, params: Record<string, string>): Promise<string> {
  return (await fetch(callUrl(name, params))).text();
}

/** Follows a join link to the device check, and joins with camera and microphone off. */
async function landAndJoin(page: Page, joinUrl: string, name: string): Promise<void> {
  await page.goto(joinUrl);
  await page.waitForURL(/\/r\/[a-z2-9-]{14}$/);
  const nameField = page.getByLabel('Your name');
  expect(await nameField.inputValue()).toBe(name);
  expect(await nameField.getAttribute('readonly')).not.toBeNull();
  // Once the camera and microphone are open (the button says so), the choices hold.
  const join = page.getByRole('button', { name: 'Join meeting' });
  await expect.poll(() => join.isEnabled()).toBe(true);
  await page.getByLabel('Join with camera off').check();
  await page.getByLabel('Join with microphone off').check();
  await join.click();
}

beforeAll(async () => {
  plenary = await startPlenary({ BBB_API_SECRET: secret, PLAN_LIMITS: 'off' });
  chromium = await launchChromium();
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await plenary?.stop();
});

describe('a BigBlueButton integration', () => {
  it('sends people straight into the meeting with their names and roles, and back to it when it ends', async () => {
    const logoutURL = `${plenary.url}/about`;
    const created = await call('create', {
      meetingID: 'maths-101',
      name: 'Maths 101',
      attendeePW: 'ap',
      moderatorPW: 'mp',
      guestPolicy: 'ASK_MODERATOR',
      logoutURL,
    });
    expect(created).toContain('<returncode>SUCCESS</returncode>');

    const teacher = await (await newParticipantContext(chromium.browser)).newPage();
    await landAndJoin(teacher, callUrl('join', { meetingID: 'maths-101', fullName: 'Ada Teacher', password: 'mp' }), 'Ada Teacher');
    await teacher.getByRole('button', { name: 'Leave' }).waitFor();
    // The link is gone from the address bar and spent: followed again, it opens nothing.
    const spentLink = callUrl('join', { meetingID: 'maths-101', fullName: 'Eve', password: 'ap' });
    const eve = await (await newParticipantContext(chromium.browser)).newPage();
    const redirect = await fetch(spentLink, { redirect: 'manual' });
    const landing = String(redirect.headers.get('location'));
    await eve.goto(landing);
    await eve.waitForURL(/\/r\//);
    const replay = await (await newParticipantContext(chromium.browser)).newPage();
    await replay.goto(landing);
    await replay
      .getByRole('alert')
      .getByText(/expired or was used already/)
      .waitFor();

    const guest = await (await newParticipantContext(chromium.browser)).newPage();
    await landAndJoin(
      guest,
      callUrl('join', { meetingID: 'maths-101', fullName: 'Gil Guest', role: 'VIEWER', guest: 'true' }),
      'Gil Guest',
    );
    await guest.getByRole('heading', { name: 'Waiting to be let in' }).waitFor();
    await teacher.getByRole('button', { name: /^Moderation/ }).click();
    await teacher.getByRole('button', { name: 'Admit' }).click();
    await guest.getByRole('button', { name: 'Leave' }).waitFor();

    const info = await call('getMeetingInfo', { meetingID: 'maths-101' });
    expect(info).toContain('<fullName>Ada Teacher</fullName>');
    expect(info).toMatch(/<fullName>Ada Teacher<\/fullName>\s*<role>MODERATOR<\/role>/);
    expect(info).toMatch(/<fullName>Gil Guest<\/fullName>\s*<role>VIEWER<\/role>/);

    // A reload joins again with the grant this tab keeps (the link itself was spent).
    await guest.reload();
    expect(await guest.getByLabel('Your name').inputValue()).toBe('Gil Guest');

    // The integration ends the meeting: the teacher is sent to its logoutURL.
    expect(await call('end', { meetingID: 'maths-101', password: 'mp' })).toContain('<returncode>SUCCESS</returncode>');
    await teacher.waitForURL(logoutURL);
    expect(await call('isMeetingRunning', { meetingID: 'maths-101' })).toContain('<running>false</running>');
  });

  it('is driven by a community client, bigbluebutton-js: create, join in Chromium, getMeetingInfo with the role, end', async () => {
    // The client signs with SHA-1 and builds its own query strings, as many integrations do.
    const client = bbbClient(`${plenary.url}/bigbluebutton/`, secret);
    const created = await bbbHttp(client.administration.create('Physics 7', 'physics-7', { attendeePW: 'ap', moderatorPW: 'mp' }));
    expect(created).toMatchObject({ returncode: 'SUCCESS', meetingID: 'physics-7' });
    const page = await (await newParticipantContext(chromium.browser)).newPage();
    await landAndJoin(page, client.administration.join('Marie Curie', 'physics-7', 'mp'), 'Marie Curie');
    await page.getByRole('button', { name: 'Leave' }).waitFor();
    // In: the own tile carries the participant id the server gave (it is `self` while connecting).
    await page.locator('.tiles [data-local="true"]:not([data-tile-id="self"])').waitFor();
    const info = await bbbHttp(client.monitoring.getMeetingInfo('physics-7'));
    expect(info).toMatchObject({ returncode: 'SUCCESS', meetingName: 'Physics 7', participantCount: 1, moderatorCount: 1 });
    expect(info.attendees).toMatchObject({ attendee: { fullName: 'Marie Curie', role: 'MODERATOR' } });
    expect(await bbbHttp(client.administration.end('physics-7', 'mp'))).toMatchObject({ returncode: 'SUCCESS' });
    await page.getByRole('heading', { name: 'The meeting has ended' }).waitFor();
    expect(await bbbHttp(client.monitoring.isMeetingRunning('physics-7'))).toMatchObject({ running: false });
  });
});
