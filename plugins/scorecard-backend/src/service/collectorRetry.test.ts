import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  type EntityProvider,
  type EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { scorecardCollectorsExtensionPoint } from '@opmodel/plugin-scorecard-node';
import { scorecardPlugin } from '../plugin';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ENTITY_REF = 'component:default/registered-late';
const LOCATION = 'url:https://example.com/registered-late.yaml';

const lateComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'registered-late',
    annotations: {
      'backstage.io/managed-by-location': LOCATION,
      'backstage.io/managed-by-origin-location': LOCATION,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:someone' },
};

/** Puts entities into the catalog when the test says so, as a team registering them would. */
class RegistrationProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  getProviderName() {
    return 'registration';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }

  async register(entities: Entity[]) {
    await this.connection!.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: LOCATION })),
    });
  }
}

// nothing else runs on its own during the test
const never = { frequency: { cron: '0 0 1 1 *' }, timeout: { minutes: 5 } };

describe.each(databases.eachSupportedId())(
  'a collector whose entity is not in the catalog yet, on %s',
  databaseId => {
    it('writes its events soon after the entity is registered, not at its next scheduled run', async () => {
      const knex = await databases.init(databaseId);
      const registration = new RegistrationProvider();
      const runs: Array<'failed' | 'succeeded'> = [];
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          createBackendModule({
            pluginId: 'catalog',
            moduleId: 'registration',
            register(env) {
              env.registerInit({
                deps: { catalog: catalogProcessingExtensionPoint },
                async init({ catalog }) {
                  catalog.addEntityProvider(registration);
                },
              });
            },
          }),
          scorecardPlugin,
          createBackendModule({
            pluginId: 'scorecard',
            moduleId: 'late-collector',
            register(env) {
              env.registerInit({
                deps: { collectors: scorecardCollectorsExtensionPoint },
                async init({ collectors }) {
                  collectors.addCollector({
                    id: 'late',
                    // runs at the start, then not for hours: only a retry can land the events
                    schedule: {
                      frequency: { hours: 6 },
                      timeout: { minutes: 5 },
                    },
                    // short waits keep the test short; the defaults are tested on their own
                    retry: {
                      initialDelay: { seconds: 1 },
                      maxDelay: { seconds: 5 },
                      maxRetries: 100,
                    },
                    async collect({ writer }) {
                      try {
                        await writer.write({
                          source: 'late-ci',
                          deployments: [
                            {
                              id: 'deploy-1',
                              entityRef: ENTITY_REF,
                              environment: 'production',
                              result: 'success',
                              startedAt: new Date(
                                Date.now() - 3_600_000,
                              ).toISOString(),
                              finishedAt: new Date(
                                Date.now() - 3_000_000,
                              ).toISOString(),
                            },
                          ],
                        });
                      } catch (error) {
                        runs.push('failed');
                        throw error;
                      }
                      runs.push('succeeded');
                    },
                  });
                },
              });
            },
          }),
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              opmodel: {
                scorecard: {
                  catalogSync: { schedule: never },
                  snapshots: { schedule: never },
                  retention: { schedule: never },
                },
              },
            },
          }),
        ],
      });
      try {
        const get = (url: string) =>
          request(backend.server)
            .get(url)
            .set('Authorization', mockCredentials.user.header());

        await waitFor('a first run that fails on the unknown entity', () =>
          runs.includes('failed') ? true : undefined,
        );
        expect(runs).not.toContain('succeeded');

        await registration.register([lateComponent]);
        const events = await waitFor('the collector’s events', async () => {
          const res = await get(
            `/api/scorecard/events?entityRef=${ENTITY_REF}&type=deployment`,
          );
          return res.status === 200 && res.body.events.length > 0
            ? res.body.events
            : undefined;
        });

        expect(events).toEqual([
          expect.objectContaining({ id: 'deploy-1', source: 'late-ci' }),
        ]);
        // the collector failed, was retried until the entity was there, and then stopped
        expect(runs[0]).toBe('failed');
        expect(runs[runs.length - 1]).toBe('succeeded');
        expect(runs.filter(r => r === 'succeeded')).toHaveLength(1);
      } finally {
        await backend.stop();
      }
    });
  },
);
