import { TestDatabases } from '@backstage/backend-test-utils';
import { createScorecardStores } from './createScorecardStores';
import { batch, H, T } from '../__testUtils__/eventBatch';

jest.setTimeout(60_000);

/*
 * What was written since a time, per owner: what the portfolio checks before it reuses a figure.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'ChangeTracker on %s',
  databaseId => {
    it('lists the writes since a time per owner, an update as another write, and none past the limit', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      await stores.catalogMirror.replaceMirror(
        [
          { entityRef: 'platform:default/p', kind: 'platform' },
          { entityRef: 'component:default/a', kind: 'component' },
          { entityRef: 'component:default/b', kind: 'component' },
        ],
        new Map([
          [
            'platform:default/p',
            new Set(['component:default/a', 'component:default/b']),
          ],
          ['component:default/a', new Set(['component:default/a'])],
          ['component:default/b', new Set(['component:default/b'])],
        ]),
      );
      const before = Date.now() - 1;
      await store.writeBatch(batch);
      const owners = [
        'platform:default/p',
        'component:default/a',
        'component:default/b',
      ];
      const first = (await stores.changes.recentWrites(owners, before, 100))!;
      const kinds = (owner: string) =>
        [...(first.get(owner)?.values() ?? [])].sort();
      // a: d1, d4 and a probe bucket; b: d2, d3, i1, i2 and a bucket; p: all of them
      expect(kinds('component:default/a')).toEqual([
        'availability',
        'deployments',
        'deployments',
      ]);
      expect(kinds('component:default/b')).toEqual([
        'availability',
        'deployments',
        'deployments',
        'incidents',
        'incidents',
      ]);
      expect(first.get('platform:default/p')!.size).toBe(8);
      // nothing written since a later time
      expect(
        (await stores.changes.recentWrites(owners, Date.now() + 1, 100))!.size,
      ).toBe(0);
      // an incident sent again as it moves on is another write; what it replaced is gone
      await store.writeBatch({
        deployments: [],
        availability: [],
        incidents: [{ ...batch.incidents[0], acknowledgedAt: T - H }],
      });
      const second = (await stores.changes.recentWrites(owners, before, 100))!;
      const b1 = [...first.get('component:default/b')!.keys()];
      const b2 = [...second.get('component:default/b')!.keys()];
      expect(b2).toHaveLength(b1.length);
      expect(b2.filter(k => !b1.includes(k))).toHaveLength(1);
      // more writes than the limit (each counted once per owner: 8 + 3 + 5): not listed at all
      expect(
        await stores.changes.recentWrites(owners, before, 15),
      ).toBeUndefined();
      expect(
        await stores.changes.recentWrites(owners, before, 16),
      ).toBeDefined();
    });
  },
);

describe('the change check on POSTGRES_15', () => {
  it('runs without JIT compilation, which would cost more than its short reads', async () => {
    const knex = await databases.init('POSTGRES_15');
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    const statements: Array<{ sql: string; tx?: string }> = [];
    const listener = (q: { sql: string; __knexTxId?: string }) =>
      statements.push({ sql: q.sql, tx: q.__knexTxId });
    knex.on('query', listener);
    await stores.changes.changedOwners(['component:default/a'], {
      since: T,
      ranges: [[T - H, T + H]],
      spanning: ['component:default/a'],
    });
    knex.off('query', listener);
    const checks = statements.filter(q => /^select distinct/.test(q.sql));
    expect(checks).toHaveLength(2); // writes and ranges, then open incidents
    const tx = checks[0].tx;
    expect(tx).toBeDefined();
    expect(checks.every(q => q.tx === tx)).toBe(true);
    const inTx = statements.filter(q => q.tx === tx).map(q => q.sql);
    expect(inTx.indexOf('set local jit = off')).toBeGreaterThanOrEqual(0);
    expect(inTx.indexOf('set local jit = off')).toBeLessThan(
      inTx.indexOf(checks[0].sql),
    );
    // the setting ended with the transaction: other statements on the pool keep the server's
    expect(
      (await knex.raw(`select current_setting('jit') as jit`)).rows[0].jit,
    ).toBe(
      (await knex.raw(`select reset_val from pg_settings where name = 'jit'`))
        .rows[0].reset_val,
    );
  });
});
