import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { OpmodelEntitiesProcessor } from './OpmodelEntitiesProcessor';

/**
 * Teaches the catalog the opmodel kinds (Platform, OperatingRole, FundingLine): it validates
 * them, emits their relations in both directions, and stores FundingLines without their amounts.
 *
 * @public
 */
export const catalogModuleOpmodel = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'opmodel',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new OpmodelEntitiesProcessor());
      },
    });
  },
});
