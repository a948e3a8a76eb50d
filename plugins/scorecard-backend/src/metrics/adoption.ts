import type { MetricValue } from '@opmodel/plugin-scorecard-common';
import { metricValue } from './metricValue';

/** How many of the organisation's stream-aligned teams consume a Platform, of how many. */
export type StreamAlignedCounts = { consuming: number; total: number };

/**
 * Adoption: the share of the organisation's stream-aligned teams that consume the Platform, from
 * the look at the catalog that stands for the window (see AdoptionStore.asOf). count = the
 * stream-aligned teams; without any, or without a look yet, not enough data.
 */
export function computeAdoptionShare(
  counts: StreamAlignedCounts | undefined,
): MetricValue {
  const total = counts?.total ?? 0;
  return metricValue('adoptionShare', {
    value: counts && total > 0 ? counts.consuming / total : null,
    count: total,
    details: { consuming: counts?.consuming ?? 0, streamAligned: total },
  });
}
