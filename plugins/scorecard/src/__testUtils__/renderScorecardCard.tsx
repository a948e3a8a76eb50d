import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { METRIC_IDS, ScorecardClient } from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import {
  ScorecardCard,
  type ScorecardCardProps,
} from '../components/ScorecardCard';
import {
  BASE,
  discoveryApi,
  fetchApi,
  platformEntity,
} from '../testing/fixtures';

export const DAY = 86_400_000;

// the real client, over the real fetch, against MSW's HTTP layer
const client = new ScorecardClient({ discoveryApi, fetchApi });

/** The card on the developer platform's page, in a test app with the catalog's entity pages. */
export function renderScorecardCard(props: ScorecardCardProps = {}) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [scorecardApiRef, client],
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
      ]}
    >
      <EntityProvider entity={platformEntity}>
        <ScorecardCard {...props} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** Serves a trend of a few days for every asked metric, in one response; one sparkline each. */
export const trends = http.get(`${BASE}/scorecard/trends`, ({ request }) => {
  const url = new URL(request.url);
  const metrics = url.searchParams.get('metrics')?.split(',') ?? METRIC_IDS;
  return HttpResponse.json({
    entityRef: url.searchParams.get('entityRef'),
    window: {
      from: url.searchParams.get('from'),
      to: url.searchParams.get('to'),
    },
    trends: Object.fromEntries(
      metrics.map(id => [
        id,
        [1, 2, 3].map(d => ({
          day: `2026-11-0${d}`,
          value: d / 10,
          state: 'ok',
          grade: 'good',
          definitionVersion: 1,
        })),
      ]),
    ),
    frozen: [],
  });
});

/** No collector reads the entity: what most tests need, since the card always asks. */
export const noCoverage = http.get(
  `${BASE}/scorecard/coverage`,
  ({ request }) =>
    HttpResponse.json({
      entityRef: new URL(request.url).searchParams.get('entityRef'),
      sources: [],
    }),
);
