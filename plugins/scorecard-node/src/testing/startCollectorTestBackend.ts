import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockServices,
  startTestBackend,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import type { JsonObject } from '@backstage/types';
import {
  collectorTestBackend,
  type CollectorTestBackend,
} from './CollectorTestBackend';
import { baseConfig, mergeConfig } from './testBackendConfig';

/**
 * What `startCollectorTestBackend` starts.
 *
 * @public
 */
export type CollectorTestBackendOptions = {
  /** The test's databases (`TestDatabases.create(...)`, called where the test file loads). */
  databases: TestDatabases;
  /** The database to run on, one of `databases.eachSupportedId()`. */
  databaseId: TestDatabaseId;
  /** The catalog, as the text of a `catalog-info.yaml` (documents separated by `---`). */
  catalog: string;
  /**
   * The scorecard backend plugin (`import('@opmodel/plugin-scorecard-backend')`), which collectors
   * are modules of; passed in, so that this library does not depend on the plugin.
   */
  scorecard: BackendFeature | Promise<{ default: BackendFeature }>;
  /** The modules under test, and whatever else they need (an events module, a service). */
  features: Array<BackendFeature | Promise<{ default: BackendFeature }>>;
  /**
   * Configuration laid over the harness's own, object by object: the collectors' settings,
   * integrations, webhook secrets. The harness sets `catalog` (a file location, Components
   * allowed), the scorecard's own tasks (`opmodel.scorecard.catalogSync`, `snapshots`,
   * `retention`, `indexSummaries`) to `manualSchedule`, and with `events` the events bus
   * to in-process only (`events.useEventBus` is `never`).
   */
  config?: JsonObject;
  /**
   * Starts the events backend too, with the real events service (one in-process bus for every
   * plugin) and a database of its own: on PostgreSQL its migrations table would be the
   * catalog's.
   */
  events?: boolean;
};

/**
 * Starts a backend for testing a scorecard collector module end to end: the real catalog backend
 * reading `catalog` from a file, the real scorecard backend with the modules under test, the
 * scheduler (so that a test can trigger a collector's task) and, when asked, the events backend;
 * the catalog and the scorecard share one database of `databaseId`. `stop()` it at the end.
 *
 * @public
 */
export async function startCollectorTestBackend(
  options: CollectorTestBackendOptions,
): Promise<CollectorTestBackend> {
  const events = options.events ?? false;
  const knex = await options.databases.init(options.databaseId);
  const eventsKnex = events
    ? await options.databases.init(options.databaseId)
    : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-collector-'));
  const cleanUp = () => fs.rmSync(dir, { recursive: true, force: true });
  const catalogFile = path.join(dir, 'catalog-info.yaml');
  fs.writeFileSync(catalogFile, options.catalog);
  try {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        options.scorecard,
        ...(events ? [eventsPlugin, eventsServiceFactory] : []),
        ...options.features,
        schedulerServiceFactory,
        createServiceFactory({
          service: coreServices.database,
          deps: { plugin: coreServices.pluginMetadata },
          factory: ({ plugin }) => ({
            getClient: async () =>
              eventsKnex && plugin.getId() === 'events' ? eventsKnex : knex,
          }),
        }),
        mockServices.rootConfig.factory({
          data: mergeConfig(
            baseConfig({ catalogFile, events }),
            options.config ?? {},
          ),
        }),
      ],
    });
    return collectorTestBackend(backend, cleanUp);
  } catch (error) {
    cleanUp();
    throw error;
  }
}
