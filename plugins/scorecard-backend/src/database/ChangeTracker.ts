import type { Knex } from 'knex';
import { chunks, num } from './sql';
import {
  EVENT_KINDS,
  PRODUCT_EVENT_KINDS,
  type ChangeQuery,
  type TrackedKind,
} from './types';

const TRACKED_KINDS: TrackedKind[] = [...EVENT_KINDS, ...PRODUCT_EVENT_KINDS];

/**
 * What changed since the portfolio last computed its platforms: the owners with events written
 * since a time or lying in the stretches its window moved by, and the writes of the last moments
 * listed one by one (see the portfolio in ScorecardService).
 */
export interface ChangeTracker {
  /**
   * The owners, of those given, with a member whose events were written since `since` or lie in
   * one of `ranges`, with the kinds of those events: the owners whose figures may differ from
   * what was computed before.
   */
  changedOwners(
    owners: string[],
    changes: ChangeQuery,
  ): Promise<Map<string, Set<TrackedKind>>>;
  /**
   * The events written (inserted or updated) at or after `since` that count towards each of the
   * given owners, as one string per write (its key, content and received_at, so that an update
   * is another string) with its kind; undefined when there are more than `limit` of them (a
   * write counted once per owner it counts towards).
   */
  recentWrites(
    owners: string[],
    since: number,
    limit: number,
  ): Promise<Map<string, Map<string, TrackedKind>> | undefined>;
}

/** Change tracking over the scorecard's event tables and stored membership. */
export class DatabaseChangeTracker implements ChangeTracker {
  constructor(private readonly db: Knex) {}

  async changedOwners(
    owners: string[],
    changes: ChangeQuery,
  ): Promise<Map<string, Set<TrackedKind>>> {
    const { since, ranges, spanning } = changes;
    const spans = ranges.filter(([a, b]) => a < b);
    const tables: Record<TrackedKind, string> = {
      deployments: 'scorecard_deployments',
      incidents: 'scorecard_incidents',
      availability: 'scorecard_availability',
      feedback: 'scorecard_feedback',
      supportRequests: 'scorecard_support_requests',
    };
    // One branch per index (received_at; a time column per range), so that each is a short
    // range scan whatever the planner makes of the others. Each names its kind of event.
    const select = (kind: TrackedKind) =>
      this.db(tables[kind]).select(
        'entity_ref',
        this.db.raw(`'${kind}' as kind`),
      );
    const between = (kind: TrackedKind, column: string) =>
      spans.map(([a, b]) =>
        select(kind).where(column, '>=', a).where(column, '<', b),
      );
    const points = [
      ...(since === undefined
        ? []
        : TRACKED_KINDS.map(kind =>
            select(kind).where('received_at', '>=', since),
          )),
      ...between('deployments', 'finished_at'),
      ...between('feedback', 'responded_at'),
      ...between('supportRequests', 'opened_at'),
      ...between('availability', 'start'),
      ...between('incidents', 'triggered_at'),
      ...between('incidents', 'resolved_at'),
    ];
    // an incident open across a range (triggered before its end, resolved after its start or not
    // at all): for the owners whose uptime is measured by their incidents
    const across = spans.map(([a, b]) =>
      select('incidents')
        .where(q => q.whereNull('resolved_at').orWhere('resolved_at', '>=', a))
        .where('triggered_at', '<', b),
    );
    const changed = new Map<string, Set<TrackedKind>>();
    const find = async (
      db: Knex,
      of: string[],
      touched: Knex.QueryBuilder[],
    ) => {
      if (touched.length === 0) return;
      for (const part of chunks(of, 500)) {
        const [first, ...rest] = touched;
        const rows = await db('scorecard_members as m')
          .join(
            first.clone().unionAll(rest).as('c'),
            'c.entity_ref',
            'm.member_ref',
          )
          .distinct('m.entity_ref as owner', 'c.kind as kind')
          .whereIn('m.entity_ref', part);
        for (const r of rows) {
          const kinds = changed.get(r.owner) ?? new Set<TrackedKind>();
          kinds.add(r.kind);
          changed.set(r.owner, kinds);
        }
      }
    };
    const left = new Set(spanning);
    await this.withoutJit(async db => {
      await find(db, owners, points);
      await find(
        db,
        owners.filter(o => left.has(o)),
        across,
      );
    });
    return changed;
  }

  /**
   * Runs reads that touch little but that PostgreSQL costs high, without JIT compilation. Its
   * estimates for a BRIN range scan grow with the table, not with the range: the change check's
   * dozen short scans (a few ms of work) cost over jit_above_cost on the benchmark's data, and
   * compiling them took many times that work (docs/benchmarks.md, "Tuning constants"). SQLite
   * runs `fn` as it is.
   */
  private async withoutJit<T>(fn: (db: Knex) => Promise<T>): Promise<T> {
    if (this.db.client.config.client !== 'pg') return fn(this.db);
    return this.db.transaction(async tx => {
      await tx.raw('set local jit = off');
      return fn(tx);
    });
  }

  async recentWrites(
    owners: string[],
    since: number,
    limit: number,
  ): Promise<Map<string, Map<string, TrackedKind>> | undefined> {
    // every column a computation reads, so that an update that changes a figure is a new write
    // even within the same millisecond
    const columns: Record<TrackedKind, [string, string[]]> = {
      deployments: [
        'scorecard_deployments',
        [
          'source',
          'id',
          'environment',
          'result',
          'finished_at',
          'first_commit_at',
          'fixes_incident',
        ],
      ],
      incidents: [
        'scorecard_incidents',
        [
          'source',
          'id',
          'severity',
          'impact',
          'triggered_at',
          'acknowledged_at',
          'mitigated_at',
          'resolved_at',
          'caused_by_deployment',
        ],
      ],
      availability: [
        'scorecard_availability',
        ['source', 'start', 'length_ms', 'good', 'total'],
      ],
      feedback: [
        'scorecard_feedback',
        [
          'source',
          'id',
          'responded_at',
          'satisfaction',
          'recommendation',
          'effort',
          'capability',
          'team',
        ],
      ],
      supportRequests: [
        'scorecard_support_requests',
        [
          'source',
          'id',
          'team',
          'channel',
          'opened_at',
          'first_response_at',
          'resolved_at',
        ],
      ],
    };
    const writes = new Map<string, Map<string, TrackedKind>>();
    let count = 0;
    for (const part of chunks(owners, 500)) {
      const left = limit - count + 1;
      const read = (kind: TrackedKind) => {
        const [table, cols] = columns[kind];
        return this.db(`${table} as e`)
          .join('scorecard_members as m', 'm.member_ref', 'e.entity_ref')
          .whereIn('m.entity_ref', part)
          .where('e.received_at', '>=', since)
          .select(
            'm.entity_ref as owner',
            'e.entity_ref as entity_ref',
            'e.received_at as received_at',
            ...cols.map(c => `e.${c} as ${c}`),
          )
          .limit(left);
      };
      const results = await Promise.all(TRACKED_KINDS.map(read));
      for (const rows of results) count += rows.length;
      if (count > limit) return undefined;
      for (const [k, rows] of results.entries()) {
        const kind = TRACKED_KINDS[k];
        const cols = columns[kind][1];
        for (const r of rows) {
          const key = JSON.stringify([
            r.entity_ref,
            num(r.received_at),
            ...cols.map(c => r[c] ?? null),
          ]);
          const mine = writes.get(r.owner) ?? new Map<string, TrackedKind>();
          mine.set(key, kind);
          writes.set(r.owner, mine);
        }
      }
    }
    return writes;
  }
}
