/** A WebSocket client for signalling tests: sends protocol messages and waits for replies. */
import WebSocket from 'ws';
import { type ServerMessage, ServerMessageSchema } from '../../shared/protocol.js';

export class TestClient {
  readonly socket: WebSocket;
  readonly received: ServerMessage[] = [];
  private waiters: { test: (message: ServerMessage) => boolean; resolve: (message: ServerMessage) => void }[] = [];
  /** The close code, once the socket has closed. */
  readonly closed: Promise<number>;
  /** The close code and reason, once the socket has closed. */
  readonly closedWith: Promise<{ code: number; reason: string }>;

  private constructor(url: string, options: WebSocket.ClientOptions) {
    this.socket = new WebSocket(url, options);
    this.socket.on('message', (data) => {
      const message = ServerMessageSchema.parse(JSON.parse(data.toString()));
      this.received.push(message);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(message)) {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          waiter.resolve(message);
        }
      }
    });
    this.closedWith = new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.closed = this.closedWith.then(({ code }) => code);
  }

  /** Opens a socket to `<baseUrl>/ws`. */
  static async connect(baseUrl: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    const client = new TestClient(`${baseUrl.replace(/^http/, 'ws')}/ws`, options);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('open', () => resolve());
      client.socket.once('error', reject);
    });
    return client;
  }

  /** Sends a value as JSON (anything: tests send bad messages on purpose). */
  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the next message of `type` (already received ones count if not yet taken). */
  next<Type extends ServerMessage['type']>(type: Type, timeoutMs = 5_000): Promise<Extract<ServerMessage, { type: Type }>> {
    const test = (message: ServerMessage) => message.type === type;
    const index = this.received.findIndex(test);
    if (index >= 0) {
      const [message] = this.received.splice(index, 1);
      return Promise.resolve(message as Extract<ServerMessage, { type: Type }>);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${type} within ${timeoutMs} ms; got ${JSON.stringify(this.received)}`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (message) => {
          clearTimeout(timer);
          this.received.splice(this.received.indexOf(message), 1);
          resolve(message as Extract<ServerMessage, { type: Type }>);
        },
      });
    });
  }

  /** Joins `roomId` as `displayName` and returns the `joined` message. */
  async join(roomId: string, displayName: string) {
    this.send({ type: 'join', roomId, displayName, media: { audioMuted: false, videoMuted: false } });
    return this.next('joined');
  }

  close(): void {
    this.socket.close();
  }
}
