import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  BUILTIN_BENCHMARK_PROFILES,
  scorecardEventsCreatePermission,
  scorecardPeriodFreezePermission,
  scorecardReadPermission,
  type BenchmarkProfile,
} from '@opmodel/plugin-scorecard-common';
import {
  scorecardCollectorsExtensionPoint,
  scorecardProfilesExtensionPoint,
  type ScorecardCollector,
  type ScorecardEventWriter,
} from '@opmodel/plugin-scorecard-node';
import { readScorecardConfig } from './config';
import { createScorecardStores } from './database/createScorecardStores';
import { registerScorecardActions } from './actions/registerScorecardActions';
import { EventSourceAuthorizer } from './permissions/EventSourceAuthorizer';
import { CredentialsAuthorizer } from './permissions/RequestAuthorizer';
import {
  scorecardEventSourcePermissionResourceRef,
  scorecardEventSourceRules,
} from './permissions/eventSourceRules';
import type { CollectorStateStore } from './database/CollectorStateStore';
import { collectorCoverage, collectorCursors } from './service/collectorState';
import { CatalogMirror } from './service/CatalogMirror';
import { CoverageService } from './service/CoverageService';
import { IngestionService } from './ingestion/IngestionService';
import { createRouter } from './router/router';
import { createScorecardServices } from './service/createScorecardServices';
import { scheduleScorecardTasks } from './tasks/scheduleScorecardTasks';
import { NotificationRecipients } from './notifications/recipients';
import { ScorecardNotifier } from './notifications/ScorecardNotifier';
import { FindingsNotifier } from './notifications/FindingsNotifier';
import { AdoptionService } from './adoption/AdoptionService';

/**
 * The opmodel scorecard backend: events in, graded metrics out.
 *
 * @public
 */
export const scorecardPlugin = createBackendPlugin({
  pluginId: 'scorecard',
  register(env) {
    const collectors: ScorecardCollector[] = [];
    const profiles: BenchmarkProfile[] = [...BUILTIN_BENCHMARK_PROFILES];
    // modules init before the plugin: their writer stands in for the ingestion it starts
    let startIngestion: (ingestion: IngestionService) => void = () => {};
    const ingestionStarted = new Promise<IngestionService>(resolve => {
      startIngestion = resolve;
    });
    const lateWriter: ScorecardEventWriter = {
      write: async batch => (await ingestionStarted).write(batch),
    };
    let startCollectorState: (state: CollectorStateStore) => void = () => {};
    const collectorStateStarted = new Promise<CollectorStateStore>(resolve => {
      startCollectorState = resolve;
    });
    env.registerExtensionPoint(scorecardCollectorsExtensionPoint, {
      addCollector: (...c) => collectors.push(...c),
      eventWriter: () => lateWriter,
      collectorContext: collectorId => ({
        writer: lateWriter,
        cursors: collectorCursors(collectorStateStarted, collectorId),
        coverage: collectorCoverage(
          collectorStateStarted,
          collectorId,
          () => collectors.find(c => c.id === collectorId)?.writes,
        ),
      }),
    });
    env.registerExtensionPoint(scorecardProfilesExtensionPoint, {
      addBenchmarkProfile: (...p) => profiles.unshift(...p),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        // a client of the notifications backend; only called when notifications are enabled
        notifications: notificationService,
      },
      async init(deps) {
        const config = readScorecardConfig(deps.config);
        const profile = profiles.find(p => p.id === config.benchmarkProfile);
        if (!profile) {
          throw new Error(
            `opmodel.scorecard.benchmarkProfile: '${
              config.benchmarkProfile
            }' is not a known profile; use one of ${profiles
              .map(p => p.id)
              .join(', ')}`,
          );
        }
        const stores = await createScorecardStores({
          database: deps.database,
          statementLimits: config,
        });
        const { events: store, collectorState } = stores;
        startCollectorState(collectorState);
        const catalogMirror = new CatalogMirror({
          ...deps,
          mirror: stores.catalogMirror,
        });
        const services = createScorecardServices(stores, catalogMirror, {
          ...config,
          profile,
          logger: deps.logger,
        });
        const ingestion = new IngestionService(
          store,
          catalogMirror,
          config,
          stores.lateEventDays,
        );
        const adoption = new AdoptionService({
          catalog: deps.catalog,
          auth: deps.auth,
          store: stores.adoption,
          streamAlignedGroupTypes: config.adoption.streamAlignedGroupTypes,
        });
        startIngestion(ingestion);

        deps.permissionsRegistry.addPermissions([
          scorecardReadPermission,
          scorecardPeriodFreezePermission,
        ]);
        deps.permissionsRegistry.addResourceType({
          resourceRef: scorecardEventSourcePermissionResourceRef,
          permissions: [scorecardEventsCreatePermission],
          rules: Object.values(scorecardEventSourceRules),
          getResources: async sources => sources.map(source => ({ source })),
        });
        const eventSources = new EventSourceAuthorizer({
          auth: deps.auth,
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          ruleset: deps.permissionsRegistry.getPermissionRuleset(
            scorecardEventSourcePermissionResourceRef,
          ),
          writers: config.sourceWriters,
        });
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            services,
            ingestion,
            coverage: new CoverageService(catalogMirror, collectorState),
            adoption,
            eventSources,
            profiles,
            profile,
            maxBodySize: config.maxBodySize,
            defaultWindowDays: config.defaultWindowDays,
          }),
        );
        registerScorecardActions({
          ...deps,
          services,
          authorizer: new CredentialsAuthorizer(deps.permissions),
          profile,
          defaultWindowDays: config.defaultWindowDays,
        });
        const recipients = new NotificationRecipients({
          catalog: deps.catalog,
          auth: deps.auth,
          roles: config.notifications.roles,
        });
        const notifier = config.notifications.enabled
          ? new ScorecardNotifier({
              notifications: deps.notifications,
              recipients,
              snapshots: stores.snapshots,
              catalogMirror,
              logger: deps.logger,
            })
          : undefined;
        const findingsNotifier = config.notifications.enabled
          ? new FindingsNotifier({
              ...deps,
              recipients,
              knownFindings: stores.knownFindings,
            })
          : undefined;
        await scheduleScorecardTasks({
          ...deps,
          config,
          notifier,
          findingsNotifier,
          adoption,
          lateEventDays: stores.lateEventDays,
          snapshots: stores.snapshots,
          retention: stores.retention,
          catalogMirror,
          services,
          ingestion,
          collectors,
          collectorState,
        });
      },
    });
  },
});
