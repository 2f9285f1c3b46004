/**
 * Plenary's only way to Janus: one janode connection and session, through which rooms are
 * created and publisher and subscriber handles attached. Keeps reconnecting with back-off and
 * says when Janus goes `down` and comes back `up`. Every Janus reply is parsed with zod.
 */
import Janode, { type JanodeConnection, type JanodeSession } from 'janode';
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Backoff } from '../platform/backoff.js';
import { TypedEmitter } from '../platform/typed-emitter.js';
import { PublisherHandle } from './janus-handles.js';
import { type FeedRequest, SubscriptionHandle, type SubscriptionOffer } from './janus-subscription.js';

/** Events of the gateway. */
export type JanusGatewayEvents = {
  /** Connected to Janus, with a session ready for use. */
  up: [];
  /** The connection to Janus was lost; every handle is gone with it. */
  down: [];
};

/** A videoroom room created in Janus for one live Plenary room. */
export interface JanusRoom {
  readonly janusRoomId: number;
  readonly secret: string;
}

/**
 * janode prints its own plain-text log to the console, bypassing pino; the gateway logs the
 * events that matter (connection lost, reconnects, failed requests) itself, so janode's is
 * silenced. Its logger is not in the package's exports, so it is loaded by file.
 */
async function quietJanodeLogger(): Promise<void> {
  const loggerUrl = import.meta.resolve('janode').replace(/janode\.js$/, 'utils/logger.js');
  const module = (await import(loggerUrl)) as { default?: { setLevel?: (level: string) => void } };
  module.default?.setLevel?.('none');
}
await quietJanodeLogger().catch(() => undefined);

/** Janus's answer to `create`: the videoroom's `created` event with the new room's id. */
const CreatedReplySchema = z.object({
  plugindata: z.object({ data: z.object({ videoroom: z.literal('created'), room: z.number().int() }) }),
});
const ServerInfoSchema = z.object({ name: z.string().optional(), version_string: z.string().optional() }).passthrough();

/**
 * Words for why connecting failed: janode rejects with the WebSocket's error event (not an
 * `Error`), whose `message` or inner `error` says what happened (e.g. `connect ECONNREFUSED …`).
 */
export function failureMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { message, error: inner, code } = error as { message?: unknown; error?: unknown; code?: unknown };
    if (typeof message === 'string' && message !== '') return message;
    if (inner !== undefined && inner !== error) return failureMessage(inner);
    if (typeof code === 'string') return code;
  }
  return typeof error === 'string' && error !== '' ? error : 'no reason was given';
}

/** Raised when a request cannot be sent because Janus is not connected. */
export class MediaServerUnavailableError extends Error {
  constructor() {
    super('the media server is not connected');
    this.name = 'MediaServerUnavailableError';
  }
}

export interface JanusGatewayOptions {
  /** Janus's WebSocket API, e.g. `ws://127.0.0.1:8188`. */
  url: string;
  /** The `apisecret` Janus requires, if any. */
  apiSecret?: string;
  logger: Logger;
  /** Video bitrate cap of each publisher, in bits per second. */
  publisherBitrateBitsPerSecondMax: number;
}

export class JanusGateway extends TypedEmitter<JanusGatewayEvents> {
  private connection: JanodeConnection | undefined;
  private session: JanodeSession | undefined;
  private controlHandle: VideoRoomHandle | undefined;
  private readonly backoff = new Backoff({ initialDelayMs: 200, maximumDelayMs: 5_000 });
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private connecting = false;
  private lastFailureMessage: string | undefined;

  constructor(private readonly options: JanusGatewayOptions) {
    super();
    this.onListenerError = (error, event) => options.logger.error({ err: error, event }, 'janus gateway listener failed');
  }

  /** True while a session with Janus is open. */
  get isUp(): boolean {
    return this.session !== undefined;
  }

  /** Why the last attempt to connect failed (or the connection was lost), while Janus is not connected. */
  get lastFailure(): string | undefined {
    return this.isUp ? undefined : this.lastFailureMessage;
  }

  /** Starts connecting; resolves once the first attempt has finished (successfully or not). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Resolves when Janus is up, or rejects after `timeoutMs`. */
  waitUntilUp(timeoutMs: number): Promise<void> {
    if (this.isUp) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`Janus did not come up within ${timeoutMs} ms`));
      }, timeoutMs);
      const remove = this.once('up', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async connect(): Promise<void> {
    if (this.closed || this.connecting || this.isUp) return;
    this.connecting = true;
    const { logger } = this.options;
    let opened: JanodeConnection | undefined;
    try {
      const connection = await Janode.connect({
        address: [{ url: this.options.url, ...(this.options.apiSecret ? { apisecret: this.options.apiSecret } : {}) }],
        retry_time_secs: 1,
        max_retries: 1,
      });
      opened = connection;
      connection.on(Janode.EVENT.CONNECTION_ERROR, (error: unknown) => logger.warn({ err: error }, 'janus connection error'));
      const session = await connection.create(15);
      const controlHandle = await session.attach<VideoRoomHandle>(VideoRoomPlugin);
      if (this.closed) {
        await connection.close().catch(() => undefined);
        return;
      }
      connection.once(Janode.EVENT.CONNECTION_CLOSED, () => this.handleConnectionLost());
      session.once(Janode.EVENT.SESSION_DESTROYED, () => this.handleConnectionLost());
      this.connection = connection;
      this.session = session;
      this.controlHandle = controlHandle;
      this.backoff.reset();
      const info = ServerInfoSchema.safeParse(await connection.getInfo().catch(() => ({})));
      logger.info({ janus: info.success ? info.data.version_string : undefined }, 'connected to janus');
      this.emit('up');
    } catch (error) {
      logger.debug({ err: error }, 'janus not reachable yet');
      this.lastFailureMessage = failureMessage(error);
      // Connected but refused (a wrong API secret, not a Janus): close the socket before trying again.
      if (opened && opened !== this.connection) await opened.close().catch(() => undefined);
      this.scheduleReconnect();
    } finally {
      this.connecting = false;
    }
  }

  private handleConnectionLost(): void {
    if (!this.session) return;
    this.session = undefined;
    this.controlHandle = undefined;
    const connection = this.connection;
    this.connection = undefined;
    connection?.close().catch(() => undefined);
    if (this.closed) return;
    this.options.logger.warn('lost the connection to janus');
    this.lastFailureMessage = 'the connection was lost';
    this.emit('down');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, this.backoff.nextDelayMs());
  }

  private requireSession(): { session: JanodeSession; control: VideoRoomHandle } {
    if (!this.session || !this.controlHandle) throw new MediaServerUnavailableError();
    return { session: this.session, control: this.controlHandle };
  }

  /** Creates a videoroom room with a fresh random id and secret. */
  async createRoom(publishersMax: number): Promise<JanusRoom> {
    const { control } = this.requireSession();
    const secret = crypto.randomUUID();
    // janode's `create` knows no `opus_dtx`, so the request is sent as Janus documents it.
    const response = await control.message({
      request: 'create',
      publishers: publishersMax,
      bitrate: this.options.publisherBitrateBitsPerSecondMax,
      bitrate_cap: true,
      // Ask publishers for a keyframe every 10 s, so that a lost one never freezes a subscriber for long.
      fir_freq: 10,
      secret,
      is_private: true,
      videocodec: 'vp8',
      audiocodec: 'opus',
      // Opus's discontinuous transmission, which our publishers ask for in their offers
      // (`withOpusDtx`): a silent microphone sends a packet every 400 ms instead of fifty a
      // second, so the silent majority of a big room costs its subscribers almost nothing. Janus
      // confirms it in its answer, reading an offer's Opus parameters only when in-band FEC is on.
      opus_fec: true,
      opus_dtx: true,
      notify_joining: false,
      // No talking events: each browser reports its own speaking (Janus would tell every
      // publisher handle of every change — N² events in a room of N).
      audiolevel_event: false,
      permanent: false,
    });
    const reply = CreatedReplySchema.parse(response).plugindata.data;
    return { janusRoomId: reply.room, secret };
  }

  /** Destroys a videoroom room; a room Janus no longer knows is fine. */
  async destroyRoom(room: JanusRoom): Promise<void> {
    if (!this.controlHandle) return;
    await this.controlHandle.destroy({ room: room.janusRoomId, secret: room.secret }).catch(() => undefined);
  }

  /**
   * Makes Janus drop (or relay again) one of a publisher's streams: moderation enforced by the
   * media server, whatever the browser sends.
   */
  async setStreamBlocked(room: JanusRoom, feedId: number, mid: string, blocked: boolean): Promise<void> {
    const { control } = this.requireSession();
    await control.message({ request: 'moderate', room: room.janusRoomId, secret: room.secret, id: feedId, mid, mute: blocked });
  }

  /**
   * Attaches a handle and joins `room` as a publisher labelled `display` — an opaque
   * `<participant id>/<source>`; Janus is never given anything else (`janusDisplayOf`).
   */
  async openPublisher(room: JanusRoom, display: string): Promise<PublisherHandle> {
    const { session } = this.requireSession();
    const handle = await session.attach<VideoRoomHandle>(VideoRoomPlugin);
    return PublisherHandle.join(handle, room.janusRoomId, display, this.options.publisherBitrateBitsPerSecondMax);
  }

  /**
   * Attaches one handle that subscribes to `feeds` (at least one) on a single PeerConnection,
   * linked to the participant's publisher by `privateId`; resolves with it and its first offer.
   */
  async openSubscription(
    room: JanusRoom,
    privateId: number,
    feeds: readonly FeedRequest[],
  ): Promise<{ subscription: SubscriptionHandle; offer: SubscriptionOffer }> {
    const { session } = this.requireSession();
    const handle = await session.attach<VideoRoomHandle>(VideoRoomPlugin);
    return SubscriptionHandle.join(handle, room.janusRoomId, privateId, feeds);
  }

  /** Closes the connection and stops reconnecting. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.session = undefined;
    this.controlHandle = undefined;
    this.connection = undefined;
    await connection?.close().catch(() => undefined);
    this.removeAllListeners();
  }
}
