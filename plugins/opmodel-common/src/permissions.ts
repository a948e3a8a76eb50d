import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Seeing a FundingLine's money (period amounts, and what each allocation is worth). Without it the
 * opmodel pages show shares only. Grant it in your permission policy, for example to finance.
 *
 * The pages check it; the catalog API itself still returns the whole entity to whoever may read
 * it, so keep amounts you must not disclose out of the catalog, or restrict reading FundingLines.
 */
export const fundingAmountsReadPermission = createPermission({
  name: 'opmodel.funding.amounts.read',
  attributes: { action: 'read' },
});

/** Every permission of the opmodel catalog plugins. */
export const opmodelPermissions = [fundingAmountsReadPermission];
