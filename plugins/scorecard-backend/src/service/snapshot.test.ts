import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createScorecardStores } from '../database/createScorecardStores';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DORA_2024,
  METRIC_IDS,
  PRODUCT_METRICS,
} from '@opmodel/plugin-scorecard-common';
import { CatalogMirror } from './CatalogMirror';
import { createScorecardServices } from './createScorecardServices';

/*
 * The daily snapshot reads and computes two batches at a time and writes its rows while the next
 * batches are computed. Whatever the interleaving, every entity's every metric is stored once per
 * day, with the figures a live computation of that day's window gives, and a failed write fails
 * the run.
 */

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const DAY = 86_400_000;
const H = 3_600_000;
// enough entities for several batches (at most 200 member entities) and many writes (2,000 rows:
// 200 entities' ten metrics)
const PLATFORMS = 10;
const COMPONENTS = 2_400;
const NOW = Date.UTC(2026, 10, 20, 12);

const entities: Entity[] = [
  ...Array.from({ length: PLATFORMS }, (_, p) => ({
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: `p-${p}`, namespace: 'default', uid: `p-${p}` },
    spec: { owner: 'group:default/team', lifecycle: 'production' },
    relations: Array.from({ length: 30 }, (__, k) => ({
      type: 'includes',
      targetRef: `component:default/c-${p * 30 + k}`,
    })),
  })),
  ...Array.from({ length: COMPONENTS }, (_, c) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `c-${c}`, namespace: 'default', uid: `c-${c}` },
    spec: { type: 'service', owner: 'group:default/team' },
  })),
];

describe.each(databases.eachSupportedId())('the snapshot on %s', databaseId => {
  async function setUp() {
    const knex = await databases.init(databaseId);
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    const store = stores.events;
    const catalogMirror = new CatalogMirror({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      mirror: stores.catalogMirror,
      logger: mockServices.logger.mock(),
    });
    await catalogMirror.sync();
    // a deployment a day for every third component, a failure every fifth
    const deployments = [];
    for (let c = 0; c < COMPONENTS; c += 3) {
      for (let d = 1; d <= 5; d++) {
        const finishedAt = NOW - d * DAY - (c % 24) * H;
        deployments.push({
          source: 'ci',
          id: `d-${c}-${d}`,
          entityRef: `component:default/c-${c}`,
          environment: 'production',
          result:
            (c + d) % 5 === 0 ? ('failure' as const) : ('success' as const),
          startedAt: null,
          finishedAt,
          firstCommitAt: finishedAt - (c % 7) * H,
          fixesIncident: null,
          url: null,
        });
      }
    }
    await store.writeBatch({ deployments, incidents: [], availability: [] });
    const service = createScorecardServices(stores, catalogMirror, {
      environments: ['production'],
      partialOutageWeight: 0.5,
      defaultWindowDays: 28,
      profile: DORA_2024,
      now: () => NOW,
    });
    return { knex, store, stores, service, catalogMirror };
  }

  it('stores every metric of every entity once per day, as a live computation gives it', async () => {
    const { knex, service, catalogMirror } = await setUp();
    const days = ['2026-11-17', '2026-11-19'];
    const done = await service.snapshots.snapshot(days);
    expect(done.entities).toBe(PLATFORMS + COMPONENTS);

    const counts = await knex('scorecard_snapshots')
      .select('day')
      .count({ n: '*' })
      .groupBy('day')
      .orderBy('day');
    expect(counts.map((r: any) => [r.day, Number(r.n)])).toEqual(
      // a Platform's metrics are every metric; a Component's leave out the product metrics
      days.map(day => [
        day,
        PLATFORMS * METRIC_IDS.length +
          COMPONENTS * (METRIC_IDS.length - PRODUCT_METRICS.length),
      ]),
    );

    // every entity against a live computation of the day's window, batched another way (the
    // snapshot reads a platform's components with it, once for both)
    const model = await catalogMirror.current();
    for (const day of days) {
      const end = Date.parse(`${day}T00:00:00Z`) + DAY;
      const live = await service.scorecards.computeMany(
        [...model.entities.values()],
        {
          from: end - 28 * DAY,
          to: end,
        },
      );
      const stored = new Map<string, Record<string, unknown>>();
      for (const r of await knex('scorecard_snapshots')
        .where({ day })
        .select('entity_ref', 'metric', 'value', 'count', 'state')) {
        const card = stored.get(r.entity_ref) ?? {};
        card[r.metric] = [
          r.value === null ? null : Number(r.value),
          Number(r.count),
          r.state,
        ];
        stored.set(r.entity_ref, card);
      }
      expect(live).toHaveLength(PLATFORMS + COMPONENTS);
      // and some, platforms and their components among them, each computed on its own
      for (const ref of [
        'platform:default/p-0',
        'platform:default/p-3',
        'component:default/c-0',
        'component:default/c-99',
        'component:default/c-299',
        'component:default/c-2397',
      ]) {
        const [alone] = await service.scorecards.computeMany(
          [model.entities.get(ref)!],
          {
            from: end - 28 * DAY,
            to: end,
          },
        );
        expect(alone.metrics).toEqual(
          live.find(c => c.entityRef === ref)!.metrics,
        );
      }
      for (const card of live) {
        expect([card.entityRef, stored.get(card.entityRef)]).toEqual([
          card.entityRef,
          Object.fromEntries(
            card.metrics.map(m => [m.metric, [m.value, m.count, m.state]]),
          ),
        ]);
      }
    }
    // something to compare: the platform deployed on some of those days
    const freq = await knex('scorecard_snapshots')
      .where({
        entity_ref: 'platform:default/p-3',
        day: days[1],
        metric: 'deploymentFrequency',
      })
      .first();
    expect(Number(freq.count)).toBeGreaterThan(0);
  });

  it('fails the run when the database goes away during a write', async () => {
    const { stores, service } = await setUp();
    const original = stores.snapshots.writeSnapshots.bind(stores.snapshots);
    let writes = 0;
    jest
      .spyOn(stores.snapshots, 'writeSnapshots')
      .mockImplementation(async (rows, at) => {
        writes++;
        if (writes >= 2) throw new Error('Connection terminated unexpectedly');
        return original(rows, at);
      });
    await expect(service.snapshots.snapshot(['2026-11-19'])).rejects.toThrow(
      'Connection terminated unexpectedly',
    );
  });
});
