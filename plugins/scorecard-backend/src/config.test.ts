import { ConfigReader } from '@backstage/config';
import { readScorecardConfig } from './config';

const read = (scorecard: object) =>
  readScorecardConfig(new ConfigReader({ opmodel: { scorecard } }));

describe('readScorecardConfig', () => {
  it('reads default objectives written as a Platform writes its own', () => {
    expect(
      read({
        defaults: {
          objectives: {
            availability: { target: 0.995 },
            changeFailureRate: 0.15,
            leadTime: '2d',
          },
        },
      }).defaults,
    ).toEqual({
      availability: { target: 0.995 },
      changeFailureRate: 0.15,
      leadTime: '2d',
    });
    expect(read({}).defaults).toBeUndefined();
  });

  it('refuses bad default objectives at start-up, naming each key and the fix', () => {
    let message = '';
    try {
      read({
        defaults: {
          objectives: {
            availability: { target: 99.9 },
            leadTime: 'two days',
            deployFrequency: 5,
          },
        },
      });
    } catch (e) {
      message = String(e);
    }
    expect(message).toContain('opmodel.scorecard.defaults.objectives');
    expect(message).toMatch(
      /opmodel\.scorecard\.defaults\.objectives\.availability\.target: .*0\.999/,
    );
    expect(message).toMatch(
      /opmodel\.scorecard\.defaults\.objectives\.leadTime: /,
    );
    expect(message).toMatch(/deployFrequency/);
  });

  it('keeps the documented defaults and schedules when nothing is set', () => {
    const config = read({});
    expect(config.defaultWindowDays).toBe(28);
    expect(config.portfolioSchedule).toMatchObject({
      frequency: { seconds: 30 },
    });
    // daily, and never inside the start-up's first minute, even when overdue
    expect(config.snapshotSchedule).toEqual({
      frequency: { cron: '30 0 * * *' },
      timeout: { hours: 2 },
      initialDelay: { minutes: 1 },
    });
    // a schedule set in config replaces the default whole, as Backstage's own tasks do
    expect(
      read({
        snapshots: {
          schedule: { frequency: { hours: 6 }, timeout: { minutes: 30 } },
        },
      }).snapshotSchedule,
    ).toEqual({ frequency: { hours: 6 }, timeout: { minutes: 30 } });
  });
});
