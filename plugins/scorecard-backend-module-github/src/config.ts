import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The collector's settings, under `opmodel.scorecard.github`. */
export type GithubCollectorConfig = {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Lower-cased environment names that count as production. */
  productionEnvironments: string[];
  backfillDays: number;
  /** The longest wait for a rate limit inside a run; a longer one stops the repository. */
  maxRateLimitWaitMs: number;
  /** The first wait before a request that got a 5xx is asked again; it doubles each time. */
  serverErrorBackoffMs: number;
  serverErrorRetries: number;
};

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 8 },
};

export function readGithubCollectorConfig(root: Config): GithubCollectorConfig {
  const config = root.getOptionalConfig('opmodel.scorecard.github');
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
      `opmodel.scorecard.github.backfillDays: must be 0 or more (got ${backfillDays})`,
    );
  }
  const ms = (key: string, fallback: number) =>
    config?.has(key)
      ? durationToMilliseconds(readDurationFromConfig(config, { key }))
      : fallback;
  return {
    schedule,
    productionEnvironments: environments.map(e => e.toLocaleLowerCase('en-US')),
    backfillDays,
    maxRateLimitWaitMs: ms('maxRateLimitWait', 60_000),
    serverErrorBackoffMs: ms('serverErrorBackoff', 1_000),
    serverErrorRetries: config?.getOptionalNumber('serverErrorRetries') ?? 3,
  };
}
