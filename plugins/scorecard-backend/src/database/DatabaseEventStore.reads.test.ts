import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseCatalogMirrorStore } from './CatalogMirrorStore';
import { DatabaseEventStore } from './DatabaseEventStore';
import { batch, H, T, window } from '../__testUtils__/eventBatch';

jest.setTimeout(60_000);

/*
 * A window's events per owner, read by naming the members (one statement) or by joining the
 * stored membership (three queries): the same events either way, at the window's edges too.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'DatabaseEventStore on %s',
  databaseId => {
    it('reads the same events per owner whether it names members or joins the stored membership', async () => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex };
      const naming = await DatabaseEventStore.create({
        database,
        membershipJoinThreshold: 1000,
      });
      const joining = await DatabaseEventStore.create({
        database,
        skipMigrations: true,
        membershipJoinThreshold: 0,
      });
      // the platform counts a and b; b also counts towards itself: b's events go to both owners.
      // With few members the naming store reads in one statement; with the quiet extra members
      // of a second platform, in three queries.
      const quiet = Array.from(
        { length: 12 },
        (_, i) => `component:default/quiet-${i}`,
      );
      const members = new Map([
        [
          'platform:default/p',
          ['component:default/a', 'component:default/b', 'platform:default/p'],
        ],
        ['component:default/b', ['component:default/b']],
      ]);
      const more = new Map([
        ...members,
        ['platform:default/q', ['platform:default/q', ...quiet]],
      ]);
      await new DatabaseCatalogMirrorStore(knex).replaceMirror(
        [
          { entityRef: 'platform:default/p', kind: 'platform' },
          { entityRef: 'platform:default/q', kind: 'platform' },
          { entityRef: 'component:default/a', kind: 'component' },
          { entityRef: 'component:default/b', kind: 'component' },
          ...quiet.map(entityRef => ({ entityRef, kind: 'component' })),
        ],
        new Map(
          [
            ...more,
            ['component:default/a', ['component:default/a']] as const,
          ].map(([k, v]) => [k, new Set(v)]),
        ),
      );
      await naming.writeBatch(batch);
      const query = {
        window,
        horizon: window.to,
        environments: ['production'],
      };

      for (const [store, owners] of [
        [naming, members],
        [naming, more],
        [joining, members],
        [joining, more],
      ] as const) {
        const events = await store.readEvents(owners, query);
        const p = events.get('platform:default/p')!;
        // production deployments finished in [from, horizon): d1 and d2 (d3 is staging, d4 before)
        expect(p.deployments.map(d => d.id).sort()).toEqual(['d1', 'd2']);
        // i1 is still open at `from`; i2 ended before the window
        expect(p.incidents.map(i => i.id)).toEqual(['i1']);
        expect(p.availability).toEqual({ good: 14, total: 20 });
        const b = events.get('component:default/b')!;
        expect(b.deployments.map(d => d.id)).toEqual(['d2']);
        expect(b.availability).toEqual({ good: 5, total: 10 });
      }

      // the one-statement read is a named (prepared) statement on PostgreSQL, one per number of
      // refs and environments: reads of every shape, again and again on the pool's connections,
      // each answer as the first time
      const shapes = [
        [
          new Map([['component:default/b', ['component:default/b']]]),
          ['production'],
        ],
        [members, ['production']],
        [members, ['production', 'staging']],
        [
          new Map([['component:default/b', ['component:default/b']]]),
          ['production', 'staging'],
        ],
      ] as const;
      const first = [];
      for (const [owners, environments] of shapes)
        first.push(
          await naming.readEvents(owners, {
            ...query,
            environments: [...environments],
          }),
        );
      expect(
        first[2]
          .get('platform:default/p')!
          .deployments.map(d => d.id)
          .sort(),
      ).toEqual(['d1', 'd2', 'd3']);
      for (let round = 0; round < 3; round++) {
        const again = await Promise.all(
          shapes.map(([owners, environments]) =>
            naming.readEvents(owners, {
              ...query,
              environments: [...environments],
            }),
          ),
        );
        expect(again).toEqual(first);
      }
      // its text is built once per shape and filled with each read's values: the same shapes
      // with other entities, windows and environments read what the three-query path reads
      for (const ref of ['component:default/a', 'component:default/b']) {
        // windows ending among the events, so that what lies between a window's end and its
        // horizon (a recovery's lookahead) differs from read to read
        for (let hours = 0; hours <= 4; hours++) {
          for (const environments of [['production'], ['staging']]) {
            const q = {
              window: { from: T - 24 * H + hours * H, to: T + hours * H },
              horizon: T + (hours + 2) * H,
              environments,
            };
            const owners = new Map([[ref, [ref]]]);
            expect(await naming.readEvents(owners, q)).toEqual(
              await joining.readEvents(owners, q),
            );
            expect(await naming.readEvents(members, q)).toEqual(
              await joining.readEvents(members, q),
            );
          }
        }
      }
    });

    it('reads a window from its start, up to its end (availability) or its horizon (the rest)', async () => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex };
      const naming = await DatabaseEventStore.create({ database });
      const joining = await DatabaseEventStore.create({
        database,
        skipMigrations: true,
        membershipJoinThreshold: 0,
      });
      const e = 'component:default/e';
      await new DatabaseCatalogMirrorStore(knex).replaceMirror(
        [{ entityRef: e, kind: 'component' }],
        new Map([[e, new Set([e])]]),
      );
      const from = T;
      const to = T + 24 * H;
      const horizon = to + 2 * H;
      const deployment = (id: string, finishedAt: number) => ({
        ...batch.deployments[0],
        id,
        entityRef: e,
        finishedAt,
      });
      const incident = (
        id: string,
        triggeredAt: number,
        resolvedAt: number | null,
      ) => ({
        ...batch.incidents[0],
        id,
        entityRef: e,
        triggeredAt,
        resolvedAt,
      });
      const sample = (start: number, good: number) => ({
        source: 'bb',
        entityRef: e,
        start,
        lengthMs: 0,
        good,
        total: 1,
      });
      await naming.writeBatch({
        deployments: [
          deployment('before-from', from - 1),
          deployment('at-from', from),
          deployment('before-horizon', horizon - 1),
          deployment('at-horizon', horizon),
        ],
        incidents: [
          incident('resolved-before-from', from - H, from - 1),
          incident('resolved-at-from', from - H, from),
          incident('open-before-horizon', horizon - 1, null),
          incident('open-at-horizon', horizon, null),
        ],
        availability: [
          sample(from - 1, 0),
          sample(from, 1),
          sample(to - 1, 1),
          sample(to, 0),
        ],
      });
      const query = {
        window: { from, to },
        horizon,
        environments: ['production'],
      };
      const owners = new Map([[e, [e]]]);
      // the card's one statement, and the three queries through the stored membership
      for (const store of [naming, joining]) {
        const events = (await store.readEvents(owners, query)).get(e)!;
        expect(events.deployments.map(d => d.id).sort()).toEqual([
          'at-from',
          'before-horizon',
        ]);
        expect(events.incidents.map(i => i.id).sort()).toEqual([
          'open-before-horizon',
          'resolved-at-from',
        ]);
        expect(events.availability).toEqual({ good: 2, total: 2 });
      }
    });
  },
);
