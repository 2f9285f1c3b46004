/** The browser's end of the signalling WebSocket; every incoming message is parsed with the shared schema. */
import { type ClientMessage, type ServerMessage, ServerMessageSchema } from '../../../shared/protocol.js';

export interface SignalingHandlers {
  onOpen(): void;
  onMessage(message: ServerMessage): void;
  /** The socket closed; `expected` is true after `close()`. */
  onClose(expected: boolean): void;
}

export class SignalingClient {
  private readonly socket: WebSocket;
  private closedByUs = false;

  constructor(handlers: SignalingHandlers, url = defaultSignalingUrl()) {
    this.socket = new WebSocket(url);
    this.socket.addEventListener('open', () => handlers.onOpen());
    this.socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = ServerMessageSchema.safeParse(json);
      if (parsed.success) handlers.onMessage(parsed.data);
      else console.warn('ignored an unexpected message from the server', parsed.error.issues[0]);
    });
    this.socket.addEventListener('close', () => handlers.onClose(this.closedByUs));
  }

  /** Sends a message if the socket is open. */
  send(message: ClientMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Closes the socket. Idempotent. */
  close(): void {
    this.closedByUs = true;
    this.socket.close();
  }
}

/** `ws(s)://<this host>/ws`. */
export function defaultSignalingUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
