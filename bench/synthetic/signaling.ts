/**
 * A synthetic participant's signalling socket: Plenary's real `/ws` protocol over the `ws`
 * package, every incoming frame parsed with the shared `ServerMessageSchema`, every outgoing one
 * typed as a `ClientMessage`.
 */
import WebSocket from 'ws';
import { type RoomId, RoomIdSchema } from '../../src/shared/ids.js';
import { type ClientMessage, type ServerMessage, ServerMessageSchema } from '../../src/shared/protocol.js';

/** How to reach a room: the server's base URL (`http://host:port`) and the room's id. */
export interface RoomAddress {
  baseUrl: string;
  roomId: RoomId;
}

/**
 * Reads a room link (`http://host:port/r/<room id>`, as the page shows it) or a base URL and a
 * bare room id into a `RoomAddress`. Throws on anything else, or on an id that is not a room id (a bug in the caller).
 */
export function roomAddressOf(room: string, baseUrl?: string): RoomAddress {
  const link = /^(https?:\/\/[^/]+)\/r\/([^/?#]+)$/.exec(room);
  if (link?.[1] && link[2]) return { baseUrl: link[1], roomId: RoomIdSchema.parse(link[2]) };
  if (baseUrl === undefined) throw new Error(`${room} is not a room link, and no base URL was given`);
  return { baseUrl: baseUrl.replace(/\/$/, ''), roomId: RoomIdSchema.parse(room) };
}

/** What a listener receives: one parsed server message. */
export type ServerMessageListener = (message: ServerMessage) => void;

/**
 * One open `/ws` socket. Sends `Origin: <base URL's origin>` — what a browser on Plenary's own
 * page sends — since the server refuses upgrades from other sites (`http/origin.ts`). The `ws`
 * package answers the server's heartbeat pings by itself.
 */
export class SyntheticSignaling {
  private readonly listeners = new Set<ServerMessageListener>();
  /** Frames that did not parse as server messages (a protocol drift worth seeing in a benchmark). */
  unparsedMessages = 0;
  /** Resolves once the socket has closed, with its close code. */
  readonly closed: Promise<number>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => this.receive(data.toString()));
    // A failing socket closes next, which `closed` reports; without a listener an error would end the process.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', (code: number) => resolve(code)));
  }

  /**
   * Opens `<baseUrl>/ws`. `localAddress` picks the source address (e.g. one of 127.0.0.0/8),
   * so that many participants on one machine look like many machines to per-address limits.
   */
  static async open(baseUrl: string, options: { localAddress?: string | undefined } = {}): Promise<SyntheticSignaling> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/ws`;
    const socket = new WebSocket(url, {
      origin: new URL(baseUrl).origin,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => reject(new Error(`/ws refused the upgrade: ${response.statusCode}`)));
    });
    return new SyntheticSignaling(socket);
  }

  private receive(raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      this.unparsedMessages += 1;
      return;
    }
    const parsed = ServerMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.unparsedMessages += 1;
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(parsed.data);
      } catch (error: unknown) {
        // A listener that throws must not stop the others from hearing the message.
        console.error('synthetic participant: a message listener threw', error);
      }
    }
  }

  /** Calls `listener` with every message from now on; returns a function that stops it. */
  listen(listener: ServerMessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the first message from now on that `test` accepts; rejects after `timeoutMs`
   * or when the socket closes first.
   */
  waitFor<Message extends ServerMessage>(
    test: (message: ServerMessage) => message is Message,
    what: string,
    timeoutMs: number,
  ): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} within ${timeoutMs} ms`))), timeoutMs);
      const stop = this.listen((message) => {
        if (test(message)) finish(() => resolve(message));
      });
      void this.closed.then((code) => finish(() => reject(new Error(`the socket closed (${code}) before ${what}`))));
      let finished = false;
      function finish(settle: () => void): void {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        stop();
        settle();
      }
    });
  }

  /** Sends a message if the socket is open (a closing participant's last words may be lost). */
  send(message: ClientMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Closes the socket (code 1000). Idempotent. */
  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(1000);
  }
}
