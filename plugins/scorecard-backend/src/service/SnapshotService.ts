import { InputError, stringifyError } from '@backstage/errors';
import {
  METRIC_IDS,
  type MetricId,
  type Scorecard,
  type Trend,
  type Trends,
} from '@opmodel/plugin-scorecard-common';
import type { TimeWindow } from '../metrics/types';
import type { FrozenPeriodStore } from '../database/FrozenPeriodStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { KnownEntity, SnapshotRow } from '../database/types';
import { isTransientDatabaseError } from '../database/transientErrors';
import type { CatalogMirror } from './CatalogMirror';
import type { ScorecardOptions, ScorecardService } from './ScorecardService';

const DAY = 86_400_000;
// Owners per set-based read: bounds the rows held in memory at once.
const BATCH = 500;
// Member entities per snapshot batch. Small batches keep the snapshot's memory flat, and up to
// about this many entities PostgreSQL reads through the (entity_ref, time) indexes instead of
// scanning the whole window (see migrations/20261122190000_brin_time_indexes.js).
const SNAPSHOT_MEMBERS = 200;
// Snapshot rows per write: about one batch's. The rows waiting for their write (and the write's
// JSON) are alive whenever V8 collects, and V8 lets the heap grow in proportion to what is alive:
// larger writes raised the snapshot's peak heap for little time saved (docs/benchmarks.md,
// "Tuning constants").
const SNAPSHOT_WRITE_ROWS = 2_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Splits entities into batches of at most BATCH entities and about SNAPSHOT_MEMBERS distinct
 * member entities (an owner with more members than that gets a batch of its own). An entity whose
 * members are already in the batch adds nothing to it: their events are read once for both.
 */
export function batchByMembers(
  entities: KnownEntity[],
  members: Map<string, string[]>,
  maxMembers = SNAPSHOT_MEMBERS,
): KnownEntity[][] {
  const batches: KnownEntity[][] = [];
  let current: KnownEntity[] = [];
  let reads = new Set<string>();
  for (const entity of entities) {
    const own = members.get(entity.entityRef) ?? [entity.entityRef];
    let added = 0;
    for (const m of own) if (!reads.has(m)) added++;
    if (
      current.length > 0 &&
      (current.length >= BATCH || reads.size + added > maxMembers)
    ) {
      batches.push(current);
      current = [];
      reads = new Set();
    }
    current.push(entity);
    for (const m of own) reads.add(m);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The entities reordered so that each one with members (a Platform, a Group; the largest first)
 * is followed by those of its members that are entities too: batched together, their events are
 * read once for the owner and for each member's own scorecard.
 */
export function withMembersAlongside(
  entities: KnownEntity[],
  members: Map<string, string[]>,
): KnownEntity[] {
  const byRef = new Map(entities.map(e => [e.entityRef, e]));
  const size = (e: KnownEntity) => members.get(e.entityRef)?.length ?? 1;
  const owners = entities.filter(e => size(e) > 1);
  owners.sort((a, b) => size(b) - size(a));
  const placed = new Set<string>();
  const out: KnownEntity[] = [];
  const place = (e: KnownEntity | undefined) => {
    if (!e || placed.has(e.entityRef)) return;
    placed.add(e.entityRef);
    out.push(e);
  };
  for (const owner of owners) {
    place(owner);
    for (const m of members.get(owner.entityRef)!) place(byRef.get(m));
  }
  for (const e of entities) place(e);
  return out;
}

/**
 * The daily snapshots of every scorecard, stored by the snapshot task, and the trends read from
 * them.
 */
export class SnapshotService {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly stores: {
      snapshots: SnapshotStore;
      frozenPeriods: FrozenPeriodStore;
    },
    private readonly catalogMirror: CatalogMirror,
    private readonly options: ScorecardOptions,
  ) {}

  /** A metric's daily history, read from snapshots. */
  async getTrend(
    entityRef: string,
    metric: MetricId,
    window: TimeWindow,
  ): Promise<Trend> {
    const { trends, ...rest } = await this.getTrends(
      entityRef,
      [metric],
      window,
      'metric',
    );
    return { ...rest, metric, points: trends[metric]! };
  }

  /**
   * The daily history of several metrics of one entity, from the stored snapshots. `field` is
   * the request parameter the metric ids came in, for the error that names an unknown one.
   */
  async getTrends(
    entityRef: string,
    metrics: string[],
    window: TimeWindow,
    field = 'metrics',
  ): Promise<Trends> {
    const unknown = metrics.filter(m => !METRIC_IDS.includes(m as MetricId));
    if (unknown.length > 0) {
      throw new InputError(
        `${field}: '${
          unknown[0]
        }' is not a metric; use one of ${METRIC_IDS.join(', ')}`,
      );
    }
    const entity = await this.scorecards.entity(entityRef);
    const points = await this.stores.snapshots.readSnapshots(
      entity.entityRef,
      metrics,
      isoDay(window.from),
      isoDay(window.to + DAY - 1),
    );
    const periods = await this.stores.frozenPeriods.listFrozenPeriods();
    return {
      entityRef: entity.entityRef,
      window: {
        from: new Date(window.from).toISOString(),
        to: new Date(window.to).toISOString(),
      },
      trends: Object.fromEntries(points),
      frozen: periods
        .filter(p => p.from < window.to && p.to > window.from)
        .map(p => ({
          name: p.name,
          from: new Date(p.from).toISOString(),
          to: new Date(p.to).toISOString(),
        })),
    };
  }

  /**
   * Stores the snapshot of every scorecard for each given day (the default window ending at the
   * end of that UTC day); given `entityRefs`, only those entities' (the catalog sync's new
   * entities), batched the same way. Days inside a frozen period are never recomputed.
   */
  async snapshot(
    days: string[],
    entityRefs?: string[],
  ): Promise<{
    days: string[];
    entities: number;
    /** Entities whose figures could not be computed or stored for a day: logged and left out. */
    skipped: Array<{ entityRef: string; day: string }>;
    /**
     * Time spent reading events and computing scorecards, and writing snapshots, each summed
     * over its steps (which overlap: two batches are computed at a time, and writes run beside).
     */
    computeMs: number;
    writeMs: number;
  }> {
    const frozen = await this.stores.frozenPeriods.listFrozenPeriods();
    const open = days.filter(day => {
      const start = Date.parse(`${day}T00:00:00Z`);
      return !frozen.some(p => start >= p.from && start < p.to);
    });
    const model = await this.catalogMirror.current();
    const entities = entityRefs
      ? entityRefs.flatMap(ref => model.entities.get(ref) ?? [])
      : [...model.entities.values()];
    const windowDays = this.options.defaultWindowDays;
    const skipped: Array<{ entityRef: string; day: string }> = [];
    const skip = (entityRef: string, day: string, error: unknown) => {
      skipped.push({ entityRef, day });
      this.options.logger?.warn(
        `scorecard snapshot of ${entityRef} for ${day} was skipped; the other entities' snapshots are stored: ${stringifyError(
          error,
        )}`,
      );
    };
    let computeMs = 0;
    let writeMs = 0;
    // rows are written in a few large statements rather than one per batch, each while the next
    // batches are read and computed (the database writes on its own core); a flush waits for the
    // write before it, so at most two writes' rows are held
    let pending: SnapshotRow[] = [];
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const rows = pending;
      pending = [];
      const previous = writing;
      writing = previous.then(async () => {
        const t = Date.now();
        await this.writeSnapshotsSkippingFailures(rows, skip);
        writeMs += Date.now() - t;
      });
      writing.catch(() => undefined); // surfaces when awaited below
      await previous;
    };
    const batches = batchByMembers(
      withMembersAlongside(entities, model.members),
      model.members,
    );
    const jobs = open.flatMap(day => {
      const end = Date.parse(`${day}T00:00:00Z`) + DAY;
      const window = {
        from: end - windowDays * DAY,
        to: Math.min(end, this.scorecards.now()),
      };
      return batches.map(part => ({ day, window, part }));
    });
    // two batches at a time: the database reads one while the other's scorecards are computed
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const { day, window, part } = jobs[next++];
        const t0 = Date.now();
        const cards = await this.computeManySkippingFailures(
          part,
          window,
          (entityRef, error) => skip(entityRef, day, error),
        );
        computeMs += Date.now() - t0;
        for (const card of cards) {
          for (const metric of card.metrics)
            pending.push({
              entityRef: card.entityRef,
              day,
              windowDays,
              metric,
            });
        }
        if (pending.length >= SNAPSHOT_WRITE_ROWS) await flush();
      }
    };
    await Promise.all([worker(), worker()]);
    if (pending.length > 0) await flush();
    await writing;
    return {
      days: open,
      entities: entities.length,
      skipped,
      computeMs,
      writeMs,
    };
  }

  /**
   * The scorecards of a batch; when the batch fails, each entity is computed alone and those that
   * fail again are reported and left out. An error that says the database is away or too slow is
   * nobody's fault in particular: it fails the run, to be tried again at the next.
   */
  private async computeManySkippingFailures(
    part: KnownEntity[],
    window: TimeWindow,
    onSkip: (entityRef: string, error: unknown) => void,
  ): Promise<Scorecard[]> {
    try {
      return await this.scorecards.computeMany(part, window);
    } catch (batchError) {
      if (isTransientDatabaseError(batchError)) throw batchError;
      const cards: Scorecard[] = [];
      for (const entity of part) {
        try {
          cards.push(...(await this.scorecards.computeMany([entity], window)));
        } catch (error) {
          if (isTransientDatabaseError(error)) throw error;
          onSkip(entity.entityRef, error);
        }
      }
      return cards;
    }
  }

  /**
   * Writes snapshot rows; when the write fails, each entity's rows of a day are written alone and
   * those the database refuses again are reported and left out, as in computeManySkippingFailures.
   */
  private async writeSnapshotsSkippingFailures(
    rows: SnapshotRow[],
    onSkip: (entityRef: string, day: string, error: unknown) => void,
  ): Promise<void> {
    try {
      await this.stores.snapshots.writeSnapshots(rows, this.scorecards.now());
    } catch (writeError) {
      if (isTransientDatabaseError(writeError)) throw writeError;
      const byEntityDay = new Map<string, SnapshotRow[]>();
      for (const row of rows) {
        const key = `${row.entityRef}\u0000${row.day}`;
        const group = byEntityDay.get(key);
        if (group) group.push(row);
        else byEntityDay.set(key, [row]);
      }
      for (const group of byEntityDay.values()) {
        try {
          await this.stores.snapshots.writeSnapshots(
            group,
            this.scorecards.now(),
          );
        } catch (error) {
          if (isTransientDatabaseError(error)) throw error;
          onSkip(group[0].entityRef, group[0].day, error);
        }
      }
    }
  }
}
