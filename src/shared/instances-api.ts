/**
 * The Plenary instances serving this installation, as the operator console sees them:
 * `GET /api/operator/instances`. With one instance (no Redis) the list holds it alone; with
 * several, every instance that said its figures over Redis lately or holds a meeting in the
 * database, each with whether it is alive (its presence on Redis).
 */
import { z } from 'zod';

export const InstanceViewSchema = z.object({
  id: z.string(),
  /** The instance that answered this request. */
  current: z.boolean(),
  /** `alive`: its presence on Redis is fresh; `gone`: it lapsed; `unknown`: Redis cannot say now (or there is none). */
  state: z.enum(['alive', 'gone', 'unknown']),
  /** When it last said its figures (null: never heard, e.g. known only from a placement it still holds). */
  lastHeardAtMs: z.number().nullable(),
  /** When it started, as it said. */
  startedAtMs: z.number().nullable(),
  /** Meetings it holds, as the database's placements say. */
  meetings: z.number().int(),
  /** People in those meetings, as it said. */
  participants: z.number().int().nullable(),
  /** Browsers whose socket reached it and whose meeting another instance holds (relayed out). */
  relayedOut: z.number().int().nullable(),
  /** Browsers of its meetings whose socket reached another instance (relayed in). */
  relayedIn: z.number().int().nullable(),
});
export type InstanceView = z.infer<typeof InstanceViewSchema>;

export const InstancesViewSchema = z.object({
  /** `off`: a single instance, no Redis configured; `ok` or `unreachable` otherwise. */
  redis: z.enum(['off', 'ok', 'unreachable']),
  instances: z.array(InstanceViewSchema),
});
export type InstancesView = z.infer<typeof InstancesViewSchema>;
