/**
 * The pool of media servers (Janus) as the operator console sees and changes it, shared by
 * server and browser: `GET /api/operator/media-servers` lists them with their state and load,
 * `POST` registers one, `PATCH …/:id` drains, undrains or re-weighs it, `DELETE …/:id` removes it.
 */
import { z } from 'zod';
import { labelSchema } from './text.js';

const webSocketAddress = (what: string) =>
  z
    .string()
    .trim()
    .max(300, 'must be at most 300 characters')
    .refine((value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '' && url.username === '' && url.password === '';
    }, `must be a ws:// or wss:// address of ${what}, without a user name or password`);

/** `ws://` or `wss://` with a host, no user or password in it (the API secret has its own field). */
export const MediaServerUrlSchema = webSocketAddress('a Janus WebSocket API');

/** Janus's admin API over WebSocket (its `admin_ws_port`), through which Plenary reads the server's own load. */
export const MediaServerAdminUrlSchema = webSocketAddress('a Janus admin API');

const secretSchema = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

/** A region label such as `eu-west`: lower-case letters, digits and hyphens; '' for none. */
export const MediaRegionSchema = z
  .string()
  .trim()
  .regex(/^$|^[a-z0-9][a-z0-9-]{0,31}$/, 'must be up to 32 lower-case letters, digits and hyphens (e.g. eu-west), or empty');

/** How much a server carries compared with the others: its load is divided by it. */
export const MediaWeightSchema = z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100');

/** `POST /api/operator/media-servers`. */
export const NewMediaServerSchema = z
  .object({
    name: labelSchema(64),
    url: MediaServerUrlSchema,
    /** Janus's `api_secret`, if it requires one. */
    apiSecret: secretSchema.optional(),
    /** Its admin API, if Plenary is to read the server's own load (streams, bitrate) there. */
    adminUrl: MediaServerAdminUrlSchema.optional(),
    /** The admin API's `admin_secret`, if it requires one. */
    adminSecret: secretSchema.optional(),
    weight: MediaWeightSchema.default(1),
    region: MediaRegionSchema.default(''),
    renewable: z.boolean().default(false),
  })
  .strict()
  .refine((server) => server.adminSecret === undefined || server.adminUrl !== undefined, {
    message: 'is of no use without the admin API’s address',
    path: ['adminSecret'],
  });
export type NewMediaServer = z.infer<typeof NewMediaServerSchema>;

/** `PATCH /api/operator/media-servers/:id`: any of these, at least one. */
export const MediaServerChangeSchema = z
  .object({
    drained: z.boolean().optional(),
    weight: MediaWeightSchema.optional(),
    region: MediaRegionSchema.optional(),
    renewable: z.boolean().optional(),
    /** Reads its load through this admin API from now on; `null` stops reading it. */
    admin: z.object({ url: MediaServerAdminUrlSchema, secret: secretSchema.optional() }).strict().nullable().optional(),
  })
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'must change something');
export type MediaServerChange = z.infer<typeof MediaServerChangeSchema>;

/** `:id` of the routes: `janus-local` (this instance's own) or a registered one's. */
export const MediaServerParamsSchema = z.object({
  id: z.string().regex(/^(janus-local|ms_[A-Za-z0-9_-]{16})$/, 'is not a media server id'),
});

/** One media server in the operator console. */
export const MediaServerViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Its API's address; null for this instance's own (supervised or `JANUS_WS_URL`). */
  url: z.string().nullable(),
  local: z.boolean(),
  weight: z.number().int(),
  region: z.string(),
  renewable: z.boolean(),
  drained: z.boolean(),
  /** Connected now. */
  up: z.boolean(),
  /** Why the last attempt to reach it failed, while it is down. */
  lastFailure: z.string().nullable(),
  /** What the meetings of every instance put on it now, as Plenary counts them. */
  rooms: z.number().int(),
  participants: z.number().int(),
  publishedStreams: z.number().int(),
  forwardedStreams: z.number().int(),
  /** Its admin API's address, when its own load is read there (never its secret). */
  adminUrl: z.string().nullable(),
  /** What the server itself said at the last reading of its admin API (null: not read, or the reading fails). */
  measured: z
    .object({
      /** When, in milliseconds since the epoch. */
      atMs: z.number(),
      sessions: z.number().int(),
      handles: z.number().int(),
      rooms: z.number().int(),
      forwardedStreams: z.number().int(),
      bitrateInBps: z.number(),
      bitrateOutBps: z.number(),
      packetsLost: z.number().int(),
      nacks: z.number().int(),
      /** Its CPU as a share of one core, known only for the Janus this instance supervises. */
      cpu: z.number().nullable(),
    })
    .nullable(),
  /** Why reading its admin API fails, while it does. */
  adminFailure: z.string().nullable(),
});
export type MediaServerView = z.infer<typeof MediaServerViewSchema>;

export const MediaServersViewSchema = z.object({ servers: z.array(MediaServerViewSchema) });
export type MediaServersView = z.infer<typeof MediaServersViewSchema>;
