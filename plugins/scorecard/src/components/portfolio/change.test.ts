import { metric } from '../../testing/fixtures';
import { metricChange } from './change';

const HOUR = 3_600_000;

describe('metricChange', () => {
  it('counts ratios in percentage points and says whether the move is better', () => {
    expect(
      metricChange(
        metric('uptime', { value: 0.995 }),
        metric('uptime', { value: 0.99 }),
        'en-US',
      ),
    ).toEqual({ text: '+0.5 pp', direction: 'better', previous: '99 %' });
    // a higher change failure rate is worse
    expect(
      metricChange(
        metric('changeFailureRate', { value: 0.3 }),
        metric('changeFailureRate', { value: 0.1 }),
        'en-US',
      ),
    ).toMatchObject({ text: '+20 pp', direction: 'worse' });
  });

  it('counts durations and rates in their unit; shorter lead times are better', () => {
    expect(
      metricChange(
        metric('leadTime', { value: 2 * HOUR }),
        metric('leadTime', { value: 5 * HOUR }),
        'en-US',
      ),
    ).toEqual({ text: '−3 h', direction: 'better', previous: '5 h' });
    expect(
      metricChange(
        metric('deploymentFrequency', { value: 2 }),
        metric('deploymentFrequency', { value: 3.5 }),
        'en-US',
      ),
    ).toMatchObject({ text: '−1.5 / week', direction: 'worse' });
  });

  it('calls a difference that rounds away no change, and gives none without data on both sides', () => {
    expect(
      metricChange(
        metric('uptime', { value: 0.5 }),
        metric('uptime', { value: 0.50001 }),
        'en-US',
      ),
    ).toMatchObject({ text: 'no change', direction: 'same' });
    const none = metric('uptime', { state: 'not-enough-data', value: null });
    expect(metricChange(metric('uptime'), none)).toBeUndefined();
    expect(metricChange(none, metric('uptime'))).toBeUndefined();
    expect(metricChange(metric('uptime'), undefined)).toBeUndefined();
  });
});
