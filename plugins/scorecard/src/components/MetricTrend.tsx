import type {
  MetricId,
  MetricUnit,
  TrendPoint,
} from '@opmodel/plugin-scorecard-common';
import { Sparkline } from './Sparkline';

/**
 * The trend of one metric from the daily snapshots. The card loads every metric's trend in one
 * request, after the card itself, so the figures show first.
 */
export function MetricTrend(props: {
  title: string;
  loading: boolean;
  points?: TrendPoint[];
  metric: MetricId;
  unit: MetricUnit;
  /** The grade's threshold in the metric's unit, drawn as a target line. */
  threshold?: number;
  better?: 'higher' | 'lower';
  locale?: string;
}) {
  if (props.loading) return <span aria-busy="true">…</span>;
  if (!props.points) return <span>no history</span>;
  return (
    <Sparkline
      points={props.points}
      title={props.title}
      metric={props.metric}
      unit={props.unit}
      threshold={props.threshold}
      better={props.better}
      locale={props.locale}
    />
  );
}
