/** The BigBlueButton API's counter for `/metrics`: calls by name and return code. */
import { Counter } from 'prom-client';

/** Call names counted by name; any other is counted as `other`, so the label stays small. */
const countedCalls = new Set([
  'version',
  'create',
  'join',
  'end',
  'isMeetingRunning',
  'getMeetingInfo',
  'getMeetings',
  'getRecordings',
  'publishRecordings',
  'deleteRecordings',
  'updateRecordings',
]);

/** `plenary_bbb_api_calls_total{call, returncode}`; the operations domain registers it with `/metrics`. */
export class BbbApiMetrics {
  /** Not registered anywhere until the operations domain takes it in. */
  readonly calls = new Counter({
    name: 'plenary_bbb_api_calls_total',
    help: 'BigBlueButton API calls answered, by call and returncode (SUCCESS or FAILED).',
    labelNames: ['call', 'returncode'] as const,
    registers: [],
  });

  /** Counts one answered call. */
  count(call: string, returncode: 'SUCCESS' | 'FAILED'): void {
    this.calls.inc({ call: countedCalls.has(call) ? call : 'other', returncode });
  }
}
