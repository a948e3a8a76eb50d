import { ConfigReader } from '@backstage/config';
import { readDeploymentSourceConfig } from './config';

describe('readDeploymentSourceConfig', () => {
  it('gives every key its default when nothing is configured', () => {
    expect(readDeploymentSourceConfig(new ConfigReader({}), 'github')).toEqual({
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 8 } },
      productionEnvironments: ['production', 'prod'],
      backfillDays: 90,
      maxRateLimitWaitMs: 60_000,
      serverErrorBackoffMs: 1_000,
      serverErrorRetries: 3,
    });
  });

  it('reads the source’s own keys, and names the key a bad value is under', () => {
    const config = (gitlab: object) =>
      new ConfigReader({ opmodel: { scorecard: { gitlab } } });
    expect(
      readDeploymentSourceConfig(
        config({
          productionEnvironments: [' live ', 'live'],
          maxRateLimitWait: { seconds: 5 },
        }),
        'gitlab',
      ),
    ).toMatchObject({
      productionEnvironments: ['live'],
      maxRateLimitWaitMs: 5_000,
    });
    expect(() =>
      readDeploymentSourceConfig(config({ backfillDays: -1 }), 'gitlab'),
    ).toThrow(
      'opmodel.scorecard.gitlab.backfillDays: must be 0 or more (got -1)',
    );
  });
});
