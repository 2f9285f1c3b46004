/**
 * One browser's signalling WebSocket: parses every frame with the protocol schema, turns
 * messages into meeting actions, and hands the participant back to the room (which keeps their
 * place for a while) when the socket closes or stops answering pings.
 */
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { RoomId } from '../../shared/ids.js';
import type { Language } from '../../shared/languages.js';
import { limits } from '../../shared/limits.js';
import {
  type ClientMessage,
  type ErrorCode,
  type FrameProblem,
  frameBytesMaxOf,
  type IceServer,
  parseClientMessage,
  type ServerMessage,
  type VideoLayer,
} from '../../shared/protocol.js';
import type { ExternalIdentity, Failure, LiveRoom, ParticipantConnection, ParticipantView, RoomRegistry } from '../meetings/index.js';
import { meetingsWords } from '../meetings/words.js';
import type { ScheduledCall } from '../platform/clock.js';
import type { InstanceId } from '../platform/instance.js';
import { failureText } from '../platform/outcome.js';
import type { Phrase } from '../platform/words.js';
import { routeMeetingMessage } from './meeting-messages.js';
import { MessageRateGuard } from './message-rate.js';
import type { Forwarding, RelayedJoin, SignalingRelay } from './relay.js';

/**
 * What a connection needs of its socket: a browser's WebSocket (`ws`), or a browser's socket on
 * another instance, relayed (`RelayedSocket`).
 */
export interface SignalingSocket {
  readonly readyState: number;
  readonly OPEN: number;
  send(frame: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  ping(): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown;
  on(event: 'pong' | 'close' | 'error', listener: () => void): unknown;
}

/** Where a connection may send a browser whose room's meeting another instance holds. */
export interface SignalingCluster {
  relay: SignalingRelay;
  /** The address the browser used (`Host`), for the TURN credentials the holder makes. */
  host: string | undefined;
}

/** The words for a frame that is not a client message. */
function frameProblemWords(problem: FrameProblem): Phrase {
  if (problem.kind === 'too_large') return meetingsWords.phrase('message_too_large', { max: problem.bytesMax });
  if (problem.kind === 'not_json') return meetingsWords.phrase('message_not_json');
  return meetingsWords.phrase('message_invalid', { where: problem.where, problem: problem.detail });
}

/**
 * Who opened a signalling socket, read from the session cookie of the upgrade request (never
 * from a message): the signed-in person, if any, and whether they administer the room.
 */
export interface JoinIdentity {
  personId: string | undefined;
  administrator: boolean;
}

/** Where a connection's ICE servers come from: a fresh TURN credential per participant, renewed before it expires. */
export interface IceServersSource {
  forParticipant(participantId: string): IceServer[];
  /** Calls `renew` each time a joined browser should get fresh ones (`ice-servers`); `undefined` when they never expire. */
  renewals(renew: () => void): ScheduledCall | undefined;
}

/** No ICE servers at all (direct connections only). */
export const noIceServers: IceServersSource = { forParticipant: () => [], renewals: () => undefined };

/** What a valid grant changes in a join: the name the integration gave, and its role and admission. */
export interface GrantedJoinRequest {
  displayName: string;
  granted: { role: 'moderator' | 'viewer'; waits: boolean; external?: ExternalIdentity };
}

/** No `ping` frame is longer (`{"type":"ping"}` with room for spaces). */
const pingFrameBytesMax = 40;

function isPing(raw: string): boolean {
  const parsed = parseClientMessage(raw);
  return parsed.ok && parsed.message.type === 'ping';
}

/** Wrong access codes tolerated on one connection before it is closed. */
const wrongCodesMax = 5;

/**
 * The server's end of one browser's `/ws` socket, and that participant's connection as the room
 * sees it (`ParticipantConnection`). Made by the signalling plugin on each upgrade; it joins
 * through the registry, rate-limits the socket (`MessageRateGuard`, the `signaling*` limits),
 * pings every `limits.heartbeatIntervalMs` and gives up after `limits.heartbeatMissedMax` missed
 * pongs, closes after `wrongCodesMax` (5) wrong access codes, and routes every meeting message
 * with `routeMeetingMessage`. `identify` defaults to nobody signed in.
 */
/** Each message's JSON, kept while the message object lives: a broadcast hands every participant the same object. */
const encodedMessages = new WeakMap<ServerMessage, string>();

function encoded(message: ServerMessage): string {
  let text = encodedMessages.get(message);
  if (text === undefined) {
    text = JSON.stringify(message);
    encodedMessages.set(message, text);
  }
  return text;
}

export class SignalingConnection implements ParticipantConnection {
  private room: LiveRoom | undefined;
  private participant: ParticipantView | undefined;
  private joining = false;
  private wrongCodes = 0;
  private missedPongs = 0;
  /** The browser stopped answering (network trouble), as opposed to closing the socket. */
  private stoppedAnswering = false;
  private readonly heartbeat: NodeJS.Timeout;
  private iceServersRenewals: ScheduledCall | undefined;
  private readonly rate = new MessageRateGuard();
  private closed = false;
  /** The join asked to be subscribed to everyone being published once joined (also when admitted later). */
  private subscribeOnJoined: { layer: VideoLayer } | undefined;
  /** Set when another instance holds this browser's meeting: every frame goes there. */
  private forwarding: Forwarding | undefined;

  constructor(
    private readonly socket: SignalingSocket,
    private readonly registry: RoomRegistry,
    private readonly logger: Logger,
    private readonly iceServers: IceServersSource,
    /** Who opened this socket, as a room sees them (default: nobody signed in). */
    private readonly identify: (roomId: RoomId) => Promise<JoinIdentity> = async () => ({ personId: undefined, administrator: false }),
    /** The language of error sentences until the join names the page's (the upgrade request's `Accept-Language`). */
    private language: Language = 'en',
    /** The join an integration's grant gives in a room (a BigBlueButton join link's); default: none is valid. */
    private readonly admitGrant: (grant: string, roomId: RoomId) => Promise<GrantedJoinRequest | undefined> = async () => undefined,
    /** Other instances this one relays to (several instances share the meetings); none by default. */
    private readonly cluster?: SignalingCluster,
  ) {
    socket.on('message', (data, isBinary) => this.receive(isBinary ? null : data.toString('utf8')));
    socket.on('pong', () => {
      this.missedPongs = 0;
    });
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
    this.heartbeat = setInterval(() => this.checkHeartbeat(), limits.heartbeatIntervalMs);
  }

  private checkHeartbeat(): void {
    if (this.missedPongs >= limits.heartbeatMissedMax) {
      this.logger.info({ participantId: this.participant?.id }, 'participant stopped answering');
      this.stoppedAnswering = true;
      this.socket.terminate();
      this.close();
      return;
    }
    this.missedPongs += 1;
    this.socket.ping();
  }

  /** Sends a message to the browser (a message broadcast to a room is encoded once for all of them). */
  send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encoded(message));
  }

  /** Closes the socket after what was sent; the participant is not kept (removal, denial, end). */
  disconnect(): void {
    this.participant = undefined;
    this.room = undefined;
    this.socket.close(1000);
    this.close();
  }

  /** Sends an error with a sentence in this participant's language. */
  private sendError(code: ErrorCode, words: Phrase, inReplyTo?: string): void {
    this.send({ type: 'error', code, message: words.in(this.language), ...(inReplyTo ? { inReplyTo } : {}) });
  }

  private sendFailure(failure: Failure, inReplyTo: string): void {
    this.send({ type: 'error', code: failure.code, message: failureText(failure, this.language), inReplyTo });
  }

  private receive(raw: string | null): void {
    if (this.closed) return;
    const verdict = this.rate.next();
    if (verdict === 'drop-and-warn') this.sendError('rate_limited', meetingsWords.phrase('too_many_messages'));
    if (verdict === 'close') this.closeForFlooding();
    if (verdict !== 'accept') return;
    if (raw === null) {
      this.sendError('malformed_message', meetingsWords.phrase('binary_refused'));
      return;
    }
    if (this.forwarding) {
      // A ping asks whether this socket lives, which this instance knows best (and answers while the bus is away).
      if (raw.length <= pingFrameBytesMax && isPing(raw)) {
        this.send({ type: 'pong' });
        return;
      }
      // What is too large for any message goes no further; anything else the holding instance parses and answers, as it would for a browser of its own.
      if (raw.length > frameBytesMaxOf(raw)) {
        const problem = { kind: 'too_large', bytesMax: frameBytesMaxOf(raw) } as const;
        this.sendError('message_too_large', frameProblemWords(problem));
        return;
      }
      this.forwarding.frame(raw);
      return;
    }
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      this.sendError(parsed.code, frameProblemWords(parsed.problem), parsed.inReplyTo);
      return;
    }
    this.handle(parsed.message, raw).catch((error: unknown) => {
      this.logger.error({ err: error, messageType: parsed.message.type }, 'signalling message failed');
      this.sendError('internal_error', meetingsWords.phrase('internal_error'), parsed.message.type);
    });
  }

  private async handle(message: ClientMessage, raw: string): Promise<void> {
    if (message.type === 'ping') return this.send({ type: 'pong' });
    if (message.type === 'join') return this.join(message, raw);
    const room = this.room;
    const participant = this.participant;
    if (!room || !participant || participant.closed || room.lobby.has(participant.id)) {
      this.sendError('not_joined', meetingsWords.phrase('join_first'), message.type);
      return;
    }
    if (message.type === 'leave') {
      this.leave();
      return;
    }
    const failure = await routeMeetingMessage(room, participant.id, message, (reply) => this.send(reply));
    if (failure) this.sendFailure(failure, message.type);
  }

  private async join(message: Extract<ClientMessage, { type: 'join' }>, raw: string): Promise<void> {
    if (this.participant || this.joining || this.forwarding) {
      this.sendError('already_joined', meetingsWords.phrase('already_joined'), 'join');
      return;
    }
    this.joining = true;
    try {
      const { roomId, type: _type, language, grant, subscribe, ...request } = message;
      if (language) this.language = language;
      this.subscribeOnJoined = subscribe;
      const granted = grant === undefined ? undefined : await this.admitGrant(grant, roomId).catch(() => undefined);
      if (grant !== undefined && !granted) {
        this.sendError('join_link_expired', meetingsWords.phrase('join_link_expired'), 'join');
        return;
      }
      const identity = await this.identify(roomId).catch((): JoinIdentity => ({ personId: undefined, administrator: false }));
      const joined = await this.registry.join(roomId, { ...request, ...identity, ...(granted ?? {}) }, this);
      if (!joined.ok && 'heldBy' in joined && this.cluster && !this.closed) {
        const relayed = {
          roomId,
          identity,
          granted,
          language: this.language,
          host: this.cluster.host,
          resuming: request.resumeToken !== undefined,
        };
        if (await this.forward(joined.heldBy, raw, relayed)) return;
        // Another instance holds the meeting but cannot be reached now (Redis is away): the browser tries again.
        this.logger.warn({ roomId, holder: joined.heldBy }, 'could not relay a join to the instance holding the meeting');
        this.moveOn();
        return;
      }
      if (!joined.ok) {
        this.sendFailure(joined, 'join');
        if (joined.code === 'access_code_wrong' && ++this.wrongCodes >= wrongCodesMax) this.socket.close(1008, 'too many wrong codes');
        return;
      }
      const { room, result } = joined.value;
      if (this.closed) {
        room.leave(result.participant.id);
        return;
      }
      this.room = room;
      this.participant = result.participant;
      if (result.kind === 'waiting') {
        this.logger.info({ roomId: room.room.id, participantId: result.participant.id }, 'participant waiting');
        this.send({ type: 'waiting' });
        return;
      }
      this.sendJoined(room, result.participant, result.resumed);
    } finally {
      this.joining = false;
    }
  }

  /**
   * Relays this browser to the instance holding its room's meeting, from its `join` frame on;
   * false when the bus cannot carry it now (the join is refused as held elsewhere).
   */
  private async forward(holder: InstanceId, join: string, relayed: RelayedJoin): Promise<boolean> {
    const relay = this.cluster?.relay;
    if (!relay) return false;
    const forwarding = await relay.forward(holder, join, relayed, {
      send: (frame) => {
        if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame);
      },
      close: (code, reason, moved) => {
        this.forwarding = undefined;
        if (moved) this.moveOn();
        else {
          this.socket.close(code, reason);
          this.close();
        }
      },
    });
    if (!forwarding) return false;
    if (this.closed) forwarding.gone(false);
    else this.forwarding = forwarding;
    return true;
  }

  /** Closes the socket so that the browser reconnects (and rejoins) in a moment: the meeting is moving between instances. */
  private moveOn(): void {
    this.send({ type: 'closing', reason: 'server_shutdown' });
    this.socket.close(1012, 'meeting moved');
    this.close();
  }

  /** A moderator admitted this connection's participant from the waiting room. */
  admitted(): void {
    if (this.room && this.participant) this.sendJoined(this.room, this.participant, false);
  }

  /** Sends `joined` (also when a moderator admits someone from the waiting room). */
  private sendJoined(room: LiveRoom, participant: ParticipantView, resumed: boolean): void {
    const welcome = room.welcome(participant.id);
    if (!welcome.ok) return;
    this.logger.info(
      { roomId: room.room.id, participantId: participant.id, participants: room.participants.size, resumed },
      'participant joined',
    );
    this.send({ type: 'joined', ...welcome.value, resumed, iceServers: this.iceServers.forParticipant(participant.id) });
    if (this.subscribeOnJoined) room.subscribeToEveryone(participant.id, this.subscribeOnJoined.layer);
    this.renewIceServers();
    room.sendLobbyIfModerator(participant.id);
    if (!this.registry.mediaAvailable(room.room.id)) this.send({ type: 'media-interrupted' });
  }

  /** Sends fresh ICE servers (TURN credentials) whenever they are due, while a participant is joined. */
  private renewIceServers(): void {
    this.iceServersRenewals?.cancel();
    this.iceServersRenewals = this.iceServers.renewals(() => {
      const participant = this.participant;
      if (participant) this.send({ type: 'ice-servers', iceServers: this.iceServers.forParticipant(participant.id) });
    });
  }

  private leave(): void {
    this.iceServersRenewals?.cancel();
    const participant = this.participant;
    const room = this.room;
    if (!participant || !room) return;
    this.participant = undefined;
    this.room = undefined;
    this.logger.info({ participantId: participant.id }, 'participant left');
    room.leave(participant.id);
  }

  /** Closes a socket that kept sending far beyond its rate; its participant leaves at once. */
  private closeForFlooding(): void {
    this.logger.warn({ participantId: this.participant?.id }, 'signalling socket closed for flooding');
    this.send({ type: 'closing', reason: 'too_many_messages' });
    this.socket.close(1008, 'too_many_messages');
    this.close();
  }

  /**
   * The browser stopped answering where its socket is (another instance, which relays it here, or
   * that instance died): its place is kept for the reconnection grace, as for a browser of this one.
   */
  lost(): void {
    this.stoppedAnswering = true;
    this.close();
  }

  /** Tells the browser the server is going away and closes the socket. */
  shutdown(): void {
    // The participant is not leaving: a browser relayed to another instance keeps its place there,
    // and one of this instance's meetings moves with it (its people continue where it is held next).
    this.stoppedAnswering = true;
    this.send({ type: 'closing', reason: 'server_shutdown' });
    this.socket.close(1001, 'server shutdown');
    this.close();
  }

  /**
   * Stops the heartbeat. A browser that stopped answering (network trouble) keeps its place for
   * a grace period, shown to others as reconnecting; one that closed its socket (tab closed or
   * crashed) leaves at once. Idempotent.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.iceServersRenewals?.cancel();
    this.forwarding?.gone(this.stoppedAnswering);
    this.forwarding = undefined;
    const participant = this.participant;
    const room = this.room;
    this.participant = undefined;
    this.room = undefined;
    if (!participant || !room) return;
    if (this.stoppedAnswering) room.connectionLost(participant.id, this);
    else room.connectionClosed(participant.id, this);
  }
}
