import {
  METRIC_DEFINITIONS,
  type GradedMetric,
} from '@opmodel/plugin-scorecard-common';
import { formatMetricValue, formatValue } from '../format';

/** How a metric moved against the window before: by how much, and whether that is better. */
export type MetricChange = {
  /** The difference in the metric's own terms: "+0.4 pp", "−2 h", "+1.5 / week". */
  text: string;
  direction: 'better' | 'worse' | 'same';
  /** The figure of the window before, as the table would show it. */
  previous: string;
};

/**
 * The change of a metric from the window before to this one, or undefined when either window
 * has not enough data. Ratios change in percentage points, the rest in the metric's unit; which
 * way is better comes from the metric's definition.
 */
export function metricChange(
  current: GradedMetric | undefined,
  previous: GradedMetric | undefined,
  locale?: string,
): MetricChange | undefined {
  if (
    !current ||
    !previous ||
    current.state !== 'ok' ||
    previous.state !== 'ok' ||
    current.value === null ||
    previous.value === null
  )
    return undefined;
  const delta = current.value - previous.value;
  const shown =
    current.unit === 'ratio'
      ? `${formatValue(Math.abs(delta), 'ratio', locale).replace(' %', '')} pp`
      : formatValue(Math.abs(delta), current.unit, locale);
  // what reads as no change is no change, whichever way the unrounded difference points
  const same = /^0( |$)/.test(shown) || /^0[.,]0+ /.test(shown);
  const better = METRIC_DEFINITIONS[current.metric]?.better ?? 'higher';
  let direction: MetricChange['direction'] = 'same';
  if (!same)
    direction = delta > 0 === (better === 'higher') ? 'better' : 'worse';
  return {
    text: same ? 'no change' : `${delta > 0 ? '+' : '−'}${shown}`,
    direction,
    previous: formatMetricValue(previous, locale),
  };
}
