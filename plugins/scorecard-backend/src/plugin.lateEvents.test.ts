import { TestDatabases } from '@backstage/backend-test-utils';
import {
  at,
  DAY,
  HOUR,
  startScorecardTestBackend,
  TODAY,
  type ScorecardTestBackend,
} from './__testUtils__/startScorecardTestBackend';

jest.setTimeout(240_000);

/*
 * Events that arrive after their days' snapshots were taken (a backfill through the API, a
 * collector's first read): those days' snapshots are taken again soon, so the trend shows them.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

// a component no other test writes for
const CLI = 'component:default/platform-cli';
const day = (ms: number) => at(ms).slice(0, 10);

const deployment = (id: string, finishedAt: number) => ({
  id,
  entityRef: CLI,
  environment: 'production',
  result: 'success',
  startedAt: at(finishedAt - HOUR),
  finishedAt: at(finishedAt),
});

describe.each(databases.eachSupportedId())('late events on %s', databaseId => {
  let t: ScorecardTestBackend;

  beforeAll(async () => {
    t = await startScorecardTestBackend(databases, databaseId);
  });

  afterAll(async () => {
    await t?.stop();
  });

  const trend = async () => {
    const res = await t.get(
      `/api/scorecard/trend?entityRef=${CLI}&metric=deploymentFrequency&from=${at(
        TODAY - 12 * DAY,
      )}&to=${at(TODAY)}`,
    );
    expect(res.status).toBe(200);
    return new Map(
      res.body.points.map((p: any) => [p.day, [p.state, p.value]]),
    );
  };

  it('takes the snapshots of past days again once events arrive for them', async () => {
    // the nightly snapshot has taken the past days, when nothing had been sent for them
    expect(
      (await t.runTask('scorecard-snapshots')).lastRunError,
    ).toBeUndefined();
    expect((await trend()).get(day(TODAY - 10 * DAY))).toEqual([
      'not-enough-data',
      null,
    ]);

    // a backfill of two deployments, ten and five days ago
    const res = await t.post('/api/scorecard/events', {
      source: 'backfill',
      deployments: [
        deployment('old-1', TODAY - 10 * DAY + 10 * HOUR),
        deployment('old-2', TODAY - 5 * DAY + 10 * HOUR),
      ],
    });
    expect(res.status).toBe(200);
    expect(await t.knex('scorecard_late_event_days').select('day')).toEqual([
      { day: day(TODAY - 10 * DAY) },
    ]);

    expect(
      (await t.runTask('scorecard-late-event-snapshots')).lastRunError,
    ).toBeUndefined();
    const after = await trend();
    // one deployment in the 28 days up to ten days ago, two from five days ago on
    expect(after.get(day(TODAY - 11 * DAY))).toEqual(['not-enough-data', null]);
    expect(after.get(day(TODAY - 10 * DAY))).toEqual(['ok', 0.25]);
    expect(after.get(day(TODAY - 6 * DAY))).toEqual(['ok', 0.25]);
    expect(after.get(day(TODAY - 5 * DAY))).toEqual(['ok', 0.5]);
    expect(after.get(day(TODAY - DAY))).toEqual(['ok', 0.5]);
    // done: nothing is left to take again
    expect(await t.knex('scorecard_late_event_days').select('day')).toEqual([]);
  });

  it('notes nothing for events of today: tonight’s snapshot takes them', async () => {
    const res = await t.post('/api/scorecard/events', {
      source: 'backfill',
      deployments: [deployment('today-1', Date.now() - 60_000)],
    });
    expect(res.status).toBe(200);
    expect(await t.knex('scorecard_late_event_days').select('day')).toEqual([]);
  });
});
