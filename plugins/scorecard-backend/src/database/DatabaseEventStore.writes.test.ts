import { TestDatabases } from '@backstage/backend-test-utils';
import { createScorecardStores } from './createScorecardStores';
import { batch, T } from '../__testUtils__/eventBatch';
import { fakeDateOnly } from '../__testUtils__/fakeDate';

jest.setTimeout(60_000);

/*
 * A batch is stored whole, its text unchanged, or not at all.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'DatabaseEventStore on %s',
  databaseId => {
    it('undoes a batch whose write outlasted the deadline readers rely on, storing nothing', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      // every statement "takes" 4 s: the batch's three upserts end past the 10 s deadline
      fakeDateOnly(Date.UTC(2026, 10, 2));
      const slow = () => jest.setSystemTime(Date.now() + 4000);
      knex.on('query', slow);
      try {
        await expect(store.writeBatch(batch)).rejects.toMatchObject({
          name: 'ServiceUnavailableError',
          message: expect.stringContaining('nothing was stored, send it again'),
        });
      } finally {
        knex.off('query', slow);
        jest.useRealTimers();
      }
      const counts = await Promise.all(
        [
          'scorecard_deployments',
          'scorecard_incidents',
          'scorecard_availability',
        ].map(async t => Number((await knex(t).count({ n: '*' }))[0].n)),
      );
      expect(counts).toEqual([0, 0, 0]);
      // the same batch at a normal pace is stored
      await store.writeBatch(batch);
      expect(
        Number((await knex('scorecard_deployments').count({ n: '*' }))[0].n),
      ).toBe(batch.deployments.length);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'text through the bulk writes on %p',
  databaseId => {
    it('round-trips quotes, backslashes, braces, commas, NULL and unicode unchanged', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      const nasty = [
        'NULL',
        '"quoted"',
        'back\\slash\\',
        '{braces},{and},commas',
        "it's; drop table x; --",
        'ünïcødé ✓ 🚀',
        '',
      ];
      await store.writeBatch({
        deployments: nasty.map((text, i) => ({
          source: 'ci',
          id: `n${i}`,
          entityRef: 'component:default/a',
          environment: 'production',
          result: 'success',
          startedAt: null,
          finishedAt: T + i,
          firstCommitAt: null,
          fixesIncident: text || null,
          url: text,
        })),
        incidents: [],
        availability: [],
      });
      const rows = await knex('scorecard_deployments').orderBy('finished_at');
      expect(rows.map(r => r.url)).toEqual(nasty);
      expect(rows.map(r => r.fixes_incident)).toEqual(
        nasty.map(t => t || null),
      );
    });
  },
);
