import { METRIC_DEFINITIONS } from '@opmodel/plugin-scorecard-common';
import type {
  Distribution,
  MetricId,
  MetricValue,
} from '@opmodel/plugin-scorecard-common';
import type { TimeWindow } from './types';

/** True when `time` lies in the half-open window [from, to): an event at `to` belongs to the next one. */
export function inWindow(time: number, window: TimeWindow): boolean {
  return time >= window.from && time < window.to;
}

type Fields = Omit<
  MetricValue,
  'metric' | 'definitionVersion' | 'unit' | 'state' | 'minimumCount'
> & {
  /** Overrides the definition's minimum (uptime from incidents needs none). */
  minimumCount?: number;
  /** What is compared with minimumCount when that is not `count` (deployment frequency). */
  sample?: number;
};

/**
 * Assembles a full MetricValue: id, definition version and unit from METRIC_DEFINITIONS, and the
 * state. Below the minimum, or when the figure is not a finite number, the state is
 * `not-enough-data` and value, p50 and p90 are null: a figure from too few points is not shown
 * as if it meant something, and NaN never leaves this module.
 */
export function metricValue(metric: MetricId, fields: Fields): MetricValue {
  const { sample, minimumCount: min, ...rest } = fields;
  const def = METRIC_DEFINITIONS[metric];
  const minimumCount = min ?? def.minimumCount;
  const enough =
    (sample ?? rest.count) >= minimumCount &&
    rest.value !== null &&
    Number.isFinite(rest.value);
  const result: MetricValue = {
    ...rest,
    metric,
    definitionVersion: def.version,
    unit: def.unit,
    state: enough ? 'ok' : 'not-enough-data',
    minimumCount,
    value: enough ? rest.value : null,
  };
  if (!enough && 'p50' in rest) result.p50 = null;
  if (!enough && 'p90' in rest) result.p90 = null;
  return result;
}

/**
 * A metric whose figure is a distribution's median (durations: lead time, recovery, response
 * times), its p90 beside it and `count` the durations measured.
 */
export function medianMetric(
  metric: MetricId,
  { count, p50, p90 }: Distribution,
  fields: Pick<MetricValue, 'details' | 'bySeverity'>,
): MetricValue {
  return metricValue(metric, { value: p50, count, p50, p90, ...fields });
}
