import type { MetricValue } from '@opmodel/plugin-scorecard-common';
import { metricValue } from './metricValue';
import type { AvailabilityCounts, IncidentRecord, TimeWindow } from './types';

/**
 * Uptime from probes or buckets: good / total over the window. count = total; below the
 * definition's minimum (no probe at all) the state is `not-enough-data`, never 0 % or 100 %.
 */
export function computeUptimeFromCounts(
  counts: AvailabilityCounts,
): MetricValue {
  const { good, total } = counts;
  return metricValue('uptime', {
    value: total > 0 ? good / total : null,
    count: total,
    details: { good, total, basis: 'counts' },
  });
}

/**
 * Uptime of an entity with neither availability samples nor an incident source: nothing says
 * whether it was up, so `not-enough-data`, never 100 %.
 */
export function uptimeWithoutData(): MetricValue {
  return metricValue('uptime', {
    value: null,
    count: 0,
    details: {
      basis: 'none',
      reason:
        'no availability samples and no incident source: send availability events, or incidents (a collector such as PagerDuty counts as a source once it reads the entity)',
    },
  });
}

/** The partial-outage weight of the definition, used when the configured one is not a number. */
const DEFAULT_PARTIAL_WEIGHT = 0.5;

/** The largest weight with at least one interval open, 0 when none is. */
function maxActiveWeight(active: Map<number, number>): number {
  let max = 0;
  for (const [weight, open] of active)
    if (open > 0 && weight > max) max = weight;
  return max;
}

/**
 * Uptime from incidents: 1 − (weighted length of the union of outage intervals inside the window)
 * / window length.
 *
 * - An incident's interval is [triggeredAt, resolvedAt), or up to min(now, window.to) while it is
 *   open, clipped to the window.
 * - Impact `outage` weighs 1, `partial` weighs `opts.partialWeight` (clamped to 0..1), `degraded`
 *   and `none` count as up.
 * - Overlapping incidents do not add up: at each instant the downtime weight is the largest weight
 *   of the incidents open then (a sweep over the interval ends), so two simultaneous outages cost
 *   the same as one, and a partial inside an outage costs nothing extra.
 *
 * count = incidents whose interval overlaps the window (any impact). The minimum is 0, not the
 * definition's 1: for this basis no incident in the window is a real answer (no recorded
 * downtime, uptime 1), not missing data. Only an empty or inverted window is `not-enough-data`.
 * details: outageMs (the weighted downtime), basis 'incidents'.
 */
export function computeUptimeFromIncidents(
  incidents: IncidentRecord[],
  window: TimeWindow,
  opts: { partialWeight: number; now: number },
): MetricValue {
  const length = window.to - window.from;
  const partial = Number.isFinite(opts.partialWeight)
    ? Math.min(1, Math.max(0, opts.partialWeight))
    : DEFAULT_PARTIAL_WEIGHT;
  const weights: Record<IncidentRecord['impact'], number> = {
    outage: 1,
    partial,
    degraded: 0,
    none: 0,
  };

  // Sweep events: +1 opens an interval of a weight, -1 closes it.
  const events: { at: number; weight: number; delta: 1 | -1 }[] = [];
  let count = 0;
  for (const incident of incidents) {
    const start = incident.triggeredAt;
    // max(start, …): an open incident triggered after `now`, or a resolution before the trigger
    // (bad data), yields an empty interval rather than a negative one.
    const end = Math.max(
      start,
      incident.resolvedAt ?? Math.min(opts.now, window.to),
    );
    // Overlaps [from, to); an instant incident (start = end) counts when it lies in the window.
    if (start >= window.to || (end <= window.from && start < window.from))
      continue;
    count++;
    const weight = weights[incident.impact];
    const from = Math.max(start, window.from);
    const to = Math.min(end, window.to);
    if (weight > 0 && to > from) {
      events.push(
        { at: from, weight, delta: 1 },
        { at: to, weight, delta: -1 },
      );
    }
  }
  events.sort((a, b) => a.at - b.at);

  const active = new Map<number, number>();
  let outageMs = 0;
  let previous = window.from;
  for (const { at, weight, delta } of events) {
    // Events at the same instant close a zero-length segment, so their order does not matter.
    outageMs += (at - previous) * maxActiveWeight(active);
    previous = at;
    active.set(weight, (active.get(weight) ?? 0) + delta);
  }

  return metricValue('uptime', {
    value: length > 0 ? 1 - outageMs / length : null,
    count,
    minimumCount: 0,
    details:
      length > 0
        ? { outageMs, basis: 'incidents' }
        : {
            outageMs,
            basis: 'incidents',
            reason: 'the window is empty (to ≤ from)',
          },
  });
}

/**
 * Error budget left: 1 − (1 − uptime) / (1 − objective); negative once the budget is overspent.
 * `not-enough-data` (with details.reason) without an uptime figure, without an availability
 * objective, or with an objective ≥ 1, which leaves no budget to divide by.
 * count is 1 when there is an uptime figure to stand on, 0 otherwise; the caller may report the
 * uptime's own count alongside.
 */
export function computeErrorBudgetRemaining(
  uptime: number | null,
  objective: number | undefined,
): MetricValue {
  let value: number | null = null;
  let reason: string | null = null;
  if (uptime === null || !Number.isFinite(uptime))
    reason = 'no uptime figure for the window';
  else if (objective === undefined || !Number.isFinite(objective))
    reason = 'no availability objective';
  else if (objective >= 1)
    reason = 'an objective of 100 % or more leaves no error budget to spend';
  else value = 1 - (1 - uptime) / (1 - objective);
  return metricValue('errorBudgetRemaining', {
    value,
    count: uptime === null ? 0 : 1,
    details: { objective: objective ?? null, reason },
  });
}
