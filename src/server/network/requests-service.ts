/**
 * Payment requests (invoices in credits). A request moves open → accepting → accepted, or
 * open → rejected / cancelled; past its expiry an open request reads as expired and can no longer
 * be accepted. `accepting` is claimed by a conditional update before the ledger transfer (whose
 * id is derived from the request) so that accept, reject and cancel never race into paying a
 * cancelled request; a request left `accepting` by a crash is finished by `recover()`.
 */

import { sql } from 'kysely';
import { nanoid } from 'nanoid';
import { z } from 'zod';
import type { Language } from '../../shared/languages.js';
import { limits, networkLimits } from '../../shared/limits.js';
import {
  type InvoiceListView,
  type InvoiceRequest,
  type InvoiceStatus,
  InvoiceStatusSchema,
  type InvoiceView,
} from '../../shared/network-api.js';
import type { TransferId } from '../ledger/index.js';
import { localInstanceId } from '../platform/instance.js';
import { failure, success } from '../platform/outcome.js';
import type { Actor, NetworkContext } from './context.js';
import type { NetworkResult } from './failures.js';
import type { Member } from './members.js';
import type { Counterparties, PaymentsService } from './payments-service.js';
import { networkWords } from './words.js';

const millis = z.union([z.number(), z.string()]).transform(Number);
const RequestRowSchema = z.object({
  id: z.string(),
  requester_id: z.string(),
  payer_id: z.string(),
  amount_minor: z
    .string()
    .regex(/^[0-9]+$/)
    .transform(BigInt),
  description: z.string(),
  reference: z.string(),
  due_date: z.string().nullable(),
  expires_at_ms: millis,
  status: InvoiceStatusSchema,
  reason: z.string().nullable(),
  created_by: z.string(),
  created_at_ms: millis,
  handled_by: z.string().nullable(),
  handled_at_ms: millis.nullable(),
  accepted_automatically: z.union([z.number(), z.boolean()]).transform(Boolean),
  transfer_id: z.string().nullable(),
  idempotency_key: z.string(),
});
type RequestRow = z.output<typeof RequestRowSchema>;

const dayMs = 86_400_000;
const notFound = () => failure('request_not_found', networkWords.phrase('request_not_found'));
const transferIdOf = (requestId: string) => `req-${requestId}` as TransferId;

/** Payment requests between members. */
export class RequestsService {
  constructor(
    private readonly context: NetworkContext,
    private readonly payments: PaymentsService,
  ) {}

  private effectiveStatus(row: RequestRow): InvoiceStatus {
    return row.status === 'open' && this.context.nowMs() >= row.expires_at_ms ? 'expired' : row.status;
  }

  private async find(id: string): Promise<RequestRow | undefined> {
    const row = await this.context.db.selectFrom('network_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row && RequestRowSchema.parse(row);
  }

  private async view(row: RequestRow, members?: Map<string, Member>): Promise<InvoiceView> {
    const named = async (id: string) => {
      const member = members?.get(id) ?? (await this.context.members.byId(id));
      return { slug: member?.slug ?? '', name: member?.name ?? '' };
    };
    return {
      id: row.id,
      requester: await named(row.requester_id),
      payer: await named(row.payer_id),
      amount: this.context.format(row.amount_minor),
      description: row.description,
      reference: row.reference,
      dueDate: row.due_date,
      expiresAtMs: row.expires_at_ms,
      status: this.effectiveStatus(row),
      reason: row.reason,
      createdAtMs: row.created_at_ms,
      handledAtMs: row.handled_at_ms,
      acceptedAutomatically: row.accepted_automatically,
      transferId: row.transfer_id,
    };
  }

  /** Asks another member to pay. The same idempotency key again returns the same request. */
  async create(
    actor: Actor,
    requesterSlug: string,
    input: InvoiceRequest,
  ): Promise<NetworkResult<{ request: InvoiceView; created: boolean }>> {
    const parties = await this.payments.counterparties(actor, requesterSlug, input.payer, 'payee');
    if (!parties.ok) return parties;
    const amount = this.context.amount(input.amount);
    if (!amount.ok) return amount;
    const { payer, payee: requester } = parties.value;
    const key = `${requester.id}:${input.idempotencyKey}`;
    const earlier = await this.context.db.selectFrom('network_requests').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
    if (earlier) return this.replay(RequestRowSchema.parse(earlier), payer, amount.value, input);
    const open = await this.context.db
      .selectFrom('network_requests')
      .select(sql<number>`count(*)`.as('count'))
      .where('requester_id', '=', requester.id)
      .where('status', '=', 'open')
      .where('expires_at_ms', '>', this.context.nowMs())
      .executeTakeFirstOrThrow();
    if (Number(open.count) >= networkLimits.openRequestsPerMemberMax) {
      return failure(
        'too_many_open_requests',
        networkWords.phrase('too_many_open_requests', { max: networkLimits.openRequestsPerMemberMax }),
      );
    }
    const now = this.context.nowMs();
    const id = `req_${nanoid(16)}`;
    await this.context.db
      .insertInto('network_requests')
      .values({
        id,
        requester_id: requester.id,
        payer_id: payer.id,
        amount_minor: amount.value.toString(),
        description: input.description,
        reference: input.reference,
        due_date: input.dueDate ?? null,
        expires_at_ms: now + (input.expiresInDays ?? networkLimits.requestExpiryDaysDefault) * dayMs,
        status: 'open',
        reason: null,
        created_by: actor.person.id,
        created_at_ms: now,
        handled_by: null,
        handled_at_ms: null,
        accepted_automatically: 0,
        transfer_id: null,
        idempotency_key: key,
      })
      .execute();
    const row = await this.find(id);
    if (!row) throw new Error('a payment request just written cannot be read back');
    if (await this.acceptsAutomatically(row)) {
      const settled = await this.settle(row, parties.value, actor, 'automatically');
      if (settled.ok) return success({ request: settled.value, created: true });
    }
    const link = this.context.dependencies.link(`/network/members/${payer.slug}/account`);
    await this.context.notifyTraders(
      payer,
      'request',
      (language) => ({
        requester: requester.name,
        payer: payer.name,
        amount: this.context.money(amount.value, language),
        description: input.description,
        withDue: input.dueDate ? 'yes' : 'no',
        due: input.dueDate ?? '',
        link,
      }),
      actor.language,
    );
    return success({ request: await this.view(row), created: true });
  }

  private async replay(
    earlier: RequestRow,
    payer: Member,
    amount: bigint,
    input: InvoiceRequest,
  ): Promise<NetworkResult<{ request: InvoiceView; created: boolean }>> {
    const same =
      earlier.payer_id === payer.id &&
      earlier.amount_minor === amount &&
      earlier.description === input.description &&
      earlier.reference === input.reference &&
      earlier.due_date === (input.dueDate ?? null);
    if (!same) {
      return failure('idempotency_key_reused', networkWords.phrase('request_form_reused'));
    }
    return success({ request: await this.view(earlier), created: false });
  }

  private async acceptsAutomatically(row: RequestRow): Promise<boolean> {
    const limit = await this.payments.autoAcceptLimit(row.payer_id, row.requester_id);
    return limit === 'any' || (limit !== undefined && row.amount_minor <= limit);
  }

  /** The member's requests, received and sent, newest first; viewers may read them. */
  async list(actor: Actor, slug: string): Promise<NetworkResult<InvoiceListView>> {
    const member = await this.context.memberActedFor(actor, slug, 'viewer');
    if (!member.ok) return member;
    const rows = async (column: 'payer_id' | 'requester_id') => {
      const found = await this.context.db
        .selectFrom('network_requests')
        .selectAll()
        .where(column, '=', member.value.id)
        .orderBy('created_at_ms', 'desc')
        .orderBy('id')
        .limit(networkLimits.requestListRowsMax)
        .execute();
      return found.map((row) => RequestRowSchema.parse(row));
    };
    const [incoming, outgoing] = [await rows('payer_id'), await rows('requester_id')];
    // Only the members these requests name are read.
    const members = await this.context.members.byIds([
      ...new Set([...incoming, ...outgoing].flatMap((row) => [row.payer_id, row.requester_id])),
    ]);
    return success({
      incoming: await Promise.all(incoming.map((row) => this.view(row, members))),
      outgoing: await Promise.all(outgoing.map((row) => this.view(row, members))),
    });
  }

  /** The payer accepts: the ledger transfer is made and the request is marked accepted. */
  async accept(actor: Actor, payerSlug: string, requestId: string): Promise<NetworkResult<InvoiceView>> {
    const payer = await this.context.memberActedFor(actor, payerSlug, 'trader');
    if (!payer.ok) return payer;
    const row = await this.find(requestId);
    if (!row || row.payer_id !== payer.value.id) return notFound();
    const requester = await this.context.members.byId(row.requester_id);
    if (!requester) throw new Error(`request ${row.id} names a missing requester`);
    const parties = await this.payments.counterparties(actor, payerSlug, requester.slug, 'payer');
    if (!parties.ok) return parties;
    return this.settle(row, parties.value, actor, 'by hand');
  }

  /**
   * Claims the request (`open` → `accepting`, which only one caller can win), makes the transfer,
   * and records the outcome; accepted `automatically` under the payer's auto-accept rule when
   * `actor` (the requester) creates it, else `by hand` by `actor` (the payer). A request someone
   * else is accepting right now is refused, never transferred a second time by this caller.
   */
  private async settle(
    row: RequestRow,
    parties: Counterparties,
    actor: Actor,
    how: 'automatically' | 'by hand',
  ): Promise<NetworkResult<InvoiceView>> {
    const by = how === 'automatically' ? undefined : actor.person.id;
    const problem = this.notAcceptable(row);
    if (problem) return problem;
    const claimed = await this.context.db
      .updateTable('network_requests')
      .set({
        status: 'accepting',
        handled_by: by ?? null,
        accepted_automatically: by === undefined ? 1 : 0,
        claimed_by: this.instanceId,
        claimed_at_ms: this.context.nowMs(),
      })
      .where('id', '=', row.id)
      .where('status', '=', 'open')
      .where('expires_at_ms', '>', this.context.nowMs())
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return this.notAcceptable((await this.find(row.id)) ?? row) ?? notFound();
    const transfer = await this.payments.transfer(parties, transferIdOf(row.id), row.amount_minor, row.description, row.reference);
    if (transfer.result !== 'ok') {
      await this.context.db
        .updateTable('network_requests')
        .set({ status: 'open', handled_by: null, accepted_automatically: 0, claimed_by: null, claimed_at_ms: null })
        .where('id', '=', row.id)
        .where('status', '=', 'accepting')
        .execute();
      return this.payments.refusal(transfer.result, parties);
    }
    await this.markAccepted(row.id, transfer.transfer.timestampMs);
    const accepted = await this.find(row.id);
    if (!accepted) throw new Error(`request ${row.id} vanished`);
    await this.context.notifyTraders(
      parties.payee,
      how === 'automatically' ? 'request_paid_automatically' : 'request_paid',
      (language) => ({ payer: parties.payer.name, amount: this.context.money(row.amount_minor, language), description: row.description }),
      actor.language,
    );
    return success(await this.view(accepted));
  }

  /** Records the transfer of a claimed request; only its claimer (or recovery) gets here. */
  /**
   * Marks a paid request accepted. Its claimer asserts it was still `accepting`; recovery
   * (`whileRecovering`) may find another instance's recovery got there first, which is fine.
   */
  private async markAccepted(id: string, atMs: number, whileRecovering = false): Promise<void> {
    const marked = await this.context.db
      .updateTable('network_requests')
      .set({ status: 'accepted', transfer_id: transferIdOf(id), handled_at_ms: atMs })
      .where('id', '=', id)
      .where('status', '=', 'accepting')
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) === 0 && !whileRecovering) throw new Error(`request ${id} was paid but is no longer being accepted`);
  }

  private notAcceptable(row: RequestRow) {
    const status = this.effectiveStatus(row);
    if (status === 'expired') return failure('request_expired', networkWords.phrase('request_expired'));
    if (status === 'accepting') return failure('request_not_open', networkWords.phrase('request_being_accepted'));
    if (status !== 'open') return failure('request_not_open', networkWords.phrase(`request_already_${status}`));
    return undefined;
  }

  /** The payer rejects the request with a reason the requester sees. */
  async reject(actor: Actor, payerSlug: string, requestId: string, reason: string): Promise<NetworkResult<InvoiceView>> {
    return this.close(actor, payerSlug, requestId, 'payer_id', 'rejected', reason);
  }

  /** The requester withdraws an open request. */
  async cancel(actor: Actor, requesterSlug: string, requestId: string): Promise<NetworkResult<InvoiceView>> {
    return this.close(actor, requesterSlug, requestId, 'requester_id', 'cancelled', null);
  }

  private async close(
    actor: Actor,
    slug: string,
    requestId: string,
    side: 'payer_id' | 'requester_id',
    status: 'rejected' | 'cancelled',
    reason: string | null,
  ): Promise<NetworkResult<InvoiceView>> {
    const member = await this.context.memberActedFor(actor, slug, 'trader');
    if (!member.ok) return member;
    const row = await this.find(requestId);
    if (!row || row[side] !== member.value.id) return notFound();
    const problem = this.notAcceptable(row);
    if (problem) return problem;
    const now = this.context.nowMs();
    const closed = await this.context.db
      .updateTable('network_requests')
      .set({ status, reason, handled_by: actor.person.id, handled_at_ms: now })
      .where('id', '=', row.id)
      .where('status', '=', 'open')
      .where('expires_at_ms', '>', now)
      .executeTakeFirst();
    const after = (await this.find(row.id)) ?? row;
    if (Number(closed.numUpdatedRows) === 0) return this.notAcceptable(after) ?? notFound();
    const otherId = side === 'payer_id' ? row.requester_id : row.payer_id;
    const other = await this.context.members.byId(otherId);
    if (other) {
      const words = (language: Language) => ({
        member: member.value.name,
        description: row.description,
        amount: this.context.money(row.amount_minor, language),
      });
      if (status === 'rejected') {
        await this.context.notifyTraders(
          other,
          'request_rejected',
          (language) => ({ ...words(language), reason: reason ?? '' }),
          actor.language,
        );
      } else {
        await this.context.notifyTraders(other, 'request_cancelled', words, actor.language);
      }
    }
    return success(await this.view(after));
  }

  /**
   * Tells the requesters of requests that expired unpaid, once each; returns how many. The
   * conditional update makes sure two sweeps never send the same notice twice.
   */
  async notifyExpired(): Promise<number> {
    const now = this.context.nowMs();
    const expired = await this.context.db
      .selectFrom('network_requests')
      .selectAll()
      .where('status', '=', 'open')
      .where('expires_at_ms', '<=', now)
      .where('expiry_notified', '=', 0)
      .orderBy('expires_at_ms')
      .limit(networkLimits.requestExpirySweepBatchMax)
      .execute();
    let told = 0;
    for (const found of expired) {
      const row = RequestRowSchema.parse(found);
      const claimed = await this.context.db
        .updateTable('network_requests')
        .set({ expiry_notified: 1 })
        .where('id', '=', row.id)
        .where('status', '=', 'open')
        .where('expiry_notified', '=', 0)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      const [requester, payer] = await Promise.all([this.context.members.byId(row.requester_id), this.context.members.byId(row.payer_id)]);
      if (!requester || !payer) continue;
      const link = this.context.dependencies.link(`/network/members/${requester.slug}/account`);
      await this.context.notifyTraders(requester, 'request_expired', (language) => ({
        payer: payer.name,
        description: row.description,
        amount: this.context.money(row.amount_minor, language),
        link,
      }));
      told += 1;
    }
    return told;
  }

  private get instanceId() {
    return this.context.dependencies.instanceId ?? localInstanceId;
  }

  /**
   * Finishes requests a crash left `accepting`: accepted if their transfer exists, open again if
   * not. Called at start-up, before this instance accepts anything, it takes only the requests this
   * instance claimed in a previous run, those whose claim is older than the lease (their instance
   * is presumed dead) and unclaimed ones (from before claims); another live instance's are left
   * alone. Taking one whose owner is only slow is safe: the transfer id is the request's, so the
   * ledger never pays it twice. Returns how many it finished.
   *
   * With `startingUp: false` (the periodic sweep of a running instance, whose own accepts may be
   * under way) it takes only requests whose claim has lapsed.
   */
  async recover(options: { startingUp?: boolean } = {}): Promise<number> {
    const startingUp = options.startingUp ?? true;
    const staleBeforeMs = this.context.nowMs() - (this.context.dependencies.claimLeaseMs ?? limits.instanceClaimLeaseMs);
    const stuck = await this.context.db
      .selectFrom('network_requests')
      .select('id')
      .where('status', '=', 'accepting')
      .where((row) =>
        startingUp
          ? row.or([
              row('claimed_by', '=', this.instanceId),
              row('claimed_by', 'is', null),
              row('claimed_at_ms', 'is', null),
              row('claimed_at_ms', '<', staleBeforeMs),
            ])
          : row('claimed_at_ms', '<', staleBeforeMs),
      )
      .execute();
    for (const { id } of stuck) {
      const transfer = await this.context.dependencies.ledger.findTransfer(transferIdOf(id));
      if (transfer) await this.markAccepted(id, transfer.transfer.timestampMs, true);
      else {
        await this.context.db
          .updateTable('network_requests')
          .set({ status: 'open', handled_by: null, accepted_automatically: 0, claimed_by: null, claimed_at_ms: null })
          .where('id', '=', id)
          .where('status', '=', 'accepting')
          .execute();
      }
    }
    return stuck.length;
  }
}
