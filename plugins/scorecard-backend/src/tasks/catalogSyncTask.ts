import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ScorecardConfig } from '../config';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { CatalogMirror } from '../service/CatalogMirror';
import type { SnapshotService } from '../service/SnapshotService';
import { NewEntitySnapshots } from './newEntitySnapshots';

/**
 * The catalog sync, and then the past days of the entities it found new: a Platform registered
 * today has its history as soon as the scorecard knows it, not after the next nightly snapshot.
 */
export async function scheduleCatalogSyncTask(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  config: ScorecardConfig;
  catalogMirror: CatalogMirror;
  snapshots: SnapshotStore;
  snapshotService: SnapshotService;
}) {
  const { scheduler, config, catalogMirror } = options;
  const newEntities = new NewEntitySnapshots(options);
  await scheduler.scheduleTask({
    id: 'scorecard-catalog-sync',
    ...config.catalogSyncSchedule,
    fn: async () => {
      await catalogMirror.sync();
      await newEntities.run();
    },
  });
}
