import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { ScorecardClient } from '@opmodel/plugin-scorecard-common';

/**
 * A client of the scorecard backend, which is optional beside opmodel: callers treat its errors
 * as figures missing, never as the page failing.
 */
export function useScorecardClient(): ScorecardClient {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () => new ScorecardClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
}
