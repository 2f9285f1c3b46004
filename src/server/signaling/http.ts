/** The signalling endpoint `/ws`: one WebSocket per browser, same-origin only, rate-limited. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { RoomId } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import { sendPlatformFailure } from '../http/errors.js';
import { isSameOrigin } from '../http/origin.js';
import { httpWords } from '../http/words.js';
import type { RoomRegistry } from '../meetings/index.js';
import { SignalingConnection } from './connection.js';

export interface SignalingOptions {
  registry: RoomRegistry;
  /** Origins allowed to open the socket besides the request's own host. */
  allowedOrigins: string[];
  /** Whether the person signed in on this request administers the room (they join it as moderator). Default: nobody. */
  administers?: (request: FastifyRequest, roomId: RoomId) => Promise<boolean>;
  /** ICE servers handed to browsers at join (TURN credentials later). Default none. */
  iceServers?: () => { urls: string[]; username?: string; credential?: string }[];
}

/** Open signalling connections, so shutdown can tell each browser. */
export class SignalingConnections {
  readonly open = new Set<SignalingConnection>();
  /** Tells every browser the server is going away and closes its socket. */
  shutdownAll(): void {
    for (const connection of [...this.open]) connection.shutdown();
  }
}

export function signalingHttp(connections: SignalingConnections): FastifyPluginAsync<SignalingOptions> {
  return async (app, options) => {
    const iceServers = options.iceServers ?? (() => []);
    app.get(
      '/ws',
      {
        websocket: true,
        config: { rateLimit: { max: limits.joinsPerMinuteMax, timeWindow: 60_000 } },
        preValidation: async (request, reply) => {
          if (!isSameOrigin(request, options.allowedOrigins)) {
            return sendPlatformFailure(reply, 'cross_origin_refused', httpWords.phrase('cross_origin_join_refused'));
          }
        },
      },
      (socket, request) => {
        const administers = options.administers;
        const connection = new SignalingConnection(
          socket,
          options.registry,
          request.log,
          iceServers,
          (roomId) => (administers ? administers(request, roomId) : Promise.resolve(false)),
          request.language,
        );
        connections.open.add(connection);
        socket.on('close', () => connections.open.delete(connection));
      },
    );
  };
}
