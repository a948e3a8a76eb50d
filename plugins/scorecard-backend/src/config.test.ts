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

  it('reads product objectives as defaults, refusing a score off its scale', () => {
    expect(
      read({
        defaults: {
          objectives: {
            adoption: { share: 0.6 },
            satisfaction: { csat: 4, nps: 20, effort: 3 },
            support: { firstResponse: '4h', requestsPerTeam: 2 },
          },
        },
      }).defaults,
    ).toEqual({
      adoption: { share: 0.6 },
      satisfaction: { csat: 4, nps: 20, effort: 3 },
      support: { firstResponse: '4h', requestsPerTeam: 2 },
    });
    expect(() =>
      read({ defaults: { objectives: { satisfaction: { csat: 9 } } } }),
    ).toThrow(/opmodel\.scorecard\.defaults\.objectives\.satisfaction\.csat: /);
  });

  it('reads the minimum number of survey responses, 5 unless set, and refuses one below 1', () => {
    expect(read({}).minimumResponses).toBe(5);
    expect(read({ feedback: { minimumResponses: 3 } }).minimumResponses).toBe(
      3,
    );
    expect(() => read({ feedback: { minimumResponses: 0 } })).toThrow(
      'opmodel.scorecard.feedback.minimumResponses must be a whole number of at least 1, not 0',
    );
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

  it('reads who may write which source, and refuses a source listed twice', () => {
    expect(
      read({
        ingestion: {
          sources: [
            { source: 'github-actions', writers: ['ci-pipelines'] },
            { source: 'pager.duty', writers: ['Group:default/SRE'] },
          ],
        },
      }).sourceWriters,
    ).toEqual(
      new Map([
        ['github-actions', ['ci-pipelines']],
        ['pager.duty', ['group:default/sre']],
      ]),
    );
    expect(read({}).sourceWriters.size).toBe(0);
    expect(() =>
      read({
        ingestion: {
          sources: [
            { source: 'ci', writers: ['a'] },
            { source: 'ci', writers: ['b'] },
          ],
        },
      }),
    ).toThrow(/the source 'ci' is listed twice/);
  });

  it('reads the database time limits as durations', () => {
    expect(read({})).toMatchObject({
      statementTimeoutMs: 15_000,
      connectionTimeoutMs: 10_000,
    });
    expect(
      read({
        database: {
          statementTimeout: { seconds: 2 },
          connectionTimeout: 'PT0.5S',
        },
      }),
    ).toMatchObject({ statementTimeoutMs: 2_000, connectionTimeoutMs: 500 });
  });

  it('leaves notifications off unless enabled, telling product owners and service managers', () => {
    expect(read({}).notifications).toEqual({
      enabled: false,
      roles: ['product-owner', 'service-manager'],
    });
    expect(
      read({ notifications: { enabled: true, roles: ['budget-holder'] } })
        .notifications,
    ).toEqual({ enabled: true, roles: ['budget-holder'] });
  });
});
