import type {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ScorecardCollector } from '@opmodel/plugin-scorecard-node';
import type { CollectorStateStore } from '../database/CollectorStateStore';
import type { IngestionService } from '../ingestion/IngestionService';
import { CollectorRunner } from '../service/CollectorRunner';

/**
 * One task per installed collector, on the collector's own schedule. A run that fails is
 * triggered again soon, rather than left to its next scheduled run (CollectorRunner).
 */
export async function scheduleCollectorTasks(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  ingestion: IngestionService;
  collectors: ScorecardCollector[];
  collectorState: CollectorStateStore;
}) {
  const { scheduler, logger, lifecycle, ingestion, collectorState } = options;
  for (const collector of options.collectors) {
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
