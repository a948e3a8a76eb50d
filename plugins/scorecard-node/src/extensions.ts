import {
  createExtensionPoint,
  type LoggerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type {
  BenchmarkProfile,
  IngestRequest,
  IngestResponse,
} from '@opmodel/plugin-scorecard-common';

/**
 * Writes events into the scorecard's store, validated exactly as the HTTP ingestion API validates
 * them: the whole batch or nothing, idempotent by (source, id).
 */
export interface ScorecardEventWriter {
  write(batch: IngestRequest): Promise<IngestResponse>;
}

/** What a collector gets each time it runs. */
export type ScorecardCollectorContext = {
  writer: ScorecardEventWriter;
  logger: LoggerService;
  signal?: AbortSignal;
};

/**
 * A named source that, on its own schedule, pulls events (GitHub deployments, PagerDuty incidents,
 * Prometheus availability) and writes them. Its runs go through the scheduler, so one replica runs
 * each.
 */
export type ScorecardCollector = {
  /** Unique; also the default `source` of what it writes. */
  id: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  collect(context: ScorecardCollectorContext): Promise<void>;
};

export interface ScorecardCollectorsExtensionPoint {
  addCollector(...collectors: ScorecardCollector[]): void;
}

export const scorecardCollectorsExtensionPoint =
  createExtensionPoint<ScorecardCollectorsExtensionPoint>({
    id: 'scorecard.collectors',
  });

export interface ScorecardProfilesExtensionPoint {
  addBenchmarkProfile(...profiles: BenchmarkProfile[]): void;
}

export const scorecardProfilesExtensionPoint =
  createExtensionPoint<ScorecardProfilesExtensionPoint>({
    id: 'scorecard.profiles',
  });
