import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ScorecardClient } from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from './api';
import { portfolioRouteRef } from './routes';

/**
 * The scorecard frontend plugin, for apps on the classic frontend system.
 *
 * @public
 */
export const scorecardPlugin = createPlugin({
  id: 'scorecard',
  apis: [
    createApiFactory({
      api: scorecardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { portfolio: portfolioRouteRef },
});

/**
 * The scorecard card for an entity page (Platform, Component, System or Group).
 *
 * @public
 */
export const EntityScorecardCard = scorecardPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardCard',
    component: {
      lazy: () =>
        import('./components/ScorecardCard').then(m => m.ScorecardCard),
    },
  }),
);

/**
 * The adoption card for a Platform's page: the share of stream-aligned teams consuming the
 * platform and its daily history, the consumer teams (declared, observed and through what), each
 * capability's teams, and where the declared consumers and the catalog disagree.
 *
 * @public
 */
export const EntityPlatformAdoptionCard: () => JSX.Element =
  scorecardPlugin.provide(
    createComponentExtension({
      name: 'EntityPlatformAdoptionCard',
      component: {
        lazy: () =>
          import('./components/AdoptionCard').then(m => m.AdoptionCard),
      },
    }),
  );

/**
 * The portfolio page: every platform with its headline metrics.
 *
 * @public
 */
export const ScorecardPortfolioPage = scorecardPlugin.provide(
  createRoutableExtension({
    name: 'ScorecardPortfolioPage',
    component: () =>
      import('./components/PortfolioPage').then(m => m.PortfolioPage),
    mountPoint: portfolioRouteRef,
  }),
);
