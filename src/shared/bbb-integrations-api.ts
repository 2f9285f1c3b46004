/**
 * An organisation's BigBlueButton integration, shared by server and browser: the API's URL and
 * the organisation's own secret, which its owners and admins enter in Moodle, Nextcloud or
 * Greenlight (`GET /api/orgs/:slug/bbb`), and replace (`POST /api/orgs/:slug/bbb/rotate`).
 */
import { z } from 'zod';
import { SlugSchema } from './accounts-api.js';

/** `:slug` of the routes. */
export const BbbIntegrationParamsSchema = z.object({ slug: SlugSchema });

/** What an organisation's owners and admins see of its integration. */
export const BbbIntegrationViewSchema = z.object({
  /** Where integrations call: `<site>/bigbluebutton/api/`. */
  apiUrl: z.string(),
  /** The organisation's secret in force; null until one is made. */
  secret: z.string().nullable(),
  /** When the secret in force was made; null with no secret. */
  rotatedAtMs: z.number().int().nullable(),
  /** The name of who made it, while they are one of the organisation's people; null otherwise. */
  rotatedBy: z.string().nullable(),
});
/** An organisation's integration as `BbbIntegrationViewSchema` reads it. */
export type BbbIntegrationView = z.infer<typeof BbbIntegrationViewSchema>;
