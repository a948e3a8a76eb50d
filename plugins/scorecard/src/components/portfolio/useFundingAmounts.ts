import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  FUNDING_AMOUNTS_BATCH_LIMIT,
  FundingAmountsClient,
  fundingAmountsReadPermission,
  isFundingAmounts,
  type FundingAmounts,
} from '@opmodel/plugin-opmodel-common';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * The amounts of the given FundingLines (by lower-case ref) from the opmodel backend, for a user
 * with `opmodel.funding.amounts.read`; without it, nothing is asked and nothing is returned. A
 * line the backend cannot serve is left out: the portfolio then shows its share alone.
 */
export function useFundingAmounts(
  lineRefs: string[],
): Map<string, FundingAmounts> | undefined {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const permission = usePermission({
    permission: fundingAmountsReadPermission,
  });
  const allowed = !permission.loading && permission.allowed;
  const client = useMemo(
    () => new FundingAmountsClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
  const key = [...new Set(lineRefs.map(lower))].sort().join(',');
  const asked = useAsync(async () => {
    if (!allowed || !key) return undefined;
    const refs = key.split(',');
    const amounts = new Map<string, FundingAmounts>();
    for (let i = 0; i < refs.length; i += FUNDING_AMOUNTS_BATCH_LIMIT) {
      const { items } = await client.getFundingAmountsByRefs({
        entityRefs: refs.slice(i, i + FUNDING_AMOUNTS_BATCH_LIMIT),
      });
      for (const item of items)
        if (isFundingAmounts(item)) amounts.set(lower(item.entityRef), item);
    }
    return amounts;
  }, [client, allowed, key]);
  return asked.value;
}
