import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scorecardCollectorsExtensionPoint } from '@opmodel/plugin-scorecard-node';
import { readGitlabCollectorConfig } from './config';
import { createGitlabCollector, GITLAB_COLLECTOR_ID } from './collector';
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
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({
        collectors,
        config,
        logger,
        auth,
        scheduler,
        lifecycle,
        catalog,
        events,
      }) {
        const settings = readGitlabCollectorConfig(config);
        const integrations = ScmIntegrations.fromConfig(config);
        collectors.addCollector(
          createGitlabCollector({
            config: settings,
            integrations,
            catalog,
            auth,
            logger,
          }),
        );
        const hooks = await subscribeToHooks({
          events,
          scheduler,
          // the task the scorecard backend runs a collector as
          taskId: `scorecard-collector-${GITLAB_COLLECTOR_ID}`,
          productionEnvironments: settings.productionEnvironments,
          catalog,
          auth,
          logger,
        });
        lifecycle.addShutdownHook(() => hooks.stop());
      },
    });
  },
});
