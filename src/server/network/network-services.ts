/** The network's services, built together over one shared context. */
import { AccountsService } from './accounts-service.js';
import { NetworkContext, type NetworkDependencies } from './context.js';
import { DirectoryService } from './directory-service.js';
import { MembershipService } from './membership-service.js';
import { PaymentsService } from './payments-service.js';
import { RequestsService } from './requests-service.js';

/** Every service of the network domain. */
export interface NetworkServices {
  context: NetworkContext;
  membership: MembershipService;
  directory: DirectoryService;
  payments: PaymentsService;
  requests: RequestsService;
  accounts: AccountsService;
}

/**
 * Builds the network services, creates the network currency in the ledger if it is missing, and
 * finishes payment requests a crash left half-accepted.
 */
export async function startNetworkServices(dependencies: NetworkDependencies): Promise<NetworkServices> {
  const context = new NetworkContext(dependencies);
  const payments = new PaymentsService(context);
  const services = {
    context,
    membership: new MembershipService(context),
    directory: new DirectoryService(context),
    payments,
    requests: new RequestsService(context, payments),
    accounts: new AccountsService(context),
  };
  await services.membership.ensureCurrency();
  await services.requests.recover();
  return services;
}
