import { TestDatabases } from '@backstage/backend-test-utils';
import type { Coverage, Scorecard } from '@opmodel/plugin-scorecard-common';
import {
  componentCatalog,
  manualSchedule,
  setupFakeApiServer,
  startCollectorTestBackend,
} from '@opmodel/plugin-scorecard-node/testing';
import prometheusModule from '.';
import {
  prometheusHandlers,
  type RecordedQuery,
} from './__testUtils__/prometheusServer';
// the real scorecard backend, which this module is a module of
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardPlugin from '@opmodel/plugin-scorecard-backend';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MAIN = 'http://prometheus-main.test';
const SECONDARY = 'http://prometheus-secondary.test:9090';

const CHECKOUT_GOOD =
  'sum(increase(http_requests_total{job="checkout",code!~"5.."}[1h]))';
const CHECKOUT_TOTAL = 'sum(increase(http_requests_total{job="checkout"}[1h]))';
const PROBE = 'probe_success{instance="https://shop.example"}';
const SEARCH_GOOD = 'sum(increase(http_requests_total{job="search"[1h]))';
const SEARCH_TOTAL = 'sum(increase(http_requests_total{job="search"}[1h]))';

const catalogFile = componentCatalog(
  {
    name: 'checkout',
    annotations: {
      'opmodel.dev/prometheus-good': CHECKOUT_GOOD,
      'opmodel.dev/prometheus-total': CHECKOUT_TOTAL,
    },
  },
  {
    name: 'storefront',
    type: 'website',
    annotations: {
      'opmodel.dev/prometheus-probe': PROBE,
      'opmodel.dev/prometheus-instance': 'secondary',
    },
  },
  {
    name: 'search',
    annotations: {
      'opmodel.dev/prometheus-good': SEARCH_GOOD,
      'opmodel.dev/prometheus-total': SEARCH_TOTAL,
      'prometheus.io/service-name': 'secondary',
    },
  },
  {
    name: 'legacy',
    annotations: {
      'opmodel.dev/prometheus-probe':
        'probe_success{instance="https://legacy.example"}',
      'opmodel.dev/prometheus-instance': 'eu-west',
    },
  },
  { name: 'docs', type: 'website' },
);

// the hour of the day (UTC) that ends at a unix time
const hourOfDay = (t: number) => Math.floor(t / 3600) % 24;

describe.each(databases.eachSupportedId())(
  'the Prometheus collector on %s',
  databaseId => {
    const log: RecordedQuery[] = [];
    setupFakeApiServer(
      prometheusHandlers(
        {
          baseUrl: MAIN,
          requiredHeaders: { Authorization: 'Bearer main-token' },
          series: {
            // increase() extrapolates, so counts come as fractions; the hour ending at 05:00
            // has no sample at all, and the one ending at 11:00 a NaN good count
            [CHECKOUT_GOOD]: t => (hourOfDay(t) === 11 ? 'NaN' : '990'),
            [CHECKOUT_TOTAL]: t => (hourOfDay(t) === 5 ? undefined : '1000.4'),
          },
        },
        log,
      ),
      prometheusHandlers(
        {
          baseUrl: SECONDARY,
          // the first request meets a server that is restarting
          unavailableFirst: 1,
          series: {
            [`sum(sum_over_time(${PROBE}[1h]))`]: () => '59',
            [`sum(count_over_time(${PROBE}[1h]))`]: () => '60',
            [SEARCH_TOTAL]: () => '500',
          },
          parseErrors: {
            [SEARCH_GOOD]:
              '1:46: parse error: unexpected "[" in label matching, expected string',
          },
        },
        log,
      ),
    );
    beforeEach(() => {
      log.length = 0;
    });

    it('writes hourly buckets from a ratio pair and a probe selector, and reports what it could not read', async () => {
      const backend = await startCollectorTestBackend({
        scorecard: scorecardPlugin,
        databases,
        databaseId,
        catalog: catalogFile,
        features: [prometheusModule],
        config: {
          opmodel: {
            scorecard: {
              prometheus: {
                instances: [
                  {
                    name: 'main',
                    baseUrl: `${MAIN}/`,
                    headers: { Authorization: 'Bearer main-token' },
                  },
                  { name: 'secondary', baseUrl: SECONDARY },
                ],
                backfillDays: 2,
                hoursPerRequest: 12,
                retryDelaySeconds: 0,
                // nothing runs on its own during the test: the test starts each collector run
                schedule: manualSchedule,
              },
            },
          },
        },
      });
      try {
        const get = (url: string) => backend.request(url);
        const ref = (name: string) => `component:default/${name}`;
        const annotated = ['checkout', 'storefront', 'search', 'legacy'];
        await backend.waitForEntities([...annotated, 'docs'].map(ref));

        const startedAt = Date.now();
        const coverage = await backend.runCollector(
          'prometheus',
          annotated.map(ref),
        );
        const coverageOf = async (name: string) => coverage.get(ref(name))!;

        // the ratio pair: 48 complete hours, less the gap and the NaN hour of each day
        const checkout = await coverageOf('checkout');
        expect(checkout).toMatchObject({
          source: 'prometheus',
          lastWrittenCount: 44,
        });
        expect(checkout.lastError).toBeUndefined();
        // the probe selector: 59 of 60 samples up in each of the 48 hours
        const storefront = await coverageOf('storefront');
        expect(storefront).toMatchObject({ lastWrittenCount: 48 });
        expect(storefront.lastError).toBeUndefined();

        const uptime = async (name: string) => {
          const res = await get(
            `/api/scorecard/scorecard?entityRef=component:default/${name}`,
          );
          expect(res.status).toBe(200);
          return (res.body as Scorecard).metrics.find(
            m => m.metric === 'uptime',
          )!;
        };
        const checkoutUptime = await uptime('checkout');
        expect(checkoutUptime.details).toMatchObject({
          basis: 'counts',
          good: 44 * 990,
          total: 44 * 1000,
        });
        expect(checkoutUptime.value).toBeCloseTo(0.99, 10);
        const storefrontUptime = await uptime('storefront');
        expect(storefrontUptime.details).toMatchObject({
          good: 48 * 59,
          total: 48 * 60,
        });
        expect(storefrontUptime.value).toBeCloseTo(59 / 60, 10);

        // a bad query, named by its annotation, with Prometheus's own words; the instance was
        // picked by Roadie's prometheus.io/service-name annotation
        expect((await coverageOf('search')).lastError).toBe(
          `Prometheus 'secondary' rejected the query for opmodel.dev/prometheus-good: 1:46: parse error: unexpected "[" in label matching, expected string (bad_data)`,
        );
        // an instance nobody configured, with the ones that are
        expect((await coverageOf('legacy')).lastError).toBe(
          `component:default/legacy names Prometheus instance 'eu-west', which is not configured; configured: 'main', 'secondary'`,
        );
        // an entity without annotations is not the collector's
        const docs = await get(
          '/api/scorecard/coverage?entityRef=component:default/docs',
        );
        expect(docs.status).toBe(200);
        expect((docs.body as Coverage).sources).toEqual([]);

        // the backfill came in requests of at most 12 hourly points, one after the other
        const checkoutGood = log
          .filter(q => q.query === CHECKOUT_GOOD && q.status === 200)
          .sort((a, b) => a.start - b.start);
        expect(checkoutGood).toHaveLength(4);
        for (const q of checkoutGood) {
          expect(q).toMatchObject({ method: 'POST', step: 3600 });
          expect((q.end - q.start) / 3600 + 1).toBe(12);
        }
        // each request starts with the hour after the one before it ended
        expect(checkoutGood.slice(1).map(q => q.start)).toEqual(
          checkoutGood.slice(0, -1).map(q => q.end + 3600),
        );
        const lastEnd = checkoutGood[3].end * 1000;
        expect(lastEnd % 3_600_000).toBe(0);
        expect(lastEnd).toBeLessThanOrEqual(startedAt);
        expect(lastEnd).toBeGreaterThan(startedAt - 2 * 3_600_000);
        // the restarting server was asked again, after its Retry-After
        const secondary = log.filter(q => q.baseUrl === SECONDARY);
        expect(secondary[0].status).toBe(503);
        expect(secondary[1]).toMatchObject({
          query: secondary[0].query,
          start: secondary[0].start,
          status: expect.any(Number),
        });
        expect(secondary[1].status).not.toBe(503);
        // nothing was asked for the entity without an instance, or from the wrong instance
        expect(log.some(q => q.query.includes('legacy.example'))).toBe(false);
        expect(
          log.some(q => q.baseUrl === MAIN && q.query.includes(PROBE)),
        ).toBe(false);
      } finally {
        await backend.stop();
      }
    });
  },
);
