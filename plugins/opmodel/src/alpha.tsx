import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FundingAmountsClient } from '@opmodel/plugin-opmodel-common';
import { fundingAmountsApiRef } from './api/fundingAmountsApiRef';

/** The opmodel backend's client, which the pages ask for FundingLine amounts. */
export const fundingAmountsApi = ApiBlueprint.make({
  name: 'funding-amounts',
  params: defineParams =>
    defineParams({
      api: fundingAmountsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FundingAmountsClient({ discoveryApi, fetchApi }),
    }),
});

/** The operating model of a Platform, as a tab on its page. */
export const platformContent = EntityContentBlueprint.make({
  name: 'platform',
  params: {
    path: '/operating-model',
    title: 'Operating model',
    filter: { kind: 'Platform' },
    loader: () =>
      import('./components/PlatformPage/PlatformContent').then(m => (
        <m.PlatformContent />
      )),
  },
});

/** Responsibilities and holders of an OperatingRole, as a tab on its page. */
export const operatingRoleContent = EntityContentBlueprint.make({
  name: 'operating-role',
  params: {
    path: '/role',
    title: 'Role',
    filter: { kind: 'OperatingRole' },
    loader: () =>
      import('./components/OperatingRolePage/OperatingRoleContent').then(m => (
        <m.OperatingRoleContent />
      )),
  },
});

/** Periods, allocations and funded platforms of a FundingLine, as a tab on its page. */
export const fundingLineContent = EntityContentBlueprint.make({
  name: 'funding-line',
  params: {
    path: '/funding',
    title: 'Funding',
    filter: { kind: 'FundingLine' },
    loader: () =>
      import('./components/FundingLinePage/FundingLineContent').then(m => (
        <m.FundingLineContent />
      )),
  },
});

export const groupCard = EntityCardBlueprint.make({
  name: 'group-operating-model',
  params: {
    filter: { kind: 'Group' },
    loader: () =>
      import('./components/cards').then(m => <m.GroupOperatingModelCard />),
  },
});

export const userCard = EntityCardBlueprint.make({
  name: 'user-roles',
  params: {
    filter: { kind: 'User' },
    loader: () => import('./components/cards').then(m => <m.UserRolesCard />),
  },
});

export const includedInCard = EntityCardBlueprint.make({
  name: 'included-in-platforms',
  params: {
    filter: { kind: { $in: ['Component', 'System'] } },
    loader: () =>
      import('./components/cards').then(m => <m.IncludedInPlatformsCard />),
  },
});

/** The operating-model plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'opmodel',
  title: 'Operating model',
  extensions: [
    fundingAmountsApi,
    platformContent,
    operatingRoleContent,
    fundingLineContent,
    groupCard,
    userCard,
    includedInCard,
  ],
});
