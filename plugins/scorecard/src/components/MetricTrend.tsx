import type { TrendPoint } from '@opmodel/plugin-scorecard-common';
import { Sparkline } from './Sparkline';

/**
 * The trend of one metric from the daily snapshots. The card loads every metric's trend in one
 * request, after the card itself, so the figures show first.
 */
export function MetricTrend(props: {
  title: string;
  loading: boolean;
  points?: TrendPoint[];
}) {
  if (props.loading) return <span aria-busy="true">…</span>;
  if (!props.points) return <span>no history</span>;
  return (
    <Sparkline points={props.points} label={`${props.title}, daily trend`} />
  );
}
