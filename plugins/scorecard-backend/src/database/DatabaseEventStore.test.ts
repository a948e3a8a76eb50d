import path from 'node:path';
import { DatabaseCatalogMirrorStore } from './CatalogMirrorStore';
import { createScorecardStores } from './createScorecardStores';
import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseEventStore } from './DatabaseEventStore';
import type { EventBatch } from './types';
import { fakeDateOnly } from '../__testUtils__/fakeDate';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const H = 3_600_000;
const T = Date.UTC(2026, 9, 1);
const window = { from: T, to: T + 24 * H };

const batch: EventBatch = {
  deployments: [
    {
      source: 'ci',
      id: 'd1',
      entityRef: 'component:default/a',
      environment: 'production',
      result: 'success',
      startedAt: null,
      finishedAt: T + H,
      firstCommitAt: T,
      fixesIncident: null,
      url: null,
    },
    {
      source: 'ci',
      id: 'd2',
      entityRef: 'component:default/b',
      environment: 'production',
      result: 'failure',
      startedAt: null,
      finishedAt: T + 2 * H,
      firstCommitAt: null,
      fixesIncident: null,
      url: null,
    },
    {
      source: 'ci',
      id: 'd3',
      entityRef: 'component:default/b',
      environment: 'staging',
      result: 'success',
      startedAt: null,
      finishedAt: T + 3 * H,
      firstCommitAt: null,
      fixesIncident: null,
      url: null,
    },
    {
      source: 'ci',
      id: 'd4',
      entityRef: 'component:default/a',
      environment: 'production',
      result: 'success',
      startedAt: null,
      finishedAt: T - H,
      firstCommitAt: null,
      fixesIncident: null,
      url: null,
    },
  ],
  incidents: [
    {
      source: 'pd',
      id: 'i1',
      entityRef: 'component:default/b',
      severity: 'P1',
      impact: 'outage',
      triggeredAt: T - 2 * H,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: T + H,
      causedByDeployment: null,
      title: null,
      url: null,
    },
    {
      source: 'pd',
      id: 'i2',
      entityRef: 'component:default/b',
      severity: 'P1',
      impact: 'outage',
      triggeredAt: T - 5 * H,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: T - 4 * H,
      causedByDeployment: null,
      title: null,
      url: null,
    },
  ],
  availability: [
    {
      source: 'bb',
      entityRef: 'component:default/a',
      start: T,
      lengthMs: H,
      good: 9,
      total: 10,
    },
    {
      source: 'bb',
      entityRef: 'component:default/b',
      start: T + H,
      lengthMs: H,
      good: 5,
      total: 10,
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'DatabaseEventStore on %s',
  databaseId => {
    it('reads the same events per owner whether it names members or joins the stored membership', async () => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex };
      const naming = await DatabaseEventStore.create({
        database,
        membershipJoinThreshold: 1000,
      });
      const joining = await DatabaseEventStore.create({
        database,
        skipMigrations: true,
        membershipJoinThreshold: 0,
      });
      // the platform counts a and b; b also counts towards itself: b's events go to both owners.
      // With few members the naming store reads in one statement; with the quiet extra members
      // of a second platform, in three queries.
      const quiet = Array.from(
        { length: 12 },
        (_, i) => `component:default/quiet-${i}`,
      );
      const members = new Map([
        [
          'platform:default/p',
          ['component:default/a', 'component:default/b', 'platform:default/p'],
        ],
        ['component:default/b', ['component:default/b']],
      ]);
      const more = new Map([
        ...members,
        ['platform:default/q', ['platform:default/q', ...quiet]],
      ]);
      await new DatabaseCatalogMirrorStore(knex).replaceCatalogModel(
        [
          { entityRef: 'platform:default/p', kind: 'platform' },
          { entityRef: 'platform:default/q', kind: 'platform' },
          { entityRef: 'component:default/a', kind: 'component' },
          { entityRef: 'component:default/b', kind: 'component' },
          ...quiet.map(entityRef => ({ entityRef, kind: 'component' })),
        ],
        new Map(
          [
            ...more,
            ['component:default/a', ['component:default/a']] as const,
          ].map(([k, v]) => [k, new Set(v)]),
        ),
      );
      await naming.writeBatch(batch);
      const query = {
        window,
        horizon: window.to,
        environments: ['production'],
      };

      for (const [store, owners] of [
        [naming, members],
        [naming, more],
        [joining, members],
        [joining, more],
      ] as const) {
        const events = await store.readEvents(owners, query);
        const p = events.get('platform:default/p')!;
        // production deployments finished in [from, horizon): d1 and d2 (d3 is staging, d4 before)
        expect(p.deployments.map(d => d.id).sort()).toEqual(['d1', 'd2']);
        // i1 is still open at `from`; i2 ended before the window
        expect(p.incidents.map(i => i.id)).toEqual(['i1']);
        expect(p.availability).toEqual({ good: 14, total: 20 });
        const b = events.get('component:default/b')!;
        expect(b.deployments.map(d => d.id)).toEqual(['d2']);
        expect(b.availability).toEqual({ good: 5, total: 10 });
      }

      // the one-statement read is a named (prepared) statement on PostgreSQL, one per number of
      // refs and environments: reads of every shape, again and again on the pool's connections,
      // each answer as the first time
      const shapes = [
        [
          new Map([['component:default/b', ['component:default/b']]]),
          ['production'],
        ],
        [members, ['production']],
        [members, ['production', 'staging']],
        [
          new Map([['component:default/b', ['component:default/b']]]),
          ['production', 'staging'],
        ],
      ] as const;
      const first = [];
      for (const [owners, environments] of shapes)
        first.push(
          await naming.readEvents(owners, {
            ...query,
            environments: [...environments],
          }),
        );
      expect(
        first[2]
          .get('platform:default/p')!
          .deployments.map(d => d.id)
          .sort(),
      ).toEqual(['d1', 'd2', 'd3']);
      for (let round = 0; round < 3; round++) {
        const again = await Promise.all(
          shapes.map(([owners, environments]) =>
            naming.readEvents(owners, {
              ...query,
              environments: [...environments],
            }),
          ),
        );
        expect(again).toEqual(first);
      }
      // its text is built once per shape and filled with each read's values: the same shapes
      // with other entities, windows and environments read what the three-query path reads
      for (const ref of ['component:default/a', 'component:default/b']) {
        // windows ending among the events, so that what lies between a window's end and its
        // horizon (a recovery's lookahead) differs from read to read
        for (let hours = 0; hours <= 4; hours++) {
          for (const environments of [['production'], ['staging']]) {
            const q = {
              window: { from: T - 24 * H + hours * H, to: T + hours * H },
              horizon: T + (hours + 2) * H,
              environments,
            };
            const owners = new Map([[ref, [ref]]]);
            expect(await naming.readEvents(owners, q)).toEqual(
              await joining.readEvents(owners, q),
            );
            expect(await naming.readEvents(members, q)).toEqual(
              await joining.readEvents(members, q),
            );
          }
        }
      }
    });

    it('reads a window from its start, up to its end (availability) or its horizon (the rest)', async () => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex };
      const naming = await DatabaseEventStore.create({ database });
      const joining = await DatabaseEventStore.create({
        database,
        skipMigrations: true,
        membershipJoinThreshold: 0,
      });
      const e = 'component:default/e';
      await new DatabaseCatalogMirrorStore(knex).replaceCatalogModel(
        [{ entityRef: e, kind: 'component' }],
        new Map([[e, new Set([e])]]),
      );
      const from = T;
      const to = T + 24 * H;
      const horizon = to + 2 * H;
      const deployment = (id: string, finishedAt: number) => ({
        ...batch.deployments[0],
        id,
        entityRef: e,
        finishedAt,
      });
      const incident = (
        id: string,
        triggeredAt: number,
        resolvedAt: number | null,
      ) => ({
        ...batch.incidents[0],
        id,
        entityRef: e,
        triggeredAt,
        resolvedAt,
      });
      const sample = (start: number, good: number) => ({
        source: 'bb',
        entityRef: e,
        start,
        lengthMs: 0,
        good,
        total: 1,
      });
      await naming.writeBatch({
        deployments: [
          deployment('before-from', from - 1),
          deployment('at-from', from),
          deployment('before-horizon', horizon - 1),
          deployment('at-horizon', horizon),
        ],
        incidents: [
          incident('resolved-before-from', from - H, from - 1),
          incident('resolved-at-from', from - H, from),
          incident('open-before-horizon', horizon - 1, null),
          incident('open-at-horizon', horizon, null),
        ],
        availability: [
          sample(from - 1, 0),
          sample(from, 1),
          sample(to - 1, 1),
          sample(to, 0),
        ],
      });
      const query = {
        window: { from, to },
        horizon,
        environments: ['production'],
      };
      const owners = new Map([[e, [e]]]);
      // the card's one statement, and the three queries through the stored membership
      for (const store of [naming, joining]) {
        const events = (await store.readEvents(owners, query)).get(e)!;
        expect(events.deployments.map(d => d.id).sort()).toEqual([
          'at-from',
          'before-horizon',
        ]);
        expect(events.incidents.map(i => i.id).sort()).toEqual([
          'open-before-horizon',
          'resolved-at-from',
        ]);
        expect(events.availability).toEqual({ good: 2, total: 2 });
      }
    });

    it('lists the writes since a time per owner, an update as another write, and none past the limit', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      await stores.catalogMirror.replaceCatalogModel(
        [
          { entityRef: 'platform:default/p', kind: 'platform' },
          { entityRef: 'component:default/a', kind: 'component' },
          { entityRef: 'component:default/b', kind: 'component' },
        ],
        new Map([
          [
            'platform:default/p',
            new Set(['component:default/a', 'component:default/b']),
          ],
          ['component:default/a', new Set(['component:default/a'])],
          ['component:default/b', new Set(['component:default/b'])],
        ]),
      );
      const before = Date.now() - 1;
      await store.writeBatch(batch);
      const owners = [
        'platform:default/p',
        'component:default/a',
        'component:default/b',
      ];
      const first = (await stores.changes.recentWrites(owners, before, 100))!;
      const kinds = (owner: string) =>
        [...(first.get(owner)?.values() ?? [])].sort();
      // a: d1, d4 and a probe bucket; b: d2, d3, i1, i2 and a bucket; p: all of them
      expect(kinds('component:default/a')).toEqual([
        'availability',
        'deployments',
        'deployments',
      ]);
      expect(kinds('component:default/b')).toEqual([
        'availability',
        'deployments',
        'deployments',
        'incidents',
        'incidents',
      ]);
      expect(first.get('platform:default/p')!.size).toBe(8);
      // nothing written since a later time
      expect(
        (await stores.changes.recentWrites(owners, Date.now() + 1, 100))!.size,
      ).toBe(0);
      // an incident sent again as it moves on is another write; what it replaced is gone
      await store.writeBatch({
        deployments: [],
        availability: [],
        incidents: [{ ...batch.incidents[0], acknowledgedAt: T - H }],
      });
      const second = (await stores.changes.recentWrites(owners, before, 100))!;
      const b1 = [...first.get('component:default/b')!.keys()];
      const b2 = [...second.get('component:default/b')!.keys()];
      expect(b2).toHaveLength(b1.length);
      expect(b2.filter(k => !b1.includes(k))).toHaveLength(1);
      // more writes than the limit (each counted once per owner: 8 + 3 + 5): not listed at all
      expect(
        await stores.changes.recentWrites(owners, before, 15),
      ).toBeUndefined();
      expect(
        await stores.changes.recentWrites(owners, before, 16),
      ).toBeDefined();
    });

    it('undoes a batch whose write outlasted the deadline readers rely on, storing nothing', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      // every statement "takes" 4 s: the batch's three upserts end past the 10 s deadline
      fakeDateOnly(Date.UTC(2026, 10, 2));
      const slow = () => jest.setSystemTime(Date.now() + 4000);
      knex.on('query', slow);
      try {
        await expect(store.writeBatch(batch)).rejects.toMatchObject({
          name: 'ServiceUnavailableError',
          message: expect.stringContaining('nothing was stored, send it again'),
        });
      } finally {
        knex.off('query', slow);
        jest.useRealTimers();
      }
      const counts = await Promise.all(
        [
          'scorecard_deployments',
          'scorecard_incidents',
          'scorecard_availability',
        ].map(async t => Number((await knex(t).count({ n: '*' }))[0].n)),
      );
      expect(counts).toEqual([0, 0, 0]);
      // the same batch at a normal pace is stored
      await store.writeBatch(batch);
      expect(
        Number((await knex('scorecard_deployments').count({ n: '*' }))[0].n),
      ).toBe(batch.deployments.length);
    });

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
      });
      expect(deletes).toHaveLength(3 + 1 + 3);
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
      // everything before T goes: d4 (T - 1h), i2 (resolved T - 4h) and no availability (all from T on)
      expect(await stores.retention.deleteEventsBefore(T)).toEqual({
        deployments: 1,
        incidents: 1,
        availability: 0,
      });
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

describe.each(databases.eachSupportedId())('snapshots on %p', databaseId => {
  it('stores every row, nulls included, and a rerun of a day replaces it', async () => {
    const knex = await databases.init(databaseId);
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    const row = (ref: string, value: number | null, label: string) => ({
      entityRef: ref,
      day: '2026-11-01',
      windowDays: 28,
      metric: {
        metric: 'leadTime' as const,
        definitionVersion: 2,
        state: value === null ? ('not-enough-data' as const) : ('ok' as const),
        value,
        unit: 'ms' as const,
        count: value === null ? 0 : 7,
        minimumCount: 1,
        p50: value,
        p90: null,
        grade: {
          status: 'good' as const,
          label,
          rule: {
            source: 'profile' as const,
            profile: 'dora-2024',
            description: 'x',
          },
        },
      },
    });
    // more rows than one statement takes on either path
    const refs = Array.from(
      { length: 6001 },
      (_, i) => `component:default/c${i}`,
    );
    await stores.snapshots.writeSnapshots(
      refs.map(r => row(r, 3_600_000, 'elite')),
      T,
    );
    await stores.snapshots.writeSnapshots(
      [row(refs[0], null, 'not enough data'), row(refs[6000], 1.5, 'high')],
      T + 1,
    );
    expect(
      Number((await knex('scorecard_snapshots').count({ n: '*' }))[0].n),
    ).toBe(6001);
    expect(
      await stores.snapshots.readSnapshots(
        refs[0],
        ['leadTime', 'uptime'],
        '2026-11-01',
        '2026-11-02',
      ),
    ).toEqual(
      new Map([
        [
          'leadTime',
          [
            {
              day: '2026-11-01',
              value: null,
              state: 'not-enough-data',
              grade: 'good',
              definitionVersion: 2,
            },
          ],
        ],
        ['uptime', []],
      ]),
    );
    const last = await knex('scorecard_snapshots')
      .where({ entity_ref: refs[6000] })
      .first();
    expect({
      value: Number(last.value),
      p90: last.p90,
      label: last.grade_label,
      profile: last.grade_profile,
      computedAt: Number(last.computed_at),
    }).toEqual({
      value: 1.5,
      p90: null,
      label: 'high',
      profile: 'dora-2024',
      computedAt: T + 1,
    });
    const middle = await knex('scorecard_snapshots')
      .where({ entity_ref: refs[3000] })
      .first();
    expect(Number(middle.value)).toBe(3_600_000);
    expect(Number(middle.count)).toBe(7);
  });
});

describe.each(databases.eachSupportedId())(
  'text through the bulk writes on %p',
  databaseId => {
    it('round-trips quotes, backslashes, braces, commas, NULL and unicode unchanged', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      const nasty = [
        'NULL',
        '"quoted"',
        'back\\slash\\',
        '{braces},{and},commas',
        "it's; drop table x; --",
        'ünïcødé ✓ 🚀',
        '',
      ];
      await store.writeBatch({
        deployments: nasty.map((text, i) => ({
          source: 'ci',
          id: `n${i}`,
          entityRef: 'component:default/a',
          environment: 'production',
          result: 'success',
          startedAt: null,
          finishedAt: T + i,
          firstCommitAt: null,
          fixesIncident: text || null,
          url: text,
        })),
        incidents: [],
        availability: [],
      });
      const rows = await knex('scorecard_deployments').orderBy('finished_at');
      expect(rows.map(r => r.url)).toEqual(nasty);
      expect(rows.map(r => r.fixes_incident)).toEqual(
        nasty.map(t => t || null),
      );
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
describe('DatabaseEventStore on POSTGRES_15', () => {
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

describe('the change check on POSTGRES_15', () => {
  it('runs without JIT compilation, which would cost more than its short reads', async () => {
    const knex = await databases.init('POSTGRES_15');
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    const statements: Array<{ sql: string; tx?: string }> = [];
    const listener = (q: { sql: string; __knexTxId?: string }) =>
      statements.push({ sql: q.sql, tx: q.__knexTxId });
    knex.on('query', listener);
    await stores.changes.changedOwners(['component:default/a'], {
      since: T,
      ranges: [[T - H, T + H]],
      spanning: ['component:default/a'],
    });
    knex.off('query', listener);
    const checks = statements.filter(q => /^select distinct/.test(q.sql));
    expect(checks).toHaveLength(2); // writes and ranges, then open incidents
    const tx = checks[0].tx;
    expect(tx).toBeDefined();
    expect(checks.every(q => q.tx === tx)).toBe(true);
    const inTx = statements.filter(q => q.tx === tx).map(q => q.sql);
    expect(inTx.indexOf('set local jit = off')).toBeGreaterThanOrEqual(0);
    expect(inTx.indexOf('set local jit = off')).toBeLessThan(
      inTx.indexOf(checks[0].sql),
    );
    // the setting ended with the transaction: other statements on the pool keep the server's
    expect(
      (await knex.raw(`select current_setting('jit') as jit`)).rows[0].jit,
    ).toBe(
      (await knex.raw(`select reset_val from pg_settings where name = 'jit'`))
        .rows[0].reset_val,
    );
  });
});
