/**
 * Joining the network and its administration: applications, approval (which opens a ledger
 * account with the default credit limit) or decline with a reason, credit-limit changes and
 * suspension, each recorded in the ledger with who and why.
 */
import { nanoid } from 'nanoid';
import type { Language } from '../../shared/languages.js';
import type { ApplicationRequest, NetworkHomeView } from '../../shared/network-api.js';
import { type AccountChange, type AccountId, AccountIdSchema } from '../ledger/index.js';
import { failure, success } from '../platform/outcome.js';
import { foldForSearch, searchTextOf } from '../platform/search-text.js';
import { type Actor, type NetworkContext, networkFailures } from './context.js';
import type { NetworkResult } from './failures.js';
import { type Member, memberSummary, statusReasonOf } from './members.js';
import { letterIn, networkWords, phraseIn, statusIn, statusPhrase } from './words.js';

const notPending = (member: Member) => failure('application_not_pending', statusPhrase('application_not_pending', member));

/** Applications, reviews, limits and suspension. */
export class MembershipService {
  constructor(private readonly context: NetworkContext) {}

  /** Creates the network currency in the ledger unless it exists; a different currency under the same code is an error. */
  async ensureCurrency(): Promise<void> {
    const outcome = await this.context.dependencies.ledger.createCurrency(this.context.currency);
    if (outcome.result !== 'ok') {
      throw new Error(`the network currency ${this.context.currency.code} exists in the ledger with a different name or scale`);
    }
  }

  /** The network as `actor` sees it. */
  async home(actor: Actor): Promise<NetworkHomeView> {
    const mine = await this.context.actingMembers(actor);
    const applied = new Set(mine.filter((member) => member.status !== 'declined').map((member) => member.organisationId));
    const balanceOf = async (member: Member): Promise<string | null> => {
      const accountId = this.context.accountIdOf(member);
      const account = accountId && (await this.context.dependencies.ledger.findAccount(accountId));
      return account ? this.context.format(account.creditsPosted - account.debitsPosted) : null;
    };
    return {
      currency: this.context.currency,
      defaultCreditLimit: this.context.format(this.context.dependencies.settings.defaultCreditLimitMinor),
      administrator: actor.administrator,
      mine: await Promise.all(
        mine.map(async (member) => ({
          ...memberSummary(member),
          access: member.access,
          balance: await balanceOf(member),
          statusReason: statusReasonOf(member),
        })),
      ),
      canApplyFor: actor.memberships
        .filter((membership) => membership.role !== 'member' && !applied.has(membership.organisationId))
        .map(({ slug, name }) => ({ slug, name })),
    };
  }

  /** Applies to join for an organisation the actor manages, or for a new trading-only business. */
  async apply(actor: Actor, request: ApplicationRequest): Promise<NetworkResult<Member>> {
    const coOpSlug = this.context.dependencies.settings.coOpOrganisation;
    const requestedSlug = request.business?.slug ?? request.organisation;
    // The co-op's own account is public to every member and is the co-op's money: only an
    // administrator may open it, so nobody can claim the co-op's short name first.
    if (coOpSlug !== undefined && requestedSlug === coOpSlug && !actor.administrator) {
      return failure('administrator_required', networkWords.phrase('co_op_administrator_required'));
    }
    const organisation = await this.organisationFor(actor, request);
    if (!organisation.ok) return organisation;
    const { organisationId, slug, name } = organisation.value;
    const existing = (await this.context.members.byOrganisations([organisationId]))[0];
    if (existing && existing.status !== 'declined') {
      return failure('already_applied', statusPhrase('already_applied', existing));
    }
    const now = this.context.nowMs();
    const profile = {
      description: request.profile.description,
      location: request.profile.location,
      website: request.profile.website,
      contact: request.profile.contact,
      show_balance: request.profile.showBalance ? 1 : 0,
    };
    const application = {
      status: 'applied',
      applied_by: actor.person.id,
      applied_at_ms: now,
      reason: null,
      ...profile,
      search_text: searchTextOf(name, profile.description, profile.location),
      sort_key: foldForSearch(name),
    };
    if (existing) {
      await this.context.db.updateTable('network_members').set(application).where('id', '=', existing.id).execute();
    } else {
      const coOp = slug === this.context.dependencies.settings.coOpOrganisation ? 1 : 0;
      await this.context.db
        .insertInto('network_members')
        .values({ id: `mem_${nanoid(16)}`, organisation_id: organisationId, slug, name, co_op: coOp, account_id: null, ...application })
        .execute();
    }
    const member = await this.context.members.bySlug(slug);
    if (!member) throw new Error('an application just written cannot be read back');
    await this.tellAdministrators(member, actor);
    return success(member);
  }

  private async organisationFor(
    actor: Actor,
    request: ApplicationRequest,
  ): Promise<NetworkResult<{ organisationId: string; slug: string; name: string }>> {
    if (request.business) {
      const created = await this.context.dependencies.organisations.create(actor.person, request.business);
      if (!created.ok) return created;
      actor.memberships.push(created.value);
      return success(created.value);
    }
    const membership = actor.memberships.find((candidate) => candidate.slug === request.organisation);
    if (!membership) return failure('organisation_not_found', networkWords.phrase('organisation_not_found'));
    if (membership.role === 'member') {
      return failure('trader_required', networkWords.phrase('apply_trader_required', { organisation: membership.name }));
    }
    return success(membership);
  }

  /** Tells the administrators, each in their own language (else the applicant's). */
  private async tellAdministrators(member: Member, applicant: Actor): Promise<void> {
    const parameters = { member: member.name, applicant: applicant.person.name, link: this.context.dependencies.link('/network/admin') };
    for (const email of this.context.dependencies.administratorEmails) {
      await this.context.dependencies.mailer.sendLetter({
        to: email,
        language: applicant.language,
        write: (language) => letterIn(language, 'application', parameters),
      });
    }
  }

  /** Approves an application: opens the ledger account with the default credit limit. */
  async approve(actor: Actor, slug: string): Promise<NetworkResult<Member>> {
    const member = await this.reviewable(actor, slug);
    if (!member.ok) return member;
    const accountId = `network-${member.value.id}` as AccountId;
    const { ledger, settings } = this.context.dependencies;
    const opened = await ledger.createAccount({
      id: accountId,
      currency: this.context.currency.code,
      ownerKind: member.value.coOp ? 'co_op' : 'member_organisation',
      ownerId: member.value.organisationId,
      lowerLimit: -settings.defaultCreditLimitMinor,
      upperLimit: null,
    });
    // `exists_with_different_fields`: an earlier approval opened it, then the default limit changed.
    if (opened.result !== 'ok' && opened.result !== 'exists_with_different_fields') {
      throw new Error(`opening the ledger account of ${member.value.slug} failed: ${opened.result}`);
    }
    const updated = await this.context.db
      .updateTable('network_members')
      .set({ status: 'approved', account_id: accountId, reviewed_by: actor.person.id, reviewed_at_ms: this.context.nowMs(), reason: null })
      .where('id', '=', member.value.id)
      .where('status', '=', 'applied')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return notPending(member.value);
    const link = this.context.dependencies.link(`/network/members/${member.value.slug}/account`);
    await this.context.notifyTraders(
      member.value,
      'approved',
      (language) => ({
        member: member.value.name,
        currency: this.context.currency.name,
        limit: this.context.money(settings.defaultCreditLimitMinor, language),
        link,
      }),
      actor.language,
    );
    return this.reread(member.value);
  }

  /** Declines an application with a reason the applicant sees. */
  async decline(actor: Actor, slug: string, reason: string): Promise<NetworkResult<Member>> {
    const member = await this.reviewable(actor, slug);
    if (!member.ok) return member;
    const updated = await this.context.db
      .updateTable('network_members')
      .set({ status: 'declined', reviewed_by: actor.person.id, reviewed_at_ms: this.context.nowMs(), reason })
      .where('id', '=', member.value.id)
      .where('status', '=', 'applied')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return notPending(member.value);
    await this.context.notifyTraders(member.value, 'declined', () => ({ member: member.value.name, reason }), actor.language);
    return this.reread(member.value);
  }

  private async reviewable(actor: Actor, slug: string): Promise<NetworkResult<Member>> {
    if (!actor.administrator) return networkFailures.administratorRequired();
    const member = await this.context.members.bySlug(slug);
    if (!member) return networkFailures.memberNotFound();
    return member.status === 'applied' ? success(member) : notPending(member);
  }

  private async reread(member: Member): Promise<NetworkResult<Member>> {
    const fresh = await this.context.members.byId(member.id);
    if (!fresh) throw new Error(`member ${member.id} vanished`);
    return success(fresh);
  }

  /** Sets a member's credit limit (how far below zero it may go), recorded with who and why. */
  async changeCreditLimit(actor: Actor, slug: string, creditLimitText: string, reason: string): Promise<NetworkResult<Member>> {
    const found = await this.withAccount(actor, slug);
    if (!found.ok) return found;
    const { member, accountId } = found.value;
    const creditLimit = /^\s*0+([.,]0*)?\s*$/.test(creditLimitText) ? success(0n) : this.context.amount(creditLimitText);
    if (!creditLimit.ok) return creditLimit;
    const { ledger } = this.context.dependencies;
    const account = await ledger.findAccount(accountId);
    if (!account) throw new Error(`the ledger account of ${slug} is missing`);
    const changed = await ledger.changeAccountLimits(accountId, {
      lowerLimit: -creditLimit.value,
      upperLimit: account.upperLimit,
      changedBy: this.context.author(actor),
      reason,
    });
    if (changed.result === 'balance_outside_new_limits') {
      const balance = account.creditsPosted - account.debitsPosted - account.debitsPending;
      const used = (language: Language) => ({ member: member.name, used: this.context.money(-balance, language) });
      return failure('limit_below_balance', phraseIn('limit_below_balance', used));
    }
    if (changed.result !== 'ok') throw new Error(`changing the limit of ${slug} failed: ${changed.result}`);
    await this.context.notifyTraders(
      member,
      'credit_limit',
      (language) => ({ member: member.name, limit: this.context.money(creditLimit.value, language), reason }),
      actor.language,
    );
    return success(member);
  }

  /** Suspends an approved member (its account is frozen) or reinstates a suspended one. */
  async setSuspended(actor: Actor, slug: string, suspended: boolean, reason: string): Promise<NetworkResult<Member>> {
    const found = await this.withAccount(actor, slug);
    if (!found.ok) return found;
    const { member, accountId } = found.value;
    const from = suspended ? 'approved' : 'suspended';
    if (member.status !== from) {
      return failure(
        suspended ? 'member_not_approved' : 'member_not_suspended',
        phraseIn('member_not_in_status', (language) => ({
          member: member.name,
          status: statusIn(language, member.status),
          expected: statusIn(language, from),
        })),
      );
    }
    const changed = await this.context.dependencies.ledger.changeAccountState(accountId, {
      state: suspended ? 'frozen' : 'active',
      changedBy: this.context.author(actor),
      reason,
    });
    if (changed.result !== 'ok') throw new Error(`changing the state of ${slug} failed: ${changed.result}`);
    await this.context.db
      .updateTable('network_members')
      .set({ status: suspended ? 'suspended' : 'approved', reason, reviewed_by: actor.person.id, reviewed_at_ms: this.context.nowMs() })
      .where('id', '=', member.id)
      .execute();
    await this.context.notifyTraders(
      member,
      suspended ? 'suspended' : 'reinstated',
      () => ({ member: member.name, reason, appeal: this.context.dependencies.link('/coop/sanctions') }),
      actor.language,
    );
    await this.context.dependencies.onStatusChange?.({
      organisationId: member.organisationId,
      memberName: member.name,
      suspended,
      reason,
      byPersonId: actor.person.id,
    });
    return this.reread(member);
  }

  /**
   * Reinstates the organisation's suspended trading member because the co-op's members upheld its
   * appeal: the account thaws, the member is approved, its traders are told. False when it is not
   * suspended (reinstated meanwhile, or never a member).
   */
  async reinstateByVote(organisationId: string, reason: string): Promise<boolean> {
    const [member] = await this.context.members.byOrganisations([organisationId]);
    if (member?.status !== 'suspended' || !member.accountId) return false;
    const changed = await this.context.dependencies.ledger.changeAccountState(AccountIdSchema.parse(member.accountId), {
      state: 'active',
      changedBy: 'the co-op’s members, by vote',
      reason,
    });
    if (changed.result !== 'ok') throw new Error(`reinstating ${member.slug} failed: ${changed.result}`);
    await this.context.db
      .updateTable('network_members')
      .set({ status: 'approved', reason, reviewed_by: 'vote', reviewed_at_ms: this.context.nowMs() })
      .where('id', '=', member.id)
      .where('status', '=', 'suspended')
      .execute();
    await this.context.notifyTraders(member, 'reinstated', () => ({ member: member.name, reason, appeal: '' }));
    await this.context.dependencies.onStatusChange?.({
      organisationId,
      memberName: member.name,
      suspended: false,
      reason,
      byPersonId: 'vote',
    });
    return true;
  }

  /** The recorded limit and state changes of a member's account, newest first, in the actor's language. */
  async limitChanges(
    actor: Actor,
    slug: string,
  ): Promise<NetworkResult<{ atMs: number; changedBy: string; reason: string; change: string }[]>> {
    const found = await this.withAccount(actor, slug);
    if (!found.ok) return found;
    const changes = await this.context.dependencies.ledger.listAccountChanges(found.value.accountId);
    return success(
      changes.reverse().map((change) => ({
        atMs: change.changedAtMs,
        changedBy: change.changedBy,
        reason: change.reason,
        change: this.changeIn(change, actor.language),
      })),
    );
  }

  private changeIn(change: AccountChange, language: Language): string {
    if (change.change === 'state') return networkWords.in(language, `limit_change_${change.state}`);
    if (change.lowerLimit === null) return networkWords.in(language, 'limit_change_no_credit_limit');
    return networkWords.in(language, 'limit_change_credit_limit', { limit: this.context.money(-change.lowerLimit, language) });
  }

  private async withAccount(actor: Actor, slug: string): Promise<NetworkResult<{ member: Member; accountId: AccountId }>> {
    if (!actor.administrator) return networkFailures.administratorRequired();
    const member = await this.context.members.bySlug(slug);
    if (!member) return networkFailures.memberNotFound();
    const accountId = this.context.accountIdOf(member);
    if (!accountId) return networkFailures.notApproved(member);
    return success({ member, accountId });
  }
}
