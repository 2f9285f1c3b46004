/**
 * Signalling relayed between instances. Each room's meeting is held by one instance (its
 * placement); a browser whose socket reached another one joins it all the same: the instance it
 * reached (the *edge*) keeps the socket — heartbeat, rate limits, session cookie — and passes its
 * frames over the bus, untouched, to the instance holding the meeting (the *holder*), which runs
 * the participant's `SignalingConnection` on a `RelayedSocket` exactly as for a browser of its own.
 *
 * Either side watches the other's presence: when the holder dies, the edge closes the browser's
 * socket so that it reconnects (and the meeting starts again where it lands); when the edge dies,
 * the holder treats its browsers as having stopped answering, so they keep their places for the
 * reconnection grace and resume through whichever instance they reach next.
 */
import { EventEmitter } from 'node:events';
import { nanoid } from 'nanoid';
import type { Logger } from 'pino';
import type { RoomId } from '../../shared/ids.js';
import type { Language } from '../../shared/languages.js';
import type { ClusterBus } from '../cluster/bus.js';
import type { InstanceMessage } from '../cluster/instance-protocol.js';
import type { InstanceId } from '../platform/instance.js';
import type { GrantedJoinRequest, JoinIdentity, SignalingConnection, SignalingSocket } from './connection.js';

type RelayOpen = Extract<InstanceMessage, { type: 'relay-open' }>;

/** What a holder needs to run a relayed browser's connection. */
export interface RelayedJoin {
  roomId: RoomId;
  identity: JoinIdentity;
  granted: GrantedJoinRequest | undefined;
  language: Language;
  host: string | undefined;
  /** The join resumes an earlier participant (it carries a resume token). Not sent: the join frame says so itself. */
  resuming?: boolean;
}

/** The socket of a browser connected to another instance, as the holder's `SignalingConnection` uses it. */
export class RelayedSocket extends EventEmitter implements SignalingSocket {
  readonly OPEN = 1;
  readyState = 1;

  constructor(
    private readonly bus: ClusterBus,
    /** The edge: the instance the browser is connected to. */
    readonly edge: InstanceId,
    readonly session: string,
  ) {
    super();
  }

  /** A frame for the browser was lost (Redis away): its page is out of step until it joins again. */
  outOfStep = false;

  send(frame: string): void {
    if (this.readyState !== this.OPEN) return;
    void this.bus.send(this.edge, { type: 'relay-send', session: this.session, frame }).then((sent) => {
      if (!sent) this.outOfStep = true;
    });
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState !== this.OPEN) return;
    this.readyState = 3;
    void this.bus.send(this.edge, { type: 'relay-close', session: this.session, code, reason: reason.slice(0, 120) });
    this.emit('close');
  }

  terminate(): void {
    this.close(1001, 'gone');
  }

  /** The browser's liveness is watched by the edge, which holds its socket: a relayed socket always answers. */
  ping(): void {
    queueMicrotask(() => this.emit('pong'));
  }

  /** A frame the browser sent. */
  deliver(frame: string): void {
    if (this.readyState === this.OPEN) this.emit('message', Buffer.from(frame, 'utf8'), false);
  }

  /** The edge says the browser's socket is gone; the connection is told as if its own socket had gone. */
  gone(): void {
    if (this.readyState !== this.OPEN) return;
    this.readyState = 3;
    this.emit('close');
  }
}

/** The edge's side of one relayed browser: what the browser sends goes to the holder. */
export interface Forwarding {
  frame(frame: string): void;
  /** The browser's socket closed (`lost`: it stopped answering). */
  gone(lost: boolean): void;
}

/** The browser's socket, as the edge's relay reaches it. */
export interface ForwardedBrowser {
  send(frame: string): void;
  /** Closes the socket; `moved` when the holder died and the browser should reconnect at once. */
  close(code: number, reason: string, moved: boolean): void;
}

interface Hosted {
  edge: InstanceId;
  socket: RelayedSocket;
}

interface Forwarded {
  holder: InstanceId;
  browser: ForwardedBrowser;
  /** When `relay-open` went out, until the holder's first answer (then `undefined`). */
  openedAtMs: number | undefined;
  /** A frame from the browser was lost (Redis away): the meeting's view of it is out of step until it joins again. */
  outOfStep: boolean;
}

/** How often a holder asks each edge which of the sessions it serves are still there. */
const auditIntervalMs = 5_000;
/** Why a relayed browser is asked to join again after Redis came back. */
const outOfStepReason = 'messages were lost; join again';

/**
 * One instance's relay, both sides: it forwards its browsers' frames to holders (`forward`) and
 * serves other instances' browsers in the meetings it holds (`serve` makes their connections).
 */
export class SignalingRelay {
  private readonly hosted = new Map<string, Hosted>();
  /** The connections this instance runs for the sessions it serves. */
  private readonly connections = new Map<string, SignalingConnection>();
  private readonly forwarded = new Map<string, Forwarded>();
  private serveConnection: ((socket: RelayedSocket, join: RelayedJoin) => SignalingConnection | undefined) | undefined;
  private readonly unsubscribe: () => void;
  private readonly presenceTimer: NodeJS.Timeout;
  private checking = false;
  private auditedAtMs = 0;

  constructor(
    private readonly bus: ClusterBus,
    private readonly logger: Logger,
    /** How often the other ends' presence is checked. */
    presenceCheckMs = 1_000,
    /** A holder that has not answered a relayed join in this long did not get it (or died): the browser tries again. */
    private readonly openAnswerWaitMs = 10_000,
  ) {
    this.unsubscribe = bus.on('message', (message) => this.receive(message));
    this.presenceTimer = setInterval(() => void this.watch(), presenceCheckMs);
    this.presenceTimer.unref();
  }

  /**
   * How this instance makes the connection of a browser relayed to it (the signalling plugin's);
   * `undefined` when it takes none now (it is shutting down): the browser is told to reconnect.
   */
  serve(makeConnection: (socket: RelayedSocket, join: RelayedJoin) => SignalingConnection | undefined): void {
    this.serveConnection = makeConnection;
  }

  /** Relayed browsers: those this instance forwards elsewhere, and those it serves for others. */
  get counts(): { forwarded: number; hosted: number } {
    return { forwarded: this.forwarded.size, hosted: this.hosted.size };
  }

  /**
   * Starts relaying a browser's signalling to `holder`, beginning with its `join` frame;
   * `undefined` when the bus cannot carry it now (Redis is away).
   */
  async forward(holder: InstanceId, join: string, relayed: RelayedJoin, browser: ForwardedBrowser): Promise<Forwarding | undefined> {
    const session = nanoid(21);
    const from = this.bus.instanceId;
    const forwarded: Forwarded = { holder, browser, openedAtMs: Date.now(), outOfStep: false };
    this.forwarded.set(session, forwarded);
    const opened = await this.bus.send(holder, {
      type: 'relay-open',
      session,
      from,
      roomId: relayed.roomId,
      join,
      identity: relayed.identity.personId === undefined ? { administrator: relayed.identity.administrator } : relayed.identity,
      ...(relayed.granted ? { granted: relayed.granted } : {}),
      language: relayed.language,
      ...(relayed.host ? { host: relayed.host } : {}),
    });
    if (!opened) {
      this.forwarded.delete(session);
      // A send that failed may still be carried out once Redis answers again (it was written before
      // the bus stopped waiting): this one, sent after it on the same connection, then follows it.
      // A new participant is let go at once, not kept with nobody behind it through the
      // reconnection grace; a resumed one keeps its place, for the browser's next try to resume.
      void this.bus.send(holder, { type: 'relay-gone', session, from, lost: relayed.resuming === true });
      return undefined;
    }
    return {
      frame: (frame) => {
        if (!this.forwarded.has(session)) return;
        void this.bus.send(holder, { type: 'relay-frame', session, from, frame }).then((sent) => {
          if (!sent) forwarded.outOfStep = true;
        });
      },
      gone: (lost) => {
        if (this.forwarded.delete(session)) void this.bus.send(holder, { type: 'relay-gone', session, from, lost });
      },
    };
  }

  private receive(message: InstanceMessage): void {
    switch (message.type) {
      case 'relay-open':
        return this.open(message);
      case 'relay-frame': {
        const hosted = this.hosted.get(message.session);
        if (hosted?.edge === message.from) return hosted.socket.deliver(message.frame);
        // A session this instance does not know (it restarted since): the browser should join afresh.
        void this.bus.send(message.from, { type: 'relay-close', session: message.session, code: 1012, reason: 'meeting moved' });
        return;
      }
      case 'relay-gone':
        if (this.hosted.get(message.session)?.edge === message.from) this.dropHosted(message.session, message.lost);
        return;
      case 'relay-send': {
        const forwarded = this.forwarded.get(message.session);
        if (!forwarded) return;
        forwarded.openedAtMs = undefined;
        return forwarded.browser.send(message.frame);
      }
      case 'relay-check': {
        const unknown = message.sessions.filter((session) => this.forwarded.get(session)?.holder !== message.from);
        if (unknown.length > 0) void this.bus.send(message.from, { type: 'relay-unknown', from: this.bus.instanceId, sessions: unknown });
        return;
      }
      case 'relay-unknown':
        // Their `relay-gone` was lost: the browsers are no longer there, as far as anyone can tell.
        for (const session of message.sessions) if (this.hosted.get(session)?.edge === message.from) this.dropHosted(session, true);
        return;
      case 'relay-close': {
        const forwarded = this.forwarded.get(message.session);
        if (!forwarded) return;
        this.forwarded.delete(message.session);
        forwarded.browser.close(message.code, message.reason, message.code === 1012);
        return;
      }
    }
  }

  /**
   * A served browser's socket is gone at its edge: `lost` (it stopped answering, its edge died or
   * cannot tell) keeps its place for the reconnection grace; otherwise the participant leaves.
   */
  private dropHosted(session: string, lost: boolean): void {
    const hosted = this.hosted.get(session);
    if (!hosted) return;
    this.hosted.delete(session);
    const connection = this.connections.get(session);
    this.connections.delete(session);
    if (lost) connection?.lost();
    hosted.socket.gone();
  }

  private open(message: RelayOpen): void {
    if (this.hosted.has(message.session)) return;
    const socket = new RelayedSocket(this.bus, message.from, message.session);
    const connection = this.serveConnection?.(socket, {
      roomId: message.roomId,
      identity: { personId: message.identity.personId, administrator: message.identity.administrator },
      granted: message.granted,
      language: message.language,
      host: message.host,
    });
    if (!connection) {
      socket.close(1012, 'meeting moved');
      return;
    }
    this.hosted.set(message.session, { edge: message.from, socket });
    this.connections.set(message.session, connection);
    socket.on('close', () => {
      this.hosted.delete(message.session);
      this.connections.delete(message.session);
    });
    socket.deliver(message.join);
  }

  /**
   * Once Redis carries messages again, the browsers whose frames were lost either way while it
   * did not — a chat line, a mute, an answer, whatever it was — join again, resuming their places
   * (kept as for a dropped connection): the page then gets the meeting's whole state afresh
   * instead of staying out of step with it. Each end does it for what it lost, once its word to
   * the other end goes through (that is how it knows Redis is back); the other end's word
   * arriving after is for a session already gone, and ignored.
   */
  private async resynchronise(): Promise<void> {
    const from = this.bus.instanceId;
    await Promise.all([
      ...[...this.forwarded].map(async ([session, forwarded]) => {
        if (!forwarded.outOfStep) return;
        if (!(await this.bus.send(forwarded.holder, { type: 'relay-gone', session, from, lost: true }))) return;
        if (this.forwarded.get(session) !== forwarded) return;
        this.forwarded.delete(session);
        this.logger.info({ holder: forwarded.holder }, 'a relayed browser joins again: its frames were lost while Redis did not answer');
        forwarded.browser.close(1012, outOfStepReason, true);
      }),
      ...[...this.hosted].map(async ([session, hosted]) => {
        if (!hosted.socket.outOfStep) return;
        if (!(await this.bus.send(hosted.edge, { type: 'relay-close', session, code: 1012, reason: outOfStepReason }))) return;
        if (this.hosted.get(session) !== hosted) return;
        this.logger.info({ edge: hosted.edge }, 'a relayed browser joins again: frames for it were lost while Redis did not answer');
        this.dropHosted(session, true);
      }),
    ]);
  }

  /**
   * Every second: relayed joins unanswered too long are sent to try again; every few seconds each
   * edge is asked which of the sessions served for it are still there; and it acts on the other
   * ends that died: browsers served for a dead edge stopped answering (they keep
   * their places for the grace); browsers forwarded to a dead holder are told to reconnect. An
   * instance whose presence Redis cannot tell now (`unknown`) is left alone.
   */
  private async watch(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await this.resynchronise();
      const nowMs = Date.now();
      for (const [session, forwarded] of [...this.forwarded]) {
        if (forwarded.openedAtMs === undefined || nowMs - forwarded.openedAtMs < this.openAnswerWaitMs) continue;
        this.forwarded.delete(session);
        forwarded.browser.close(1012, 'meeting moved', true);
      }
      if (nowMs - this.auditedAtMs >= auditIntervalMs) {
        this.auditedAtMs = nowMs;
        const byEdge = new Map<InstanceId, string[]>();
        for (const [session, hosted] of this.hosted) {
          const sessions = byEdge.get(hosted.edge) ?? [];
          sessions.push(session);
          byEdge.set(hosted.edge, sessions);
        }
        for (const [edge, sessions] of byEdge) void this.bus.send(edge, { type: 'relay-check', from: this.bus.instanceId, sessions });
      }
      const others = new Set<InstanceId>();
      for (const hosted of this.hosted.values()) others.add(hosted.edge);
      for (const forwarded of this.forwarded.values()) others.add(forwarded.holder);
      for (const other of others) {
        if ((await this.bus.presence(other)) !== 'gone') continue;
        this.logger.warn({ instanceId: other }, 'an instance relaying signalling is gone');
        for (const [session, hosted] of [...this.hosted]) if (hosted.edge === other) this.dropHosted(session, true);
        for (const [session, forwarded] of [...this.forwarded]) {
          if (forwarded.holder !== other) continue;
          this.forwarded.delete(session);
          forwarded.browser.close(1012, 'meeting moved', true);
        }
      }
    } finally {
      this.checking = false;
    }
  }

  /** Stops relaying: the browsers forwarded elsewhere are told this server is going away (their sockets close with the server). */
  close(): void {
    clearInterval(this.presenceTimer);
    this.unsubscribe();
    for (const [session, forwarded] of [...this.forwarded]) {
      this.forwarded.delete(session);
      void this.bus.send(forwarded.holder, { type: 'relay-gone', session, from: this.bus.instanceId, lost: true });
    }
  }
}
