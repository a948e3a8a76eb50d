import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  ScorecardClient,
  type GradedMetric,
} from '@opmodel/plugin-scorecard-common';

/**
 * Each platform's graded metrics from the scorecard backend, or the error it gave; the backend is
 * optional, so an error stands for one platform only.
 */
export function useScorecardHeadlines(refs: string[]) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const client = useMemo(
    () => new ScorecardClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
  return useAsync(async () => {
    const out = new Map<string, GradedMetric[] | Error>();
    await Promise.all(
      refs.map(async ref => {
        try {
          out.set(ref, (await client.getScorecard({ entityRef: ref })).metrics);
        } catch (e) {
          out.set(ref, e as Error);
        }
      }),
    );
    return out;
  }, [client, refs.join(',')]);
}
