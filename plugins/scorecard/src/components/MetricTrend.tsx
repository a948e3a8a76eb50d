import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { MetricId } from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import { Sparkline } from './Sparkline';

/** The trend of one metric from the daily snapshots, loaded on its own so the card shows first. */
export function MetricTrend(props: {
  entityRef: string;
  metric: MetricId;
  title: string;
  range: { from: string; to: string };
}) {
  const api = useApi(scorecardApiRef);
  const { entityRef, metric, range } = props;
  const { value, loading, error } = useAsync(
    () => api.getTrend({ entityRef, metric, ...range }),
    [api, entityRef, metric, range.from, range.to],
  );
  if (loading) return <span aria-busy="true">…</span>;
  if (error || !value) return <span>no history</span>;
  return (
    <Sparkline points={value.points} label={`${props.title}, daily trend`} />
  );
}
