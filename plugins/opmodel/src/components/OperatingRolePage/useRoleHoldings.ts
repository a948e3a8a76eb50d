import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  KIND_FUNDING_LINE,
  KIND_PLATFORM,
  RELATION_ASSIGNS_ROLE,
} from '@opmodel/plugin-opmodel-common';
import { ROLE_ASSIGNING_FIELDS } from '../shared/catalog';
import { roleAssignmentsIn } from '../shared/roleAssignments';

/**
 * Every assignment of an OperatingRole, in the Platforms and FundingLines that assign it. The
 * catalog relates each such entity to the role whatever the assignment's period, so asking by that
 * relation leaves out none the page lists.
 */
export function useRoleHoldings(roleRef: string) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: [KIND_PLATFORM, KIND_FUNDING_LINE],
        [`relations.${RELATION_ASSIGNS_ROLE}`]: roleRef,
      },
      fields: ROLE_ASSIGNING_FIELDS,
    });
    return roleAssignmentsIn(items).filter(a => a.role === roleRef);
  }, [catalogApi, roleRef]);
}
