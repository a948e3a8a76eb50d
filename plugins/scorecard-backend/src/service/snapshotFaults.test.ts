import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createScorecardStores } from '../database/createScorecardStores';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DORA_2024,
  METRIC_IDS,
  PRODUCT_METRICS,
} from '@opmodel/plugin-scorecard-common';
import type { Knex } from 'knex';
import type { AvailabilityRecord } from '../database/types';
import { CatalogMirror } from './CatalogMirror';
import { createScorecardServices } from './createScorecardServices';

/*
 * A snapshot run keeps going for everyone when one entity's figures are out of the ordinary: a
 * busy entity counts more requests than a 32-bit column holds (or than a double holds exactly),
 * and an entity the database refuses to store is logged and skipped.
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const SNAPSHOT_DAY = '2026-11-19';
const BUCKET_TOTAL = 1e12; // the most one bucket may count
// enough full buckets that their sum passes 2^53
const BUSY_BUCKETS = Math.ceil(Number.MAX_SAFE_INTEGER / BUCKET_TOTAL) + 10;

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', uid: name },
  spec: { type: 'service', owner: 'group:default/team' },
});
const entities: Entity[] = [
  component('busy'),
  component('refused'),
  component('quiet'),
  {
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: 'p', namespace: 'default', uid: 'p' },
    spec: { owner: 'group:default/team', lifecycle: 'production' },
    relations: ['busy', 'refused', 'quiet'].map(name => ({
      type: 'includes',
      targetRef: `component:default/${name}`,
    })),
  },
];

/** A trigger that makes the database refuse every snapshot row of one entity. */
async function refuseSnapshotsOf(knex: Knex, entityRef: string) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(`create function refuse_snapshot() returns trigger language plpgsql as $$
      begin
        if new.entity_ref = '${entityRef}' then raise exception 'refused by the test'; end if;
        return new;
      end $$`);
    await knex.raw(
      'create trigger refuse_snapshot before insert or update on scorecard_snapshots for each row execute function refuse_snapshot()',
    );
  } else {
    await knex.raw(`create trigger refuse_snapshot before insert on scorecard_snapshots
      when new.entity_ref = '${entityRef}'
      begin select raise(abort, 'refused by the test'); end`);
  }
}

describe.each(databases.eachSupportedId())(
  'a snapshot with figures out of the ordinary on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      const logger = mockServices.logger.mock();
      const catalogMirror = new CatalogMirror({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        mirror: stores.catalogMirror,
        logger,
      });
      await catalogMirror.sync();
      const bucketsOf = (entityRef: string, n: number, total: number) =>
        Array.from(
          { length: n },
          (_, k): AvailabilityRecord => ({
            source: 'lb',
            entityRef,
            start: NOW - 10 * DAY + k * 60_000,
            lengthMs: 60_000,
            good: total - 1,
            total,
          }),
        );
      await store.writeBatch({
        deployments: [],
        incidents: [],
        availability: [
          ...bucketsOf('component:default/busy', BUSY_BUCKETS, BUCKET_TOTAL),
          ...bucketsOf('component:default/refused', 3, 1000),
          ...bucketsOf('component:default/quiet', 3, 1000),
        ],
      });
      const service = createScorecardServices(stores, catalogMirror, {
        environments: ['production'],
        partialOutageWeight: 0.5,
        defaultWindowDays: 28,
        profile: DORA_2024,
        now: () => NOW,
        logger,
      });
      return { knex, service, logger };
    }

    const uptimeRow = (knex: Knex, entityRef: string) =>
      knex('scorecard_snapshots')
        .where({ entity_ref: entityRef, day: SNAPSHOT_DAY, metric: 'uptime' })
        .first();

    it('stores and reads back counts beyond 2^31 and 2^53', async () => {
      const { knex, service } = await setUp();
      const done = await service.snapshots.snapshot([SNAPSHOT_DAY]);
      expect(done.skipped).toEqual([]);

      const expected = BUSY_BUCKETS * BUCKET_TOTAL;
      expect(expected).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
      for (const ref of ['component:default/busy', 'platform:default/p']) {
        const row = await uptimeRow(knex, ref);
        expect([ref, row.state]).toEqual([ref, 'ok']);
        // the platform adds the other components' few requests, lost to a double's precision
        expect(Number(row.count)).toBeCloseTo(expected, -6);
        expect(Number(row.value)).toBeCloseTo(1 - 1 / BUCKET_TOTAL, 12);
      }
      // a live read gives the same count
      const card = await service.scorecards.getScorecard(
        'component:default/busy',
        {
          from: NOW - 28 * DAY,
          to: NOW,
        },
      );
      expect(card.metrics.find(m => m.metric === 'uptime')!.count).toBe(
        expected,
      );
    });

    it('logs and skips an entity the database refuses, and stores every other', async () => {
      const { knex, service, logger } = await setUp();
      await refuseSnapshotsOf(knex, 'component:default/refused');

      const done = await service.snapshots.snapshot([SNAPSHOT_DAY]);

      expect(done.skipped).toEqual([
        { entityRef: 'component:default/refused', day: SNAPSHOT_DAY },
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          `snapshot of component:default/refused for ${SNAPSHOT_DAY} was skipped`,
        ),
      );
      const stored = await knex('scorecard_snapshots')
        .where({ day: SNAPSHOT_DAY })
        .select('entity_ref')
        .count({ n: '*' })
        .groupBy('entity_ref')
        .orderBy('entity_ref');
      expect(stored.map((r: any) => [r.entity_ref, Number(r.n)])).toEqual([
        ['component:default/busy', METRIC_IDS.length - PRODUCT_METRICS.length],
        ['component:default/quiet', METRIC_IDS.length - PRODUCT_METRICS.length],
        ['platform:default/p', METRIC_IDS.length],
      ]);
    });

    it('keeps the snapshots stored before the columns were widened', async () => {
      const knex = await databases.init(databaseId);
      const migrations = {
        directory: require('node:path').resolve(__dirname, '../../migrations'),
        tableName: 'scorecard_knex_migrations',
        loadExtensions: ['.js'],
      };
      await knex.migrate.latest(migrations);
      await knex.migrate.down({
        ...migrations,
        name: '20261128000000_wide_snapshot_columns.js',
      });
      const row = {
        entity_ref: 'component:default/old',
        day: '2026-01-01',
        metric: 'uptime',
        state: 'ok',
        value: 0.999,
        count: 2_000_000_000,
        p50: null,
        p90: null,
        grade_status: 'good',
        grade_label: 'Elite',
        grade_source: 'profile',
        grade_profile: 'dora-2024',
        definition_version: 1,
        window_days: 28,
        computed_at: NOW,
      };
      await knex('scorecard_snapshots').insert(row);

      await knex.migrate.latest(migrations);

      const [old] = await knex('scorecard_snapshots').select();
      expect({ ...old, count: Number(old.count) }).toMatchObject({
        ...row,
        computed_at: expect.anything(),
      });
      await knex('scorecard_snapshots')
        .where({ entity_ref: row.entity_ref })
        .update({ count: 2 ** 40, grade_label: 'x'.repeat(200) });
      const [wide] = await knex('scorecard_snapshots').select();
      expect([Number(wide.count), wide.grade_label.length]).toEqual([
        2 ** 40,
        200,
      ]);
    });
  },
);
