import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ScorecardConfig } from '../config';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { SnapshotService } from '../service/SnapshotService';
import type { ScorecardNotifier } from '../notifications/ScorecardNotifier';
import { daysToSnapshot, firstBackfillDay } from './snapshotDays';

/** The daily snapshots the trends read: yesterday, and recent days that have none. */
export async function scheduleSnapshotTask(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  config: ScorecardConfig;
  snapshots: SnapshotStore;
  snapshotService: SnapshotService;
  /** Given (notifications enabled): told of the crossings of the newest day stored. */
  notifier?: ScorecardNotifier;
}) {
  const { scheduler, logger, config, snapshots, snapshotService, notifier } =
    options;
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
      // yesterday, recomputed on every run: what it showed before tells a crossing already notified
      const newest = days[days.length - 1];
      const beforeRun =
        notifier && newest ? await notifier.beforeRun(newest) : undefined;
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
      if (notifier && beforeRun && done.days.includes(newest)) {
        const sent = await notifier.notify(newest, beforeRun);
        if (sent > 0)
          logger.info(
            `sent ${sent} scorecard notification(s) of metrics that crossed on ${newest}`,
          );
      }
    },
  });
}
