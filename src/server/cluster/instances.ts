/**
 * The instances serving this installation, for the operator console: this one with its live
 * figures; the others as they last said over Redis (`SharedLoad`), with whether their presence
 * is fresh; and any instance the database says holds a meeting, heard of or not — so that an
 * instance that died with meetings on it shows as gone until they are taken over.
 */
import type { InstancesView, InstanceView } from '../../shared/instances-api.js';
import type { InstanceId } from '../platform/instance.js';
import type { ClusterBus } from './bus.js';
import type { InstanceSummary, SharedLoad } from './shared-load.js';

export interface ClusterInstancesOptions {
  instanceId: InstanceId;
  /** When this instance started, in milliseconds since the epoch. */
  startedAtMs: number;
  /** This instance's own figures now. */
  own: () => Omit<InstanceSummary, 'startedAtMs'>;
  /** How many meetings each instance holds (the database's placements). */
  heldByInstance: () => Promise<Map<InstanceId, number>>;
  /** With several instances: the bus and what the others last said. */
  cluster?: { bus: Pick<ClusterBus, 'isConnected' | 'presence'>; sharedLoad: Pick<SharedLoad, 'instances'> } | undefined;
}

export class ClusterInstances {
  constructor(private readonly options: ClusterInstancesOptions) {}

  /** What this instance says of itself to the others each round. */
  summary(): InstanceSummary {
    return { startedAtMs: this.options.startedAtMs, ...this.options.own() };
  }

  /** This instance first, then the others by id. */
  async view(nowMs: number): Promise<InstancesView> {
    const { instanceId, cluster } = this.options;
    const held = await this.options.heldByInstance();
    const own = this.summary();
    const current: InstanceView = {
      id: instanceId,
      current: true,
      state: 'alive',
      lastHeardAtMs: nowMs,
      startedAtMs: own.startedAtMs,
      meetings: held.get(instanceId) ?? 0,
      participants: own.participants,
      relayedOut: own.relayedOut,
      relayedIn: own.relayedIn,
    };
    if (!cluster) return { redis: 'off', instances: [current] };
    const heard = cluster.sharedLoad.instances;
    const ids = new Set<InstanceId>([...heard.keys(), ...held.keys()]);
    ids.delete(instanceId);
    const others = await Promise.all(
      [...ids].sort().map(async (id): Promise<InstanceView> => {
        const said = heard.get(id);
        return {
          id,
          current: false,
          state: await cluster.bus.presence(id),
          lastHeardAtMs: said?.atMs ?? null,
          startedAtMs: said?.summary?.startedAtMs ?? null,
          meetings: held.get(id) ?? 0,
          participants: said?.summary?.participants ?? null,
          relayedOut: said?.summary?.relayedOut ?? null,
          relayedIn: said?.summary?.relayedIn ?? null,
        };
      }),
    );
    return { redis: cluster.bus.isConnected ? 'ok' : 'unreachable', instances: [current, ...others] };
  }
}
