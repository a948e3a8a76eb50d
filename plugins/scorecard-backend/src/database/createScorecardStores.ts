import { DatabaseAdoptionStore } from './AdoptionStore';
import { DatabaseCatalogMirrorStore } from './CatalogMirrorStore';
import { DatabaseChangeTracker } from './ChangeTracker';
import { DatabaseCollectorStateStore } from './CollectorStateStore';
import { DatabaseEventStore } from './DatabaseEventStore';
import { DatabaseEventRetention } from './EventRetention';
import { DatabaseFrozenPeriodStore } from './FrozenPeriodStore';
import { DatabaseKnownFindingsStore } from './KnownFindingsStore';
import { DatabaseLateEventDaysStore } from './LateEventDaysStore';
import { DatabaseSnapshotStore } from './SnapshotStore';

/** Every store of the scorecard's database, one per concern. */
export type ScorecardStores = {
  events: DatabaseEventStore;
  changes: DatabaseChangeTracker;
  retention: DatabaseEventRetention;
  catalogMirror: DatabaseCatalogMirrorStore;
  snapshots: DatabaseSnapshotStore;
  frozenPeriods: DatabaseFrozenPeriodStore;
  collectorState: DatabaseCollectorStateStore;
  knownFindings: DatabaseKnownFindingsStore;
  adoption: DatabaseAdoptionStore;
  lateEventDays: DatabaseLateEventDaysStore;
};

/**
 * Migrates the scorecard's database (once, through the event store) and opens each store on the
 * same client, with the same statement limits.
 */
export async function createScorecardStores(
  options: Parameters<typeof DatabaseEventStore.create>[0],
): Promise<ScorecardStores> {
  const events = await DatabaseEventStore.create(options);
  const db = await options.database.getClient();
  return {
    events,
    changes: new DatabaseChangeTracker(db),
    retention: new DatabaseEventRetention(db),
    catalogMirror: new DatabaseCatalogMirrorStore(db),
    snapshots: new DatabaseSnapshotStore(db),
    frozenPeriods: new DatabaseFrozenPeriodStore(db),
    collectorState: new DatabaseCollectorStateStore(db),
    knownFindings: new DatabaseKnownFindingsStore(db),
    adoption: new DatabaseAdoptionStore(db),
    lateEventDays: new DatabaseLateEventDaysStore(db),
  };
}
