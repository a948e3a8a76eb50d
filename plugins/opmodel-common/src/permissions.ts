import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Seeing a FundingLine's money (period amounts, and what each allocation is worth). Without it the
 * opmodel pages show shares only. Grant it in your permission policy, for example to finance.
 *
 * The catalog cannot hide single fields from readers of an entity, so the amounts are not in the
 * catalog: its processor leaves them out of what it stores, and the opmodel backend reads them
 * from the entity's source file and serves them only to callers granted this permission.
 */
export const fundingAmountsReadPermission = createPermission({
  name: 'opmodel.funding.amounts.read',
  attributes: { action: 'read' },
});

/** Every permission of the opmodel plugins. */
export const opmodelPermissions = [fundingAmountsReadPermission];
