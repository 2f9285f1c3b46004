/** The words for a failed billing call: the server's own sentence, which names the organisation, the invoice or the amount. */
import { ApiFailure } from '../../app/api.js';
import { refusalText } from '../../app/errors/messages.js';

/**
 * The server's sentence for a refusal (written in the pages' language: "Only the owners and
 * admins of Acme can see and change its billing."), the catalogue's words when it sent none.
 */
export function billingRefusal(failure: unknown): string {
  if (failure instanceof ApiFailure) return refusalText(failure.code, failure.message, { preferServer: true });
  return String(failure);
}
