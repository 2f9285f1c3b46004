/**
 * `/healthz` (database and Janus reachable, public: it says only "ok" or which part is down)
 * and `/metrics` (Prometheus text format, only with `Authorization: Bearer <METRICS_TOKEN>`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { collectDefaultMetrics, Gauge, type Metric, Registry } from 'prom-client';
import type { MediaServerView } from '../../shared/media-servers-api.js';
import type { ClusterBus } from '../cluster/bus.js';
import { bearerTokenGuard } from '../http/bearer.js';
import type { RegistryCounts, RoomRegistry } from '../meetings/index.js';
import type { MediaServersService } from '../operator/index.js';
import type { SignalingRelay } from '../signaling/relay.js';
import type { Storage } from '../storage/index.js';

export interface OperationsOptions {
  storage: Storage;
  /** The pool of media servers: healthy while one is up; each one's state and load as metrics. */
  mediaServers: Pick<MediaServersService, 'list'>;
  registry: RoomRegistry;
  /** Bearer token Prometheus sends for `/metrics` (config `METRICS_TOKEN`); undefined turns `/metrics` off. */
  metricsToken: string | undefined;
  /** Other domains' metrics to serve beside these (e.g. the BigBlueButton API's call counter). Default none. */
  metrics?: Metric[];
  /** Several instances (`REDIS_URL`): whether Redis answers, and the browsers relayed between instances. */
  cluster?: { bus: Pick<ClusterBus, 'isConnected'>; relay: Pick<SignalingRelay, 'counts'> };
}

function createMetrics(options: OperationsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'plenary_process_' });
  new Gauge({
    name: 'plenary_rooms_live',
    help: 'Rooms with a meeting in progress on this instance.',
    registers: [registry],
    collect() {
      this.set(options.registry.counts().rooms);
    },
  });
  new Gauge({
    name: 'plenary_participants',
    help: 'Participants in meetings on this instance.',
    registers: [registry],
    collect() {
      this.set(options.registry.counts().participants);
    },
  });
  new Gauge({
    name: 'plenary_published_streams',
    help: 'Participants whose audio and video are being published through Janus.',
    registers: [registry],
    collect() {
      this.set(options.registry.counts().publishedStreams);
    },
  });
  const networkGauges: [name: string, help: string, value: (counts: RegistryCounts) => number][] = [
    ['plenary_participants_reporting_network', 'Participants whose browser reported on its own connection.', (c) => c.reportingNetwork],
    ['plenary_participants_relayed', 'Reporting participants whose connection goes through a TURN relay.', (c) => c.relayed],
    [
      'plenary_participants_loss_ratio_mean',
      'Mean share of packets lost on the reporting participants’ connections (0–1).',
      (c) => c.meanLossRatio,
    ],
    [
      'plenary_participants_round_trip_ms_mean',
      'Mean round trip to the media server of the reporting participants, in ms.',
      (c) => c.meanRoundTripMs,
    ],
  ];
  for (const [name, help, value] of networkGauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value(options.registry.counts()));
      },
    });
  }
  new Gauge({
    name: 'plenary_janus_up',
    help: '1 when at least one media server (Janus) of the pool is connected, 0 otherwise.',
    registers: [registry],
    collect() {
      this.set(options.mediaServers.list().some((server) => server.up) ? 1 : 0);
    },
  });
  // Each gauge has a value for a server only where it is known: the `measured_…` ones where its admin API is read.
  const perServer: [name: string, help: string, value: (server: MediaServerView) => number | null | undefined][] = [
    ['plenary_media_server_up', '1 when this media server is connected, 0 otherwise.', (server) => (server.up ? 1 : 0)],
    ['plenary_media_server_drained', '1 when this media server takes no new meetings.', (server) => (server.drained ? 1 : 0)],
    ['plenary_media_server_rooms', 'Meetings of this instance on this media server.', (server) => server.rooms],
    ['plenary_media_server_participants', 'Participants of those meetings.', (server) => server.participants],
    [
      'plenary_media_server_published_streams',
      'Publications to this media server: each camera (with its microphone) and each shared screen.',
      (server) => server.publishedStreams,
    ],
    [
      'plenary_media_server_forwarded_streams',
      'Publications this media server forwards: each one to every other participant of the meeting.',
      (server) => server.forwardedStreams,
    ],
    [
      'plenary_media_server_admin_up',
      '1 when this media server’s admin API answered its last reading, 0 when it failed (absent where it is not read).',
      (server) => (server.measured ? 1 : server.adminFailure !== null ? 0 : undefined),
    ],
    [
      'plenary_media_server_measured_rooms',
      'Videoroom rooms on this media server, by its admin API (anyone’s).',
      (server) => server.measured?.rooms,
    ],
    [
      'plenary_media_server_measured_forwarded_streams',
      'Feeds this media server sends to subscribers, by its admin API (anyone’s).',
      (server) => server.measured?.forwardedStreams,
    ],
    ['plenary_media_server_handles', 'Janus handles on this media server, by its admin API.', (server) => server.measured?.handles],
    [
      'plenary_media_server_receive_bits_per_second',
      'What this media server received from publishers over the last second, by its admin API.',
      (server) => server.measured?.bitrateInBps,
    ],
    [
      'plenary_media_server_send_bits_per_second',
      'What this media server sent to subscribers over the last second, by its admin API.',
      (server) => server.measured?.bitrateOutBps,
    ],
    [
      'plenary_media_server_cpu_ratio',
      'CPU this media server used since the last reading, as a share of one core (only the Janus this instance supervises).',
      (server) => server.measured?.cpu,
    ],
  ];
  for (const [name, help, value] of perServer) {
    new Gauge({
      name,
      help,
      labelNames: ['server', 'name'],
      registers: [registry],
      collect() {
        this.reset();
        for (const server of options.mediaServers.list()) {
          const known = value(server);
          if (known !== undefined && known !== null) this.set({ server: server.id, name: server.name }, known);
        }
      },
    });
  }
  const cluster = options.cluster;
  if (cluster) {
    new Gauge({
      name: 'plenary_redis_up',
      help: '1 when this instance reaches Redis (the other instances), 0 otherwise.',
      registers: [registry],
      collect() {
        this.set(cluster.bus.isConnected ? 1 : 0);
      },
    });
    new Gauge({
      name: 'plenary_relayed_browsers',
      help: 'Browsers whose signalling is relayed: forwarded from here to the instance holding their meeting, or served here for another.',
      labelNames: ['side'],
      registers: [registry],
      collect() {
        const counts = cluster.relay.counts;
        this.set({ side: 'forwarded' }, counts.forwarded);
        this.set({ side: 'served' }, counts.hosted);
      },
    });
  }
  for (const metric of options.metrics ?? []) registry.registerMetric(metric);
  return registry;
}

export const operationsHttp: FastifyPluginAsync<OperationsOptions> = async (app, options) => {
  const metrics = createMetrics(options);

  app.get('/healthz', async (_request, reply) => {
    const database = await options.storage.ping().then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    );
    const janus = options.mediaServers.list().some((server) => server.up) ? ('ok' as const) : ('unreachable' as const);
    const healthy = database === 'ok' && janus === 'ok';
    if (!options.cluster) return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'degraded', database, janus });
    // Without Redis an instance still serves the meetings it holds (and its own browsers): degraded, not down.
    const redis = options.cluster.bus.isConnected ? ('ok' as const) : ('unreachable' as const);
    return reply.code(healthy ? 200 : 503).send({ status: healthy && redis === 'ok' ? 'ok' : 'degraded', database, janus, redis });
  });

  // Live room and participant counts and versions are for the operators' monitoring only.
  const metricsGuard = bearerTokenGuard({
    token: options.metricsToken,
    disabledCode: 'metrics_disabled',
    name: 'metrics endpoint',
    setting: 'METRICS_TOKEN',
  });
  app.get('/metrics', { onRequest: metricsGuard }, async (_request, reply) => {
    return reply.type(metrics.contentType).send(await metrics.metrics());
  });
};
