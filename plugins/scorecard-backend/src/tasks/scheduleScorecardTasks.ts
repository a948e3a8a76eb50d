import type {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ScorecardCollector } from '@opmodel/plugin-scorecard-node';
import type { ScorecardConfig } from '../config';
import type { CatalogMirror } from '../service/CatalogMirror';
import type { EventRetention } from '../database/EventRetention';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { CollectorStateStore } from '../database/CollectorStateStore';
import type { IngestionService } from '../ingestion/IngestionService';
import type { ScorecardServices } from '../service/createScorecardServices';
import type { ScorecardNotifier } from '../notifications/ScorecardNotifier';
import type { FindingsNotifier } from '../notifications/FindingsNotifier';
import type { AdoptionService } from '../adoption/AdoptionService';
import { scheduleCatalogSyncTask } from './catalogSyncTask';
import { scheduleCollectorTasks } from './collectorTasks';
import { scheduleRetentionTasks } from './retentionTasks';
import { scheduleSnapshotTask } from './snapshotTask';
import { scheduleLateEventSnapshotsTask } from './lateEventSnapshotsTask';
import type { LateEventDaysStore } from '../database/LateEventDaysStore';

/**
 * Every recurring job goes through the scheduler, so one replica runs each: the catalog sync
 * (with the past days of the entities it finds new, each Platform's adoption, and the new model
 * findings told), the daily snapshots and those of days events arrived for late, retention, index
 * summaries and every collector. The portfolio refresh runs on every replica: it keeps that
 * replica's in-memory portfolios current.
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
  notifier?: ScorecardNotifier;
  findingsNotifier?: FindingsNotifier;
  adoption?: AdoptionService;
  lateEventDays?: LateEventDaysStore;
}) {
  const { scheduler, config, services } = options;

  await scheduleCatalogSyncTask({
    ...options,
    snapshotService: services.snapshots,
  });
  await scheduleSnapshotTask({
    ...options,
    snapshotService: services.snapshots,
  });
  if (options.lateEventDays)
    await scheduleLateEventSnapshotsTask({
      ...options,
      lateEventDays: options.lateEventDays,
      snapshotService: services.snapshots,
    });
  await scheduleRetentionTasks(options);

  // local: every replica keeps its own portfolios in memory, so each brings its own up to date
  await scheduler.scheduleTask({
    id: 'scorecard-portfolio-refresh',
    ...config.portfolioSchedule,
    scope: 'local',
    fn: () => services.portfolio.refreshPortfolios(),
  });

  await scheduleCollectorTasks(options);
}
