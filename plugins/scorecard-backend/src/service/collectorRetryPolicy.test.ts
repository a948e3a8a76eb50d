import { Duration } from 'luxon';
import type { ScorecardCollector } from '@opmodel/plugin-scorecard-node';
import { collectorRetryPolicy, retryDelayMs } from './collectorRetryPolicy';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function collector(
  schedule: Partial<ScorecardCollector['schedule']>,
  retry?: ScorecardCollector['retry'],
): ScorecardCollector {
  return {
    id: 'test',
    schedule: {
      frequency: { hours: 6 },
      timeout: { minutes: 10 },
      ...schedule,
    },
    retry,
    collect: async () => {},
  };
}

const delays = (c: ScorecardCollector) => {
  const policy = collectorRetryPolicy(c)!;
  const out: number[] = [];
  for (let failures = 1; ; failures++) {
    const delay = retryDelayMs(policy, failures);
    if (delay === undefined) return out;
    out.push(delay);
  }
};

describe('collector retries', () => {
  it('retry soon, then twice as late each time, up to the longest wait, a bounded number of times', () => {
    expect(delays(collector({}))).toEqual([
      15 * SECOND,
      30 * SECOND,
      1 * MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
      10 * MINUTE,
      10 * MINUTE,
    ]);
  });

  it('never wait longer than a quarter of a frequency given as a duration', () => {
    expect(delays(collector({ frequency: { minutes: 2 } }))).toEqual([
      15 * SECOND,
      ...Array(7).fill(30 * SECOND),
    ]);
    expect(delays(collector({ frequency: { seconds: 20 } }))).toEqual(
      Array(8).fill(5 * SECOND),
    );
    expect(
      Math.max(
        ...delays(
          collector({ frequency: Duration.fromObject({ minutes: 4 }) }),
        ),
      ),
    ).toBe(1 * MINUTE);
  });

  it('keep the default longest wait for a cron or manual frequency', () => {
    for (const frequency of [
      { cron: '0 */6 * * *' },
      { trigger: 'manual' as const },
    ]) {
      expect(Math.max(...delays(collector({ frequency })))).toBe(10 * MINUTE);
    }
  });

  it('take the collector’s own retry option', () => {
    expect(
      delays(
        collector(
          {},
          {
            initialDelay: { seconds: 2 },
            maxDelay: { seconds: 5 },
            maxRetries: 4,
          },
        ),
      ),
    ).toEqual([2 * SECOND, 4 * SECOND, 5 * SECOND, 5 * SECOND]);
  });

  it('are off when the collector says so', () => {
    expect(collectorRetryPolicy(collector({}, false))).toBeUndefined();
    expect(
      collectorRetryPolicy(collector({}, { maxRetries: 0 })),
    ).toBeUndefined();
  });
});
