/**
 * The stable codes of HTTP error responses (`{ error: { code, message } }`), so the browser's
 * words for them are checked against this list at compile time (see `src/web/app/errors`).
 * Collected from each server domain's own list (`failure-codes.ts`), which its services and its
 * HTTP edge are typed with: a new code sent by the server is added there and so lands here. The
 * bearer-token APIs' codes are left out (machines call them, not the browser); the WebSocket's
 * codes are `ErrorCode` in `protocol.ts`.
 */
import {
  accountsFailureCodes,
  assemblyFailureCodes,
  bbbIntegrationFailureCodes,
  bbbLandingFailureCodes,
  billingFailureCodes,
  governanceFailureCodes,
  ledgerLookupFailureCodes,
  meetingsFailureCodes,
  networkFailureCodes,
  operatorFailureCodes,
  organisationsFailureCodes,
  platformFailureCodes,
  sanctionFailureCodes,
  schedulingFailureCodes,
} from './failure-codes.js';

export const httpErrorCodes = [
  ...new Set([
    ...platformFailureCodes,
    ...meetingsFailureCodes,
    ...accountsFailureCodes,
    ...organisationsFailureCodes,
    ...schedulingFailureCodes,
    ...operatorFailureCodes,
    ...networkFailureCodes,
    ...ledgerLookupFailureCodes,
    ...billingFailureCodes,
    ...governanceFailureCodes,
    ...sanctionFailureCodes,
    ...assemblyFailureCodes,
    ...bbbLandingFailureCodes,
    ...bbbIntegrationFailureCodes,
  ]),
] as const;

/** A stable code of an HTTP error response. */
export type HttpErrorCode = (typeof httpErrorCodes)[number];
