import { CatalogClient } from '@backstage/catalog-client';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  createExtensionTester,
  renderInTestApp as renderInNewApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  registerMswTestHooks,
  renderInTestApp as renderInClassicApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { ScorecardClient } from '@opmodel/plugin-scorecard-common';
import scorecardFeature, {
  scorecardAdoptionCard,
  scorecardEntityCard,
  scorecardEntityContent,
} from './alpha';
import {
  EntityPlatformAdoptionCard,
  EntityScorecardCard,
  scorecardApiRef,
} from './index';
import {
  adoption,
  BASE,
  discoveryApi,
  fetchApi,
  metric,
  platformEntity,
  platformRef,
  scorecard,
} from './testing/fixtures';

const server = setupServer();
registerMswTestHooks(server);

beforeEach(() => {
  server.use(
    http.get(`${BASE}/scorecard/scorecard`, () =>
      HttpResponse.json(
        scorecard(platformRef, [metric('uptime', { value: 0.995 })]),
      ),
    ),
    http.get(`${BASE}/scorecard/trends`, () =>
      HttpResponse.json({
        entityRef: platformRef,
        trends: { uptime: [] },
        frozen: [],
      }),
    ),
    http.get(`${BASE}/scorecard/portfolio`, () =>
      HttpResponse.json({
        window: { from: '2026-10-25T00:00:00Z', to: '2026-11-22T00:00:00Z' },
        platforms: [
          {
            entityRef: platformRef,
            title: 'Developer Platform',
            owner: 'group:default/platform-team',
            lifecycle: 'production',
            metrics: [metric('uptime', { value: 0.995 })],
          },
        ],
      }),
    ),
    http.get(`${BASE}/catalog/entities`, () =>
      HttpResponse.json([platformEntity]),
    ),
    http.get(`${BASE}/scorecard/adoption`, () => HttpResponse.json(adoption())),
  );
});

describe('the classic frontend system', () => {
  it('renders EntityScorecardCard on an entity page', async () => {
    await renderInClassicApp(
      <TestApiProvider
        apis={[
          [scorecardApiRef, new ScorecardClient({ discoveryApi, fetchApi })],
        ]}
      >
        <EntityProvider entity={platformEntity}>
          <EntityScorecardCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('99.50 %')).toBeInTheDocument();
  });

  it('renders EntityPlatformAdoptionCard on a Platform page', async () => {
    await renderInClassicApp(
      <TestApiProvider
        apis={[
          [scorecardApiRef, new ScorecardClient({ discoveryApi, fetchApi })],
        ]}
      >
        <EntityProvider entity={platformEntity}>
          <EntityPlatformAdoptionCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText('4 of 6 stream-aligned teams (66.7 %)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Consumer teams' }),
    ).toBeInTheDocument();
  });
});

describe('the new frontend system', () => {
  it('puts the card on Platform, Component, System and Group pages only', () => {
    const filter = createExtensionTester(scorecardEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    const of = (kind: string) => ({ ...platformEntity, kind });
    expect(
      ['Platform', 'Component', 'System', 'Group'].map(k => filter(of(k))),
    ).toEqual([true, true, true, true]);
    expect(['API', 'User', 'FundingLine'].map(k => filter(of(k)))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('puts the adoption card on Platform pages only', () => {
    const filter = createExtensionTester(scorecardAdoptionCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    const of = (kind: string) => ({ ...platformEntity, kind });
    expect(['Platform', 'platform'].map(k => filter(of(k)))).toEqual([
      true,
      true,
    ]);
    expect(
      ['Component', 'System', 'Group', 'API', 'User', 'FundingLine'].map(k =>
        filter(of(k)),
      ),
    ).toEqual([false, false, false, false, false, false]);
  });

  it('renders the adoption card of the Platform on the page', async () => {
    const tester = createExtensionTester(scorecardAdoptionCard);
    renderInNewApp(
      <EntityProvider entity={platformEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [scorecardApiRef, new ScorecardClient({ discoveryApi, fetchApi })],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText('4 of 6 stream-aligned teams (66.7 %)'),
    ).toBeInTheDocument();
  });

  it('renders the overview card compact, linking to the scorecard tab', async () => {
    const tester = createExtensionTester(scorecardEntityCard);
    renderInNewApp(
      <EntityProvider entity={platformEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [scorecardApiRef, new ScorecardClient({ discoveryApi, fetchApi })],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText('99.50 %')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Trends, details and sources' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/platform/developer-platform/scorecard',
    );
    expect(screen.queryByRole('table', { name: /^Sources of/ })).toBeNull();
  });

  it('adds a Scorecard tab at scorecard with the whole card, on the same pages', async () => {
    const tester = createExtensionTester(scorecardEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Scorecard');
    // the path the overview card links to
    expect(tester.get(coreExtensionData.routePath)).toBe('scorecard');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter({ ...platformEntity, kind: 'Group' })).toBe(true);
    expect(filter({ ...platformEntity, kind: 'User' })).toBe(false);
    server.use(
      http.get(`${BASE}/scorecard/coverage`, () =>
        HttpResponse.json({ entityRef: platformRef, sources: [] }),
      ),
    );
    renderInNewApp(
      <EntityProvider entity={platformEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [scorecardApiRef, new ScorecardClient({ discoveryApi, fetchApi })],
        ],
      },
    );
    const tile = await screen.findByRole('group', { name: 'Uptime' });
    expect(within(tile).getByText('99.50 %')).toBeInTheDocument();
    // the whole card: the details behind each figure, and which sources feed it
    expect(
      within(tile).getByRole('button', { name: 'Details' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/No collector reads this entity/),
    ).toBeInTheDocument();
  });

  it('mounts the portfolio page at /scorecard, with its own API extension', async () => {
    renderTestApp({
      features: [scorecardFeature],
      initialRouteEntries: ['/scorecard'],
      config: { backend: { baseUrl: 'http://localhost:7007' } },
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[catalogApiRef, new CatalogClient({ discoveryApi, fetchApi })]],
    });
    expect(await screen.findByText('Developer Platform')).toBeInTheDocument();
    expect(screen.getByText('99.50 %')).toBeInTheDocument();
  });
});
