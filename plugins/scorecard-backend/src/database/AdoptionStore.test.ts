import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { PlatformAdoption } from '../adoption/computeAdoption';
import { DatabaseAdoptionStore } from './AdoptionStore';
import { DatabaseEventStore } from './DatabaseEventStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const REF = 'platform:default/dev';

const adoption = (consuming: number, total = 6): PlatformAdoption => ({
  entityRef: REF,
  teams: Array.from({ length: consuming }, (_, i) => ({
    team: `group:default/team-${i}`,
    declared: true,
    observed: i % 2 === 0,
    via: [],
    streamAligned: true,
  })),
  streamAligned: {
    consuming,
    total,
    share: total === 0 ? null : consuming / total,
  },
  capabilities: [],
  findings: [],
});

describe.each(databases.eachSupportedId())(
  'adoption store on %s',
  databaseId => {
    async function store() {
      const knex = await databases.init(databaseId);
      // the event store's start-up runs the scorecard's migrations, this table's among them
      await DatabaseEventStore.create({
        database: mockServices.database({ knex }),
      });
      return new DatabaseAdoptionStore(knex);
    }

    it('keeps the last look of each day as that day’s figures, and the latest look in full', async () => {
      const s = await store();
      expect(await s.latest(REF)).toBeUndefined();
      await s.write('2026-11-27', [adoption(2)], 1_000);
      await s.write('2026-11-28', [adoption(3)], 2_000);
      // a later look the same day replaces the earlier one
      await s.write('2026-11-28', [adoption(4)], 3_000);
      expect(await s.history(REF, '2026-11-01', '2026-11-28')).toEqual([
        {
          day: '2026-11-27',
          consumers: 2,
          streamAligned: { consuming: 2, total: 6, share: 2 / 6 },
        },
        {
          day: '2026-11-28',
          consumers: 4,
          streamAligned: { consuming: 4, total: 6, share: 4 / 6 },
        },
      ]);
      // the window's days only
      expect(
        (await s.history(REF, '2026-11-28', '2026-11-30')).map(p => p.day),
      ).toEqual(['2026-11-28']);
      const latest = await s.latest(REF);
      expect(latest?.computedAt).toBe(3_000);
      expect(latest?.teams).toHaveLength(4);
      expect(latest?.teams[1]).toEqual({
        team: 'group:default/team-1',
        declared: true,
        observed: false,
        via: [],
        streamAligned: true,
      });
    });

    it('gives each Platform’s consumers as of a day: the newest look on or before it, else the oldest', async () => {
      const s = await store();
      await s.write('2026-11-10', [adoption(2)], 1_000);
      await s.write('2026-11-20', [adoption(5, 8)], 2_000);
      const asOf = async (day: string) =>
        (await s.consumersAsOf([REF, 'platform:default/never-seen'], day)).get(
          REF,
        );
      expect(await asOf('2026-11-15')).toEqual({
        consumerTeams: ['group:default/team-0', 'group:default/team-1'],
        streamAligned: { consuming: 2, total: 6 },
      });
      expect((await asOf('2026-11-20'))?.streamAligned).toEqual({
        consuming: 5,
        total: 8,
      });
      // a window before the first look: the closest look there is
      expect((await asOf('2026-11-01'))?.consumerTeams).toHaveLength(2);
      // a Platform never looked at has no consumers to measure against
      expect(
        (await s.consumersAsOf(['platform:default/never-seen'], '2026-11-20'))
          .size,
      ).toBe(0);
    });

    it('gives every Platform’s newest day in figures, counting the entities it is used through once', async () => {
      const s = await store();
      const other: PlatformAdoption = {
        ...adoption(1),
        entityRef: 'platform:default/data',
        teams: [
          {
            team: 'group:default/a',
            declared: false,
            observed: true,
            via: ['component:default/x', 'component:default/y'],
            streamAligned: true,
          },
          {
            team: 'group:default/b',
            declared: false,
            observed: true,
            via: ['component:default/y'],
            streamAligned: false,
          },
        ],
      };
      await s.write('2026-11-27', [adoption(2), other], 1_000);
      await s.write('2026-11-28', [adoption(5)], 2_000);
      expect(await s.latestFigures()).toEqual([
        {
          entityRef: 'platform:default/data',
          computedAt: new Date(1_000).toISOString(),
          consumers: 2,
          consumingEntities: 2,
          streamAligned: { consuming: 1, total: 6, share: 1 / 6 },
        },
        {
          entityRef: REF,
          computedAt: new Date(2_000).toISOString(),
          consumers: 5,
          consumingEntities: 0,
          streamAligned: { consuming: 5, total: 6, share: 5 / 6 },
        },
      ]);
    });

    it('stores no share when no Group counts as stream-aligned', async () => {
      const s = await store();
      await s.write('2026-11-28', [adoption(0, 0)], 1_000);
      expect((await s.latest(REF))?.streamAligned).toEqual({
        consuming: 0,
        total: 0,
        share: null,
      });
    });
  },
);
