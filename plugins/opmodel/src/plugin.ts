import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { FundingAmountsClient } from '@opmodel/plugin-opmodel-common';
import { fundingAmountsApiRef } from './api/fundingAmountsApiRef';

/** The operating-model frontend plugin, for apps on the classic frontend system. */
export const opmodelPlugin = createPlugin({
  id: 'opmodel',
  apis: [
    createApiFactory({
      api: fundingAmountsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FundingAmountsClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** A Platform's operating model: for an `EntityLayout.Route` on the Platform entity page. */
export const EntityPlatformContent = opmodelPlugin.provide(
  createComponentExtension({
    name: 'EntityPlatformContent',
    component: {
      lazy: () =>
        import('./components/PlatformPage/PlatformContent').then(
          m => m.PlatformContent,
        ),
    },
  }),
);

/** An OperatingRole's RACI and holders: for the OperatingRole entity page. */
export const EntityOperatingRoleContent = opmodelPlugin.provide(
  createComponentExtension({
    name: 'EntityOperatingRoleContent',
    component: {
      lazy: () =>
        import('./components/OperatingRolePage/OperatingRoleContent').then(
          m => m.OperatingRoleContent,
        ),
    },
  }),
);

/** A FundingLine's periods, allocations and funded platforms: for the FundingLine entity page. */
export const EntityFundingLineContent = opmodelPlugin.provide(
  createComponentExtension({
    name: 'EntityFundingLineContent',
    component: {
      lazy: () =>
        import('./components/FundingLinePage/FundingLineContent').then(
          m => m.FundingLineContent,
        ),
    },
  }),
);

/** On a Group page: platforms owned and consumed, roles its members hold. */
export const EntityGroupOperatingModelCard = opmodelPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupOperatingModelCard',
    component: {
      lazy: () =>
        import('./components/cards').then(m => m.GroupOperatingModelCard),
    },
  }),
);

/** On a User page: the operating roles held. */
export const EntityUserRolesCard = opmodelPlugin.provide(
  createComponentExtension({
    name: 'EntityUserRolesCard',
    component: {
      lazy: () => import('./components/cards').then(m => m.UserRolesCard),
    },
  }),
);

/** On a Component or System page: the platforms that include it. */
export const EntityIncludedInPlatformsCard = opmodelPlugin.provide(
  createComponentExtension({
    name: 'EntityIncludedInPlatformsCard',
    component: {
      lazy: () =>
        import('./components/cards').then(m => m.IncludedInPlatformsCard),
    },
  }),
);
