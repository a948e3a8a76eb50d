import type {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ScorecardCollector } from '@opmodel/plugin-scorecard-node';
import type { ScorecardConfig } from '../config';
import type { CatalogMirror } from './CatalogMirror';
import { CollectorRunner } from './CollectorRunner';
import type { EventRetention } from '../database/EventRetention';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { CollectorStateStore } from '../database/CollectorStateStore';
import type { IngestionService } from './IngestionService';
import type { ScorecardServices } from './createScorecardServices';

const DAY = 86_400_000;
/** How far back the snapshot task fills days that have no snapshot yet (first start, outages). */
export const SNAPSHOT_BACKFILL_DAYS = 90;

/** The days to snapshot now: yesterday (recomputed) and any recent day with no snapshot yet. */
export function firstBackfillDay(
  now: number,
  backfillDays = SNAPSHOT_BACKFILL_DAYS,
): string {
  return new Date(Math.floor(now / DAY) * DAY - backfillDays * DAY)
    .toISOString()
    .slice(0, 10);
}

export function daysToSnapshot(
  existing: Set<string>,
  now: number,
  backfillDays = SNAPSHOT_BACKFILL_DAYS,
): string[] {
  const days: string[] = [];
  const today = Math.floor(now / DAY) * DAY;
  for (let d = today - backfillDays * DAY; d < today; d += DAY) {
    const day = new Date(d).toISOString().slice(0, 10);
    if (!existing.has(day) || d === today - DAY) days.push(day);
  }
  return days;
}

/**
 * Every recurring job goes through the scheduler, so one replica runs each: the catalog sync,
 * the daily snapshots, retention, index summaries and every collector. The portfolio refresh
 * runs on every replica: it keeps that replica's in-memory portfolios current. A collector run
 * that fails is triggered again soon, rather than left to its next scheduled run (CollectorRunner).
 */
export async function scheduleScorecardTasks(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  config: ScorecardConfig;
  snapshots: SnapshotStore;
  retention: EventRetention;
  catalogMirror: CatalogMirror;
  services: ScorecardServices;
  ingestion: IngestionService;
  collectors: ScorecardCollector[];
  collectorState: CollectorStateStore;
}) {
  const {
    scheduler,
    logger,
    lifecycle,
    config,
    snapshots,
    retention,
    catalogMirror,
    services,
    ingestion,
    collectors,
    collectorState,
  } = options;

  await scheduler.scheduleTask({
    id: 'scorecard-catalog-sync',
    ...config.catalogSyncSchedule,
    fn: () => catalogMirror.sync(),
  });

  await scheduler.scheduleTask({
    id: 'scorecard-snapshots',
    ...config.snapshotSchedule,
    fn: async () => {
      // reads the membership of the last catalog sync (its own task), not the catalog itself
      const now = Date.now();
      const days = daysToSnapshot(
        await snapshots.snapshotDays(firstBackfillDay(now)),
        now,
      );
      const started = Date.now();
      const done = await services.snapshots.snapshot(days);
      logger.info(
        `stored scorecard snapshots of ${done.entities} entities for ${
          done.days.length
        } day(s) in ${Date.now() - started} ms (${
          done.computeMs
        } ms reading and computing, ${
          done.writeMs
        } ms writing, summed over steps that overlap)`,
      );
    },
  });

  await scheduler.scheduleTask({
    id: 'scorecard-retention',
    ...config.retentionSchedule,
    fn: async () => {
      const removed = await retention.deleteEventsBefore(
        Date.now() - config.rawEventDays * DAY,
      );
      logger.info(
        `removed raw events older than ${
          config.rawEventDays
        } days: ${JSON.stringify(removed)}`,
      );
    },
  });

  await scheduler.scheduleTask({
    id: 'scorecard-index-summaries',
    ...config.indexSummariesSchedule,
    fn: async () => {
      const ranges = await retention.summarizeNewRanges();
      if (ranges > 0)
        logger.debug(`summarised ${ranges} new BRIN block range(s)`);
    },
  });

  // local: every replica keeps its own portfolios in memory, so each brings its own up to date
  await scheduler.scheduleTask({
    id: 'scorecard-portfolio-refresh',
    ...config.portfolioSchedule,
    scope: 'local',
    fn: () => services.portfolio.refreshPortfolios(),
  });

  for (const collector of collectors) {
    const runner = new CollectorRunner({
      collector,
      scheduler,
      writer: ingestion,
      logger: logger.child({ collector: collector.id }),
      state: collectorState,
    });
    lifecycle.addShutdownHook(() => runner.stop());
    await scheduler.scheduleTask({
      id: runner.taskId,
      ...collector.schedule,
      fn: signal => runner.run(signal as AbortSignal | undefined),
    });
  }
}
