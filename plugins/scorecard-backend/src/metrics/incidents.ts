import type {
  Distribution,
  MetricValue,
} from '@opmodel/plugin-scorecard-common';
import { distribution } from './percentiles';
import { inWindow, medianMetric, metricValue } from './metricValue';
import type { IncidentRecord, ResponseTargetMs, TimeWindow } from './types';
import { judge, type Verdict } from './targets';

/*
 * Incident-response metrics. An incident belongs to the window it was triggered in, [from, to),
 * whenever it was acknowledged or resolved: the response to it is judged as one piece.
 */

/**
 * Durations from trigger to `end` of the incidents triggered in the window, overall and per
 * severity; `missing` counts those without an end, which stay out of the distributions.
 * A negative duration is clock skew between sources and is clamped to 0.
 */
function responseTimes(
  incidents: IncidentRecord[],
  window: TimeWindow,
  end: (i: IncidentRecord) => number | null,
) {
  const all: number[] = [];
  const perSeverity = new Map<string, number[]>();
  let missing = 0;
  for (const i of incidents) {
    if (!inWindow(i.triggeredAt, window)) continue;
    // Every severity seen gets an entry, so a severity whose incidents are all open still shows.
    const list = perSeverity.get(i.severity) ?? [];
    perSeverity.set(i.severity, list);
    const at = end(i);
    if (at === null) {
      missing++;
      continue;
    }
    const duration = Math.max(0, at - i.triggeredAt);
    all.push(duration);
    list.push(duration);
  }
  const bySeverity: Record<string, Distribution> = {};
  for (const [severity, list] of perSeverity)
    bySeverity[severity] = distribution(list);
  return { overall: distribution(all), bySeverity, missing };
}

/** A response time's figure: its median over the incidents that have an `end`, per severity too. */
function responseTimeMetric(
  metric: 'timeToAcknowledge' | 'timeToResolve',
  incidents: IncidentRecord[],
  window: TimeWindow,
  end: (i: IncidentRecord) => number | null,
  /** The detail that counts the incidents without an end. */
  withoutEnd: string,
): MetricValue {
  const { overall, bySeverity, missing } = responseTimes(
    incidents,
    window,
    end,
  );
  return medianMetric(metric, overall, {
    bySeverity,
    details: { [withoutEnd]: missing },
  });
}

/**
 * Time to acknowledge: acknowledgedAt − triggeredAt of the incidents triggered in the window;
 * value = p50, with p90, overall and per severity (every severity seen, count 0 when none was
 * acknowledged). Unacknowledged incidents are counted apart in details.unacknowledged.
 * count = acknowledged incidents.
 */
export function computeTimeToAcknowledge(
  incidents: IncidentRecord[],
  window: TimeWindow,
): MetricValue {
  return responseTimeMetric(
    'timeToAcknowledge',
    incidents,
    window,
    i => i.acknowledgedAt,
    'unacknowledged',
  );
}

/**
 * Time to resolve: resolvedAt − triggeredAt of the incidents triggered in the window; value = p50,
 * with p90, overall and per severity. Open incidents are counted apart in details.open (a mean or
 * a running clock would let one forgotten incident swamp the figure). count = resolved incidents.
 */
export function computeTimeToResolve(
  incidents: IncidentRecord[],
  window: TimeWindow,
): MetricValue {
  return responseTimeMetric(
    'timeToResolve',
    incidents,
    window,
    i => i.resolvedAt,
    'open',
  );
}

/**
 * Response-target compliance: of the incidents triggered in the window whose severity has a
 * target, the share that met every target set for it (acknowledge, resolve; time ≤ target).
 * An incident not yet acknowledged or resolved misses only once now − triggeredAt exceeds the
 * target; until then it is pending, left out and counted in details.pending, since it may still
 * comply. A resolution also stands for the acknowledgement when none was recorded (some tools
 * resolve without acknowledging; the incident was answered by then). The first target listed for
 * a severity applies. value = compliant / assessed; count = assessed (compliant + missed).
 */
export function computeResponseTargetCompliance(
  incidents: IncidentRecord[],
  window: TimeWindow,
  targets: ResponseTargetMs[],
  now: number,
): MetricValue {
  const bySeverity = new Map<string, ResponseTargetMs>();
  for (const t of targets) {
    if (
      !bySeverity.has(t.severity) &&
      (t.acknowledge !== undefined || t.resolve !== undefined)
    ) {
      bySeverity.set(t.severity, t);
    }
  }
  const tally = { met: 0, missed: 0, pending: 0, untargeted: 0 };
  for (const i of incidents) {
    if (!inWindow(i.triggeredAt, window)) continue;
    const target = bySeverity.get(i.severity);
    if (!target) {
      tally.untargeted++;
      continue;
    }
    const verdicts: Verdict[] = [];
    if (target.acknowledge !== undefined) {
      verdicts.push(
        judge(
          i.triggeredAt,
          i.acknowledgedAt ?? i.resolvedAt,
          target.acknowledge,
          now,
        ),
      );
    }
    if (target.resolve !== undefined) {
      verdicts.push(judge(i.triggeredAt, i.resolvedAt, target.resolve, now));
    }
    // A known miss settles it; otherwise any pending target keeps the incident open.
    if (verdicts.includes('missed')) tally.missed++;
    else if (verdicts.includes('pending')) tally.pending++;
    else tally.met++;
  }
  const assessed = tally.met + tally.missed;
  return metricValue('responseTargetCompliance', {
    value: assessed > 0 ? tally.met / assessed : null,
    count: assessed,
    details: {
      compliant: tally.met,
      missed: tally.missed,
      pending: tally.pending,
      untargeted: tally.untargeted,
    },
  });
}
