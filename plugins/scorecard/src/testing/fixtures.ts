import {
  METRIC_DEFINITIONS,
  type Adoption,
  type GradedMetric,
  type MetricId,
  type Scorecard,
} from '@opmodel/plugin-scorecard-common';

export const BASE = 'http://localhost:7007/api';

/** A graded metric as the backend sends it; `over` replaces what a test cares about. */
export function metric(
  id: MetricId,
  over: Partial<GradedMetric> = {},
): GradedMetric {
  const def = METRIC_DEFINITIONS[id];
  return {
    metric: id,
    definitionVersion: def.version,
    state: 'ok',
    value: 0.5,
    unit: def.unit,
    count: 12,
    minimumCount: def.minimumCount,
    grade: {
      status: 'good',
      label: 'met',
      rule: {
        source: 'objective',
        threshold: 0.4,
        better: 'higher',
        description: 'objective',
      },
    },
    ...over,
  };
}

export function scorecard(
  entityRef: string,
  metrics: GradedMetric[],
): Scorecard {
  return {
    entityRef,
    window: {
      from: '2026-10-25T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    },
    members: [entityRef],
    metrics,
    computedAt: '2026-11-22T00:00:00.000Z',
  };
}

/** The discovery API of the tests: every plugin's backend under BASE. */
export const discoveryApi = {
  getBaseUrl: async (id: string) => `${BASE}/${id}`,
};

/** The fetch API of the tests: the global fetch as MSW intercepts it when the request is made. */
export const fetchApi = {
  fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
};

/** The Platform whose card the tests render. */
export const platformEntity = {
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'developer-platform', namespace: 'default' },
  spec: {},
};
export const platformRef = 'platform:default/developer-platform';

/**
 * The developer platform's adoption as the backend sends it: five consumer teams, four of them
 * among the organisation's six stream-aligned teams; checkout and mobile declared and observed,
 * search and growth observed only, data declared only. `over` replaces what a test cares about.
 */
export function adoption(over: Partial<Adoption> = {}): Adoption {
  const team = (name: string) => `group:default/${name}`;
  return {
    entityRef: platformRef,
    computedAt: '2026-11-22T06:00:00.000Z',
    teams: [
      {
        team: team('checkout-team'),
        declared: true,
        observed: true,
        via: ['component:default/checkout-api', 'system:default/payments'],
        streamAligned: true,
      },
      {
        team: team('data-team'),
        declared: true,
        observed: false,
        via: [],
        streamAligned: false,
      },
      {
        team: team('growth-team'),
        declared: false,
        observed: true,
        via: ['system:default/growth'],
        streamAligned: true,
      },
      {
        team: team('mobile-team'),
        declared: true,
        observed: true,
        via: ['component:default/mobile-app'],
        streamAligned: true,
      },
      {
        team: team('search-team'),
        declared: false,
        observed: true,
        via: ['component:default/search-indexer'],
        streamAligned: true,
      },
    ],
    streamAligned: { consuming: 4, total: 6, share: 4 / 6 },
    capabilities: [
      {
        id: 'ci',
        title: 'Continuous integration',
        teams: [
          team('checkout-team'),
          team('mobile-team'),
          team('search-team'),
        ],
        streamAligned: { consuming: 3, total: 6, share: 0.5 },
      },
      {
        id: 'observability',
        title: 'Observability',
        teams: [],
        streamAligned: { consuming: 0, total: 6, share: 0 },
      },
    ],
    findings: [
      {
        team: team('data-team'),
        kind: 'declared-not-observed',
        message: `${team(
          'data-team',
        )} is declared a consumer, but owns no Component or System that depends on what the platform provides`,
        fix: `give the team's Components that use the platform a dependsOn or consumesApis on what it includes, or remove ${team(
          'data-team',
        )} from spec.consumers`,
      },
      {
        team: team('search-team'),
        kind: 'observed-not-declared',
        message: `${team(
          'search-team',
        )} uses the platform through component:default/search-indexer, but is not in spec.consumers`,
        fix: `add - { team: ${team(
          'search-team',
        )}, interaction: x-as-a-service } to spec.consumers`,
      },
    ],
    history: [
      {
        day: '2026-11-19',
        consumers: 3,
        streamAligned: { consuming: 2, total: 6, share: 2 / 6 },
      },
      {
        day: '2026-11-20',
        consumers: 3,
        streamAligned: { consuming: 0, total: 0, share: null },
      },
      {
        day: '2026-11-21',
        consumers: 4,
        streamAligned: { consuming: 3, total: 6, share: 0.5 },
      },
      {
        day: '2026-11-22',
        consumers: 5,
        streamAligned: { consuming: 4, total: 6, share: 4 / 6 },
      },
    ],
    ...over,
  };
}
