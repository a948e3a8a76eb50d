import { useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardApiRef } from '../../api';
import { windowQuery } from '../WindowSelect';

/**
 * The entity's scorecard for the last `days` days, and every metric's trend over the same window
 * in one request after it (left out with `withTrends` false). A failed trend request leaves the
 * figures in place.
 */
export function useScorecard(
  entityRef: string,
  days: number,
  withTrends: boolean,
) {
  const api = useApi(scorecardApiRef);
  // fixed per chosen window, so the trend request and the scorecard agree on it
  const range = useMemo(() => windowQuery(days), [days]);
  const scorecard = useAsync(
    () => api.getScorecard({ entityRef, ...range }),
    [api, entityRef, range],
  );
  const trends = useAsync(
    async () =>
      withTrends
        ? (await api.getTrends({ entityRef, ...range })).trends
        : undefined,
    [api, entityRef, range, withTrends],
  );
  return { range, scorecard, trends };
}
