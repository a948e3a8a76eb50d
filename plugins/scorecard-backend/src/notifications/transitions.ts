import type { StoredGrade } from '../database/SnapshotStore';

/** Why a metric is notified: its grade went from met to missed, or its error budget ran out. */
export type TransitionReason = 'missed' | 'budget-exhausted';

/** One metric of one entity that crossed on a day. */
export type MetricTransition = {
  metric: string;
  reason: TransitionReason;
};

const key = (g: { entityRef: string; metric: string }) =>
  `${g.entityRef}\u0000${g.metric}`;

/** Whether a stored metric, compared with the same metric the day before, has crossed. */
function crossing(
  before: StoredGrade,
  after: StoredGrade,
): TransitionReason | undefined {
  if (before.gradeStatus === 'good' && after.gradeStatus === 'poor')
    return 'missed';
  if (
    after.metric === 'errorBudgetRemaining' &&
    before.value !== null &&
    before.value > 0 &&
    after.value !== null &&
    after.value <= 0
  )
    return 'budget-exhausted';
  return undefined;
}

/**
 * The metrics, per entity, that crossed from the day before (`previousDay`) to `day`. `dayBeforeRun`
 * is what was stored for `day` before this snapshot run recomputed it: a crossing it already showed
 * was found, and notified, by an earlier run, so a rerun of the same day notifies nothing new.
 */
export function findTransitions(input: {
  previousDay: StoredGrade[];
  day: StoredGrade[];
  dayBeforeRun: StoredGrade[];
}): Map<string, MetricTransition[]> {
  const previous = new Map(input.previousDay.map(g => [key(g), g]));
  const earlier = new Map(input.dayBeforeRun.map(g => [key(g), g]));
  const out = new Map<string, MetricTransition[]>();
  for (const after of input.day) {
    const before = previous.get(key(after));
    if (!before) continue;
    const reason = crossing(before, after);
    if (!reason) continue;
    const seen = earlier.get(key(after));
    if (seen && crossing(before, seen) === reason) continue;
    const list = out.get(after.entityRef);
    if (list) list.push({ metric: after.metric, reason });
    else out.set(after.entityRef, [{ metric: after.metric, reason }]);
  }
  return out;
}
