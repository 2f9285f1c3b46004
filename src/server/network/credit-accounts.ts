/**
 * What other domains (billing) may know of the network's accounts: whether an organisation is a
 * trading member and which ledger account is its, and which is the co-op's. Money still moves only
 * through the ledger, with its own checks (a suspended member's account is frozen there).
 */
import { type AccountId, AccountIdSchema } from '../ledger/index.js';
import type { NetworkContext } from './context.js';

/** A trading member's ledger account, as billing sees it. */
export interface CreditAccount {
  accountId: AccountId;
  /** Approved (able to pay); suspended members' accounts are frozen in the ledger. */
  approved: boolean;
  name: string;
}

/** The network's accounts as billing reads them. */
export interface CreditAccounts {
  /** The organisation's trading account, if it was ever approved (it has an account). */
  accountOf(organisationId: string): Promise<CreditAccount | undefined>;
  /** The co-op's own trading account (the member named by `COOP_ORGANISATION`), once approved. */
  coOpAccount(): Promise<CreditAccount | undefined>;
}

/** The network's accounts for billing, read through the network's own repository. */
export function creditAccounts(context: NetworkContext): CreditAccounts {
  const asAccount = (member: { accountId: string | null; status: string; name: string } | undefined): CreditAccount | undefined =>
    member?.accountId
      ? { accountId: AccountIdSchema.parse(member.accountId), approved: member.status === 'approved', name: member.name }
      : undefined;
  return {
    accountOf: async (organisationId) => asAccount((await context.members.byOrganisations([organisationId]))[0]),
    coOpAccount: async () => {
      const slug = context.dependencies.settings.coOpOrganisation;
      return slug === undefined ? undefined : asAccount(await context.members.bySlug(slug));
    },
  };
}
