/** The signalling endpoint `/ws`: one WebSocket per browser, same-origin only, rate-limited. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { RoomId } from '../../shared/ids.js';
import { limits } from '../../shared/limits.js';
import type { IceServer } from '../../shared/protocol.js';
import { sendPlatformFailure } from '../http/errors.js';
import { isSameOrigin } from '../http/origin.js';
import { httpWords } from '../http/words.js';
import type { RoomRegistry } from '../meetings/index.js';
import { type Clock, systemClock } from '../platform/clock.js';
import { type GrantedJoinRequest, type IceServersSource, type JoinIdentity, noIceServers, SignalingConnection } from './connection.js';
import type { SignalingRelay } from './relay.js';

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
  /**
   * ICE servers handed to a browser at join and renewed every `iceServersRefreshMs` (`ice-servers`):
   * a TURN credential of its own, for the host it reached (the upgrade request's `Host`). Default none.
   */
  iceServers?: (request: { host: string | undefined; id: string }) => IceServer[];
  /** How often a joined browser gets fresh ICE servers. Default never. */
  iceServersRefreshMs?: number | undefined;
  /** The clock renewals run on. Default the system clock. */
  clock?: Clock;
  /** Other instances' meetings reached through this one, and this one's reached through them (`REDIS_URL`). Default none. */
  relay?: SignalingRelay | undefined;
}

/** Open signalling connections, so shutdown can tell each browser. */
export class SignalingConnections {
  readonly open = new Set<SignalingConnection>();
  /** Set by `shutdownAll`: browsers relayed here from other instances are sent back to reconnect. */
  shuttingDown = false;
  /** Tells every browser the server is going away and closes its socket. */
  shutdownAll(): void {
    this.shuttingDown = true;
    for (const connection of [...this.open]) connection.shutdown();
  }
}

/** Nobody signed in. */
const anonymous: JoinIdentity = { personId: undefined, administrator: false };

export function signalingHttp(connections: SignalingConnections): FastifyPluginAsync<SignalingOptions> {
  return async (app, options) => {
    const { iceServers: makeIceServers, iceServersRefreshMs: refreshMs, clock = systemClock } = options;
    /** A TURN credential of each participant's own, for the address their browser reached. */
    const iceServersFor = (host: string | undefined): IceServersSource =>
      makeIceServers
        ? {
            forParticipant: (id) => makeIceServers({ host, id }),
            renewals: (renew) => (refreshMs === undefined ? undefined : clock.setInterval(renew, refreshMs)),
          }
        : noIceServers;
    // Browsers connected to another instance, in the meetings this one holds: run as if connected here,
    // as who that instance read from their cookie.
    options.relay?.serve((socket, join) => {
      if (connections.shuttingDown) return undefined;
      const connection = new SignalingConnection(
        socket,
        options.registry,
        app.log.child({ relayedFrom: socket.edge }),
        iceServersFor(join.host),
        // Who the edge read from the cookie, and what the join link granted, hold for the room they were read for only.
        async (roomId) => (roomId === join.roomId ? join.identity : anonymous),
        join.language,
        async (_grant, roomId) => (roomId === join.roomId ? join.granted : undefined),
      );
      connections.open.add(connection);
      socket.on('close', () => connections.open.delete(connection));
      return connection;
    });
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
          iceServersFor(request.headers.host),
          (roomId) => (identify ? identify(request, roomId) : Promise.resolve(anonymous)),
          request.language,
          options.admitGrant,
          options.relay && { relay: options.relay, host: request.headers.host },
        );
        connections.open.add(connection);
        socket.on('close', () => connections.open.delete(connection));
      },
    );
  };
}
