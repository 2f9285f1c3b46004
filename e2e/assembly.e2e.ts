/**
 * A general assembly in a real meeting (real Plenary, Janus and Chromium): four member
 * organisations — Green Bakery (Alice), Canal Street Cycles (Bob), Corner Café (Cleo) and Dairy
 * Farm (Dan, absent, whose proxy Green holds) — the operator who chairs, and a guest. Attendance
 * comes from who is signed in, so the quorum shows as they arrive; the chair opens the assembly
 * and puts a motion from the meeting; members vote from their meeting screen (Alice twice: for
 * Green and by proxy for the Dairy); the guest has no ballot; a forged motion id over the socket
 * is refused; the chair closes the motion (everyone sees it passed) and the assembly, and the
 * minutes record the attendance, the proxy, the motion and its tally. Axe checks the panel.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../src/server/email/smtp-sink.js';
import {
  admittedOrganisation,
  launchChromium,
  newParticipantContext,
  apiOk as ok,
  type RunningPlenary,
  signedInPage,
  startPlenary,
} from './harness.js';

let plenary: RunningPlenary;
let chromium: { browser: Browser; close(): Promise<void> };
let mail: SmtpSink;
const password = 'a long and good passphrase';
const people = {
  olu: { name: 'Olu Operator', email: 'olu@coop.example' },
  alice: { name: 'Alice Baker', email: 'alice@green.example' },
  bob: { name: 'Bob Cyclist', email: 'bob@bikes.example' },
  cleo: { name: 'Cleo Barista', email: 'cleo@cafe.example' },
  dan: { name: 'Dan Farmer', email: 'dan@dairy.example' },
};
let pages: Record<keyof typeof people, Page>;
let members: Record<'green' | 'bikes' | 'cafe' | 'dairy', string>;
let roomUrl: string;
let assemblyId: string;

/** Joins the assembly's meeting with the camera and microphone off (the assembly is what is tested). */
async function joinMeeting(page: Page, name: string): Promise<void> {
  await page.goto(roomUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Join with camera off').check();
  await page.getByLabel('Join with microphone off').check();
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.getByRole('button', { name: 'Leave' }).waitFor();
}

/** Opens the assembly panel (its toolbar button), unless it is open already. */
async function assemblyPanel(page: Page) {
  const panel = page.getByRole('complementary', { name: 'Assembly' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Assembly/ }).click();
  await panel.waitFor();
  return panel;
}

beforeAll(async () => {
  mail = await startSmtpSink();
  plenary = await startPlenary({ SMTP_URL: mail.url, OPERATOR_EMAILS: people.olu.email });
  chromium = await launchChromium();
  const signIn = (person: { name: string; email: string }) => signedInPage(chromium.browser, plenary.url, mail, person, password);
  const [olu, alice, bob, cleo, dan] = await Promise.all([
    signIn(people.olu),
    signIn(people.alice),
    signIn(people.bob),
    signIn(people.cleo),
    signIn(people.dan),
  ]);
  pages = { olu, alice, bob, cleo, dan } as Record<keyof typeof people, Page>;
  members = {
    green: await admittedOrganisation(alice as Page, pages.olu as Page, 'Green Bakery', 'green'),
    bikes: await admittedOrganisation(bob as Page, pages.olu as Page, 'Canal Street Cycles', 'bikes'),
    cafe: await admittedOrganisation(cleo as Page, pages.olu as Page, 'Corner Café', 'cafe'),
    dairy: await admittedOrganisation(dan as Page, pages.olu as Page, 'Dairy Farm', 'dairy'),
  };
  // The operator starts a meeting room and convenes the assembly in it: 75 % quorum, two proxies each at most.
  await pages.olu.goto(plenary.url);
  await pages.olu.getByRole('button', { name: 'New meeting' }).click();
  await pages.olu.waitForURL(/\/r\/[a-z2-9-]{14}$/);
  roomUrl = pages.olu.url();
  // It convenes the assembly from /coop/assemblies: 75 % quorum, two proxies each at most.
  await pages.olu.goto(`${plenary.url}/coop/assemblies`);
  const convene = pages.olu.getByRole('form', { name: 'Convene a general assembly' });
  await convene.getByLabel('Title').fill('Annual general meeting 2026');
  await convene.getByLabel('Meeting room').fill(roomUrl);
  await convene.getByLabel('Quorum (%)').fill('75');
  await convene.getByLabel('Proxies per member').fill('2');
  await convene.getByRole('button', { name: 'Convene the assembly' }).click();
  await pages.olu.waitForURL(/\/coop\/assemblies\/assembly_/);
  assemblyId = decodeURIComponent(pages.olu.url().split('/coop/assemblies/')[1] ?? '');
  // Dan cannot come: from the assembly's page, the Dairy's proxy goes to Green Bakery.
  await pages.dan.goto(`${plenary.url}/coop/assemblies/${assemblyId}`);
  const proxy = pages.dan.getByRole('form', { name: 'Proxy of Dairy Farm' });
  await proxy.getByLabel('Give the proxy of Dairy Farm to').selectOption({ label: 'Green Bakery' });
  await proxy.getByRole('button', { name: 'Give the proxy' }).click();
  await pages.dan.getByText('Green Bakery holds the proxy of Dairy Farm.').waitFor();
}, 150_000);

afterAll(async () => {
  await chromium?.close();
  await plenary?.stop();
  await mail?.close();
});

describe('a general assembly in a live meeting', () => {
  it('counts the quorum from who is signed in, votes a motion in person and by proxy, and seals the minutes', async () => {
    const guest = await (await newParticipantContext(chromium.browser)).newPage();
    await joinMeeting(pages.olu, 'Olu (chair)');
    await joinMeeting(guest, 'Gus Guest');
    await joinMeeting(pages.alice, 'Alice');
    const chairPanel = await assemblyPanel(pages.olu);
    await chairPanel.getByRole('button', { name: 'Open the assembly' }).click();
    // Green in person and the Dairy by proxy: 2 of 4; 3 are needed.
    await chairPanel.getByText('Quorum not reached: 2 of 4 members represented, 3 needed.').waitFor();
    await joinMeeting(pages.bob, 'Bob');
    await joinMeeting(pages.cleo, 'Cleo');
    await chairPanel.getByText('Quorum reached: 4 of 4 members represented (3 needed).').waitFor();

    await chairPanel.getByLabel('Motion', { exact: true }).fill('Adopt the 2026 accounts');
    await chairPanel.getByLabel('Text (optional)').fill('As circulated to the members.');
    await chairPanel.getByRole('button', { name: 'Put the motion to the vote' }).click();
    await chairPanel.getByRole('heading', { name: 'Motion 1: Adopt the 2026 accounts' }).waitFor();

    // Members' panels open by themselves on a motion they vote on; Alice has two ballots.
    const alicePanel = pages.alice.getByRole('complementary', { name: 'Assembly' });
    await alicePanel.getByRole('group', { name: 'Vote for Dairy Farm (by proxy)' }).waitFor();
    const ballot = async (page: Page, group: string, member: string, answer: string) => {
      const panel = page.getByRole('complementary', { name: 'Assembly' });
      await panel.getByRole('group', { name: group }).getByLabel(answer, { exact: true }).check();
      await panel.getByRole('button', { name: `Cast the vote for ${member}` }).click();
      await panel.getByRole('button', { name: `Change the vote for ${member}` }).waitFor();
    };
    await ballot(pages.alice, 'Vote for Green Bakery', 'Green Bakery', 'Yes');
    await ballot(pages.alice, 'Vote for Dairy Farm (by proxy)', 'Dairy Farm', 'Yes');
    await ballot(pages.bob, 'Vote for Canal Street Cycles', 'Canal Street Cycles', 'Yes');
    await ballot(pages.cleo, 'Vote for Corner Café', 'Corner Café', 'No');
    await pages.alice.screenshot({ path: '.artifacts/e2e/assembly-member.png' });
    await chairPanel.getByText('4 members have voted.').waitFor();

    // The guest sees the motion but has no ballot.
    const guestPanel = await assemblyPanel(guest);
    await guestPanel.getByText('You attend without a vote.').waitFor();
    expect(await guestPanel.getByRole('group', { name: /^Vote for/ }).count()).toBe(0);
    expect(await guestPanel.getByRole('button', { name: /^Cast the vote/ }).count()).toBe(0);
    // Over a signalling socket of her own session, Alice tries a forged motion id and Bob's vote: both refused.
    const refusals = await pages.alice.evaluate(
      async ({ roomId, bikes }) => {
        const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
        const inbox: { type: string; code?: string; assembly?: { motions: { id: string }[] } }[] = [];
        const next = (test: (message: (typeof inbox)[number]) => boolean) =>
          new Promise<(typeof inbox)[number]>((resolve, reject) => {
            const giveUpAt = Date.now() + 10_000;
            const poll = () => {
              const message = inbox.find(test);
              if (message) resolve(message);
              else if (Date.now() > giveUpAt) reject(new Error(`not received; got ${JSON.stringify(inbox)}`));
              else setTimeout(poll, 50);
            };
            poll();
          });
        socket.onmessage = (event) => inbox.push(JSON.parse(String(event.data)));
        await new Promise((resolve) => socket.addEventListener('open', resolve));
        socket.send(JSON.stringify({ type: 'join', roomId, displayName: 'Alice again', media: { audioMuted: true, videoMuted: true } }));
        const state = await next((message) => message.type === 'assembly');
        const motionId = state.assembly?.motions[0]?.id ?? '';
        socket.send(JSON.stringify({ type: 'assembly-vote', motionId: 'motion_forged0000000000', memberId: bikes, answer: 'no' }));
        const forged = await next((message) => message.type === 'error');
        inbox.splice(inbox.indexOf(forged), 1);
        socket.send(JSON.stringify({ type: 'assembly-vote', motionId, memberId: bikes, answer: 'no' }));
        const notHers = await next((message) => message.type === 'error');
        socket.send(JSON.stringify({ type: 'leave' }));
        socket.close();
        return [forged.code, notHers.code];
      },
      { roomId: roomUrl.split('/r/')[1] ?? '', bikes: members.bikes },
    );
    expect(refusals).toEqual(['motion_not_found', 'vote_not_allowed']);
    await chairPanel.getByText('4 members have voted.').waitFor();
    await pages.olu.screenshot({ path: '.artifacts/e2e/assembly-chair.png' });

    await chairPanel.getByRole('button', { name: 'Close the vote' }).click();
    for (const page of [pages.olu, pages.bob, guest]) {
      await (await assemblyPanel(page)).getByText('Passed.').waitFor();
    }
    await guestPanel.getByText('Yes 3 · No 1 · Abstain 0').waitFor();
    const axe = await new AxeBuilder({ page: pages.alice })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .include('.side-panel')
      .analyze();
    expect(axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))).toEqual([]);

    await chairPanel.getByRole('button', { name: 'Close the assembly' }).click();
    await chairPanel.getByRole('button', { name: 'Close and seal the minutes' }).click();
    await guestPanel.getByText('Closed: its minutes are sealed.').waitFor();

    const minutes = await ok<{
      minutes: {
        attendance: { name: string; votedFor: string[]; guest: boolean }[];
        proxies: unknown[];
        motions: { title: string; outcome: string; tally: Record<string, number> }[];
      };
    }>(pages.bob, 'GET', `/api/governance/assemblies/${assemblyId}`);
    expect(minutes.minutes.proxies).toEqual([{ grantorName: 'Dairy Farm', holderName: 'Green Bakery' }]);
    expect(minutes.minutes.motions).toMatchObject([
      { title: 'Adopt the 2026 accounts', outcome: 'passed', tally: { yes: 3, no: 1, abstain: 0 } },
    ]);
    expect(minutes.minutes.attendance.map((person) => [person.name, person.votedFor, person.guest]).sort()).toEqual([
      ['Alice', ['Green Bakery'], false],
      ['Bob', ['Canal Street Cycles'], false],
      ['Cleo', ['Corner Café'], false],
      ['Gus Guest', [], true],
      ['Olu (chair)', [], false],
    ]);
    // The minutes, published to members: the assembly's page, and its HTML document.
    await pages.bob.goto(`${plenary.url}/coop/assemblies/${assemblyId}`);
    await pages.bob.getByRole('heading', { name: 'Minutes', exact: true }).waitFor();
    await pages.bob.getByRole('heading', { name: 'Motion 1: Adopt the 2026 accounts' }).waitFor();
    await pages.bob.getByRole('link', { name: 'Download the minutes (PDF)' }).waitFor();
    const pageAxe = await new AxeBuilder({ page: pages.bob }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    expect(pageAxe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))).toEqual([]);
    await pages.bob.screenshot({ path: '.artifacts/e2e/assembly-minutes.png', fullPage: true });
    await pages.bob.goto(`${plenary.url}/api/governance/assemblies/${assemblyId}/minutes.html`);
    await pages.bob.getByRole('heading', { name: 'Motion 1: Adopt the 2026 accounts' }).waitFor();
    await pages.bob.getByText('Dairy Farm: yes (by proxy, cast by Alice Baker)').waitFor();
  });
});
