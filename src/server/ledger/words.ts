/**
 * The words of the ledger's HTTP API: one sentence per refused currency or account operation
 * (keyed by its code) and per lookup that finds nothing (French in `words.fr.ts`).
 */
import { defineWords } from '../platform/words.js';
import { ledgerFrench } from './words.fr.js';

export const ledgerEnglish = {
  exists_with_different_fields: 'Something with this id already exists with different fields.',
  currency_not_found: 'There is no currency with this code.',
  account_not_found: 'There is no account with this id.',
  account_closed: 'This account is closed; it cannot change any more.',
  lower_limit_must_not_be_positive: 'The lower limit must be zero or negative: accounts start at zero.',
  upper_limit_must_not_be_negative: 'The upper limit must be zero or positive: accounts start at zero.',
  balance_outside_new_limits: 'The account balance, counting pending transfers, would fall outside the new limits.',
  account_must_be_settled_to_close: 'Only an account with a zero balance and no pending transfer can be closed.',
  transfer_not_found: 'There is no transfer with this id.',
} as const;

export const ledgerWords = defineWords('ledger', ledgerEnglish, { fr: ledgerFrench });
