import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { PlatformObjectives } from '@opmodel/plugin-opmodel-common';

export type ScorecardConfig = {
  environments: string[];
  partialOutageWeight: number;
  defaultWindowDays: number;
  defaults?: PlatformObjectives;
  benchmarkProfile: string;
  maxBatchItems: number;
  maxBodySize: string;
  maxClockSkewMs: number;
  rawEventDays: number;
  retentionSchedule: SchedulerServiceTaskScheduleDefinition;
  snapshotSchedule: SchedulerServiceTaskScheduleDefinition;
  catalogSyncSchedule: SchedulerServiceTaskScheduleDefinition;
  indexSummariesSchedule: SchedulerServiceTaskScheduleDefinition;
  portfolioSchedule: SchedulerServiceTaskScheduleDefinition;
};

const schedule = (
  config: Config | undefined,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition =>
  config
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config)
    : fallback;

/** Reads `opmodel.scorecard` once, at start-up, with the documented defaults (config.d.ts). */
export function readScorecardConfig(root: Config): ScorecardConfig {
  const c = root.getOptionalConfig('opmodel.scorecard');
  const weight = c?.getOptionalNumber('partialOutageWeight') ?? 0.5;
  if (weight < 0 || weight > 1) {
    throw new Error(
      'opmodel.scorecard.partialOutageWeight must be between 0 and 1',
    );
  }
  return {
    environments: (
      c?.getOptionalStringArray('environments') ?? ['production']
    ).map(e => e.toLocaleLowerCase('en-US')),
    partialOutageWeight: weight,
    defaultWindowDays: c?.getOptionalNumber('defaultWindowDays') ?? 28,
    defaults: c?.getOptional<PlatformObjectives>('defaults.objectives'),
    benchmarkProfile: c?.getOptionalString('benchmarkProfile') ?? 'dora-2024',
    maxBatchItems: c?.getOptionalNumber('ingestion.maxBatchItems') ?? 5000,
    maxBodySize: c?.getOptionalString('ingestion.maxBodySize') ?? '5mb',
    maxClockSkewMs:
      (c?.getOptionalNumber('ingestion.maxClockSkewSeconds') ?? 300) * 1000,
    rawEventDays: c?.getOptionalNumber('retention.rawEventDays') ?? 400,
    retentionSchedule: schedule(c?.getOptionalConfig('retention.schedule'), {
      frequency: { hours: 24 },
      timeout: { hours: 1 },
      initialDelay: { minutes: 5 },
    }),
    snapshotSchedule: schedule(c?.getOptionalConfig('snapshots.schedule'), {
      frequency: { cron: '30 0 * * *' },
      timeout: { hours: 2 },
    }),
    indexSummariesSchedule: schedule(
      c?.getOptionalConfig('indexSummaries.schedule'),
      {
        frequency: { minutes: 1 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      },
    ),
    portfolioSchedule: schedule(c?.getOptionalConfig('portfolio.schedule'), {
      frequency: { seconds: 30 },
      timeout: { minutes: 5 },
    }),
    catalogSyncSchedule: schedule(
      c?.getOptionalConfig('catalogSync.schedule'),
      {
        frequency: { minutes: 5 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
      },
    ),
  };
}
