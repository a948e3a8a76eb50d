import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ScorecardConfig } from '../config';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { SnapshotService } from '../service/SnapshotService';
import { daysToSnapshot, firstBackfillDay } from './snapshotDays';

/** The daily snapshots the trends read: yesterday, and recent days that have none. */
export async function scheduleSnapshotTask(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  config: ScorecardConfig;
  snapshots: SnapshotStore;
  snapshotService: SnapshotService;
}) {
  const { scheduler, logger, config, snapshots, snapshotService } = options;
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
      const done = await snapshotService.snapshot(days);
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
}
