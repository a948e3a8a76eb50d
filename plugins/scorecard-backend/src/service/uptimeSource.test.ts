import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createScorecardStores } from '../database/createScorecardStores';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DORA_2024, type GradedMetric } from '@opmodel/plugin-scorecard-common';
import { DatabaseCollectorStateStore } from '../database/CollectorStateStore';
import { CatalogMirror } from './CatalogMirror';
import { createScorecardServices } from './createScorecardServices';

/*
 * Uptime needs something to stand on: availability samples, or an incident source. Without
 * either, a quiet entity is "not enough data", never "100 % met".
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const DAY = 86_400_000;

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', uid: name },
  spec: { type: 'service', owner: 'group:default/team' },
});

const entities: Entity[] = [
  {
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: 'quiet', namespace: 'default', uid: 'quiet' },
    spec: { owner: 'group:default/team', lifecycle: 'production' },
    relations: ['api', 'web'].map(c => ({
      type: 'includes',
      targetRef: `component:default/${c}`,
    })),
  },
  component('api'),
  component('web'),
  component('paged'),
  component('unreadable'),
  component('deployed-only'),
];

const metric = (card: { metrics: GradedMetric[] }, id: string) =>
  card.metrics.find(m => m.metric === id)!;

describe.each(databases.eachSupportedId())(
  'the uptime of an entity without data on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      const state = new DatabaseCollectorStateStore(knex);
      const catalogMirror = new CatalogMirror({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        mirror: stores.catalogMirror,
        logger: mockServices.logger.mock(),
      });
      await catalogMirror.sync();
      const service = createScorecardServices(stores, catalogMirror, {
        environments: ['production'],
        partialOutageWeight: 0.5,
        defaultWindowDays: 28,
        profile: DORA_2024,
        defaults: { availability: { target: 0.99 } },
      });
      const window = service.scorecards.defaultWindow();
      const card = (ref: string) =>
        service.scorecards.getScorecard(ref, window);
      return { store, state, service, window, card };
    }

    it('is not enough data, with the reason, when there are neither samples nor an incident source', async () => {
      const { service, window, card } = await setUp();
      const platform = await card('platform:default/quiet');
      expect(metric(platform, 'uptime')).toMatchObject({
        state: 'not-enough-data',
        value: null,
        details: {
          reason: expect.stringContaining('no incident source'),
        },
      });
      expect(metric(platform, 'errorBudgetRemaining').state).toBe(
        'not-enough-data',
      );
      expect(metric(platform, 'uptime').grade?.status).not.toBe('met');
      // the portfolio says the same
      const portfolio = await service.portfolio.getPortfolio(window);
      expect(
        metric(
          portfolio.platforms.find(
            p => p.entityRef === 'platform:default/quiet',
          )!,
          'uptime',
        ).state,
      ).toBe('not-enough-data');
    });

    it('is 100 % when an incident source recorded no outage in the window', async () => {
      const { store, card } = await setUp();
      // an incident of a member long before the window: incidents of it are recorded somewhere
      const longAgo = Date.now() - 200 * DAY;
      await store.writeBatch({
        deployments: [],
        availability: [],
        incidents: [
          {
            source: 'pager',
            id: 'old',
            entityRef: 'component:default/web',
            severity: 'sev2',
            impact: 'outage',
            triggeredAt: longAgo,
            acknowledgedAt: null,
            mitigatedAt: null,
            resolvedAt: longAgo + 3_600_000,
            causedByDeployment: null,
            title: null,
            url: null,
          },
        ],
      });
      expect(
        metric(await card('platform:default/quiet'), 'uptime'),
      ).toMatchObject({
        state: 'ok',
        value: 1,
        details: { basis: 'incidents' },
      });
      // a member's source is the platform's, not its sibling's
      expect(metric(await card('component:default/api'), 'uptime').state).toBe(
        'not-enough-data',
      );
    });

    it('counts a collector that reads the entity’s incidents as a source, once it has read them', async () => {
      const { state, card } = await setUp();
      const now = Date.now();
      await state.reportCoverage(
        'pagerduty',
        'component:default/paged',
        { source: 'pagerduty', written: 0 },
        now,
        ['incidents'],
      );
      await state.reportCoverage(
        'pagerduty',
        'component:default/unreadable',
        { source: 'pagerduty', error: 'service PXYZ not found' },
        now,
        ['incidents'],
      );
      await state.reportCoverage(
        'github',
        'component:default/deployed-only',
        { source: 'github', written: 3 },
        now,
        ['deployments'],
      );
      expect(
        metric(await card('component:default/paged'), 'uptime'),
      ).toMatchObject({ state: 'ok', value: 1 });
      // a source that could never read it says nothing about its outages
      expect(
        metric(await card('component:default/unreadable'), 'uptime').state,
      ).toBe('not-enough-data');
      // a deployment source is no incident source
      expect(
        metric(await card('component:default/deployed-only'), 'uptime').state,
      ).toBe('not-enough-data');
    });
  },
);
