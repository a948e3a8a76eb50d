import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { setupServer } from 'msw/node';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { ConfigReader } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the tests run the real scorecard plugin
import scorecardPlugin from '@opmodel/plugin-scorecard-backend';
import type {
  Coverage,
  Scorecard,
  SourceCoverage,
} from '@opmodel/plugin-scorecard-common';
import { scorecardCollectorsExtensionPoint } from '@opmodel/plugin-scorecard-node';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import { createPrometheusCollector } from './collector';
import { readPrometheusCollectorConfig } from './config';
import {
  prometheusHandlers,
  type RecordedQuery,
} from './__testUtils__/prometheusServer';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const BASE = 'http://prometheus.test';
const GOOD = 'sum(increase(http_requests_total{job="cart",code!~"5.."}[1h]))';
const TOTAL = 'sum(increase(http_requests_total{job="cart"}[1h]))';
const HOUR = 3_600_000;

const catalogFile = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
  annotations:
    opmodel.dev/prometheus-good: '${GOOD}'
    opmodel.dev/prometheus-total: '${TOTAL}'
spec: { type: service, lifecycle: production, owner: group:shop-team }
`;

const never = { frequency: { cron: '0 0 1 1 *' }, timeout: { minutes: 5 } };

describe('the Prometheus collector over several runs', () => {
  const log: RecordedQuery[] = [];
  const server = setupServer(
    prometheusHandlers(
      { baseUrl: BASE, series: { [GOOD]: () => '95', [TOTAL]: () => '100' } },
      log,
    ),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => server.close());

  it('asks only for the hours after its cursor, and a run with nothing new changes nothing', async () => {
    const knex = await databases.init('SQLITE_3');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-prom-'));
    fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), catalogFile);
    // the collector's clock: half past an hour three days ago, moved on by the test
    let clock = Math.floor(Date.now() / HOUR) * HOUR - 72 * HOUR + HOUR / 2;
    let scheduler: SchedulerService | undefined;
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        scorecardPlugin,
        createBackendModule({
          pluginId: 'scorecard',
          moduleId: 'prometheus-with-clock',
          register(env) {
            env.registerInit({
              deps: {
                collectors: scorecardCollectorsExtensionPoint,
                catalog: catalogServiceRef,
                auth: coreServices.auth,
                logger: coreServices.logger,
                s: coreServices.scheduler,
              },
              async init({ collectors, catalog, auth, logger, s }) {
                scheduler = s;
                collectors.addCollector(
                  createPrometheusCollector({
                    config: readPrometheusCollectorConfig(
                      new ConfigReader({
                        opmodel: {
                          scorecard: {
                            prometheus: {
                              instances: [{ name: 'main', baseUrl: BASE }],
                              backfillDays: 1,
                              hoursPerRequest: 10,
                              schedule: never,
                            },
                          },
                        },
                      }),
                    ),
                    catalog,
                    auth,
                    logger,
                    now: () => clock,
                  }),
                );
              },
            });
          },
        }),
        schedulerServiceFactory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component'] }],
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
      const get = (url: string) =>
        request(backend.server)
          .get(url)
          .set('Authorization', mockCredentials.user.header());
      await waitFor('the catalog to read the Component', async () => {
        const res = await get('/api/catalog/entities?filter=kind=component');
        return res.status === 200 && res.body.length === 1 ? true : undefined;
      });
      let lastRunAt = 0;
      const run = async () => {
        await scheduler!.triggerTask('scorecard-collector-prometheus');
        const source = await waitFor('a run of the collector', async () => {
          const res = await get(
            '/api/scorecard/coverage?entityRef=component:default/cart',
          );
          const s: SourceCoverage | undefined = (
            res.body as Coverage
          ).sources?.find(c => Date.parse(c.lastRunAt) > lastRunAt);
          return s;
        });
        lastRunAt = Date.parse(source.lastRunAt);
        expect(source.lastError).toBeUndefined();
        return source;
      };
      const uptimeCounts = async () => {
        const res = await get(
          '/api/scorecard/scorecard?entityRef=component:default/cart',
        );
        return (res.body as Scorecard).metrics.find(m => m.metric === 'uptime')!
          .details;
      };
      const goodQueries = () =>
        log.filter(q => q.query === GOOD).map(q => [q.start, q.end]);
      const lastEnd = Math.floor(clock / HOUR) * HOUR;

      // the first run backfills a day: 24 hourly points in requests of at most 10
      expect((await run()).lastWrittenCount).toBe(24);
      const firstEnd = lastEnd / 1000;
      const firstStart = firstEnd - 23 * 3600;
      expect(goodQueries()).toEqual([
        [firstStart, firstStart + 9 * 3600],
        [firstStart + 10 * 3600, firstStart + 19 * 3600],
        [firstStart + 20 * 3600, firstEnd],
      ]);
      expect(await uptimeCounts()).toMatchObject({ good: 2280, total: 2400 });

      // three hours later the next run asks for those three hours only
      clock += 3 * HOUR;
      log.length = 0;
      expect((await run()).lastWrittenCount).toBe(3);
      expect(goodQueries()).toEqual([[firstEnd + 3600, firstEnd + 3 * 3600]]);
      expect(await uptimeCounts()).toMatchObject({ good: 2565, total: 2700 });

      // with no hour completed since, a run asks nothing and the figures stay
      log.length = 0;
      await run();
      expect(log).toEqual([]);
      expect(await uptimeCounts()).toMatchObject({ good: 2565, total: 2700 });
    } finally {
      await backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
