import type { MetricValue } from '@opmodel/plugin-scorecard-common';
import { distribution } from './percentiles';
import { inWindow, medianMetric, metricValue } from './metricValue';
import { judge, type Verdict } from './targets';
import type {
  RequestTargetsMs,
  SupportRequestRecord,
  TimeWindow,
} from './types';

/*
 * Support metrics. A request belongs to the window it was opened in, [from, to), whenever it
 * was answered or resolved, as an incident belongs to the window it was triggered in.
 */

/** The requests opened in the window. */
const openedIn = (requests: SupportRequestRecord[], window: TimeWindow) =>
  requests.filter(r => inWindow(r.openedAt, window));

/**
 * A support duration's figure: the median (with p90) of `end` − openedAt over the requests opened
 * in the window that have an `end`; those without are counted apart in details[withoutEnd]. A
 * negative duration is clock skew between tools and is clamped to 0.
 */
function supportTime(
  metric: 'supportTimeToFirstResponse' | 'supportTimeToResolve',
  requests: SupportRequestRecord[],
  window: TimeWindow,
  end: (r: SupportRequestRecord) => number | null,
  withoutEnd: string,
): MetricValue {
  const durations: number[] = [];
  let missing = 0;
  for (const r of openedIn(requests, window)) {
    const at = end(r);
    if (at === null) missing++;
    else durations.push(Math.max(0, at - r.openedAt));
  }
  return medianMetric(metric, distribution(durations), {
    details: { [withoutEnd]: missing },
  });
}

/**
 * Time to first response: firstResponseAt − openedAt of the requests opened in the window; p50
 * and p90. A resolution stands for the first response when none was recorded (the team answered
 * by resolving). Requests not answered yet are counted in details.unanswered.
 */
export function computeSupportTimeToFirstResponse(
  requests: SupportRequestRecord[],
  window: TimeWindow,
): MetricValue {
  return supportTime(
    'supportTimeToFirstResponse',
    requests,
    window,
    r => r.firstResponseAt ?? r.resolvedAt,
    'unanswered',
  );
}

/**
 * Time to resolve: resolvedAt − openedAt of the requests opened in the window; p50 and p90. Open
 * requests are counted in details.open.
 */
export function computeSupportTimeToResolve(
  requests: SupportRequestRecord[],
  window: TimeWindow,
): MetricValue {
  return supportTime(
    'supportTimeToResolve',
    requests,
    window,
    r => r.resolvedAt,
    'open',
  );
}

/**
 * Support target compliance: of the requests opened in the window, the share that met every
 * target the Platform sets (first response, resolve; time ≤ target). A request not answered or
 * resolved yet misses once now − openedAt exceeds the target, and is pending (left out, counted
 * in details.pending) until then. Without targets there is nothing to judge: not enough data.
 * value = compliant / assessed; count = assessed.
 */
export function computeSupportTargetCompliance(
  requests: SupportRequestRecord[],
  window: TimeWindow,
  targets: RequestTargetsMs,
  now: number,
): MetricValue {
  const tally = { met: 0, missed: 0, pending: 0 };
  const targeted =
    targets.firstResponse !== undefined || targets.resolve !== undefined;
  for (const r of targeted ? openedIn(requests, window) : []) {
    const verdicts: Verdict[] = [];
    if (targets.firstResponse !== undefined)
      verdicts.push(
        judge(
          r.openedAt,
          r.firstResponseAt ?? r.resolvedAt,
          targets.firstResponse,
          now,
        ),
      );
    if (targets.resolve !== undefined)
      verdicts.push(judge(r.openedAt, r.resolvedAt, targets.resolve, now));
    if (verdicts.includes('missed')) tally.missed++;
    else if (verdicts.includes('pending')) tally.pending++;
    else tally.met++;
  }
  const assessed = tally.met + tally.missed;
  return metricValue('supportTargetCompliance', {
    value: assessed > 0 ? tally.met / assessed : null,
    count: assessed,
    details: {
      compliant: tally.met,
      missed: tally.missed,
      pending: tally.pending,
    },
  });
}

/**
 * Support requests per consumer team: the requests opened in the window / the Platform's
 * consumer teams. A platform that needs many is not self-service. With no request in the window
 * it is not enough data: a platform nobody needs help with and one whose requests are not sent
 * look the same. Without consumer teams there is nothing to divide by: not enough data too.
 * details: requests, consumerTeams, requestingTeams, nonConsumerRequests (from teams that are
 * not consumers), and the requests per channel as `channel:<name>`.
 */
export function computeSupportRequestsPerTeam(
  requests: SupportRequestRecord[],
  window: TimeWindow,
  consumerTeams: ReadonlySet<string>,
): MetricValue {
  const opened = openedIn(requests, window);
  const details: NonNullable<MetricValue['details']> = {
    requests: opened.length,
    consumerTeams: consumerTeams.size,
    requestingTeams: new Set(opened.map(r => r.team)).size,
    nonConsumerRequests: opened.filter(r => !consumerTeams.has(r.team)).length,
  };
  const channels = [...new Set(opened.map(r => r.channel))].sort();
  for (const channel of channels)
    details[`channel:${channel}`] = opened.filter(
      r => r.channel === channel,
    ).length;
  return metricValue('supportRequestsPerTeam', {
    value:
      consumerTeams.size > 0 && opened.length > 0
        ? opened.length / consumerTeams.size
        : null,
    count: opened.length,
    details,
  });
}
