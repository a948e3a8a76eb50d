import { setupServer } from 'msw/node';
import { PrometheusClient } from './PrometheusClient';
import {
  prometheusHandlers,
  type RecordedQuery,
} from './__testUtils__/prometheusServer';

// A server behind an authenticating proxy, starting up: what a user's configuration meets first.
const BASE = 'http://prometheus-auth.test';
const QUERY = 'sum(rate(http_requests_total[1h]))';
const log: RecordedQuery[] = [];
const server = setupServer(
  prometheusHandlers(
    {
      baseUrl: BASE,
      series: { [QUERY]: () => '42' },
      requiredHeaders: { Authorization: 'Bearer right-token' },
      unavailableFirst: 1,
    },
    log,
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const client = (headers: Record<string, string>) =>
  new PrometheusClient(
    { name: 'main', baseUrl: BASE, headers },
    { retries: 2, retryDelayMs: 10 },
  );
const range = { start: 1_700_000_000, end: 1_700_007_200, step: 3600 };

describe('PrometheusClient', () => {
  it('names the instance and the header to check when the server refuses its credentials', async () => {
    await expect(
      client({ Authorization: 'Bearer wrong-token' }).queryRange(
        'annotation opmodel.dev/prometheus-good',
        QUERY,
        range,
      ),
    ).rejects.toThrow(
      "Prometheus 'main' answered HTTP 401 Unauthorized to the query for annotation opmodel.dev/prometheus-good; check the instance's headers (Authorization)",
    );
  });

  it('asks again after a 503, and reads the series', async () => {
    log.length = 0;
    const series = await client({
      Authorization: 'Bearer right-token',
    }).queryRange('annotation opmodel.dev/prometheus-good', QUERY, range);
    expect(log.map(q => q.status)).toEqual([503, 200]);
    expect(series).toHaveLength(1);
    expect(series[0].values).toHaveLength(3);
  });
});
