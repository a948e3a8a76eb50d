import { CatalogClient } from '@backstage/catalog-client';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { Route, Routes, useLocation } from 'react-router-dom';
import {
  ScorecardClient,
  type PortfolioEntry,
} from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import { PortfolioPage } from '../components/PortfolioPage';
import { BASE, discoveryApi, fetchApi, metric } from '../testing/fixtures';

export const platform = (
  name: string,
  owner: string,
  lifecycle: string,
  uptime: number,
  leadHours: number | null,
): PortfolioEntry => ({
  entityRef: `platform:default/${name}`,
  title: name.replace('-', ' '),
  owner: `group:default/${owner}`,
  lifecycle,
  metrics: [
    metric('uptime', { value: uptime }),
    leadHours === null
      ? metric('leadTime', {
          state: 'not-enough-data',
          value: null,
          count: 1,
          grade: {
            status: 'none',
            label: 'not enough data',
            rule: { source: 'none', description: 'needs 5' },
          },
        })
      : metric('leadTime', { value: leadHours * 3_600_000 }),
  ],
});

export const PORTFOLIO = {
  window: { from: '2026-10-25T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' },
  platforms: [
    platform('data-platform', 'data-team', 'production', 0.98, 30),
    platform('developer-platform', 'platform-team', 'production', 0.9995, 2),
    platform(
      'observability-platform',
      'platform-team',
      'experimental',
      1,
      null,
    ),
  ],
};

export const CATALOG: unknown[] = [
  {
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: 'developer-platform', namespace: 'default' },
    spec: { owner: 'group:default/platform-team', lifecycle: 'production' },
    relations: [
      { type: 'fundedBy', targetRef: 'fundingline:default/platform-run-2026' },
    ],
  },
];

function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

/**
 * Serves the portfolio (for every window unless `before` is given: then for the window ending
 * where the page's window starts) and the catalog; answers the URLs asked, in order.
 */
export function serve(
  server: SetupServer,
  portfolio: unknown = PORTFOLIO,
  status = 200,
  options: {
    before?: unknown;
    catalog?: unknown[];
    adoptions?: unknown[];
  } = {},
) {
  const asked: URL[] = [];
  server.use(
    http.get(`${BASE}/scorecard/portfolio`, ({ request }) => {
      asked.push(new URL(request.url));
      const url = new URL(request.url);
      const isBefore =
        options.before !== undefined &&
        Date.parse(url.searchParams.get('to')!) < Date.now() - 86_400_000;
      return HttpResponse.json((isBefore ? options.before : portfolio) as any, {
        status,
      });
    }),
    http.get(`${BASE}/scorecard/adoptions`, ({ request }) => {
      asked.push(new URL(request.url));
      return HttpResponse.json({ platforms: options.adoptions ?? [] });
    }),
    http.get(`${BASE}/catalog/entities`, ({ request }) => {
      asked.push(new URL(request.url));
      return HttpResponse.json(options.catalog ?? CATALOG);
    }),
  );
  return asked;
}

/**
 * The portfolio page at `path`, with the URL's search shown by a probe, for a user who may read
 * funding amounts or (by default) not.
 */
export function render(
  path = '/portfolio',
  options: { mayReadAmounts?: boolean } = {},
) {
  const permissionApi = mockApis.permission({
    authorize: request =>
      request.permission.name === 'opmodel.funding.amounts.read' &&
      !options.mayReadAmounts
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [scorecardApiRef, new ScorecardClient({ discoveryApi, fetchApi })],
        [catalogApiRef, new CatalogClient({ discoveryApi, fetchApi })],
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [permissionApiRef, permissionApi],
      ]}
    >
      <Routes>
        <Route
          path="/portfolio"
          element={
            <>
              <PortfolioPage />
              <LocationProbe />
            </>
          }
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

export const platformsInOrder = () =>
  screen
    .getAllByRole('row')
    .map(r => r.getAttribute('data-platform'))
    .filter(Boolean);

/** A FundingLine giving the developer platform 60 % and the data platform 40 %. */
export const FUNDING_LINE = {
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'FundingLine',
  metadata: {
    name: 'platform-run-2026',
    namespace: 'default',
    title: 'Platform run 2026',
  },
  spec: {
    type: 'operational',
    owner: 'group:default/finance',
    currency: 'EUR',
    periods: [{ start: '2026-01-01', end: '2027-01-01' }],
    allocations: [
      { target: 'platform:default/developer-platform', share: 0.6 },
      { target: 'data-platform', share: 0.4 },
    ],
  },
};
