import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { createScorecardStores } from './createScorecardStores';
import { DatabaseEventStore } from './DatabaseEventStore';
import { batch, T, H } from '../__testUtils__/eventBatch';

jest.setTimeout(60_000);

/*
 * Raw events older than the retention age go, in bounded statements, and the time indexes (BRIN
 * on PostgreSQL) are kept summarised.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const feedback = (id: string, respondedAt: number) => ({
  source: 'survey',
  id,
  entityRef: 'platform:default/p',
  team: 'group:default/t',
  respondedAt,
  satisfaction: 4,
  recommendation: null,
  effort: null,
  capability: null,
  comment: null,
});

const supportRequest = (
  id: string,
  openedAt: number,
  resolvedAt: number | null,
) => ({
  source: 'helpdesk',
  id,
  entityRef: 'platform:default/p',
  team: 'group:default/t',
  channel: 'slack',
  openedAt,
  firstResponseAt: null,
  resolvedAt,
  title: null,
  url: null,
});

describe.each(databases.eachSupportedId())(
  'EventRetention on %s',
  databaseId => {
    it('removes a backlog larger than one statement deletes, in several, and nothing newer', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      const deployment = (id: string, finishedAt: number) => ({
        source: 'ci',
        id,
        entityRef: 'component:default/a',
        environment: 'production',
        result: 'success' as const,
        startedAt: null,
        finishedAt,
        firstCommitAt: null,
        fixesIncident: null,
        url: null,
      });
      const old = Array.from({ length: 250 }, (_, i) =>
        deployment(`old-${i}`, T - (i + 1) * H),
      );
      const probes = Array.from({ length: 200 }, (_, i) => ({
        source: 'probe',
        entityRef: 'component:default/a',
        start: T - (i + 1) * 60_000,
        lengthMs: 0,
        good: 1,
        total: 1,
      }));
      await store.writeBatch({
        deployments: [...old, deployment('new', T + H)],
        incidents: [],
        availability: probes,
      });
      const deletes: string[] = [];
      knex.on('query', q => {
        if (/^delete/i.test(q.sql)) deletes.push(q.sql);
      });
      // 100 rows a statement: 250 deployments in three, 200 probes in three (the last finds none)
      expect(await stores.retention.deleteEventsBefore(T, 100)).toEqual({
        deployments: 250,
        incidents: 0,
        availability: 200,
        feedback: 0,
        supportRequests: 0,
      });
      // one statement each for the (empty) survey responses and support requests
      expect(deletes).toHaveLength(3 + 1 + 3 + 1 + 1);
      expect(
        (await knex('scorecard_deployments').select('id')).map(r => r.id),
      ).toEqual(['new']);
      expect(
        Number((await knex('scorecard_availability').count({ n: '*' }))[0].n),
      ).toBe(0);
    });

    it('removes raw events older than the retention age, keeping open incidents and snapshots', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      await store.writeBatch({
        ...batch,
        incidents: [
          ...batch.incidents,
          {
            source: 'pd',
            id: 'open',
            entityRef: 'component:default/b',
            severity: 'P2',
            impact: 'partial',
            triggeredAt: T - 10 * H,
            acknowledgedAt: null,
            mitigatedAt: null,
            resolvedAt: null,
            causedByDeployment: null,
            title: null,
            url: null,
          },
        ],
        feedback: [
          feedback('old-response', T - 2 * H),
          feedback('new-response', T),
        ],
        supportRequests: [
          supportRequest('old-resolved', T - 9 * H, T - 8 * H),
          supportRequest('old-open', T - 9 * H, null),
          supportRequest('resolved-after', T - 9 * H, T + H),
        ],
      });
      await stores.snapshots.writeSnapshots(
        [
          {
            entityRef: 'component:default/a',
            day: '2026-09-30',
            windowDays: 28,
            metric: {
              metric: 'uptime',
              definitionVersion: 1,
              state: 'ok',
              value: 1,
              unit: 'ratio',
              count: 1,
              minimumCount: 1,
              grade: {
                status: 'good',
                label: 'met',
                rule: { source: 'objective', description: 'x' },
              },
            },
          },
        ],
        T,
      );
      // everything before T goes: d4 (T - 1h), i2 (resolved T - 4h), no availability (all from T
      // on), the old response and the request resolved before T
      expect(await stores.retention.deleteEventsBefore(T)).toEqual({
        deployments: 1,
        incidents: 1,
        availability: 0,
        feedback: 1,
        supportRequests: 1,
      });
      expect(
        (await knex('scorecard_feedback').select('id')).map(r => r.id),
      ).toEqual(['new-response']);
      expect(
        (await knex('scorecard_support_requests').select('id'))
          .map(r => r.id)
          .sort(),
      ).toEqual(['old-open', 'resolved-after']);
      expect(
        (await knex('scorecard_deployments').select('id'))
          .map(r => r.id)
          .sort(),
      ).toEqual(['d1', 'd2', 'd3']);
      // i1 was resolved after T, and the open incident is still being worked on
      expect(
        (await knex('scorecard_incidents').select('id')).map(r => r.id).sort(),
      ).toEqual(['i1', 'open']);
      expect(
        (
          await stores.snapshots.readSnapshots(
            'component:default/a',
            ['uptime'],
            '2026-09-01',
            '2026-10-01',
          )
        ).get('uptime'),
      ).toHaveLength(1);
    });
  },
);

describe('the time indexes on PostgreSQL', () => {
  it('are BRIN, so small entity sets are read through the entity indexes', async () => {
    const knex = await databases.init('POSTGRES_15');
    await DatabaseEventStore.create({
      database: { getClient: async () => knex },
    });
    const { rows } = await knex.raw(
      `select indexname, indexdef from pg_indexes where tablename in ('scorecard_deployments', 'scorecard_availability') order by indexname`,
    );
    const defs = new Map<string, string>(
      rows.map((r: any) => [r.indexname, r.indexdef]),
    );
    expect(defs.get('scorecard_deployments_time_brin')).toContain('USING brin');
    expect(defs.get('scorecard_availability_time_brin')).toContain(
      'USING brin',
    );
    expect(defs.has('scorecard_deployments_time_idx')).toBe(false);
    expect(defs.get('scorecard_deployments_entity_time_idx')).toContain(
      'btree',
    );
    await knex.migrate.rollback(
      {
        directory: path.resolve(__dirname, '../../migrations'),
        tableName: 'scorecard_knex_migrations',
        loadExtensions: ['.js'],
      },
      true,
    );
    // and every migration rolls back cleanly
    expect(await knex.schema.hasTable('scorecard_deployments')).toBe(false);
  });
});

// BRIN exists on PostgreSQL only (SQLite keeps B-trees and has nothing to summarise)
describe('EventRetention on POSTGRES_15', () => {
  it('summarises the BRIN ranges written since the last run', async () => {
    const knex = await databases.init('POSTGRES_15');
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    const store = stores.events;
    // enough deployments to fill a few block ranges (128 pages each)
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      ...batch.deployments[0],
      id: `many-${String(i).padStart(5, '0')}`, // written in key order, so in time order
      finishedAt: T + i * 1000,
    }));
    await store.writeBatch({ ...batch, deployments: many });
    const plan = () =>
      knex.raw(
        `explain (analyze, format json) select count(*) from scorecard_deployments where finished_at >= ${T} and finished_at < ${
          T + 60_000
        }`,
      );
    const heapBlocks = (explained: any) =>
      JSON.stringify(explained.rows[0]['QUERY PLAN']).match(
        /"Lossy Heap Blocks":(\d+)/,
      )?.[1];
    await knex.raw('analyze scorecard_deployments');
    await knex.raw('set enable_seqscan = off');
    const before = Number(heapBlocks(await plan()));
    // both BRIN indexes on deployments have whole ranges to summarise now, and none after
    expect(await stores.retention.summarizeNewRanges()).toBeGreaterThanOrEqual(
      4,
    );
    expect(await stores.retention.summarizeNewRanges()).toBe(0);
    // the first minute of deployments is now found in one range, not by reading them all
    const after = Number(heapBlocks(await plan()));
    expect(after).toBeLessThan(before / 2);
    await knex.raw('reset enable_seqscan');
  });
});
