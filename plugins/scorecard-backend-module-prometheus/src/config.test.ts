import { ConfigReader } from '@backstage/config';
import { readPrometheusCollectorConfig } from './config';

describe('readPrometheusCollectorConfig', () => {
  it('reads its own instances, with the first one as the default', () => {
    const config = readPrometheusCollectorConfig(
      new ConfigReader({
        opmodel: {
          scorecard: {
            prometheus: {
              instances: [
                {
                  name: 'main',
                  baseUrl: 'https://prometheus.example.com/api/v1/',
                  headers: { Authorization: 'Bearer t' },
                },
                { name: 'eu', baseUrl: 'https://eu.example.com' },
              ],
            },
          },
        },
      }),
    );
    expect(config.instances).toEqual([
      {
        name: 'main',
        baseUrl: 'https://prometheus.example.com',
        headers: { Authorization: 'Bearer t' },
      },
      { name: 'eu', baseUrl: 'https://eu.example.com', headers: {} },
    ]);
    expect(config.defaultInstance).toBe('main');
    expect(config.backfillDays).toBe(28);
    expect(config.schedule.frequency).toEqual({ minutes: 15 });
  });

  it('falls back to the instances of Roadie’s Prometheus plugin, through the proxy they name', () => {
    const config = readPrometheusCollectorConfig(
      new ConfigReader({
        proxy: {
          endpoints: {
            '/prometheus/api': {
              target: 'http://prometheus:9090/api/v1/',
              headers: { Authorization: 'Bearer p' },
            },
            '/prometheus-eu/api': 'http://prometheus-eu:9090/api/v1/',
          },
        },
        prometheus: {
          proxyPath: '/prometheus/api',
          instances: [{ name: 'eu', proxyPath: '/prometheus-eu/api' }],
        },
      }),
    );
    expect(config.instances).toEqual([
      { name: 'eu', baseUrl: 'http://prometheus-eu:9090', headers: {} },
      {
        name: 'default',
        baseUrl: 'http://prometheus:9090',
        headers: { Authorization: 'Bearer p' },
      },
    ]);
    expect(config.defaultInstance).toBe('default');
  });

  it('refuses a default instance that is not configured, and points over the 11,000-point limit', () => {
    const root = (prometheus: object) =>
      new ConfigReader({ opmodel: { scorecard: { prometheus } } });
    expect(() =>
      readPrometheusCollectorConfig(
        root({
          instances: [{ name: 'main', baseUrl: 'http://p' }],
          defaultInstance: 'other',
        }),
      ),
    ).toThrow(
      "opmodel.scorecard.prometheus.defaultInstance is 'other', which is not among the configured instances (main)",
    );
    expect(() =>
      readPrometheusCollectorConfig(root({ hoursPerRequest: 20_000 })),
    ).toThrow(
      'opmodel.scorecard.prometheus.hoursPerRequest must be a whole number from 1 to 11000, not 20000',
    );
  });
});
