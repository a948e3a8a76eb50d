import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  scorecardCollectorsExtensionPoint,
  type ScorecardEventWriter,
} from '@opmodel/plugin-scorecard-node';
import type { Coverage } from '@opmodel/plugin-scorecard-common';
import { scorecardPlugin } from '../plugin';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const catalogFile = `
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
spec: { owner: group:shop-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: cart }
spec: { type: service, lifecycle: production, owner: group:shop-team, system: shop }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: group:shop-team, system: shop }
`;

// nothing but the collector runs on its own during the test
const never = { frequency: { cron: '0 0 1 1 *' }, timeout: { minutes: 5 } };

describe.each(databases.eachSupportedId())(
  'collector coverage on %s',
  databaseId => {
    it('tells, for a System and its Components, which source read what and why one could not', async () => {
      const knex = await databases.init(databaseId);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-coverage-'));
      fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), catalogFile);
      const cursorsSeen: Array<string | undefined> = [];
      let webhookWriter: ScorecardEventWriter | undefined;
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          scorecardPlugin,
          createBackendModule({
            pluginId: 'scorecard',
            moduleId: 'coverage-collector',
            register(env) {
              env.registerInit({
                deps: { collectors: scorecardCollectorsExtensionPoint },
                async init({ collectors }) {
                  // what a webhook subscriber writes with, outside the collector's runs
                  webhookWriter = collectors.eventWriter();
                  collectors.addCollector({
                    id: 'shop-ci',
                    schedule: {
                      frequency: { hours: 6 },
                      timeout: { minutes: 5 },
                    },
                    retry: {
                      initialDelay: { seconds: 1 },
                      maxDelay: { seconds: 5 },
                      maxRetries: 100,
                    },
                    async collect({ writer, cursors, coverage }) {
                      cursorsSeen.push(await cursors.get('acme/cart'));
                      // fails, and is retried, until the catalog has the Component
                      const { received } = await writer.write({
                        source: 'shop-ci',
                        deployments: [
                          {
                            id: 'cart-1',
                            entityRef: 'component:default/cart',
                            environment: 'production',
                            result: 'success',
                            finishedAt: new Date(
                              Date.now() - 60_000,
                            ).toISOString(),
                          },
                        ],
                      });
                      await coverage.read('component:default/cart', {
                        source: 'shop-ci',
                        written: received.deployments,
                      });
                      await coverage.failed('component:default/payments', {
                        source: 'shop-ci',
                        error:
                          'repository acme/payments not found with the configured credentials',
                      });
                      await cursors.set('acme/cart', 'etag-1');
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
              catalog: {
                rules: [{ allow: ['Component', 'System'] }],
                locations: [
                  { type: 'file', target: path.join(dir, 'catalog-info.yaml') },
                ],
              },
              opmodel: {
                scorecard: {
                  catalogSync: { schedule: never },
                  snapshots: { schedule: never },
                  retention: { schedule: never },
                  indexSummaries: { schedule: never },
                },
              },
            },
          }),
        ],
      });
      try {
        const coverageOf = async (entityRef: string) => {
          const res = await request(backend.server)
            .get(`/api/scorecard/coverage?entityRef=${entityRef}`)
            .set('Authorization', mockCredentials.user.header());
          return res.status === 200 ? (res.body as Coverage) : undefined;
        };
        const system = await waitFor(
          'the System’s coverage of both Components',
          async () => {
            const c = await coverageOf('system:default/shop');
            return c && c.sources.length === 2 ? c : undefined;
          },
          120_000,
        );
        expect(system.entityRef).toBe('system:default/shop');
        const byRef = new Map(system.sources.map(s => [s.entityRef, s]));
        expect(byRef.get('component:default/cart')).toMatchObject({
          collector: 'shop-ci',
          source: 'shop-ci',
          lastWrittenCount: 1,
        });
        expect(
          Date.parse(byRef.get('component:default/cart')!.lastWrittenAt!),
        ).toBeGreaterThan(Date.now() - 300_000);
        expect(byRef.get('component:default/payments')).toMatchObject({
          lastError:
            'repository acme/payments not found with the configured credentials',
        });
        expect(byRef.get('component:default/payments')!.lastWrittenAt).toBe(
          undefined,
        );
        // a Component's own coverage names only itself
        const cart = await coverageOf('component:default/cart');
        expect(cart!.sources.map(s => s.entityRef)).toEqual([
          'component:default/cart',
        ]);
        // every run before the successful one found no cursor yet
        expect(cursorsSeen.every(c => c === undefined)).toBe(true);

        // the module's own writer, outside a run, writes as the collector does: by (source, id)
        await webhookWriter!.write({
          source: 'shop-ci',
          deployments: [
            {
              id: 'cart-1',
              entityRef: 'component:default/cart',
              environment: 'production',
              result: 'failure',
              finishedAt: new Date(Date.now() - 30_000).toISOString(),
            },
          ],
        });
        const events = await request(backend.server)
          .get(
            '/api/scorecard/events?entityRef=component:default/cart&type=deployment',
          )
          .set('Authorization', mockCredentials.user.header());
        expect(events.body.events).toHaveLength(1);
        expect(events.body.events[0]).toMatchObject({
          id: 'cart-1',
          result: 'failure',
        });
      } finally {
        await backend.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
