import type { AdoptionStore } from '../database/AdoptionStore';
import type { ChangeTracker } from '../database/ChangeTracker';
import type { FrozenPeriodStore } from '../database/FrozenPeriodStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { EventStore } from '../database/types';
import type { CatalogMirror } from './CatalogMirror';
import { FrozenPeriodService } from './FrozenPeriodService';
import { PortfolioService } from './PortfolioService';
import { ScorecardService, type ScorecardOptions } from './ScorecardService';
import { SnapshotService } from './SnapshotService';

/** The scorecard's services, one per concern, on the scorecard computation they share. */
export type ScorecardServices = {
  scorecards: ScorecardService;
  portfolio: PortfolioService;
  snapshots: SnapshotService;
  frozenPeriods: FrozenPeriodService;
};

export function createScorecardServices(
  stores: {
    events: EventStore;
    changes: ChangeTracker;
    snapshots: SnapshotStore;
    frozenPeriods: FrozenPeriodStore;
    /** Each Platform's consumers, for the product metrics; without it they have none. */
    adoption?: AdoptionStore;
  },
  catalogMirror: CatalogMirror,
  options: ScorecardOptions,
): ScorecardServices {
  const scorecards = new ScorecardService(stores, catalogMirror, options);
  return {
    scorecards,
    portfolio: new PortfolioService(scorecards, stores, catalogMirror, options),
    snapshots: new SnapshotService(scorecards, stores, catalogMirror, options),
    frozenPeriods: new FrozenPeriodService(
      scorecards,
      stores.frozenPeriods,
      catalogMirror,
    ),
  };
}
