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

/**
 * Where a collector keeps, between runs and across replicas, how far it has read a source: a
 * cursor, a timestamp, an ETag. Keys are the collector's own (a repository, a service); each
 * collector sees only its own.
 *
 * @public
 */
export interface ScorecardCollectorCursors {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/**
 * What a collector says of each entity it is meant to read, so that readers can tell "no
 * incidents" from "no incident source": it read the entity's data and wrote `written` events
 * (0 when nothing was new), or it could not, and `error` says why in words a user can act on
 * ("repository acme/shop not found with the configured credentials").
 *
 * @public
 */
export interface ScorecardCollectorCoverage {
  read(
    entityRef: string,
    outcome: { source: string; written: number },
  ): Promise<void>;
  failed(
    entityRef: string,
    outcome: { source: string; error: string },
  ): Promise<void>;
}

/**
 * What a collector gets each time it runs.
 *
 * @public
 */
export type ScorecardCollectorContext = {
  writer: ScorecardEventWriter;
  logger: LoggerService;
  signal?: AbortSignal;
  cursors: ScorecardCollectorCursors;
  coverage: ScorecardCollectorCoverage;
};

/**
 * What a collector's runs share with the work it does outside them, such as a webhook subscriber
 * that reads the one repository a webhook names: the writer, and the collector's own cursors and
 * coverage, so that both read and write alike.
 *
 * @public
 */
export type ScorecardCollectorSharedContext = Pick<
  ScorecardCollectorContext,
  'writer' | 'cursors' | 'coverage'
>;

/** A length of time, in any form a task schedule takes one. */
export type ScorecardCollectorDuration =
  SchedulerServiceTaskScheduleDefinition['timeout'];

/**
 * How soon a failed run of a collector is tried again, rather than at its next scheduled run. A
 * run fails, for example, when it writes events for entities the catalog has not read yet: on a
 * first start, or right after the entities were registered.
 */
export type ScorecardCollectorRetry = {
  /**
   * The wait before the first retry; each further retry waits twice as long as the one before.
   * Default: `SCORECARD_COLLECTOR_RETRY_DEFAULTS.initialDelay`.
   */
  initialDelay?: ScorecardCollectorDuration;
  /**
   * The longest wait between retries. Default: `SCORECARD_COLLECTOR_RETRY_DEFAULTS.maxDelay`. A
   * retry never waits longer than a quarter of the collector's frequency, when that is a
   * duration, so that retries come well before the next scheduled run.
   */
  maxDelay?: ScorecardCollectorDuration;
  /**
   * How many times a run that keeps failing is retried before the collector waits for its next
   * scheduled run. Default: `SCORECARD_COLLECTOR_RETRY_DEFAULTS.maxRetries`.
   */
  maxRetries?: number;
};

/** What a collector's `retry` option falls back to, field by field. */
export const SCORECARD_COLLECTOR_RETRY_DEFAULTS = {
  initialDelay: { seconds: 15 },
  maxDelay: { minutes: 10 },
  maxRetries: 8,
} as const satisfies Required<ScorecardCollectorRetry>;

/**
 * The kinds of events the scorecard stores.
 *
 * @public
 */
export type ScorecardEventKind = 'deployments' | 'incidents' | 'availability';

/**
 * A named source that, on its own schedule, pulls events (GitHub deployments, PagerDuty incidents,
 * Prometheus availability) and writes them. Its runs go through the scheduler, so one replica runs
 * each. A run that throws is tried again soon (see `retry`), through the scheduler too, so a run
 * may repeat what an earlier one wrote: the writer stores an event with an id once per source.
 */
export type ScorecardCollector = {
  /** Unique; also the default `source` of what it writes. */
  id: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** When a run that failed is tried again; `false` leaves it to the next scheduled run. */
  retry?: ScorecardCollectorRetry | false;
  /**
   * The kinds of events it writes, shown with its coverage. An entity it reads for `incidents`
   * has an incident source: without availability samples, its uptime comes from incidents (none
   * in the window is 100 %). An entity with neither has no uptime figure (not enough data).
   */
  writes?: ScorecardEventKind[];
  collect(context: ScorecardCollectorContext): Promise<void>;
};

export interface ScorecardCollectorsExtensionPoint {
  addCollector(...collectors: ScorecardCollector[]): void;
  /**
   * The writer collectors get, for what writes outside a collector's run: a webhook subscriber
   * that writes an event as the pull would write it, so the two never double-count. Writes made
   * before the scorecard has started wait until it has.
   */
  eventWriter(): ScorecardEventWriter;
  /**
   * The writer, cursors and coverage of the collector `collectorId`, for work outside its runs: a
   * webhook subscriber that reads what the webhook names as a run would read it, so that neither
   * reads twice what the other has read. Calls made before the scorecard has started wait until
   * it has.
   */
  collectorContext(collectorId: string): ScorecardCollectorSharedContext;
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
