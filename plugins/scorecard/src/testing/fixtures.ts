import {
  METRIC_DEFINITIONS,
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
