import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { ServiceUnavailableError } from '@backstage/errors';
import type { TimeWindow } from '../metrics/types';
import { limitStatements, type StatementLimits } from './statementLimits';
import { chunks, upsert } from './sql';
import { EventReader } from './EventReader';
import { toDeployment, toIncident } from './eventRows';
import { ProductEventTables } from './ProductEventTables';
import {
  type EntityEvents,
  type EventBatch,
  type EventQuery,
  type EventStore,
  type DeploymentWrite,
  type FeedbackWrite,
  type IncidentWrite,
  type ListedEventType,
  type ProductEvents,
  type SupportRequestWrite,
} from './types';

const migrationsDir = resolvePackagePath(
  '@opmodel/plugin-scorecard-backend',
  'migrations',
);

/**
 * The longest a batch's transaction may take from taking its received_at to committing. Readers
 * look back this far (plus clock skew between replicas) for writes they could not see yet.
 */
export const WRITE_DEADLINE_MS = 10_000;

function byKey<T>(rows: T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -1;
    return ka > kb ? 1 : 0;
  });
}

export class DatabaseEventStore implements EventStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** Above this many member entities, reads join the stored membership instead of naming them. */
    membershipJoinThreshold?: number;
    /** Time limits of every statement after the migrations (which may rewrite large tables). */
    statementLimits?: StatementLimits;
  }): Promise<DatabaseEventStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: 'scorecard_knex_migrations',
        loadExtensions: ['.js'],
      });
    }
    if (options.statementLimits)
      limitStatements(client, options.statementLimits);
    return new DatabaseEventStore(
      client,
      options.membershipJoinThreshold ?? 200,
      Math.min(
        WRITE_DEADLINE_MS,
        options.statementLimits?.statementTimeoutMs ?? WRITE_DEADLINE_MS,
      ),
    );
  }

  /** The window reads, with their prepared statements. */
  private readonly reader: EventReader;
  /** Survey responses and support requests. */
  private readonly productEvents: ProductEventTables;

  constructor(
    private readonly db: Knex,
    membershipJoinThreshold = 200,
    /** PostgreSQL: the longest one statement of a batch's write may run (or wait on a lock). */
    private readonly writeStatementTimeoutMs = WRITE_DEADLINE_MS,
  ) {
    this.reader = new EventReader(db, membershipJoinThreshold);
    this.productEvents = new ProductEventTables(db);
  }

  async writeBatch(batch: EventBatch, writtenBy?: string): Promise<void> {
    const now = Date.now();
    const written_by = writtenBy ?? null;
    // Concurrent writers lock rows in key order, so overlapping batches cannot deadlock.
    const deployments = byKey(
      batch.deployments,
      d => `${d.source}\u0000${d.id}`,
    ).map(d => ({
      source: d.source,
      id: d.id,
      entity_ref: d.entityRef,
      environment: d.environment,
      result: d.result,
      started_at: d.startedAt,
      finished_at: d.finishedAt,
      first_commit_at: d.firstCommitAt,
      fixes_incident: d.fixesIncident,
      url: d.url,
      received_at: now,
      written_by,
    }));
    const incidents = byKey(
      batch.incidents,
      i => `${i.source}\u0000${i.id}`,
    ).map(i => ({
      source: i.source,
      id: i.id,
      entity_ref: i.entityRef,
      severity: i.severity,
      impact: i.impact,
      triggered_at: i.triggeredAt,
      acknowledged_at: i.acknowledgedAt,
      mitigated_at: i.mitigatedAt,
      resolved_at: i.resolvedAt,
      caused_by_deployment: i.causedByDeployment,
      title: i.title,
      url: i.url,
      received_at: now,
      written_by,
    }));
    const availability = byKey(
      batch.availability,
      a =>
        `${a.source}\u0000${a.entityRef}\u0000${String(a.start).padStart(
          16,
          '0',
        )}`,
    ).map(a => ({
      source: a.source,
      entity_ref: a.entityRef,
      start: a.start,
      length_ms: a.lengthMs,
      good: a.good,
      total: a.total,
      received_at: now,
      written_by,
    }));
    await this.db.transaction(async tx => {
      // a statement waiting on a lock gives up in time instead of holding the request
      if (this.db.client.config.client === 'pg')
        await tx.raw(
          `set local statement_timeout = ${this.writeStatementTimeoutMs}`,
        );
      await upsert(tx, 'scorecard_deployments', deployments, {
        conflict: ['source', 'id'],
        update: {
          entity_ref: 'excluded',
          environment: 'excluded',
          result: 'excluded',
          started_at: 'excluded',
          finished_at: 'excluded',
          first_commit_at: 'excluded',
          fixes_incident: 'excluded',
          url: 'excluded',
          received_at: 'excluded',
          written_by: 'excluded',
        },
      });
      // An update may leave out what an earlier message said (ack time, cause): keep it.
      await upsert(tx, 'scorecard_incidents', incidents, {
        conflict: ['source', 'id'],
        update: {
          entity_ref: 'excluded',
          severity: 'excluded',
          impact: 'excluded',
          triggered_at: 'excluded',
          acknowledged_at: 'keep-earlier',
          mitigated_at: 'keep-earlier',
          resolved_at: 'keep-earlier',
          caused_by_deployment: 'keep-earlier',
          title: 'keep-earlier',
          url: 'keep-earlier',
          received_at: 'excluded',
          written_by: 'excluded',
        },
      });
      await upsert(tx, 'scorecard_availability', availability, {
        conflict: ['source', 'entity_ref', 'start'],
        update: {
          length_ms: 'excluded',
          good: 'excluded',
          total: 'excluded',
          received_at: 'excluded',
          written_by: 'excluded',
        },
      });
      await this.productEvents.write(tx, batch, now, written_by);
      // Readers trust that whatever commits later was received at most WRITE_DEADLINE_MS ago
      // (see changedOwners); a write slower than that is undone, and the caller may retry it.
      if (Date.now() - now > WRITE_DEADLINE_MS)
        throw new ServiceUnavailableError(
          `writing the batch took longer than ${
            WRITE_DEADLINE_MS / 1000
          } s and was undone; nothing was stored, send it again`,
        );
    });
  }

  readEvents(
    owners: Map<string, string[]>,
    query: EventQuery,
  ): Promise<Map<string, EntityEvents>> {
    return this.reader.readEvents(owners, query);
  }

  async withIncidentSource(entityRefs: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const refs of chunks([...new Set(entityRefs)])) {
      const rows: Array<{ entity_ref: string }> = await this.db
        .select('entity_ref')
        .from('scorecard_incidents')
        .whereIn('entity_ref', refs)
        .union(q =>
          q
            .select('entity_ref')
            .from('scorecard_collector_coverage')
            .whereIn('entity_ref', refs)
            .where('event_kinds', 'like', '%incidents%')
            .where(ok =>
              ok.whereNull('last_error').orWhereNotNull('last_written_at'),
            ),
        );
      for (const row of rows) found.add(row.entity_ref);
    }
    return found;
  }

  readProductEvents(
    platformRefs: string[],
    window: TimeWindow,
  ): Promise<Map<string, ProductEvents>> {
    return this.productEvents.read(platformRefs, window);
  }

  async listEvents(
    entityRef: string,
    type: ListedEventType,
    window: TimeWindow,
    limit: number,
  ): Promise<
    Array<DeploymentWrite | IncidentWrite | FeedbackWrite | SupportRequestWrite>
  > {
    if (type === 'feedback' || type === 'supportRequest')
      return this.productEvents.list(entityRef, type, window, limit);
    const [table, time, map] =
      type === 'deployment'
        ? (['scorecard_deployments', 'finished_at', toDeployment] as const)
        : (['scorecard_incidents', 'triggered_at', toIncident] as const);
    const rows = await this.db('scorecard_members as m')
      .join(`${table} as e`, 'e.entity_ref', 'm.member_ref')
      .where('m.entity_ref', entityRef)
      .where(`e.${time}`, '>=', window.from)
      .where(`e.${time}`, '<', window.to)
      .orderBy(`e.${time}`, 'desc')
      .limit(limit)
      .select('e.*');
    return rows.map(r =>
      (map as (row: unknown) => DeploymentWrite | IncidentWrite)(r),
    );
  }
}
