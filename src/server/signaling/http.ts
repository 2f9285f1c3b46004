/** The signalling endpoint `/ws`: one WebSocket per browser, same-origin only, rate-limited. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { RoomId } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import { sendPlatformFailure } from '../http/errors.js';
import { isSameOrigin } from '../http/origin.js';
import { httpWords } from '../http/words.js';
import type { RoomRegistry } from '../meetings/index.js';
import { type GrantedJoinRequest, type JoinIdentity, SignalingConnection } from './connection.js';

export interface SignalingOptions {
  registry: RoomRegistry;
  /** Origins allowed to open the socket besides the request's own host. */
  allowedOrigins: string[];
  /**
   * Who is signed in on this request, as a room sees them: their person id, and whether they
   * administer the room (they join it as moderator). Default: nobody is signed in.
   */
  identify?: (request: FastifyRequest, roomId: RoomId) => Promise<JoinIdentity>;
  /** The join an integration's grant gives in a room (a BigBlueButton join link's). Default: no grant is valid. */
  admitGrant?: (grant: string, roomId: RoomId) => Promise<GrantedJoinRequest | undefined>;
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

/** Nobody signed in. */
const anonymous: JoinIdentity = { personId: undefined, administrator: false };

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
        const identify = options.identify;
        const connection = new SignalingConnection(
          socket,
          options.registry,
          request.log,
          iceServers,
          (roomId) => (identify ? identify(request, roomId) : Promise.resolve(anonymous)),
          request.language,
          options.admitGrant,
        );
        connections.open.add(connection);
        socket.on('close', () => connections.open.delete(connection));
      },
    );
  };
}
