import type { Knex } from 'knex';
import type { TrendPoint } from '@opmodel/plugin-scorecard-common';
import { chunks, num, numOrNull, upsert } from './sql';
import type { SnapshotRow } from './types';

/** The daily snapshots of every entity's metrics: what trends are drawn from. */
export interface SnapshotStore {
  /** Writes a day's rows; a rerun of a day replaces them. */
  writeSnapshots(rows: SnapshotRow[], computedAt: number): Promise<void>;
  /** The days since `sinceDay` (inclusive) that have at least one snapshot. */
  snapshotDays(sinceDay: string): Promise<Set<string>>;
  /** Those of `entityRefs` that have no snapshot on any day, in the order given. */
  entitiesWithoutSnapshots(entityRefs: string[]): Promise<string[]>;
  /** The stored daily points of these metrics for one entity, per metric, oldest first. */
  readSnapshots(
    entityRef: string,
    metrics: string[],
    fromDay: string,
    toDay: string,
  ): Promise<Map<string, TrendPoint[]>>;
  /** Every entity's stored grade and value of these metrics on one day. */
  readDay(day: string, metrics: string[]): Promise<StoredGrade[]>;
}

/** One stored metric of one entity on one day: what a notification compares. */
export type StoredGrade = {
  entityRef: string;
  metric: string;
  gradeStatus: string;
  value: number | null;
};

/** The snapshots in the scorecard's database (`scorecard_snapshots`). */
export class DatabaseSnapshotStore implements SnapshotStore {
  constructor(private readonly db: Knex) {}

  async writeSnapshots(rows: SnapshotRow[], computedAt: number): Promise<void> {
    const records = rows.map(({ entityRef, day, windowDays, metric: m }) => ({
      entity_ref: entityRef,
      day,
      metric: m.metric,
      state: m.state,
      value: m.value,
      count: m.count,
      p50: m.p50 ?? null,
      p90: m.p90 ?? null,
      grade_status: m.grade.status,
      grade_label: m.grade.label,
      grade_source: m.grade.rule.source,
      grade_profile: m.grade.rule.profile ?? null,
      definition_version: m.definitionVersion,
      window_days: windowDays,
      computed_at: computedAt,
    }));
    if (records.length === 0) return;
    const keys = ['entity_ref', 'metric', 'day'] as const;
    await this.db.transaction(tx =>
      upsert(tx, 'scorecard_snapshots', records, {
        conflict: [...keys],
        // a rerun of a day replaces every computed column
        update: Object.fromEntries(
          Object.keys(records[0])
            .filter(c => !(keys as readonly string[]).includes(c))
            .map(c => [c, 'excluded' as const]),
        ),
      }),
    );
  }

  async snapshotDays(sinceDay: string): Promise<Set<string>> {
    // bounded by the day index: the table grows by every entity's metrics every day
    const rows = await this.db('scorecard_snapshots')
      .where('day', '>=', sinceDay)
      .distinct('day');
    return new Set(rows.map(r => r.day));
  }

  async entitiesWithoutSnapshots(entityRefs: string[]): Promise<string[]> {
    // One probe of the primary key per ref, from a list of the refs: `where entity_ref in (…)`
    // would read every row the entities have, and snapshots are kept for as long as they exist.
    const found = new Set<string>();
    for (const refs of chunks(entityRefs)) {
      const rows = await this.db
        .with(
          'refs',
          ['entity_ref'],
          this.db.raw(`values ${refs.map(() => '(?)').join(', ')}`, refs),
        )
        .from('refs')
        .whereNotExists(
          this.db('scorecard_snapshots')
            .select(this.db.raw('1'))
            .whereRaw('?? = ??', [
              'scorecard_snapshots.entity_ref',
              'refs.entity_ref',
            ]),
        )
        .select('refs.entity_ref');
      for (const r of rows) found.add(r.entity_ref);
    }
    return entityRefs.filter(ref => found.has(ref));
  }

  async readSnapshots(
    entityRef: string,
    metrics: string[],
    fromDay: string,
    toDay: string,
  ): Promise<Map<string, TrendPoint[]>> {
    const rows = await this.db('scorecard_snapshots')
      .where({ entity_ref: entityRef })
      .whereIn('metric', metrics)
      .where('day', '>=', fromDay)
      .where('day', '<', toDay)
      .orderBy('day')
      .select(
        'metric',
        'day',
        'value',
        'state',
        'grade_status',
        'definition_version',
      );
    const out = new Map<string, TrendPoint[]>(metrics.map(m => [m, []]));
    for (const r of rows) {
      out.get(r.metric)!.push({
        day: r.day,
        value: numOrNull(r.value),
        state: r.state,
        grade: r.grade_status,
        definitionVersion: num(r.definition_version),
      });
    }
    return out;
  }

  async readDay(day: string, metrics: string[]): Promise<StoredGrade[]> {
    // bounded by the day index: one day of every entity's metrics
    const rows = await this.db('scorecard_snapshots')
      .where('day', day)
      .whereIn('metric', metrics)
      .select('entity_ref', 'metric', 'grade_status', 'value');
    return rows.map(r => ({
      entityRef: r.entity_ref,
      metric: r.metric,
      gradeStatus: r.grade_status,
      value: numOrNull(r.value),
    }));
  }
}
