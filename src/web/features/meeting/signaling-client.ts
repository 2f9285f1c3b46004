/** The browser's end of the signalling WebSocket; every incoming message is parsed with the shared schema. */
import { limits } from '../../../shared/limits.js';
import { type ClientMessage, type ServerMessage, ServerMessageSchema } from '../../../shared/protocol.js';

export interface SignalingHandlers {
  onOpen(): void;
  onMessage(message: ServerMessage): void;
  /** The socket closed; `expected` is true after `close()`. */
  onClose(expected: boolean): void;
}

/**
 * A dead network does not close a WebSocket: the browser pings the server and, when nothing at
 * all has come back for `limits.clientSilenceMaxMs`, gives the socket up so that the meeting
 * reconnects (and resumes).
 */
export class SignalingClient {
  private readonly socket: WebSocket;
  private closedByUs = false;
  private lastHeardMs = performance.now();
  private closeReported = false;
  private readonly pinger: number;

  /**
   * Uses `warm` (`openSignalingSocket`, made ahead of time) while it is connecting or open, else
   * opens a socket of its own to `url`.
   */
  constructor(handlers: SignalingHandlers, url = defaultSignalingUrl(), warm?: WebSocket) {
    const usable = warm && (warm.readyState === WebSocket.CONNECTING || warm.readyState === WebSocket.OPEN);
    if (warm && !usable) warm.close();
    this.socket = usable ? warm : new WebSocket(url);
    if (this.socket.readyState === WebSocket.OPEN) queueMicrotask(() => handlers.onOpen());
    else this.socket.addEventListener('open', () => handlers.onOpen());
    this.pinger = window.setInterval(() => {
      if (this.socket.readyState !== WebSocket.OPEN) return;
      if (performance.now() - this.lastHeardMs > limits.clientSilenceMaxMs) {
        window.clearInterval(this.pinger);
        this.socket.close();
        this.reportClose(handlers, false);
        return;
      }
      this.send({ type: 'ping' });
    }, limits.clientPingIntervalMs);
    this.socket.addEventListener('message', (event) => {
      this.lastHeardMs = performance.now();
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
    this.socket.addEventListener('close', () => {
      window.clearInterval(this.pinger);
      this.reportClose(handlers, this.closedByUs);
    });
  }

  /** Reports the end of this socket once, whichever way it ended. */
  private reportClose(handlers: SignalingHandlers, expected: boolean): void {
    if (this.closeReported) return;
    this.closeReported = true;
    handlers.onClose(expected);
  }

  /** Sends a message if the socket is open. */
  send(message: ClientMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Closes the socket. Idempotent. */
  close(): void {
    this.closedByUs = true;
    window.clearInterval(this.pinger);
    this.socket.close();
  }
}

/**
 * A signalling socket opened ahead of the meeting (by the pre-join screen): when the person
 * clicks Join, the page sends `join` at once instead of first waiting for a handshake behind the
 * meeting's first render. Hand it to the `MeetingController` (`MeetingOptions.socket`), or close it.
 */
export function openSignalingSocket(url = defaultSignalingUrl()): WebSocket {
  return new WebSocket(url);
}

/** `ws(s)://<this host>/ws`. */
export function defaultSignalingUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
