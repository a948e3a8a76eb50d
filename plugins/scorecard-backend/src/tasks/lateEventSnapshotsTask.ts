import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ScorecardConfig } from '../config';
import type { LateEventDaysStore } from '../database/LateEventDaysStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { SnapshotService } from '../service/SnapshotService';
import { firstBackfillDay, storedPastDays } from './snapshotDays';

/**
 * The snapshots of days events arrived for late (a backfill, a collector's first read, an
 * incident updated days after it began), taken again soon: from the earliest such day to
 * yesterday, since each day's window holds the days before it. Only days the snapshot task has
 * stored are taken again; a day it has not stored yet it takes with the late events in.
 */
export async function scheduleLateEventSnapshotsTask(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  config: ScorecardConfig;
  snapshots: SnapshotStore;
  snapshotService: SnapshotService;
  lateEventDays: LateEventDaysStore;
}) {
  const { scheduler, logger, config, snapshots, snapshotService } = options;
  await scheduler.scheduleTask({
    id: 'scorecard-late-event-snapshots',
    ...config.lateEventSnapshotsSchedule,
    fn: async () => {
      const started = Date.now();
      const earliest = await options.lateEventDays.earliest();
      if (!earliest) return;
      const days = storedPastDays(
        await snapshots.snapshotDays(firstBackfillDay(started)),
        started,
      ).filter(day => day >= earliest.day);
      if (days.length > 0) {
        const done = await snapshotService.snapshot(days);
        logger.info(
          `took again the snapshots of ${done.days.length} day(s) from ${
            earliest.day
          }, which events arrived for late, in ${Date.now() - started} ms`,
        );
      }
      // marks made while this ran (later than its start) stay for the next run
      await options.lateEventDays.clear(started);
    },
  });
}
