import { TestDatabases } from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { Scorecard } from '@opmodel/plugin-scorecard-common';
import { scorecardCollectorsExtensionPoint } from '@opmodel/plugin-scorecard-node';
import {
  componentCatalog,
  manualSchedule,
  setupFakeApiServer,
  startCollectorTestBackend,
} from '@opmodel/plugin-scorecard-node/testing';
import { createPrometheusCollector } from './collector';
import { readPrometheusCollectorConfig } from './config';
import {
  prometheusHandlers,
  type RecordedQuery,
} from './__testUtils__/prometheusServer';
// the real scorecard backend, which this module is a module of
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardPlugin from '@opmodel/plugin-scorecard-backend';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const BASE = 'http://prometheus.test';
const GOOD = 'sum(increase(http_requests_total{job="cart",code!~"5.."}[1h]))';
const TOTAL = 'sum(increase(http_requests_total{job="cart"}[1h]))';
const HOUR = 3_600_000;

const catalogFile = componentCatalog({
  name: 'cart',
  annotations: {
    'opmodel.dev/prometheus-good': GOOD,
    'opmodel.dev/prometheus-total': TOTAL,
  },
});

describe('the Prometheus collector over several runs', () => {
  const log: RecordedQuery[] = [];
  setupFakeApiServer(
    prometheusHandlers(
      { baseUrl: BASE, series: { [GOOD]: () => '95', [TOTAL]: () => '100' } },
      log,
    ),
  );

  it('asks only for the hours after its cursor, and a run with nothing new changes nothing', async () => {
    // the collector's clock: half past an hour three days ago, moved on by the test
    let clock = Math.floor(Date.now() / HOUR) * HOUR - 72 * HOUR + HOUR / 2;
    const backend = await startCollectorTestBackend({
      scorecard: scorecardPlugin,
      databases,
      databaseId: 'SQLITE_3',
      catalog: catalogFile,
      features: [
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
              },
              async init({ collectors, catalog, auth, logger }) {
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
                              schedule: manualSchedule,
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
      ],
    });
    try {
      const get = (url: string) => backend.request(url);
      const run = async () => {
        const source = (
          await backend.runCollector('prometheus', ['component:default/cart'])
        ).get('component:default/cart')!;
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
    }
  });
});
