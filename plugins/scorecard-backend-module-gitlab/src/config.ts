import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The collector's settings, under `opmodel.scorecard.gitlab`. */
export type GitlabCollectorConfig = {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Environment names that count as production, as GitLab names them. */
  productionEnvironments: string[];
  backfillDays: number;
  /** The longest wait for a rate limit inside a run; a longer one stops the project. */
  maxRateLimitWaitMs: number;
  /** The first wait before a request that got a 5xx is asked again; it doubles each time. */
  serverErrorBackoffMs: number;
  serverErrorRetries: number;
};

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 8 },
};

export function readGitlabCollectorConfig(root: Config): GitlabCollectorConfig {
  const config = root.getOptionalConfig('opmodel.scorecard.gitlab');
  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  const environments = config?.getOptionalStringArray(
    'productionEnvironments',
  ) ?? ['production', 'prod'];
  const backfillDays = config?.getOptionalNumber('backfillDays') ?? 90;
  if (!(backfillDays >= 0)) {
    throw new Error(
      `opmodel.scorecard.gitlab.backfillDays: must be 0 or more (got ${backfillDays})`,
    );
  }
  const ms = (key: string, fallback: number) =>
    config?.has(key)
      ? durationToMilliseconds(readDurationFromConfig(config, { key }))
      : fallback;
  return {
    schedule,
    productionEnvironments: [...new Set(environments.map(e => e.trim()))],
    backfillDays,
    maxRateLimitWaitMs: ms('maxRateLimitWait', 60_000),
    serverErrorBackoffMs: ms('serverErrorBackoff', 1_000),
    serverErrorRetries: config?.getOptionalNumber('serverErrorRetries') ?? 3,
  };
}
