/*
 * The example's permission policy: everything is allowed except
 *  - a FundingLine's amounts, which only members of the finance group see, and the catalog's
 *    unprocessed entities, which show files as declared, amounts included;
 *  - posting scorecard events, which people (the guest included) may not: pipelines and alert
 *    relays post with their static tokens, and app-config.yaml's opmodel.scorecard.ingestion.sources
 *    says which source each token may write;
 *  - freezing a scorecard period, which only the platform office may do.
 * Adopters write their own; this shows where opmodel's permissions fit.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { fundingAmountsReadPermission } from '@opmodel/plugin-opmodel-common';
import {
  scorecardEventsCreatePermission,
  scorecardPeriodFreezePermission,
} from '@opmodel/plugin-scorecard-common';

export const FINANCE_GROUP = 'group:default/finance';
export const PLATFORM_OFFICE_GROUP = 'group:default/platform-office';
// @backstage/plugin-catalog-backend-module-unprocessed's read permission
const CATALOG_UNPROCESSED_READ = 'catalog.entities.unprocessed.read';

const allowIf = (allowed: boolean): PolicyDecision => ({
  result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
});

export class ExamplePermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const refs = user?.info.ownershipEntityRefs ?? [];
    switch (request.permission.name) {
      case fundingAmountsReadPermission.name:
      case CATALOG_UNPROCESSED_READ:
        return allowIf(refs.includes(FINANCE_GROUP));
      case scorecardEventsCreatePermission.name:
        // only services (static tokens, plugins) reach a policy without a user
        return allowIf(user === undefined);
      case scorecardPeriodFreezePermission.name:
        return allowIf(refs.includes(PLATFORM_OFFICE_GROUP));
      default:
        return { result: AuthorizeResult.ALLOW };
    }
  }
}

export const examplePermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'opmodel-example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ExamplePermissionPolicy());
      },
    });
  },
});
