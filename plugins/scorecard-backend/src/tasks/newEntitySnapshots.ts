import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { CatalogMirror } from '../service/CatalogMirror';
import type { SnapshotService } from '../service/SnapshotService';
import { firstBackfillDay, storedPastDays } from './snapshotDays';

/**
 * Computes the past days of the entities new to the catalog mirror right after a catalog sync,
 * rather than leaving them without history: the snapshot task fills only the days that no entity
 * has, so a new entity would get only one point a night.
 *
 * An entity is new when it has no snapshot at all, so the scheduled sync also finds those that a
 * sync of its own, started early by a write or read that named them, brought in. Only the days
 * the snapshot task has already stored are computed: on a first start it has stored none, and its
 * own backfill computes every entity's days; computing them here as well would do that work
 * twice, and would make those days look done to it for every other entity.
 */
export class NewEntitySnapshots {
  // entities whose every day failed: tried once per process, not at every sync
  private readonly failing = new Set<string>();

  constructor(
    private readonly options: {
      catalogMirror: CatalogMirror;
      snapshots: SnapshotStore;
      snapshotService: SnapshotService;
      logger: LoggerService;
    },
  ) {}

  async run(): Promise<void> {
    const { catalogMirror, snapshots, snapshotService, logger } = this.options;
    const now = Date.now();
    const days = storedPastDays(
      await snapshots.snapshotDays(firstBackfillDay(now)),
      now,
    );
    if (days.length === 0) return;
    const model = await catalogMirror.current();
    const refs = (
      await snapshots.entitiesWithoutSnapshots([...model.entities.keys()])
    ).filter(ref => !this.failing.has(ref));
    if (refs.length === 0) return;
    const started = Date.now();
    const done = await snapshotService.snapshot(days, refs);
    for (const { entityRef } of done.skipped) this.failing.add(entityRef);
    logger.info(
      `stored the past ${done.days.length} day(s) of ${
        done.entities
      } entities new to the catalog in ${Date.now() - started} ms`,
    );
  }
}
