import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import {
  ScorecardClient,
  type Adoption,
} from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import { AdoptionCard } from '../components/AdoptionCard';
import {
  adoption,
  BASE,
  discoveryApi,
  fetchApi,
  platformEntity,
} from '../testing/fixtures';

// the real client, over the real fetch, against MSW's HTTP layer
const client = new ScorecardClient({ discoveryApi, fetchApi });

/** The adoption card on the developer platform's page, in a test app with the catalog's entity pages. */
export function renderAdoptionCard() {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [scorecardApiRef, client],
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
      ]}
    >
      <EntityProvider entity={platformEntity}>
        <AdoptionCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/**
 * Serves the adoption (the fixture unless `body` says otherwise) and hands each request's URL to
 * `onRequest`.
 */
export function serveAdoption(
  body: Adoption = adoption(),
  onRequest?: (url: URL) => void,
) {
  return http.get(`${BASE}/scorecard/adoption`, ({ request }) => {
    onRequest?.(new URL(request.url));
    return HttpResponse.json(body);
  });
}
