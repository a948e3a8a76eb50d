import type { Distribution } from '@opmodel/plugin-scorecard-common';

/**
 * The p-th percentile (0 < p ≤ 1) of values sorted ascending, by the nearest-rank method: the
 * ceil(p × n)-th smallest value (1-based), so the result is always one of the observed values.
 * With an even count the median is the lower of the two middle values (n = 4: ceil(0.5 × 4) = 2nd).
 * Null when there are no values.
 */
export function percentile(
  sortedValues: readonly number[],
  p: number,
): number | null {
  const n = sortedValues.length;
  if (n === 0) return null;
  // The epsilon absorbs float error in p × n (0.9 × 70 is 63.00000000000001, which would
  // otherwise round up to the 64th value); the clamp keeps p = 0 and p > 1 inside the array.
  const rank = Math.min(n, Math.max(1, Math.ceil(p * n - 1e-9)));
  return sortedValues[rank - 1];
}

/** The count, p50 and p90 (nearest rank, see {@link percentile}) of unsorted values. */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
  };
}
