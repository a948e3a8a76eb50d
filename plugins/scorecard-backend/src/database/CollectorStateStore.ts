import type { Knex } from 'knex';
import type { ScorecardEventKind } from '@opmodel/plugin-scorecard-node';

/** One collector's coverage of one entity, as the coverage read returns it. */
export type CoverageRow = {
  collectorId: string;
  entityRef: string;
  source: string;
  /** The kinds of events the collector writes, when it declares them. */
  writes?: ScorecardEventKind[];
  lastRunAt: number;
  lastWrittenAt?: number;
  lastWrittenCount?: number;
  lastError?: string;
};

/** What a collector reports after reading one entity's data. */
export type CoverageOutcome =
  | { source: string; written: number }
  | { source: string; error: string };

/** What collectors keep between runs: cursors, and which entities they cover. */
export interface CollectorStateStore {
  getCursor(collectorId: string, key: string): Promise<string | undefined>;
  setCursor(collectorId: string, key: string, value: string): Promise<void>;
  reportCoverage(
    collectorId: string,
    entityRef: string,
    outcome: CoverageOutcome,
    at: number,
    writes?: ScorecardEventKind[],
  ): Promise<void>;
  /** Every collector's coverage of these entities. */
  coverageOf(entityRefs: string[]): Promise<CoverageRow[]>;
}

// IN lists stay under SQLite's bound-parameter limit
const REFS_PER_QUERY = 500;

type CoverageDbRow = {
  collector_id: string;
  entity_ref: string;
  source: string;
  event_kinds: string | null;
  last_run_at: number | string;
  last_written_at: number | string | null;
  last_written_count: number | string | null;
  last_error: string | null;
};

// PostgreSQL returns bigint columns as strings
const num = (v: number | string | null) => (v === null ? undefined : Number(v));

function toCoverageRow(row: CoverageDbRow): CoverageRow {
  return {
    collectorId: row.collector_id,
    entityRef: row.entity_ref,
    source: row.source,
    writes: row.event_kinds
      ? (row.event_kinds.split(',') as ScorecardEventKind[])
      : undefined,
    lastRunAt: Number(row.last_run_at),
    lastWrittenAt: num(row.last_written_at),
    lastWrittenCount: num(row.last_written_count),
    lastError: row.last_error ?? undefined,
  };
}

/** The collector state in the scorecard's database (tables of the collector_state migration). */
export class DatabaseCollectorStateStore implements CollectorStateStore {
  constructor(private readonly db: Knex) {}

  async getCursor(collectorId: string, key: string) {
    const row = await this.db('scorecard_collector_cursors')
      .where({ collector_id: collectorId, cursor_key: key })
      .first('value');
    return row?.value as string | undefined;
  }

  async setCursor(collectorId: string, key: string, value: string) {
    await this.db('scorecard_collector_cursors')
      .insert({
        collector_id: collectorId,
        cursor_key: key,
        value,
        updated_at: Date.now(),
      })
      .onConflict(['collector_id', 'cursor_key'])
      .merge(['value', 'updated_at']);
  }

  async reportCoverage(
    collectorId: string,
    entityRef: string,
    outcome: CoverageOutcome,
    at: number,
    writes?: ScorecardEventKind[],
  ) {
    const failed = 'error' in outcome;
    const wrote = !failed && outcome.written > 0;
    const row = {
      collector_id: collectorId,
      entity_ref: entityRef.toLocaleLowerCase('en-US'),
      source: outcome.source,
      event_kinds: writes?.length ? writes.join(',') : null,
      last_run_at: at,
      last_error: failed ? outcome.error : null,
      ...(wrote
        ? { last_written_at: at, last_written_count: outcome.written }
        : {}),
    };
    // a run that wrote nothing keeps the time of the last one that did
    await this.db('scorecard_collector_coverage')
      .insert(row)
      .onConflict(['collector_id', 'entity_ref'])
      .merge(
        Object.keys(row).filter(
          k => k !== 'collector_id' && k !== 'entity_ref',
        ),
      );
  }

  async coverageOf(entityRefs: string[]) {
    const refs = [
      ...new Set(entityRefs.map(r => r.toLocaleLowerCase('en-US'))),
    ];
    const rows: CoverageRow[] = [];
    for (let i = 0; i < refs.length; i += REFS_PER_QUERY) {
      const chunk = await this.db<CoverageDbRow>('scorecard_collector_coverage')
        .whereIn('entity_ref', refs.slice(i, i + REFS_PER_QUERY))
        .orderBy(['entity_ref', 'collector_id']);
      rows.push(...chunk.map(toCoverageRow));
    }
    return rows;
  }
}
