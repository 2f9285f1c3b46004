/**
 * One browser's signalling WebSocket: parses every frame with the protocol schema, turns
 * messages into meeting actions, and leaves the meeting when the socket closes or stops
 * answering pings.
 */
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { WebSocket } from 'ws';
import { limits } from '../../shared/limits.js';
import { type ClientMessage, parseClientMessage, type ServerMessage } from '../../shared/protocol.js';
import type { LiveParticipant, LiveRoom, Outcome, RoomRegistry } from '../meetings/index.js';
import { TokenBucket } from './token-bucket.js';

export class SignalingConnection {
  private room: LiveRoom | undefined;
  private participant: LiveParticipant | undefined;
  private joining = false;
  private missedPongs = 0;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly bucket = new TokenBucket(limits.signalingMessagesPerSecondMax, limits.signalingBurstMessages);
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly registry: RoomRegistry,
    private readonly logger: Logger,
    private readonly iceServers: () => { urls: string[]; username?: string; credential?: string }[],
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
      this.logger.info({ participantId: this.participant?.id }, 'participant stopped answering; dropping');
      this.socket.terminate();
      this.close();
      return;
    }
    this.missedPongs += 1;
    this.socket.ping();
  }

  /** Sends a message to the browser. */
  send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private sendFailure(failure: Extract<Outcome, { ok: false }>, inReplyTo: string): void {
    this.send({ type: 'error', code: failure.code, message: failure.message, inReplyTo });
  }

  private receive(raw: string | null): void {
    if (this.closed) return;
    if (!this.bucket.take()) {
      this.send({ type: 'error', code: 'rate_limited', message: 'Too many messages; slow down.' });
      return;
    }
    if (raw === null) {
      this.send({ type: 'error', code: 'malformed_message', message: 'Binary messages are not accepted.' });
      return;
    }
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      this.send({
        type: 'error',
        code: parsed.code,
        message: parsed.message,
        ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
      });
      return;
    }
    this.handle(parsed.message).catch((error: unknown) => {
      this.logger.error({ err: error, messageType: parsed.message.type }, 'signalling message failed');
      this.send({ type: 'error', code: 'internal_error', message: 'Something went wrong on our side.', inReplyTo: parsed.message.type });
    });
  }

  private async handle(message: ClientMessage): Promise<void> {
    if (message.type === 'join') return this.join(message);
    const room = this.room;
    const participant = this.participant;
    if (!room || !participant || participant.closed) {
      this.send({ type: 'error', code: 'not_joined', message: 'Join a meeting first.', inReplyTo: message.type });
      return;
    }
    switch (message.type) {
      case 'publish': {
        const result = await room.publish(participant, message.offer);
        if (result.ok) this.send({ type: 'publish-answer', answer: result.value });
        else this.sendFailure(result, message.type);
        return;
      }
      case 'subscribe': {
        const result = await room.subscribe(participant, message.participantId);
        if (result.ok) this.send({ type: 'subscription-offer', participantId: message.participantId, offer: result.value });
        else this.sendFailure(result, message.type);
        return;
      }
      case 'subscription-answer': {
        const result = await room.answerSubscription(participant, message.participantId, message.answer);
        if (!result.ok) this.sendFailure(result, message.type);
        return;
      }
      case 'unsubscribe':
        participant.closeSubscription(message.participantId);
        return;
      case 'trickle':
        await room.trickle(
          participant,
          message.target.kind === 'publisher' ? 'publisher' : message.target.participantId,
          message.candidate,
        );
        return;
      case 'media-state':
        room.updateMedia(participant, message.media);
        return;
      case 'leave':
        this.leave();
        return;
    }
  }

  private async join(message: Extract<ClientMessage, { type: 'join' }>): Promise<void> {
    if (this.participant || this.joining) {
      this.send({ type: 'error', code: 'already_joined', message: 'This connection has already joined a meeting.', inReplyTo: 'join' });
      return;
    }
    this.joining = true;
    try {
      const result = await this.registry.join(message.roomId, message.displayName, message.media, this);
      if (!result.ok) return this.sendFailure(result, 'join');
      const { room, participant } = result.value;
      if (this.closed) {
        participant.close();
        return;
      }
      this.room = room;
      this.participant = participant;
      this.logger.info({ roomId: room.room.id, participantId: participant.id, participants: room.participants.size }, 'participant joined');
      const others = [...room.participants.values()].filter((other) => other !== participant).map((other) => other.summary());
      this.send({ type: 'joined', self: participant.summary(), participants: others, iceServers: this.iceServers() });
      if (!this.registry.mediaAvailable) this.send({ type: 'media-interrupted' });
    } finally {
      this.joining = false;
    }
  }

  private leave(): void {
    const participant = this.participant;
    if (!participant) return;
    this.participant = undefined;
    this.room = undefined;
    this.logger.info({ participantId: participant.id }, 'participant left');
    participant.close();
  }

  /** Tells the browser the server is going away and closes the socket. */
  shutdown(): void {
    this.send({ type: 'closing', reason: 'server_shutdown' });
    this.socket.close(1001, 'server shutdown');
    this.close();
  }

  /** Leaves the meeting and stops the heartbeat. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.leave();
  }
}
