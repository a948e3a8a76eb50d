import type {
  ScorecardCollectorCoverage,
  ScorecardCollectorCursors,
  ScorecardEventKind,
} from '@opmodel/plugin-scorecard-node';
import type {
  CollectorStateStore,
  CoverageOutcome,
} from '../database/CollectorStateStore';

/** A store now, or one the scorecard's start-up will bring (for a module's webhook subscriber). */
type StateStore = CollectorStateStore | Promise<CollectorStateStore>;

/** One collector's own cursors: each collector sees only its keys. */
export function collectorCursors(
  state: StateStore,
  collectorId: string,
): ScorecardCollectorCursors {
  return {
    get: async key => (await state).getCursor(collectorId, key),
    set: async (key, value) => (await state).setCursor(collectorId, key, value),
  };
}

/** One collector's coverage reports, with the kinds of events it declares it writes. */
export function collectorCoverage(
  state: StateStore,
  collectorId: string,
  writes: () => ScorecardEventKind[] | undefined,
): ScorecardCollectorCoverage {
  const report = async (ref: string, outcome: CoverageOutcome) =>
    (await state).reportCoverage(
      collectorId,
      ref,
      outcome,
      Date.now(),
      writes(),
    );
  return { read: report, failed: report };
}
