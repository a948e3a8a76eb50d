import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scorecardCollectorsExtensionPoint } from '@opmodel/plugin-scorecard-node';
import { createPrometheusCollector } from './collector';
import { readPrometheusCollectorConfig } from './config';

/**
 * The scorecard's Prometheus collector: hourly availability buckets for entities that say how
 * their availability is measured (a good/total query pair or a probe selector).
 *
 * @public
 */
export const scorecardModulePrometheus = createBackendModule({
  pluginId: 'scorecard',
  moduleId: 'prometheus',
  register(env) {
    env.registerInit({
      deps: {
        collectors: scorecardCollectorsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ collectors, config, catalog, auth, logger }) {
        const collectorConfig = readPrometheusCollectorConfig(config);
        if (collectorConfig.instances.length === 0) {
          logger.warn(
            'no Prometheus instance is configured (opmodel.scorecard.prometheus.instances); annotated entities are reported as not read',
          );
        }
        collectors.addCollector(
          createPrometheusCollector({
            config: collectorConfig,
            catalog,
            auth,
            logger,
          }),
        );
      },
    });
  },
});
