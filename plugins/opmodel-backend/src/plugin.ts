import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { opmodelPermissions } from '@opmodel/plugin-opmodel-common';
import { FundingAmountsService } from './service/FundingAmountsService';
import { createRouter } from './service/router';
import { SourceReader } from './service/SourceReader';

/**
 * The opmodel backend: serves FundingLine amounts at `/api/opmodel/funding/amounts` to callers
 * granted `opmodel.funding.amounts.read`. The catalog module stores FundingLines without their
 * amounts; this plugin reads them from each entity's source file instead.
 *
 * @public
 */
export const opmodelPlugin = createBackendPlugin({
  pluginId: 'opmodel',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(opmodelPermissions);
        const fundingAmounts = new FundingAmountsService({
          catalog: deps.catalog,
          permissions: deps.permissions,
          sources: new SourceReader(deps.urlReader),
          logger: deps.logger,
        });
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            logger: deps.logger,
            fundingAmounts,
          }),
        );
      },
    });
  },
});
