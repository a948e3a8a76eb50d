import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * A deployment-source collector's settings, under `opmodel.scorecard.<source>`: every key
 * optional, the same keys for every such source.
 *
 * @public
 */
export type DeploymentSourceConfig = {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Environment names that count as production, as configured (trimmed, each once). */
  productionEnvironments: string[];
  backfillDays: number;
  /** The longest wait for a rate limit inside a run; a longer one stops the repository. */
  maxRateLimitWaitMs: number;
  /** The first wait before a request that got a 5xx is asked again; it doubles each time. */
  serverErrorBackoffMs: number;
  serverErrorRetries: number;
};

/**
 * What reading one repository or project needs: the configured environments and backfill, and
 * the time the read counts back from.
 *
 * @public
 */
export type DeploymentSourceReadOptions = Pick<
  DeploymentSourceConfig,
  'productionEnvironments' | 'backfillDays'
> & { now: number };

/**
 * For collector modules: reads `opmodel.scorecard.<source>`, with its defaults (every 10 minutes,
 * production or prod, 90 days back, a minute's rate-limit wait, 3 retries a second apart).
 *
 * @public
 */
export function readDeploymentSourceConfig(
  root: Config,
  source: string,
): DeploymentSourceConfig {
  const path = `opmodel.scorecard.${source}`;
  const config = root.getOptionalConfig(path);
  const backfillDays = config?.getOptionalNumber('backfillDays') ?? 90;
  if (!(backfillDays >= 0)) {
    throw new Error(
      `${path}.backfillDays: must be 0 or more (got ${backfillDays})`,
    );
  }
  const ms = (key: string, fallback: number) =>
    config?.has(key)
      ? durationToMilliseconds(readDurationFromConfig(config, { key }))
      : fallback;
  const environments = config?.getOptionalStringArray(
    'productionEnvironments',
  ) ?? ['production', 'prod'];
  return {
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : { frequency: { minutes: 10 }, timeout: { minutes: 8 } },
    productionEnvironments: [...new Set(environments.map(e => e.trim()))],
    backfillDays,
    maxRateLimitWaitMs: ms('maxRateLimitWait', 60_000),
    serverErrorBackoffMs: ms('serverErrorBackoff', 1_000),
    serverErrorRetries: config?.getOptionalNumber('serverErrorRetries') ?? 3,
  };
}
