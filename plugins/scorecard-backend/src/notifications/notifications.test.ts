import { TestDatabases } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import {
  at,
  DAY,
  HOUR,
  startScorecardTestBackend,
  TODAY,
  type ScorecardTestBackend,
} from '../__testUtils__/startScorecardTestBackend';

jest.setTimeout(240_000);

/*
 * The notifications of the daily snapshot, through a backend with the real catalog, scheduler and
 * scorecard, and a notifications service that records what it is asked to send (the boundary: the
 * notifications backend is Backstage's).
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const DATA = 'platform:default/data-platform';
const day = (ms: number) => at(ms).slice(0, 10);

/** The data platform up all of the day before yesterday, and down all probes of yesterday. */
function upThenDown() {
  return {
    source: 'blackbox',
    availability: {
      buckets: [
        {
          entityRef: DATA,
          start: at(TODAY - 2 * DAY + HOUR),
          lengthSeconds: 3600,
          good: 1000,
          total: 1000,
        },
        {
          entityRef: DATA,
          start: at(TODAY - DAY + HOUR),
          lengthSeconds: 3600,
          good: 0,
          total: 1000,
        },
      ],
    },
  };
}

describe.each(databases.eachSupportedId())(
  'scorecard notifications on %s',
  databaseId => {
    let t: ScorecardTestBackend;
    const sent: NotificationSendOptions[] = [];

    beforeAll(async () => {
      t = await startScorecardTestBackend(databases, databaseId, {
        features: [
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (options: NotificationSendOptions) => {
                sent.push(options);
              },
            }),
          }),
        ],
        scorecard: {
          notifications: {
            enabled: true,
            // the role names of the example model
            roles: ['platform-product-owner', 'service-manager'],
          },
        },
      });
    });

    afterAll(async () => {
      await t?.stop();
    });

    it('tells the owner and the role holders once when a metric goes from met to missed', async () => {
      const res = await t.post('/api/scorecard/events', upThenDown());
      expect(res.status).toBe(200);

      // the day before yesterday met the availability objective, yesterday missed it
      expect(
        (await t.runTask('scorecard-snapshots')).lastRunError,
      ).toBeUndefined();
      const trend = await t.get(
        `/api/scorecard/trend?entityRef=${DATA}&metric=uptime&from=${at(
          TODAY - 2 * DAY,
        )}&to=${at(TODAY)}`,
      );
      expect(trend.body.points.map((p: any) => [p.day, p.grade])).toEqual([
        [day(TODAY - 2 * DAY), 'good'],
        [day(TODAY - DAY), 'poor'],
      ]);

      // one notification, for the only entity that crossed, whichever metrics crossed
      expect(sent).toHaveLength(1);
      const [notification] = sent;
      expect(notification.recipients).toEqual({
        type: 'entity',
        entityRef: [
          'group:default/data-platform-team',
          'user:default/lena',
          'user:default/sofia',
        ],
      });
      expect(notification.payload).toMatchObject({
        link: '/catalog/default/platform/data-platform',
        topic: 'scorecard',
        severity: 'high',
        scope: `scorecard:${DATA}:${day(TODAY - DAY)}`,
      });
      expect(notification.payload.description).toContain(
        'Uptime went from met to missed',
      );
      expect(notification.payload.description).toContain('Error budget left');

      // the next snapshot recomputes yesterday, still missed: nothing new to tell
      expect(
        (await t.runTask('scorecard-snapshots')).lastRunError,
      ).toBeUndefined();
      expect(sent).toHaveLength(1);
    });
  },
);
