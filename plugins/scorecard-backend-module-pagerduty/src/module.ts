import {
  coreServices,
  createBackendFeatureLoader,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { scorecardCollectorsExtensionPoint } from '@opmodel/plugin-scorecard-node';
import { readCollectorOptions, readPagerDutyAccounts } from './config';
import { createPagerDutyCollector } from './collector';
import {
  createWebhookHandler,
  PAGERDUTY_TOPIC,
  pagerDutySignatureValidator,
} from './webhook';

/**
 * The scorecard's PagerDuty collector, and the subscriber that writes the incidents PagerDuty's
 * webhooks announce.
 *
 * @public
 */
export const scorecardModulePagerDuty = createBackendModule({
  pluginId: 'scorecard',
  moduleId: 'pagerduty',
  register(env) {
    env.registerInit({
      deps: {
        collectors: scorecardCollectorsExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        events: eventsServiceRef,
      },
      async init({ collectors, config, events, ...rest }) {
        const deps = {
          ...rest,
          accounts: readPagerDutyAccounts(config),
          options: readCollectorOptions(config),
        };
        collectors.addCollector(createPagerDutyCollector(deps));
        if (deps.options.webhookSecrets.length > 0) {
          const handle = createWebhookHandler({
            ...deps,
            writer: collectors.eventWriter(),
          });
          await events.subscribe({
            id: 'pagerduty-incidents',
            topics: [PAGERDUTY_TOPIC],
            onEvent: async params => {
              try {
                await handle(params);
              } catch (error) {
                rest.logger.warn(`PagerDuty webhook not written: ${error}`);
              }
            },
          });
        }
      },
    });
  },
});

/**
 * Registers `POST /api/events/http/pagerduty` with the events backend, taking only requests
 * signed with one of `opmodel.scorecard.pagerduty.webhookSecrets`.
 *
 * @public
 */
export const eventsModulePagerDutyScorecardIngress = createBackendModule({
  pluginId: 'events',
  moduleId: 'pagerduty-scorecard-ingress',
  register(env) {
    env.registerInit({
      deps: {
        events: eventsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ events, config }) {
        const { webhookSecrets } = readCollectorOptions(config);
        if (webhookSecrets.length === 0) return;
        events.addHttpPostIngress({
          topic: PAGERDUTY_TOPIC,
          validator: pagerDutySignatureValidator(webhookSecrets),
        });
      },
    });
  },
});

/**
 * Both modules: the scorecard's collector and webhook subscriber, and the events backend's HTTP
 * ingress (inactive when the events backend is not installed).
 *
 * @public
 */
export const scorecardPagerDutyFeatures = createBackendFeatureLoader({
  loader() {
    return [scorecardModulePagerDuty, eventsModulePagerDutyScorecardIngress];
  },
});
