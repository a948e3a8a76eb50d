import { DURATION } from '@opmodel/plugin-scorecard-common';
import type { MetricValue } from '@opmodel/plugin-scorecard-common';
import { distribution } from './percentiles';
import { inWindow, medianMetric, metricValue } from './metricValue';
import type { DeploymentRecord, IncidentRecord, TimeWindow } from './types';

/*
 * Delivery (DORA) metrics. Callers pass production deployments only (the environment filter is
 * theirs, since which environment counts is configurable); every function here selects by time
 * itself, so a caller may pass more than the window. Recovery time needs that: the success that
 * ends a recovery, and the incidents a deployment caused, may come after `to`.
 */

/**
 * The ids of the deployments that caused an incident. An incident names its deployment by id
 * alone, matched against deployments of every source: incidents come from an alerting tool and
 * deployments from CI, so their sources differ. Ids are unique per source, so two CI sources that
 * reuse an id both count as the cause; one pipeline per entity is the common case.
 */
function causedIncident(incidents: IncidentRecord[]): Set<string> {
  const caused = new Set<string>();
  for (const i of incidents)
    if (i.causedByDeployment !== null) caused.add(i.causedByDeployment);
  return caused;
}

/** A deployment failed when it failed, was rolled back, or caused an incident. */
function isFailed(d: DeploymentRecord, caused: Set<string>): boolean {
  return d.result !== 'success' || caused.has(d.id);
}

/**
 * Deployment frequency: successful deployments finished in [from, to), per week
 * (count / (window length / 7 days)). details: perDay, perWeek, deployDays (distinct UTC days with
 * at least one success) and deployDaysPerWeek. count = successful deployments.
 *
 * Whether there is enough data depends on all deployments in the window, not only the successes:
 * with none at all the state is `not-enough-data` (nothing shows the entity deploys through this
 * pipeline), but failures without a success are a real answer, 0 per week.
 */
export function computeDeploymentFrequency(
  deployments: DeploymentRecord[],
  window: TimeWindow,
): MetricValue {
  const attempted = deployments.filter(d => inWindow(d.finishedAt, window));
  const successes = attempted.filter(d => d.result === 'success');
  const weeks = (window.to - window.from) / DURATION.WEEK;
  const deployDays = new Set(
    successes.map(d => Math.floor(d.finishedAt / DURATION.DAY)),
  ).size;
  const valid = weeks > 0;
  return metricValue('deploymentFrequency', {
    value: valid ? successes.length / weeks : null,
    count: successes.length,
    sample: attempted.length,
    details: {
      perDay: valid ? successes.length / (weeks * 7) : null,
      perWeek: valid ? successes.length / weeks : null,
      deployDays,
      deployDaysPerWeek: valid ? deployDays / weeks : null,
      attempted: attempted.length,
    },
  });
}

/**
 * Lead time for changes: finishedAt − firstCommitAt of each successful deployment finished in the
 * window that knows its first commit time; value = p50, with p90. A negative lead time can only
 * be clock skew between the VCS and the CI, so it is clamped to 0 (details.clamped counts them).
 * details.withoutCommitTime counts the successes left out for lack of a first commit time.
 */
export function computeLeadTime(
  deployments: DeploymentRecord[],
  window: TimeWindow,
): MetricValue {
  const successes = deployments.filter(
    d => d.result === 'success' && inWindow(d.finishedAt, window),
  );
  const durations: number[] = [];
  let clamped = 0;
  for (const d of successes) {
    if (d.firstCommitAt === null) continue;
    const lead = d.finishedAt - d.firstCommitAt;
    if (lead < 0) clamped++;
    durations.push(Math.max(0, lead));
  }
  const lead = distribution(durations);
  return medianMetric('leadTime', lead, {
    details: { clamped, withoutCommitTime: successes.length - lead.count },
  });
}

/**
 * Change failure rate: the share of deployments finished in the window that failed — result
 * `failure` or `rollback`, or an incident names it in causedByDeployment
 * (whenever that incident was triggered). count = deployments in the window.
 */
export function computeChangeFailureRate(
  deployments: DeploymentRecord[],
  incidents: IncidentRecord[],
  window: TimeWindow,
): MetricValue {
  const caused = causedIncident(incidents);
  const inside = deployments.filter(d => inWindow(d.finishedAt, window));
  const failed = inside.filter(d => isFailed(d, caused)).length;
  return metricValue('changeFailureRate', {
    value: inside.length > 0 ? failed / inside.length : null,
    count: inside.length,
    details: {
      failed,
      failures: inside.filter(d => d.result === 'failure').length,
      rollbacks: inside.filter(d => d.result === 'rollback').length,
      causedIncident: inside.filter(d => caused.has(d.id)).length,
    },
  });
}

/**
 * Failed deployment recovery time, for each failed deployment (as in
 * {@link computeChangeFailureRate}) finished in the window: from its finishedAt to the later of
 *  - the next successful deployment of the same entity finished after it, and
 *  - the resolution of the incidents it caused (the latest, when several).
 * Recovery needs both to have happened when both apply: a failure whose incident is still open is
 * not recovered even if a success followed, and a failure with neither a later success nor a
 * resolved incident is not recovered yet. Those are counted in details.unrecovered, not in the
 * distribution. value = p50, with p90; count = recovered failures.
 */
/** The first value in ascending `sorted` strictly greater than `t`. */
function firstAfter(sorted: number[], t: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

export function computeRecoveryTime(
  deployments: DeploymentRecord[],
  incidents: IncidentRecord[],
  window: TimeWindow,
): MetricValue {
  const caused = causedIncident(incidents);
  // Per causing deployment id: when its last incident was resolved, null while one is open.
  const resolutions = new Map<string, number | null>();
  for (const i of incidents) {
    if (i.causedByDeployment === null) continue;
    const deploymentId = i.causedByDeployment;
    const previous = resolutions.get(deploymentId);
    if (previous === null || i.resolvedAt === null)
      resolutions.set(deploymentId, null);
    else
      resolutions.set(
        deploymentId,
        Math.max(previous ?? i.resolvedAt, i.resolvedAt),
      );
  }
  // successful finish times per entity, sorted, for a binary search of "the next success"
  const successes = new Map<string, number[]>();
  for (const d of deployments) {
    if (d.result !== 'success') continue;
    const list = successes.get(d.entityRef);
    if (list) list.push(d.finishedAt);
    else successes.set(d.entityRef, [d.finishedAt]);
  }
  for (const list of successes.values()) list.sort((a, b) => a - b);
  const failed = deployments
    .filter(d => inWindow(d.finishedAt, window) && isFailed(d, caused))
    .sort((a, b) => a.finishedAt - b.finishedAt);

  const durations: number[] = [];
  for (const d of failed) {
    const next = firstAfter(successes.get(d.entityRef) ?? [], d.finishedAt);
    const resolved = resolutions.get(d.id);
    // undefined: it caused no incident; null: one of its incidents is open.
    if (resolved === null || (next === undefined && resolved === undefined))
      continue;
    const end = Math.max(next ?? -Infinity, resolved ?? -Infinity);
    durations.push(Math.max(0, end - d.finishedAt));
  }
  const recovery = distribution(durations);
  return medianMetric('recoveryTime', recovery, {
    details: {
      failed: failed.length,
      unrecovered: failed.length - recovery.count,
    },
  });
}

/**
 * Deployment rework rate: the share of deployments finished in the window that were unplanned
 * fixes for an incident (fixesIncident set). count = deployments in the window.
 */
export function computeDeploymentReworkRate(
  deployments: DeploymentRecord[],
  window: TimeWindow,
): MetricValue {
  const inside = deployments.filter(d => inWindow(d.finishedAt, window));
  const rework = inside.filter(d => d.fixesIncident !== null).length;
  return metricValue('deploymentReworkRate', {
    value: inside.length > 0 ? rework / inside.length : null,
    count: inside.length,
    details: { rework },
  });
}
