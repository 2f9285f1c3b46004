/**
 * The floor for `bench/join.ts`: a bare page that joins a videoroom of the same Janus Plenary
 * supervises, straight over Janus's WebSocket API with its own minimal signalling — no Plenary,
 * no janus.js — the way a naive client does it, one step after another: after the join click,
 * open the socket, create a session, attach a handle, join as publisher; then (as Janus's own
 * videoroom demo does) publish the fake camera and microphone and, at the same time, attach a
 * second handle, subscribe to everyone already publishing (one multistream subscription), answer
 * and start. Its camera and microphone are opened before the click, like Plenary's pre-join
 * preview; it publishes the same three simulcast layers and subscribes to the same layer.
 *
 * The page has the same name field and "Join meeting" button, and remote videos in
 * `.tile:not([data-local]) video`, so `joinMeasured` (`participants.ts`) drives it and its
 * instrument marks it exactly as it marks Plenary's page; the steps only the page knows
 * (`sent:publish`, `received:subscription-offer`…) it marks itself under the names of Plenary's
 * nearest messages. Its rooms are made by Plenary's own `JanusGateway` (`bareRooms`), with the
 * settings Plenary gives every room. Served by a tiny HTTP server of the bench's own on loopback, so
 * that it is a secure context (camera) and no Plenary route exists for it.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { JanusGateway, type JanusRoom } from '../src/server/media/index.js';
import { limits } from '../src/shared/limits.js';

/** Janus's WebSocket API as Plenary's supervised Janus was configured in `dataDirectory`. */
export function janusOf(dataDirectory: string): { url: string; apiSecret: string } {
  const folder = path.join(dataDirectory, 'janus');
  const port = /ws_port\s*=\s*(\d+)/.exec(readFileSync(path.join(folder, 'janus.transport.websockets.jcfg'), 'utf8'))?.[1];
  const apiSecret = /api_secret\s*=\s*"([^"]*)"/.exec(readFileSync(path.join(folder, 'janus.jcfg'), 'utf8'))?.[1];
  if (!port || !apiSecret) throw new Error(`no Janus WebSocket port or API secret in ${folder}`);
  return { url: `ws://127.0.0.1:${port}`, apiSecret };
}

/**
 * The page's script: plain JavaScript, so that no compiler helper leaks into it. Reads its
 * settings from the query string: `janus` (URL), `secret` (API secret), `room` (to join),
 * `layer` (the simulcast layer to subscribe to).
 */
const script = `
(() => {
  const params = new URLSearchParams(location.search);
  const apisecret = params.get('secret');
  const layer = Number(params.get('layer') ?? '2');
  const mark = (name) => { window.__marks[name] ??= performance.now(); };
  const encodings = [
    { rid: 'h', maxBitrate: 1000000 },
    { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 450000 },
    { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150000 },
  ];

  /** One WebSocket to Janus: requests by transaction (acks skipped), events by handle. */
  class JanusSocket {
    constructor(url) {
      this.socket = new WebSocket(url, 'janus-protocol');
      this.waiting = new Map();
      this.listeners = new Map();
      this.count = 0;
      this.opened = new Promise((resolve, reject) => {
        this.socket.addEventListener('open', resolve);
        this.socket.addEventListener('error', reject);
      });
      this.socket.addEventListener('message', (event) => this.receive(JSON.parse(event.data)));
    }
    send(message) {
      this.count += 1;
      const transaction = 't' + this.count;
      this.socket.send(JSON.stringify({ ...message, transaction, apisecret }));
      return transaction;
    }
    request(message) {
      return new Promise((resolve, reject) => this.waiting.set(this.send(message), { resolve, reject }));
    }
    receive(message) {
      const waiter = message.transaction === undefined ? undefined : this.waiting.get(message.transaction);
      if (waiter) {
        if (message.janus === 'ack') return;
        this.waiting.delete(message.transaction);
        const error = message.error ?? message.plugindata?.data?.error;
        if (error) waiter.reject(new Error(typeof error === 'string' ? error : JSON.stringify(error)));
        else waiter.resolve(message);
        return;
      }
      if (message.sender !== undefined) this.listeners.get(message.sender)?.(message);
    }
  }

  async function openSession() {
    const janus = new JanusSocket(params.get('janus'));
    await janus.opened;
    const session = (await janus.request({ janus: 'create' })).data.id;
    setInterval(() => janus.send({ janus: 'keepalive', session_id: session }), 20000);
    const attach = async () => {
      const id = (await janus.request({ janus: 'attach', plugin: 'janus.plugin.videoroom', session_id: session })).data.id;
      return {
        message: (body, jsep) => janus.request({ janus: 'message', session_id: session, handle_id: id, body, ...(jsep ? { jsep } : {}) }),
        trickle: (candidate) => janus.send({ janus: 'trickle', session_id: session, handle_id: id, candidate }),
        listen: (listener) => janus.listeners.set(id, listener),
      };
    };
    return attach;
  }

  /** Trickles both ways on \`handle\`; Janus's candidates wait until the connection exists and has its remote description. */
  function trickling(handle) {
    const early = [];
    let connection;
    const add = (candidate) => connection.addIceCandidate(candidate ?? undefined).catch(() => {});
    handle.listen((message) => {
      if (message.janus !== 'trickle') return;
      const candidate = message.candidate?.completed ? null : message.candidate;
      if (connection?.remoteDescription) add(candidate);
      else early.push(candidate);
    });
    return {
      connect(made) {
        connection = made;
        made.addEventListener('icecandidate', (event) => {
          const candidate = event.candidate;
          handle.trickle(candidate ? { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex } : { completed: true });
        });
      },
      async setRemote(description) {
        await connection.setRemoteDescription(description);
        for (const candidate of early.splice(0)) await add(candidate);
      },
    };
  }

  const newConnection = () => new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle' });

  async function publish(handle, stream) {
    const ice = trickling(handle);
    const connection = newConnection();
    ice.connect(connection);
    for (const track of stream.getTracks()) {
      connection.addTransceiver(track, { direction: 'sendonly', streams: [stream], ...(track.kind === 'video' ? { sendEncodings: encodings } : {}) });
    }
    const offer = await connection.createOffer();
    await connection.setLocalDescription(offer);
    mark('sent:publish');
    const reply = await handle.message({ request: 'configure', audio: true, video: true }, { type: 'offer', sdp: offer.sdp });
    mark('received:publish-answer');
    await ice.setRemote(reply.jsep);
  }

  function show(event) {
    if (event.track.kind !== 'video') return;
    const tile = document.createElement('li');
    tile.className = 'tile';
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    tile.append(video);
    document.getElementById('tiles').append(tile);
  }

  async function subscribe(attach, room, privateId, feeds) {
    mark('sent:subscribe');
    const handle = await attach();
    const ice = trickling(handle);
    const streams = feeds.map((feed) => ({ feed, substream: layer }));
    const reply = await handle.message({ request: 'join', ptype: 'subscriber', room, private_id: privateId, streams });
    mark('received:subscription-offer');
    const connection = newConnection();
    ice.connect(connection);
    connection.addEventListener('track', show);
    await ice.setRemote(reply.jsep);
    const answer = await connection.createAnswer();
    await connection.setLocalDescription(answer);
    mark('sent:subscription-answer');
    await handle.message({ request: 'start' }, { type: 'answer', sdp: answer.sdp });
  }

  async function join(stream) {
    const attach = await openSession();
    const room = Number(params.get('room'));
    const handle = await attach();
    const joined = await handle.message({ request: 'join', ptype: 'publisher', room, display: 'bare' });
    mark('joined');
    const { private_id: privateId, publishers } = joined.plugindata.data;
    const feeds = (publishers ?? []).map((publisher) => publisher.id);
    await Promise.all([publish(handle, stream), feeds.length > 0 ? subscribe(attach, room, privateId, feeds) : undefined]);
  }

  const video = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } };
  const opening = navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video });
  const form = document.getElementById('join');
  opening.then(() => (form.querySelector('button').disabled = false));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    opening.then(join).catch((error) => {
      window.__bareError = String(error?.message ?? error);
      console.error('bare join failed', error);
    });
  });
})();
`;

const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Bare Janus client</title></head>
<body>
<form id="join"><label for="name">Your name</label> <input id="name" type="text"> <button type="submit" disabled>Join meeting</button></form>
<ul id="tiles"></ul>
<script>${script}</script>
</body>
</html>
`;

/** Serves the bare page on loopback; `pageUrl` gives its address for one participant. */
export async function serveBareClient(janus: { url: string; apiSecret: string }): Promise<{
  /** The page that joins `room`, subscribing to simulcast `layer`. */
  pageUrl(options: { room: number; layer: number }): string;
  close(): Promise<void>;
}> {
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/bare')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl({ room, layer }) {
      const query = new URLSearchParams({ janus: janus.url, secret: janus.apiSecret, room: String(room), layer: String(layer) });
      return `http://127.0.0.1:${port}/bare?${query}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Makes and destroys the bare client's rooms through a `JanusGateway` of the bench's own: Janus's rooms exactly as Plenary makes them. */
export async function bareRooms(janus: { url: string; apiSecret: string }): Promise<{
  create(): Promise<JanusRoom>;
  destroy(room: JanusRoom): Promise<void>;
  close(): Promise<void>;
}> {
  const gateway = new JanusGateway({
    url: janus.url,
    apiSecret: janus.apiSecret,
    logger: pino({ level: 'warn' }),
    publisherBitrateBitsPerSecondMax: limits.publisherBitrateBitsPerSecondMax,
  });
  await gateway.start();
  await gateway.waitUntilUp(10_000);
  return {
    // Room for two publishers (camera and screen) per participant, as `RoomMedia` asks.
    create: () => gateway.createRoom(2 * limits.participantsPerRoomMax),
    destroy: (room) => gateway.destroyRoom(room),
    close: () => gateway.close(),
  };
}
