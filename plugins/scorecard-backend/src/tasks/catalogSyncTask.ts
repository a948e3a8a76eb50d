import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ScorecardConfig } from '../config';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { CatalogMirror } from '../service/CatalogMirror';
import type { SnapshotService } from '../service/SnapshotService';
import type { FindingsNotifier } from '../notifications/FindingsNotifier';
import type { AdoptionService } from '../adoption/AdoptionService';
import { NewEntitySnapshots } from './newEntitySnapshots';
import { stringifyError } from '@backstage/errors';

/**
 * The catalog sync, and then the past days of the entities it found new: a Platform registered
 * today has its history as soon as the scorecard knows it, not after the next nightly snapshot.
 * Then each Platform's adoption is looked at and stored as today's; with notifications on, model
 * findings that newly appeared are told.
 */
export async function scheduleCatalogSyncTask(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  config: ScorecardConfig;
  catalogMirror: CatalogMirror;
  snapshots: SnapshotStore;
  snapshotService: SnapshotService;
  findingsNotifier?: FindingsNotifier;
  adoption?: AdoptionService;
}) {
  const { scheduler, config, catalogMirror } = options;
  const newEntities = new NewEntitySnapshots(options);
  await scheduler.scheduleTask({
    id: 'scorecard-catalog-sync',
    ...config.catalogSyncSchedule,
    fn: async () => {
      await catalogMirror.sync();
      await newEntities.run();
      if (options.adoption) {
        // a failed look leaves the last one standing; the next sync looks again
        try {
          await options.adoption.refresh();
        } catch (error) {
          options.logger.warn(
            `platform adoption was not looked at: ${stringifyError(error)}`,
          );
        }
      }
      if (options.findingsNotifier) {
        // a failure to tell findings does not fail the sync; the next look tells them
        try {
          const sent = await options.findingsNotifier.run();
          if (sent > 0)
            options.logger.info(
              `sent ${sent} notification(s) of new model findings`,
            );
        } catch (error) {
          options.logger.warn(
            `new model findings were not told: ${stringifyError(error)}`,
          );
        }
      }
    },
  });
}
