import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scorecardCollectorsExtensionPoint } from '@opmodel/plugin-scorecard-node';
import { readGithubCollectorConfig } from './config';
import {
  createGithubCollector,
  createGithubReader,
  GITHUB_COLLECTOR_ID,
} from './collector';
import { subscribeToWebhooks } from './webhooks';

/**
 * The scorecard's GitHub collector: production deployments of every entity annotated with
 * `github.com/project-slug`, read with the `integrations.github` credentials on a schedule and
 * right after `deployment_status` and `workflow_run` webhooks.
 *
 * @public
 */
export const scorecardModuleGithub = createBackendModule({
  pluginId: 'scorecard',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        collectors: scorecardCollectorsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({ collectors, config, logger, auth, catalog, events }) {
        const settings = readGithubCollectorConfig(config);
        const options = {
          config: settings,
          integrations: ScmIntegrations.fromConfig(config),
          catalog,
          auth,
          logger,
        };
        collectors.addCollector(createGithubCollector(options));
        await subscribeToWebhooks({
          events,
          reader: createGithubReader(options),
          context: collectors.collectorContext(GITHUB_COLLECTOR_ID),
          productionEnvironments: settings.productionEnvironments,
          logger,
        });
      },
    });
  },
});
