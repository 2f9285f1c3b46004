/**
 * Secret ballots (threat model in `SECRET-BALLOTS.md`). Who voted and how they voted are kept in
 * two tables that share nothing but the proposal: a receipt per member (no time, no ballot), and
 * a ballot per key (no member, no time). The key is the SHA-256 of the proposal, the member and a
 * 32-byte random token the server returns to the voter once and never stores, so only the holder
 * of the token can find (and change) the ballot again. The receipt and the ballot are written in
 * one transaction; the receipt's primary key refuses a second first vote. At close, the ballots
 * are rewritten in a random order (and the receipts in member order) in the sealing transaction,
 * so neither the heap order nor the transaction ids of the rows recall the order of voting.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { SqliteAdapter, sql } from 'kysely';
import type { GovernanceDatabase } from './context.js';

/** A fresh ballot token: 32 random bytes in base64url (43 characters). */
export function newBallotToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The key a ballot is stored under: SHA-256 of proposal, member and token (hex). */
export function ballotKeyOf(proposalId: string, memberId: string, ballotToken: string): string {
  return createHash('sha256').update(`${proposalId}\n${memberId}\n${ballotToken}`).digest('hex');
}

/** Locks the proposal's row until the transaction ends (PostgreSQL; SQLite has one writer already). */
export async function lockProposal(transaction: GovernanceDatabase, proposalId: string): Promise<void> {
  const sqlite = transaction.getExecutor().adapter instanceof SqliteAdapter;
  await sql`select id from governance_proposals where id = ${proposalId}${sql.raw(sqlite ? '' : ' for update')}`.execute(transaction);
}

/** Whether the outcome of the proposal is sealed (no ballot may be cast or changed then). */
export async function isSealed(transaction: GovernanceDatabase, proposalId: string): Promise<boolean> {
  const outcome = await transaction
    .selectFrom('governance_outcomes')
    .select('id')
    .where('proposal_id', '=', proposalId)
    .where('revision', '=', 0)
    .executeTakeFirst();
  return outcome !== undefined;
}

/** What casting a secret ballot came to. */
export type SecretCast =
  | { cast: 'first'; ballotToken: string }
  | { cast: 'changed' }
  | { cast: 'already_voted' | 'token_wrong' | 'sealed' };

/**
 * Casts a member's secret ballot in one transaction. With a token that keys a ballot already,
 * replaces that ballot (a change, or the same first vote sent again after its reply was lost).
 * Otherwise it is a first vote: a receipt — refused when the member has one — and the ballot under
 * the key of the token the browser chose (it keeps the token before sending, so a lost reply loses
 * nothing), or of a new token the server draws and returns once when the browser sent none.
 */
export async function castSecretBallot(
  db: GovernanceDatabase,
  vote: { proposalId: string; memberId: string; ballotJson: string; ballotToken: string | undefined },
): Promise<SecretCast> {
  return db.transaction().execute(async (transaction): Promise<SecretCast> => {
    await lockProposal(transaction, vote.proposalId);
    if (await isSealed(transaction, vote.proposalId)) return { cast: 'sealed' };
    if (vote.ballotToken !== undefined) {
      const changed = await transaction
        .updateTable('governance_secret_ballots')
        .set({ ballot_json: vote.ballotJson })
        .where('proposal_id', '=', vote.proposalId)
        .where('ballot_key', '=', ballotKeyOf(vote.proposalId, vote.memberId, vote.ballotToken))
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 1) return { cast: 'changed' };
    }
    const receipt = await transaction
      .insertInto('governance_ballot_receipts')
      .values({ proposal_id: vote.proposalId, member_id: vote.memberId })
      .onConflict((conflict) => conflict.columns(['proposal_id', 'member_id']).doNothing())
      .executeTakeFirst();
    // Voted already: with a token that keys none of the ballots it is the wrong one; without, a second vote.
    if (Number(receipt.numInsertedOrUpdatedRows ?? 0n) !== 1)
      return { cast: vote.ballotToken === undefined ? 'already_voted' : 'token_wrong' };
    const ballotToken = vote.ballotToken ?? newBallotToken();
    await transaction
      .insertInto('governance_secret_ballots')
      .values({
        proposal_id: vote.proposalId,
        ballot_key: ballotKeyOf(vote.proposalId, vote.memberId, ballotToken),
        ballot_json: vote.ballotJson,
      })
      .execute();
    return { cast: 'first', ballotToken };
  });
}

/** The members who have voted on a secret proposal (from the receipts; says nothing of how). */
export async function secretVotersOf(db: GovernanceDatabase, proposalId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('governance_ballot_receipts').select('member_id').where('proposal_id', '=', proposalId).execute();
  return new Set(rows.map((row) => row.member_id));
}

/** A shuffled copy of `items` (Fisher–Yates on the system's cryptographic random numbers). */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

const rowsPerInsert = 500;

/**
 * In the sealing transaction: the proposal's ballots (as stored JSON) and voters, asserted one
 * ballot per receipt, after rewriting the ballots in a random order and the receipts in member
 * order — new rows, one transaction id, nothing left of the order they came in.
 */
export async function takeSecretBallots(
  transaction: GovernanceDatabase,
  proposalId: string,
): Promise<{ ballotsJson: string[]; voters: string[] }> {
  const ballots = await transaction.selectFrom('governance_secret_ballots').selectAll().where('proposal_id', '=', proposalId).execute();
  const receipts = await transaction
    .selectFrom('governance_ballot_receipts')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('member_id')
    .execute();
  assert.equal(ballots.length, receipts.length, 'a secret ballot for every receipt, and a receipt for every ballot');
  await transaction.deleteFrom('governance_secret_ballots').where('proposal_id', '=', proposalId).execute();
  await transaction.deleteFrom('governance_ballot_receipts').where('proposal_id', '=', proposalId).execute();
  const mixed = shuffled(ballots);
  for (let start = 0; start < mixed.length; start += rowsPerInsert) {
    await transaction
      .insertInto('governance_secret_ballots')
      .values(mixed.slice(start, start + rowsPerInsert))
      .execute();
  }
  for (let start = 0; start < receipts.length; start += rowsPerInsert) {
    await transaction
      .insertInto('governance_ballot_receipts')
      .values(receipts.slice(start, start + rowsPerInsert))
      .execute();
  }
  return { ballotsJson: mixed.map((ballot) => ballot.ballot_json), voters: receipts.map((receipt) => receipt.member_id) };
}
