import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  KIND_PLATFORM,
  OPMODEL_API_VERSION,
  validateOpmodelEntity,
  type PlatformObjectives,
} from '@opmodel/plugin-opmodel-common';

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
  /** How often the snapshots of days that events arrived for late are taken again. */
  lateEventSnapshotsSchedule: SchedulerServiceTaskScheduleDefinition;
  catalogSyncSchedule: SchedulerServiceTaskScheduleDefinition;
  indexSummariesSchedule: SchedulerServiceTaskScheduleDefinition;
  portfolioSchedule: SchedulerServiceTaskScheduleDefinition;
  statementTimeoutMs: number;
  connectionTimeoutMs: number;
  /** Per source, the principals that may write it when the permission policy allows outright. */
  sourceWriters: Map<string, string[]>;
  notifications: {
    enabled: boolean;
    /** The OperatingRole names whose holders on a Platform are notified besides its owner. */
    roles: string[];
  };
  adoption: {
    /** The Group `spec.type` values of stream-aligned teams, compared without case. */
    streamAlignedGroupTypes: string[];
  };
  /** Survey metrics with fewer responses than this in a window are not enough data. */
  minimumResponses: number;
};

/** `ingestion.sources`: a list, so that a source's name may hold any character. */
function readSourceWriters(c: Config | undefined): Map<string, string[]> {
  const writers = new Map<string, string[]>();
  for (const entry of c?.getOptionalConfigArray('ingestion.sources') ?? []) {
    const source = entry.getString('source');
    if (writers.has(source)) {
      throw new Error(
        `opmodel.scorecard.ingestion.sources: the source '${source}' is listed twice; list each source once with all its writers`,
      );
    }
    writers.set(
      source,
      entry.getStringArray('writers').map(w => w.toLocaleLowerCase('en-US')),
    );
  }
  return writers;
}

const durationMs = (
  config: Config | undefined,
  key: string,
  fallbackMs: number,
): number =>
  config?.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallbackMs;

const schedule = (
  config: Config | undefined,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition =>
  config
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config)
    : fallback;

/**
 * `defaults.objectives`, checked against the schema a Platform's `spec.objectives` is checked
 * against, so a typo fails the start-up with the key and the fix instead of grading silently
 * without it.
 */
function readDefaultObjectives(
  c: Config | undefined,
): PlatformObjectives | undefined {
  const objectives = c?.getOptional<unknown>('defaults.objectives');
  if (objectives === undefined) return undefined;
  const issues = validateOpmodelEntity({
    apiVersion: OPMODEL_API_VERSION,
    kind: KIND_PLATFORM,
    metadata: { name: 'defaults' },
    spec: {
      type: 'defaults',
      lifecycle: 'production',
      owner: 'group:default/defaults',
      objectives,
    },
  }).filter(
    i => i.path === 'spec.objectives' || i.path.startsWith('spec.objectives.'),
  );
  if (issues.length > 0) {
    const key = 'opmodel.scorecard.defaults.objectives';
    throw new Error(
      `${key} is not valid: ${issues
        .map(
          i =>
            `${key}${i.path.slice('spec.objectives'.length)}: ${i.message}; ${
              i.fix
            }`,
        )
        .join(' | ')}`,
    );
  }
  return objectives as PlatformObjectives;
}

function readMinimumResponses(c: Config | undefined): number {
  const n = c?.getOptionalNumber('feedback.minimumResponses') ?? 5;
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(
      `opmodel.scorecard.feedback.minimumResponses must be a whole number of at least 1, not ${n}`,
    );
  }
  return n;
}

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
    defaults: readDefaultObjectives(c),
    benchmarkProfile: c?.getOptionalString('benchmarkProfile') ?? 'dora-2024',
    maxBatchItems: c?.getOptionalNumber('ingestion.maxBatchItems') ?? 5000,
    maxBodySize: c?.getOptionalString('ingestion.maxBodySize') ?? '5mb',
    maxClockSkewMs:
      (c?.getOptionalNumber('ingestion.maxClockSkewSeconds') ?? 300) * 1000,
    rawEventDays: c?.getOptionalNumber('retention.rawEventDays') ?? 400,
    sourceWriters: readSourceWriters(c),
    notifications: {
      enabled: c?.getOptionalBoolean('notifications.enabled') ?? false,
      roles: c?.getOptionalStringArray('notifications.roles') ?? [
        'product-owner',
        'service-manager',
      ],
    },
    adoption: {
      streamAlignedGroupTypes: c?.getOptionalStringArray(
        'adoption.streamAlignedGroupTypes',
      ) ?? ['stream-aligned'],
    },
    minimumResponses: readMinimumResponses(c),
    statementTimeoutMs: durationMs(c, 'database.statementTimeout', 15_000),
    connectionTimeoutMs: durationMs(c, 'database.connectionTimeout', 10_000),
    retentionSchedule: schedule(c?.getOptionalConfig('retention.schedule'), {
      frequency: { hours: 24 },
      timeout: { hours: 1 },
      initialDelay: { minutes: 5 },
    }),
    // The delay keeps a run the scheduler finds overdue at start-up (the backend was down at
    // 00:30) out of the start-up's first seconds, when the process still holds the garbage of
    // loading its modules: started then, the benchmark's snapshot peaked at about 600 MB
    // instead of 390 MB. On a first start it also brings the first snapshot (a backfill) forward
    // from the next 00:30 to a minute after the start.
    snapshotSchedule: schedule(c?.getOptionalConfig('snapshots.schedule'), {
      frequency: { cron: '30 0 * * *' },
      timeout: { hours: 2 },
      initialDelay: { minutes: 1 },
    }),
    lateEventSnapshotsSchedule: schedule(
      c?.getOptionalConfig('snapshots.lateEvents.schedule'),
      {
        frequency: { minutes: 10 },
        timeout: { hours: 1 },
        initialDelay: { minutes: 2 },
      },
    ),
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
