/**
 * Eight participants benchmark: eight real Chromium participants (fake media, simulcast on) in
 * one room for 60 s. Prints join p50/p95 (WebSocket open → joined; join click → first remote
 * frame), Janus's and the server's CPU and memory over the 60 s, and the video and audio bitrate
 * each subscriber receives. Run inside the namespace: `npm run bench:meeting`.
 */
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { launchChromium, startPlenary } from '../e2e/harness.js';
import { janusProcesses } from '../src/server/testing-process.js';
import { joinMeasured } from './participants.js';
import { measureUsage, quantile } from './process-usage.js';

const participants = 8;
const durationMs = 60_000;

/** Total bytes received so far by the page, video and audio separately. */
function bytesReceived(page: Page): Promise<{ video: number; audio: number }> {
  return page.evaluate(async () => {
    let video = 0;
    let audio = 0;
    for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (connection.connectionState === 'closed') continue;
      (await connection.getStats()).forEach((entry: { type: string; kind?: string; bytesReceived?: number }) => {
        if (entry.type !== 'inbound-rtp') return;
        if (entry.kind === 'video') video += entry.bytesReceived ?? 0;
        if (entry.kind === 'audio') audio += entry.bytesReceived ?? 0;
      });
    }
    return { video, audio };
  });
}

async function main(): Promise<void> {
  const plenary = await startPlenary({ LOG_LEVEL: 'warn', PLAN_LIMITS: 'off' });
  const chromium = await launchChromium();
  try {
    const { roomId } = (await (await fetch(`${plenary.url}/api/rooms`, { method: 'POST' })).json()) as { roomId: string };
    const pages: Page[] = [];
    const socketToJoined: number[] = [];
    const clickToFrame: number[] = [];
    for (let index = 0; index < participants; index += 1) {
      const { page, marks } = await joinMeasured(chromium.browser, `${plenary.url}/r/${roomId}`, `P${index + 1}`, index > 0);
      pages.push(page);
      if (marks.socketOpen !== undefined && marks.joined !== undefined) socketToJoined.push(marks.joined - marks.socketOpen);
      if (index > 0 && marks.joinClick !== undefined && marks.firstRemoteFrame !== undefined)
        clickToFrame.push(marks.firstRemoteFrame - marks.joinClick);
    }
    const before = await Promise.all(pages.map(bytesReceived));
    const [janus] = janusProcesses(plenary.dataDirectory);
    const usage = await measureUsage({ server: plenary.process.pid ?? 0, janus: janus ?? 0 }, durationMs);
    const after = await Promise.all(pages.map(bytesReceived));
    const kbps = (bytes: number) => (bytes * 8) / (durationMs / 1000) / 1000;
    const videoKbps = after.map((sample, index) => kbps(sample.video - (before[index]?.video ?? 0)));
    const audioKbps = after.map((sample, index) => kbps(sample.audio - (before[index]?.audio ?? 0)));
    const format = (values: number[], unit: string) =>
      `p50 ${quantile(values, 0.5).toFixed(0)} ${unit}, p95 ${quantile(values, 0.95).toFixed(0)} ${unit} (n=${values.length})`;
    console.log(`${participants} participants, simulcast on, ${durationMs / 1000} s:`);
    console.log(`  WebSocket open → joined:          ${format(socketToJoined, 'ms')}`);
    console.log(`  join click → first remote frame:  ${format(clickToFrame, 'ms')}`);
    console.log(`  server: ${usage.server?.cpuPercent.toFixed(1)} % CPU, ${usage.server?.residentMegabytes.toFixed(0)} MB RSS`);
    console.log(`  janus:  ${usage.janus?.cpuPercent.toFixed(1)} % CPU, ${usage.janus?.residentMegabytes.toFixed(0)} MB RSS`);
    console.log(
      `  received video per subscriber: ${videoKbps.map((value) => value.toFixed(0)).join(', ')} kbit/s (${format(videoKbps, 'kbit/s')})`,
    );
    console.log(`  received audio per subscriber: ${audioKbps.map((value) => value.toFixed(0)).join(', ')} kbit/s`);
  } finally {
    await chromium.close();
    await plenary.stop();
  }
  console.log(`\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`);
}

await main();
