import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import DashboardIcon from '@material-ui/icons/Dashboard';
import { ScorecardClient } from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from './api';
import { isPlatform, isScorecardEntity } from './filters';
import { portfolioRouteRef } from './routes';

/**
 * The scorecard backend's client.
 *
 * @alpha
 */
export const scorecardApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scorecardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardClient({ discoveryApi, fetchApi }),
    }),
});

/** The path of the scorecard tab on entity pages. */
const SCORECARD_TAB_PATH = 'scorecard';

/**
 * The scorecard at a glance on the overview of Platform, Component, System and Group pages:
 * figures, grades and targets, linking to the scorecard tab.
 *
 * @alpha
 */
export const scorecardEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: isScorecardEntity,
    type: 'content',
    loader: () =>
      import('./components/ScorecardCard').then(m => (
        <m.ScorecardCard
          variant="compact"
          fullScorecardPath={SCORECARD_TAB_PATH}
        />
      )),
  },
});

/**
 * The scorecard tab of the same pages: the whole width, with trends, details and sources.
 *
 * @alpha
 */
export const scorecardEntityContent = EntityContentBlueprint.make({
  name: 'scorecard',
  params: {
    path: SCORECARD_TAB_PATH,
    title: 'Scorecard',
    filter: isScorecardEntity,
    loader: () =>
      import('./components/ScorecardCard').then(m => <m.ScorecardCard />),
  },
});

/**
 * The adoption card on the overview of Platform pages: who consumes the platform, the share of
 * stream-aligned teams among them and its history, per capability too, and the findings.
 *
 * @alpha
 */
export const scorecardAdoptionCard = EntityCardBlueprint.make({
  name: 'adoption',
  params: {
    filter: isPlatform,
    type: 'content',
    loader: () =>
      import('./components/AdoptionCard').then(m => <m.AdoptionCard />),
  },
});

/**
 * The portfolio page at /scorecard, with its item in the sidebar.
 *
 * @alpha
 */
export const portfolioPage = PageBlueprint.make({
  params: {
    path: '/scorecard',
    title: 'Platform portfolio',
    icon: <DashboardIcon />,
    routeRef: convertLegacyRouteRef(portfolioRouteRef),
    loader: () =>
      import('./components/PortfolioPage').then(m => <m.PortfolioPage />),
  },
});

/** The scorecard plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'scorecard',
  title: 'Scorecard',
  icon: <DashboardIcon />,
  extensions: [
    scorecardApi,
    scorecardEntityCard,
    scorecardEntityContent,
    scorecardAdoptionCard,
    portfolioPage,
  ],
  routes: { portfolio: convertLegacyRouteRef(portfolioRouteRef) },
});
