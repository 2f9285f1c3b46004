/**
 * Connection quality in real browsers: each tile shows how its participant's connection fares;
 * when a fifth of the namespace's UDP packets are dropped (iptables, at random), the page says
 * the connection is poor and offers audio only, which turns the camera off; the others' cameras
 * arriving poorly too, it asks for less video and says so.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { artifactsFolder, joinAs, newRoomUrl, useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();
const lossRule = ['INPUT', '-p', 'udp', '-m', 'statistic', '--mode', 'random', '--probability', '0.2', '-j', 'DROP'];

function iptables(action: '-A' | '-D', rule: string[]): void {
  const result = spawnSync('iptables', [action, ...rule], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`iptables ${action} ${rule.join(' ')}: ${result.stderr}`);
}

let lossy = false;
afterEach(() => {
  if (lossy) iptables('-D', lossRule);
  lossy = false;
});

describe('connection quality', () => {
  it('is shown on each tile, and a poor connection is told with audio only offered', async () => {
    const roomUrl = await newRoomUrl(fixture.plenary);
    const [ada, bo] = [await fixture.newPage(), await fixture.newPage()];
    await joinAs(ada, roomUrl, 'Ada');
    await joinAs(bo, roomUrl, 'Bo');
    // Ada's own tile and Bo's on her page, each with its figures in the indicator's name.
    const good = /^Connection good: .* of packets lost, round trip .*, \d+ kbit\/s$/;
    await expect.poll(() => ada.locator('.tile[data-local="true"] .quality').getAttribute('aria-label'), { timeout: 20_000 }).toMatch(good);
    await expect.poll(() => ada.locator('.tile[aria-label="Bo"] .quality').getAttribute('aria-label'), { timeout: 20_000 }).toMatch(good);
    await expect(ada.getByText('Your connection is poor', { exact: false }).count()).resolves.toBe(0);

    iptables('-A', lossRule);
    lossy = true;
    const hint = ada.getByText('Your connection is poor', { exact: false });
    await hint.waitFor({ timeout: 30_000 });
    await ada.screenshot({ path: path.join(artifactsFolder, 'connection-poor.png') });
    expect(await ada.locator('.tile[data-local="true"] .quality').getAttribute('aria-label')).toMatch(/^Connection poor/);
    // Bo's camera arrives poorly too: the page asks for less video, and says so.
    await expect.poll(() => ada.locator('.stage-note').textContent(), { timeout: 20_000 }).toMatch(/^Video arrives (poorly|slowly) here/);
    await ada.getByRole('button', { name: 'Switch to audio only' }).click();
    await expect.poll(() => hint.count()).toBe(0);
    // Bo sees Ada's camera go off.
    await bo.locator('.tile[aria-label="Ada"] .avatar').waitFor({ timeout: 10_000 });
  });
});
