/** The ledger domain's tables (`ledger/migrations.ts`). */
import type { DataCatalogue } from '../catalogue-types.js';
import { column } from './column.js';

const immutable = 'Kept forever and never edited or deleted (the database refuses it): the ledger is a verifiable financial record.';

/** Currencies, accounts, transfers and the hash-chained journal of the mutual-credit ledger. */
export const ledgerCatalogue: DataCatalogue = {
  ledger_currencies: {
    purpose: "A currency the ledger keeps accounts in (the network's credits).",
    retention: 'Kept forever.',
    columns: {
      code: column("The currency's code.", 'Accounts and transfers name it.', false),
      name: column('Its name.', 'Shown in statements.', false),
      scale: column('Decimal places of its minor unit.', 'Amounts are integers in minor units.', false),
      created_at_ms: column('When it was added.', "The journal's history.", false),
    },
  },
  ledger_accounts: {
    purpose: 'An account with its credit limits, state and running totals; owned by an organisation, the co-op or the system.',
    retention: 'Kept forever (closed accounts stay): transfers refer to them.',
    columns: {
      id: column("The account's id.", 'Transfers name it.', false),
      currency_code: column('Its currency.', 'Transfers must match it.', false),
      owner_kind: column('member_organisation, co_op or system.', 'Who the account belongs to.', false),
      owner_id: column("The owning organisation's id (or the co-op's / system's name).", 'Statements per member.', false),
      lower_limit: column('The lowest balance allowed (the credit limit), if any.', 'Mutual credit: how far it may go below zero.', false),
      upper_limit: column('The highest balance allowed, if any.', "Limits a member's surplus.", false),
      state: column('open, frozen or closed.', "A suspended member's account is frozen.", false),
      debits_posted: column('Total posted debits.', 'The balance without reading every transfer.', false),
      credits_posted: column('Total posted credits.', 'The balance.', false),
      debits_pending: column('Total pending debits (two-phase transfers).', 'Reserved amounts count against the limit.', false),
      credits_pending: column('Total pending credits.', 'Reserved amounts.', false),
      created_at_ms: column('When it was opened.', 'The history.', false),
    },
  },
  ledger_account_changes: {
    purpose: "Every change of an account's limits or state, with who made it and why.",
    retention: immutable,
    columns: {
      sequence: column("The change's order.", 'History in order.', false),
      account_id: column('The account changed.', 'Its history.', false),
      change: column('What kind of change (limits, state).', 'The history.', false),
      lower_limit: column('The new lower limit.', 'The history.', false),
      upper_limit: column('The new upper limit.', 'The history.', false),
      state: column('The new state.', 'The history.', false),
      changed_by: column('The person (or service) who changed it.', 'Accountability for credit decisions.', true),
      reason: column("Why, in the decider's words.", 'Accountability; may mention people.', true),
      changed_at_ms: column('When.', 'The history.', false),
    },
  },
  ledger_transfers: {
    purpose:
      "A transfer between two accounts (single, pending, posted or voided part of a two-phase transfer); the client's id is its idempotency key.",
    retention: immutable,
    columns: {
      id: column('The client-chosen id, the idempotency key.', 'A resubmission is recognised.', false),
      sequence: column('Its order in the ledger.', 'Statements in order.', false),
      kind: column('single, pending, post or void.', 'Two-phase transfers.', false),
      debit_account_id: column('The paying account.', 'The transfer.', false),
      credit_account_id: column('The receiving account.', 'The transfer.', false),
      amount: column('The amount in minor units.', 'The transfer.', false),
      currency_code: column('The currency.', 'The transfer.', false),
      description: column("The payer's description, as typed.", 'Shown on both statements; may mention people.', true),
      reference: column('A reference (an invoice number, a payment request).', 'Matching payments to what they pay.', false),
      pending_id: column('The pending transfer a post or void settles.', 'Two-phase transfers.', false),
      expires_at_ms: column('When a pending transfer lapses.', 'Reservations do not last forever.', false),
      timestamp_ms: column('When it was recorded.', 'Statements.', false),
      debit_posted_balance_after: column("The paying account's posted balance right after it (null before 0662).", 'Its statement.', false),
      debit_debits_pending_after: column("The paying account's pending debits right after it.", 'Its statement.', false),
      debit_credits_pending_after: column("The paying account's pending credits right after it.", 'Its statement.', false),
      credit_posted_balance_after: column(
        "The receiving account's posted balance right after it (null before 0662).",
        'Its statement.',
        false,
      ),
      credit_debits_pending_after: column("The receiving account's pending debits right after it.", 'Its statement.', false),
      credit_credits_pending_after: column("The receiving account's pending credits right after it.", 'Its statement.', false),
    },
  },
  ledger_pending_transfers: {
    purpose: 'The state of each pending (two-phase) transfer.',
    retention: 'Kept forever with its transfer.',
    columns: {
      transfer_id: column('The pending transfer.', 'Its state.', false),
      status: column('pending, posted, voided or expired.', 'A pending transfer settles once.', false),
      expires_at_ms: column('When it expires.', 'The expiry sweep.', false),
    },
  },
  ledger_account_entries: {
    purpose:
      "Each account's side of each expiry, and of each transfer recorded before 0662, with the balances after it: the account's statement.",
    retention: immutable,
    columns: {
      account_id: column('The account.', 'Its statement.', false),
      sequence: column("The entry's order in the ledger.", 'Statements in order.', false),
      transfer_id: column('The transfer.', 'What moved.', false),
      event: column('What happened (posted, pending, voided…).', 'The statement line.', false),
      side: column('debit or credit.', 'The statement line.', false),
      amount: column('The amount in minor units.', 'The statement line.', false),
      posted_balance_after: column('The posted balance after it.', 'Running balance without recomputing.', false),
      debits_pending_after: column('Pending debits after it.', 'Running totals.', false),
      credits_pending_after: column('Pending credits after it.', 'Running totals.', false),
      timestamp_ms: column('When.', 'The statement line.', false),
    },
  },
  ledger_journal: {
    purpose: 'The hash-chained journal of every ledger operation, so anyone can verify nothing was changed.',
    retention: immutable,
    columns: {
      sequence: column("The entry's order.", 'The chain.', false),
      kind: column('What operation it records.', 'Replaying and verifying.', false),
      payload: column(
        "The operation as JSON (limit changes with who and why; a batch of transfers as each one's id, number and the digest of its row — batches written before the digests hold every field, descriptions included).",
        'Verifying the ledger against its journal.',
        true,
      ),
      previous_hash: column('The hash of the entry before.', 'The chain.', false),
      hash: column("This entry's hash.", 'The chain.', false),
      recorded_at_ms: column('When.', 'The history.', false),
    },
  },
  ledger_chain_head: {
    purpose: "The last journal entry's sequence and hash (one row).",
    retention: 'One row, updated with every entry.',
    columns: {
      id: column('Always 1.', 'A single row.', false),
      sequence: column("The last entry's sequence.", 'Appending to the chain.', false),
      hash: column("The last entry's hash.", 'Appending to the chain.', false),
      change_sequence: column(
        'SQLite only: the last number given to a transfer or expiry (PostgreSQL uses a sequence).',
        'Numbering transfers apart from the journal, which takes one entry per batch.',
        false,
      ),
    },
  },
};
