import { createApiRef } from '@backstage/core-plugin-api';
import type { FundingAmountsApi } from '@opmodel/plugin-opmodel-common';

/** The opmodel backend's funding-amounts client, as a Backstage utility API. */
export const fundingAmountsApiRef = createApiRef<FundingAmountsApi>({
  id: 'plugin.opmodel.funding-amounts',
});
