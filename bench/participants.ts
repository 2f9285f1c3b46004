/** Benchmark participants: real Chromium pages that time their own join. */
import type { Browser, Page } from 'playwright-core';
import { newParticipantContext } from '../e2e/harness.js';

/**
 * Timestamps the page records for itself: socket open, `joined`, join click, first remote
 * frame; and each step between (the first time each happens): the socket made (`socketCreated`),
 * every signalling message type sent
 * (`sent:publish`, `sent:subscribe`, `sent:subscription-answer`…) and received
 * (`received:publish-answer`, `received:subscription-offer`…), each peer connection made
 * (`publisherCreated` once it makes an offer, `subscriberCreated` once it takes one), its first
 * local ICE candidate and its ICE connected. Plain JavaScript, so that no compiler helper leaks
 * into the page.
 */
const instrument = `
  (() => {
    const marks = {};
    window.__marks = marks;
    // The main thread's tasks over 50 ms: [start, duration] on the page's clock.
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    const mark = (name) => { marks[name] ??= performance.now(); };
    const typeOf = (data) => (typeof data === 'string' ? /^{"type":"([a-z-]+)"/.exec(data)?.[1] : undefined);
    const OriginalWebSocket = window.WebSocket;
    window.WebSocket = class extends OriginalWebSocket {
      constructor(url, protocols) {
        super(url, protocols);
        mark('socketCreated');
        this.addEventListener('open', () => mark('socketOpen'));
        this.addEventListener('message', (event) => {
          const type = typeOf(event.data);
          if (type === 'joined') mark('joined');
          if (type) mark('received:' + type);
        });
      }
      send(data) {
        const type = typeOf(data);
        if (type) mark('sent:' + type);
        if (type === 'subscribe' && window.__subscribeLayer === undefined) window.__subscribeLayer = JSON.parse(data).layer;
        return super.send(data);
      }
    };
    const OriginalPeerConnection = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends OriginalPeerConnection {
      constructor(configuration) {
        super(configuration);
        const createdAt = performance.now();
        let role;
        const tag = (name) => {
          if (role || marks[name + 'Created'] !== undefined) return;
          role = name;
          marks[name + 'Created'] = createdAt;
        };
        const originalCreateOffer = this.createOffer.bind(this);
        this.createOffer = (...args) => { tag('publisher'); return originalCreateOffer(...args); };
        const originalSetRemote = this.setRemoteDescription.bind(this);
        this.setRemoteDescription = (description, ...rest) => {
          if (description?.type === 'offer') tag('subscriber');
          return originalSetRemote(description, ...rest);
        };
        this.addEventListener('icecandidate', (event) => { if (role && event.candidate) mark(role + 'FirstCandidate'); });
        this.addEventListener('iceconnectionstatechange', () => {
          if (role && (this.iceConnectionState === 'connected' || this.iceConnectionState === 'completed')) mark(role + 'IceConnected');
        });
      }
    };
    document.addEventListener('click', (event) => {
      if (event.target?.closest?.('button[type="submit"]') && marks.joinClick === undefined) marks.joinClick = performance.now();
    }, true);
    const poll = () => {
      for (const video of document.querySelectorAll('.tile:not([data-local]) video')) {
        // When the first remote <video> had a stream, and what the browser says of its first frame:
        // when its last packet arrived (receiveTime) and when it went to the screen (presentationTime).
        if (video.srcObject && !video.__watched) {
          video.__watched = true;
          mark('remoteVideoAttached');
          video.requestVideoFrameCallback?.((now, frame) => {
            if (frame.receiveTime !== undefined) marks['firstFrame:received'] ??= frame.receiveTime;
            marks['firstFrame:presented'] ??= frame.presentationTime;
            mark('firstFrame:callback');
          });
        }
        if (video.videoWidth > 0 && marks.firstRemoteFrame === undefined) marks.firstRemoteFrame = performance.now();
      }
      if (marks.firstRemoteFrame === undefined) requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  })();
`;

/**
 * Opens the room in a fresh context, joins as `name`, and returns the page with its timings:
 * once the first remote frame is decoded (`expectRemote`), else once its own camera is being
 * published (publisher ICE connected), so that the next joiner finds it publishing. Plenary's
 * page and the bare client's (`bare-client.ts`) alike.
 */
export async function joinMeasured(
  browser: Browser,
  roomUrl: string,
  name: string,
  expectRemote: boolean,
  beforeClick?: (page: Page) => Promise<void>,
) {
  const context = await newParticipantContext(browser);
  await context.addInitScript({ content: instrument });
  const page = await context.newPage();
  await page.goto(roomUrl);
  await page.getByLabel('Your name').fill(name);
  await beforeClick?.(page);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  // The bare client reports a failed join in `__bareError`.
  const reached = (step: string) => {
    const page = window as unknown as { __marks: Record<string, number>; __bareError?: string };
    return page.__marks[step] !== undefined || page.__bareError !== undefined;
  };
  const step = expectRemote ? 'firstRemoteFrame' : 'publisherIceConnected';
  await page.waitForFunction(reached, step, { timeout: 30_000 }).catch(async (error: unknown) => {
    const marks = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks).catch(() => ({}));
    throw new Error(`${name} (${roomUrl}) did not reach ${step} in 30 s; its marks: ${JSON.stringify(marks)}`, { cause: error });
  });
  const failed = await page.evaluate(() => (window as unknown as { __bareError?: string }).__bareError);
  if (failed) throw new Error(`${name} could not join: ${failed}`);
  const marks = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks);
  return { page, marks };
}
