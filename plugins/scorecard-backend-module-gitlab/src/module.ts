import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scorecardCollectorsExtensionPoint } from '@opmodel/plugin-scorecard-node';
import { readGitlabCollectorConfig } from './config';
import {
  createGitlabCollector,
  createGitlabReader,
  GITLAB_COLLECTOR_ID,
} from './collector';
import { subscribeToHooks } from './webhooks';

/**
 * The scorecard's GitLab collector: production deployments of every entity annotated with
 * `gitlab.com/project-slug` or `gitlab.com/project-id`, read with the `integrations.gitlab`
 * tokens on a schedule and right after a `Deployment Hook`.
 *
 * @public
 */
export const scorecardModuleGitlab = createBackendModule({
  pluginId: 'scorecard',
  moduleId: 'gitlab',
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
        const settings = readGitlabCollectorConfig(config);
        const options = {
          config: settings,
          integrations: ScmIntegrations.fromConfig(config),
          catalog,
          auth,
          logger,
        };
        collectors.addCollector(createGitlabCollector(options));
        await subscribeToHooks({
          events,
          reader: createGitlabReader(options),
          context: collectors.collectorContext(GITLAB_COLLECTOR_ID),
          productionEnvironments: settings.productionEnvironments,
          logger,
        });
      },
    });
  },
});
