import {
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DORA_2024, type Portfolio } from '@opmodel/plugin-scorecard-common';
import { createScorecardStores } from '../database/createScorecardStores';
import type {
  DeploymentWrite,
  EventBatch,
  IncidentWrite,
} from '../database/types';
import { CatalogMirror } from '../service/CatalogMirror';
import { createScorecardServices } from '../service/createScorecardServices';
import { fakeDateOnly } from './fakeDate';

/*
 * The portfolio tests' model (three platforms of three components each), their events, and a
 * portfolio service set up over it whose every read is checked against a fresh computation.
 */

export const MIN = 60_000;
export const H = 60 * MIN;
export const DAY = 24 * H;
export const L = 7 * DAY;
export const T0 = Date.UTC(2026, 10, 2, 12);

export const platforms = [0, 1, 2];
export const componentsOf = (p: number) => [0, 1, 2].map(k => `c-${p}-${k}`);
export const entities: Entity[] = [
  ...platforms.map(p => ({
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: `p-${p}`, namespace: 'default', uid: `p-${p}` },
    spec: { owner: 'group:default/team', lifecycle: 'production' },
    relations: componentsOf(p).map(c => ({
      type: 'includes',
      targetRef: `component:default/${c}`,
    })),
  })),
  ...platforms.flatMap(p =>
    componentsOf(p).map(c => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: c, namespace: 'default', uid: c },
      spec: { type: 'service', owner: 'group:default/team' },
    })),
  ),
];

export const deployment = (
  id: string,
  component: string,
  finishedAt: number,
  result: DeploymentWrite['result'] = 'success',
): DeploymentWrite => ({
  source: 'ci',
  id,
  entityRef: `component:default/${component}`,
  environment: 'production',
  result,
  startedAt: null,
  finishedAt,
  firstCommitAt: finishedAt - 3 * H,
  fixesIncident: null,
  url: null,
});

export const incident = (
  id: string,
  component: string,
  triggeredAt: number,
  resolvedAt: number | null,
  causedByDeployment: string | null = null,
): IncidentWrite => ({
  source: 'pager',
  id,
  entityRef: `component:default/${component}`,
  severity: 'sev2',
  impact: 'outage',
  triggeredAt,
  acknowledgedAt: triggeredAt + 5 * MIN,
  mitigatedAt: null,
  resolvedAt,
  causedByDeployment,
  title: null,
  url: null,
});

export const batch = (b: Partial<EventBatch>): EventBatch => ({
  deployments: [],
  incidents: [],
  availability: [],
  ...b,
});

/**
 * A portfolio service over a fresh database of `databaseId` and the model above, with Date faked
 * at T0 (undo with jest.useRealTimers()): `read` gives the portfolio now, checked against one
 * computed afresh, with the owners it had to read events for; `advance` moves the clock.
 */
export async function setUpPortfolio(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  extra: {
    rawEventDays?: number;
    largeReadMembers?: number;
    portfolioMaxAgeMs?: number;
  } = {},
) {
  fakeDateOnly(T0);
  const knex = await databases.init(databaseId);
  const stores = await createScorecardStores({
    database: { getClient: async () => knex },
  });
  const store = stores.events;
  const catalog = catalogServiceMock({ entities });
  const catalogMirror = new CatalogMirror({
    catalog,
    auth: mockServices.auth(),
    mirror: stores.catalogMirror,
    logger: mockServices.logger.mock(),
  });
  await catalogMirror.sync();
  const options = {
    environments: ['production'],
    partialOutageWeight: 0.5,
    defaultWindowDays: 7,
    profile: DORA_2024,
    // what the checks find, apart from the age limit (which has a test of its own)
    portfolioMaxAgeMs: 365 * DAY,
    ...extra,
  };
  const service = createScorecardServices(stores, catalogMirror, options);
  const reads = jest.spyOn(store, 'readEvents');
  /** The portfolio now, and the owners it had to read events for. */
  const read = async () => {
    reads.mockClear();
    const window = { from: Date.now() - L, to: Date.now() };
    const cached = await service.portfolio.getPortfolio(window);
    // owners read whole (recomputed), and owners whose availability alone was re-read
    const owners = (availabilityOnly: boolean) =>
      reads.mock.calls
        .filter(([, query]) => !!query.kinds === availabilityOnly)
        .flatMap(([o]) => [...o.keys()])
        .sort();
    const recomputed = owners(false);
    const refreshed = owners(true);
    // the oracle: a service that remembers nothing, on the same store and model
    const fresh = await createScorecardServices(
      stores,
      catalogMirror,
      options,
    ).portfolio.getPortfolio(window);
    expect(cached).toEqual(fresh);
    return { portfolio: cached, recomputed, refreshed };
  };
  const advance = (ms: number) => jest.setSystemTime(Date.now() + ms);
  return {
    store,
    stores,
    catalog,
    catalogMirror,
    service,
    reads,
    read,
    advance,
  };
}

/** A platform's figure of a metric. */
export const figure = (
  portfolio: Portfolio,
  platform: string,
  metric: string,
) =>
  portfolio.platforms
    .find(p => p.entityRef === `platform:default/${platform}`)!
    .metrics.find(m => m.metric === metric)!;
