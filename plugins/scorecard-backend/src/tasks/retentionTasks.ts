import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ScorecardConfig } from '../config';
import type { EventRetention } from '../database/EventRetention';

const DAY = 86_400_000;

/** Raw events past the retention age are removed; PostgreSQL's BRIN ranges are summarised. */
export async function scheduleRetentionTasks(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  config: ScorecardConfig;
  retention: EventRetention;
}) {
  const { scheduler, logger, config, retention } = options;
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
}
