/**
 * The operating model on entity pages: Platform, OperatingRole and FundingLine contents, and
 * cards for Groups, Users, Components and Systems. This entry point is for the classic frontend
 * system; `/alpha` holds the new-frontend-system plugin.
 *
 * @packageDocumentation
 */
export {
  opmodelPlugin,
  EntityPlatformContent,
  EntityOperatingRoleContent,
  EntityFundingLineContent,
  EntityGroupOperatingModelCard,
  EntityUserRolesCard,
  EntityIncludedInPlatformsCard,
} from './plugin';
export { fundingAmountsApiRef } from './api/fundingAmountsApiRef';
export { FundingAmountsClient } from '@opmodel/plugin-opmodel-common';
export {
  isPlatformEntity,
  isOperatingRoleEntity,
  isFundingLineEntity,
} from '@opmodel/plugin-opmodel-common';
