/**
 * Paying another member: one single-phase ledger transfer whose id is derived from the payer and
 * the browser's idempotency key, so a double click or a retry never pays twice. Also the rules
 * under which a payer accepts payment requests automatically.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../../shared/languages.js';
import { networkLimits } from '../../shared/limits.js';
import type { AutoAcceptView, PaymentRequest, PaymentView } from '../../shared/network-api.js';
import type { Account, AccountId, TransferId, TransferResult } from '../ledger/index.js';
import { failure, success } from '../platform/outcome.js';
import { type Actor, type NetworkContext, networkFailures } from './context.js';
import type { NetworkFailure, NetworkResult } from './failures.js';
import type { Member } from './members.js';
import { networkWords, phraseIn, statusPhrase } from './words.js';

/** The codes naming each side of a payment when it cannot trade. */
const sideCodes = {
  payer: { notFound: 'payer_not_found', notApproved: 'payer_not_approved' },
  payee: { notFound: 'payee_not_found', notApproved: 'payee_not_approved' },
} as const;

/** Two approved members, able to trade: who pays and who is paid, with their ledger accounts. */
export interface Counterparties {
  payer: Member & { accountId: AccountId };
  payee: Member & { accountId: AccountId };
}

/** How much an account can still pay: balance − reserved + credit limit (unbounded without a limit). */
export function availableOf(account: Account): bigint | null {
  if (account.lowerLimit === null) return null;
  return account.creditsPosted - account.debitsPosted - account.debitsPending - account.lowerLimit;
}

/** Pays members; keeps auto-accept rules. */
export class PaymentsService {
  constructor(private readonly context: NetworkContext) {}

  /**
   * The acting member (`actingSlug`, which the actor must trade for) and the other member
   * (`otherSlug`), both approved and different. `acting` says which side the acting member is on.
   */
  async counterparties(
    actor: Actor,
    actingSlug: string,
    otherSlug: string,
    acting: 'payer' | 'payee',
  ): Promise<NetworkResult<Counterparties>> {
    const own = await this.context.memberActedFor(actor, actingSlug, 'trader');
    if (!own.ok) return own;
    const other = await this.context.members.bySlug(otherSlug);
    const otherSide = acting === 'payer' ? 'payee' : 'payer';
    if (!other || other.status === 'applied' || other.status === 'declined') {
      return failure(sideCodes[otherSide].notFound, networkWords.phrase('party_not_found', { slug: otherSlug }));
    }
    if (other.id === own.value.id) {
      return failure(
        'cannot_pay_yourself',
        networkWords.phrase(acting === 'payer' ? 'cannot_pay_yourself' : 'cannot_ask_yourself', { member: own.value.name }),
      );
    }
    const ownAccount = this.context.accountIdOf(own.value);
    if (own.value.status !== 'approved' || !ownAccount) {
      return failure(sideCodes[acting].notApproved, statusPhrase('cannot_trade', own.value));
    }
    const otherAccount = this.context.accountIdOf(other);
    if (other.status !== 'approved' || !otherAccount) {
      return failure(sideCodes[otherSide].notApproved, networkWords.phrase('other_suspended', { member: other.name }));
    }
    const ownSide = { ...own.value, accountId: ownAccount };
    const otherSideMember = { ...other, accountId: otherAccount };
    return success(acting === 'payer' ? { payer: ownSide, payee: otherSideMember } : { payer: otherSideMember, payee: ownSide });
  }

  /** Pays another member at once. Resubmitting the same idempotency key is success, never a second payment. */
  async pay(actor: Actor, payerSlug: string, request: PaymentRequest): Promise<NetworkResult<PaymentView>> {
    const parties = await this.counterparties(actor, payerSlug, request.payee, 'payer');
    if (!parties.ok) return parties;
    const amount = this.context.amount(request.amount);
    if (!amount.ok) return amount;
    const { payer, payee } = parties.value;
    const transferId = `pay-${createHash('sha256').update(`${payer.id}:${request.idempotencyKey}`).digest('base64url').slice(0, 40)}`;
    const result = await this.transfer(parties.value, transferId as TransferId, amount.value, request.description, request.reference);
    if (result.result !== 'ok') return this.refusal(result.result, parties.value);
    const after = await this.context.dependencies.ledger.findAccount(payer.accountId);
    if (!result.replayed) {
      const { description, reference } = request;
      const link = this.context.dependencies.link(`/network/members/${payee.slug}/account`);
      await this.context.notifyTraders(
        payee,
        'paid',
        (language) => ({
          payer: payer.name,
          payee: payee.name,
          amount: this.context.money(amount.value, language),
          description,
          withReference: reference ? 'yes' : 'no',
          reference,
          link,
        }),
        actor.language,
      );
    }
    return success({
      transferId: result.transfer.id,
      payer: payer.slug,
      payee: payee.slug,
      amount: this.context.format(result.transfer.amount),
      description: result.transfer.description,
      reference: result.transfer.reference,
      atMs: result.transfer.timestampMs,
      replayed: result.replayed,
      balanceAfter: this.context.format(after ? after.creditsPosted - after.debitsPosted : 0n),
    });
  }

  /** One single-phase transfer from payer to payee. */
  async transfer(parties: Counterparties, id: TransferId, amount: bigint, description: string, reference: string): Promise<TransferResult> {
    const [result] = await this.context.dependencies.ledger.createTransfers([
      {
        kind: 'single_phase',
        id,
        debitAccountId: parties.payer.accountId,
        creditAccountId: parties.payee.accountId,
        amount,
        currency: this.context.currency.code,
        description,
        reference,
      },
    ]);
    if (!result) throw new Error('the ledger answered an empty batch');
    return result;
  }

  /** The failure to show for a refused transfer; bugs (codes that cannot happen here) throw. */
  async refusal(code: Exclude<TransferResult['result'], 'ok'>, parties: Counterparties): Promise<NetworkFailure> {
    const { payer, payee } = parties;
    switch (code) {
      case 'exceeds_credit_limit': {
        const account = await this.context.dependencies.ledger.findAccount(payer.accountId);
        const available = account ? (availableOf(account) ?? 0n) : 0n;
        const most = available > 0n ? available : 0n;
        const words = (language: Language) => ({ payer: payer.name, available: this.context.money(most, language) });
        return failure('insufficient_credit', phraseIn('insufficient_credit', words));
      }
      case 'exceeds_upper_limit':
        return failure('payee_balance_limit', networkWords.phrase('payee_balance_limit', { payee: payee.name }));
      case 'exists_with_different_fields':
        return failure('idempotency_key_reused', networkWords.phrase('payment_form_reused'));
      case 'account_frozen':
      case 'account_closed':
        return failure('not_approved', networkWords.phrase('nothing_paid_suspended'));
      default:
        throw new Error(`a payment from ${payer.slug} to ${payee.slug} was refused with ${code}`);
    }
  }

  /** The payer's auto-accept rules; viewers may read them. */
  async autoAcceptRules(actor: Actor, slug: string): Promise<NetworkResult<AutoAcceptView>> {
    const member = await this.context.memberActedFor(actor, slug, 'viewer');
    if (!member.ok) return member;
    const rows = await this.context.db
      .selectFrom('network_auto_accept')
      .innerJoin('network_members', 'network_members.id', 'network_auto_accept.payee_id')
      .select(['network_members.slug', 'network_members.name', 'network_auto_accept.max_amount_minor'])
      .where('network_auto_accept.payer_id', '=', member.value.id)
      .orderBy('network_members.name')
      .execute();
    return success({
      rules: rows.map((row) => ({
        payee: row.slug,
        payeeName: row.name,
        maxAmount: row.max_amount_minor === null ? null : this.context.format(BigInt(row.max_amount_minor)),
      })),
    });
  }

  /** Pays requests from `payeeSlug` without asking, up to `maxAmount` each (null: any amount). Traders only. */
  async setAutoAccept(actor: Actor, slug: string, payeeSlug: string, maxAmountText: string | null): Promise<NetworkResult<AutoAcceptView>> {
    const parties = await this.counterparties(actor, slug, payeeSlug, 'payer');
    if (!parties.ok) return parties;
    const maxAmount = maxAmountText === null ? success(null) : this.context.amount(maxAmountText);
    if (!maxAmount.ok) return maxAmount;
    const { payer, payee } = parties.value;
    const rules = await this.context.db.selectFrom('network_auto_accept').select('payee_id').where('payer_id', '=', payer.id).execute();
    if (!rules.some((rule) => rule.payee_id === payee.id) && rules.length >= networkLimits.autoAcceptRulesPerMemberMax) {
      return failure('too_many_rules', networkWords.phrase('too_many_rules', { max: networkLimits.autoAcceptRulesPerMemberMax }));
    }
    const max = maxAmount.value === null ? null : maxAmount.value.toString();
    await this.context.db
      .insertInto('network_auto_accept')
      .values({ payer_id: payer.id, payee_id: payee.id, max_amount_minor: max, created_at_ms: this.context.nowMs() })
      .onConflict((conflict) => conflict.columns(['payer_id', 'payee_id']).doUpdateSet({ max_amount_minor: max }))
      .execute();
    return this.autoAcceptRules(actor, slug);
  }

  /** Removes an auto-accept rule; traders only. */
  async removeAutoAccept(actor: Actor, slug: string, payeeSlug: string): Promise<NetworkResult<AutoAcceptView>> {
    const member = await this.context.memberActedFor(actor, slug, 'trader');
    if (!member.ok) return member;
    const payee = await this.context.members.bySlug(payeeSlug);
    if (!payee) return networkFailures.memberNotFound();
    await this.context.db
      .deleteFrom('network_auto_accept')
      .where('payer_id', '=', member.value.id)
      .where('payee_id', '=', payee.id)
      .execute();
    return this.autoAcceptRules(actor, slug);
  }

  /** The largest amount `payer` accepts automatically from `payee`: a bigint, `'any'`, or undefined without a rule. */
  async autoAcceptLimit(payerId: string, payeeId: string): Promise<bigint | 'any' | undefined> {
    const rule = await this.context.db
      .selectFrom('network_auto_accept')
      .select('max_amount_minor')
      .where('payer_id', '=', payerId)
      .where('payee_id', '=', payeeId)
      .executeTakeFirst();
    if (!rule) return undefined;
    return rule.max_amount_minor === null ? 'any' : BigInt(rule.max_amount_minor);
  }
}
