import {
  METRIC_DEFINITIONS,
  type BenchmarkProfile,
  type Grade,
  type GradedMetric,
  type MetricId,
  type MetricValue,
} from '@opmodel/plugin-scorecard-common';
import {
  parseDuration,
  type PlatformObjectives,
} from '@opmodel/plugin-opmodel-common';

/** The threshold an objective sets for a metric, in the metric's unit. */
export function objectiveThreshold(
  metric: MetricId,
  objectives: PlatformObjectives | undefined,
): number | undefined {
  if (!objectives) return undefined;
  switch (metric) {
    case 'uptime':
      return objectives.availability?.target;
    case 'errorBudgetRemaining':
      // any budget left meets the objective; the availability target sets the budget itself
      return objectives.availability?.target !== undefined ? 0 : undefined;
    case 'deploymentFrequency': {
      const { perWeek, perDay } = objectives.deploymentFrequency ?? {};
      if (perWeek !== undefined) return perWeek;
      return perDay !== undefined ? perDay * 7 : undefined;
    }
    case 'changeFailureRate':
    case 'deploymentReworkRate':
    case 'responseTargetCompliance':
      return objectives[metric];
    case 'leadTime':
    case 'recoveryTime':
    case 'timeToAcknowledge':
    case 'timeToResolve':
      return parseDuration(objectives[metric]);
    case 'adoptionShare':
      return objectives.adoption?.share;
    case 'csat':
      return objectives.satisfaction?.csat;
    case 'nps':
      return objectives.satisfaction?.nps;
    case 'customerEffort':
      return objectives.satisfaction?.effort;
    case 'supportTimeToFirstResponse':
      return parseDuration(objectives.support?.firstResponse);
    case 'supportTimeToResolve':
      return parseDuration(objectives.support?.resolve);
    case 'supportTargetCompliance':
      return objectives.support?.targetCompliance;
    case 'supportRequestsPerTeam':
      return objectives.support?.requestsPerTeam;
    default:
      return undefined;
  }
}

const meets = (value: number, threshold: number, better: 'higher' | 'lower') =>
  better === 'higher' ? value >= threshold : value <= threshold;

export type GradingContext = {
  /** The entity's own spec.objectives. */
  objectives?: PlatformObjectives;
  /** opmodel.scorecard.defaults.objectives from app-config. */
  defaults?: PlatformObjectives;
  profile: BenchmarkProfile;
};

/**
 * Grades a metric against, in this order, the entity's objectives, the app-config defaults and
 * the benchmark profile. The grade names the rule that decided it; not enough data is never graded.
 */
export function gradeMetric(
  value: MetricValue,
  ctx: GradingContext,
): GradedMetric {
  const { better } = METRIC_DEFINITIONS[value.metric];
  if (value.state !== 'ok' || value.value === null) {
    return {
      ...value,
      grade: {
        status: 'none',
        label: 'not enough data',
        rule: {
          source: 'none',
          description: `fewer than ${value.minimumCount} data points in the window`,
        },
      },
    };
  }
  const v = value.value;
  for (const [source, objectives] of [
    ['objective', ctx.objectives],
    ['config', ctx.defaults],
  ] as const) {
    const threshold = objectiveThreshold(value.metric, objectives);
    if (threshold !== undefined) {
      const ok = meets(v, threshold, better);
      const grade: Grade = {
        status: ok ? 'good' : 'poor',
        label: ok ? 'met' : 'missed',
        rule: {
          source,
          threshold,
          better,
          description:
            source === 'objective'
              ? "the entity's own spec.objectives"
              : 'the default objectives in app-config (opmodel.scorecard.defaults.objectives)',
        },
      };
      return { ...value, grade };
    }
  }
  const levels = ctx.profile.metrics[value.metric];
  if (levels) {
    const hit = levels.levels.find(l => meets(v, l.threshold, better));
    return {
      ...value,
      grade: {
        status: hit?.status ?? 'poor',
        label: hit?.level ?? levels.fallback,
        rule: {
          source: 'profile',
          profile: ctx.profile.id,
          threshold: hit?.threshold,
          better,
          description: `${ctx.profile.title} (${ctx.profile.source})`,
        },
      },
    };
  }
  return {
    ...value,
    grade: {
      status: 'none',
      label: 'ungraded',
      rule: {
        source: 'none',
        description: 'no objective, default or profile level for this metric',
      },
    },
  };
}
