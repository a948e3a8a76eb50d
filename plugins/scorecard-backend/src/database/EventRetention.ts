import type { Knex } from 'knex';

// Rows per retention DELETE statement.
const RETENTION_CHUNK = 10_000;

/** Keeping the event tables small and their indexes summarised. */
export interface EventRetention {
  /**
   * Removes raw events older than `before` (survey responses and support requests too); snapshots
   * and frozen periods stay.
   */
  deleteEventsBefore(before: number): Promise<{
    deployments: number;
    incidents: number;
    availability: number;
    feedback: number;
    supportRequests: number;
  }>;
  /**
   * PostgreSQL: summarises the block ranges of the BRIN indexes written since the last time, so
   * that queries skip them by their summary (returns how many); elsewhere nothing to do.
   */
  summarizeNewRanges(): Promise<number>;
}

/** Retention and index upkeep of the scorecard's event tables. */
export class DatabaseEventRetention implements EventRetention {
  constructor(private readonly db: Knex) {}

  async summarizeNewRanges(): Promise<number> {
    if (this.db.client.config.client !== 'pg') return 0;
    const { rows } = await this.db.raw(
      `select coalesce(sum(brin_summarize_new_values(c.oid)), 0)::int as ranges
       from pg_class c join pg_am a on a.oid = c.relam
       where a.amname = 'brin' and c.relname like 'scorecard\\_%'
         and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())`,
    );
    return rows[0].ranges;
  }

  /**
   * Removes raw events older than `before`, at most `chunk` rows per statement: each statement is
   * a short transaction, so a large backlog (the first run over a year of events) never holds
   * locks or a transaction open for long beside the writers, whose batches must commit within
   * WRITE_DEADLINE_MS.
   */
  async deleteEventsBefore(before: number, chunk = RETENTION_CHUNK) {
    // PostgreSQL's and SQLite's physical row ids: the same statement on both
    const rowId = this.db.client.config.client === 'pg' ? 'ctid' : 'rowid';
    const deleteOld = async (
      table: string,
      old: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
    ) => {
      let total = 0;
      for (;;) {
        const removed = await this.db(table)
          .whereRaw('?? in (?)', [
            rowId,
            old(this.db(table).select(rowId)).limit(chunk),
          ])
          .delete();
        total += removed;
        if (removed < chunk) return total;
      }
    };
    const deployments = await deleteOld('scorecard_deployments', q =>
      q.where('finished_at', '<', before),
    );
    // An incident still open is kept whatever its age: it is still being worked on.
    const incidents = await deleteOld('scorecard_incidents', q =>
      q
        .where('triggered_at', '<', before)
        .whereNotNull('resolved_at')
        .where('resolved_at', '<', before),
    );
    const availability = await deleteOld('scorecard_availability', q =>
      q.where('start', '<', before),
    );
    const feedback = await deleteOld('scorecard_feedback', q =>
      q.where('responded_at', '<', before),
    );
    // like an incident, a request still open is kept: it is still being worked on
    const supportRequests = await deleteOld('scorecard_support_requests', q =>
      q
        .where('opened_at', '<', before)
        .whereNotNull('resolved_at')
        .where('resolved_at', '<', before),
    );
    return { deployments, incidents, availability, feedback, supportRequests };
  }
}
