/**
 * Which server instance this is. Rows an instance opens or claims (meetings, payment requests
 * being accepted) carry its id, so that at start-up it cleans up only what it left behind itself,
 * or what an instance whose claim lapsed left behind (see ARCHITECTURE.md, "Where state lives").
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { nanoid } from 'nanoid';
import { z } from 'zod';

/** Letters, digits, `.`, `_`, `-`; 1–64 characters, starting with a letter or digit. */
export const InstanceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
  .brand<'InstanceId'>();
/** The id of one server instance; stable across its restarts. */
export type InstanceId = z.infer<typeof InstanceIdSchema>;

/** The id used where only one instance ever runs and none was given (repositories built by tests). */
export const localInstanceId: InstanceId = InstanceIdSchema.parse('local');

/**
 * The id of an instance with no `INSTANCE_ID` configured: `inst_<host>-<8 hex digits of the data
 * directory's path>`. The same host and data directory give the same id at every start, so an
 * instance recognises the rows its previous run left; two instances on one host need two data
 * directories anyway (each has its own Janus configuration).
 */
export function defaultInstanceId(dataDirectory: string, host: string = hostname()): InstanceId {
  const hostPart =
    host
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/^[-.]+/, '')
      .slice(0, 40) || 'host';
  const directoryPart = createHash('sha256').update(dataDirectory).digest('hex').slice(0, 8);
  return InstanceIdSchema.parse(`inst_${hostPart}-${directoryPart}`);
}

/** A fresh random id, `inst_<nanoid>`: for tests and for instances that never restart under the same name. */
export function newInstanceId(): InstanceId {
  return InstanceIdSchema.parse(`inst_${nanoid(12)}`);
}
