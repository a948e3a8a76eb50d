import { TestDatabases } from '@backstage/backend-test-utils';
import { createScorecardStores } from './createScorecardStores';
import { T } from '../__testUtils__/eventBatch';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('snapshots on %p', databaseId => {
  it('stores every row, nulls included, and a rerun of a day replaces it', async () => {
    const knex = await databases.init(databaseId);
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    const row = (ref: string, value: number | null, label: string) => ({
      entityRef: ref,
      day: '2026-11-01',
      windowDays: 28,
      metric: {
        metric: 'leadTime' as const,
        definitionVersion: 2,
        state: value === null ? ('not-enough-data' as const) : ('ok' as const),
        value,
        unit: 'ms' as const,
        count: value === null ? 0 : 7,
        minimumCount: 1,
        p50: value,
        p90: null,
        grade: {
          status: 'good' as const,
          label,
          rule: {
            source: 'profile' as const,
            profile: 'dora-2024',
            description: 'x',
          },
        },
      },
    });
    // more rows than one statement takes on either path
    const refs = Array.from(
      { length: 6001 },
      (_, i) => `component:default/c${i}`,
    );
    await stores.snapshots.writeSnapshots(
      refs.map(r => row(r, 3_600_000, 'elite')),
      T,
    );
    await stores.snapshots.writeSnapshots(
      [row(refs[0], null, 'not enough data'), row(refs[6000], 1.5, 'high')],
      T + 1,
    );
    expect(
      Number((await knex('scorecard_snapshots').count({ n: '*' }))[0].n),
    ).toBe(6001);
    expect(
      await stores.snapshots.readSnapshots(
        refs[0],
        ['leadTime', 'uptime'],
        '2026-11-01',
        '2026-11-02',
      ),
    ).toEqual(
      new Map([
        [
          'leadTime',
          [
            {
              day: '2026-11-01',
              value: null,
              state: 'not-enough-data',
              grade: 'good',
              definitionVersion: 2,
            },
          ],
        ],
        ['uptime', []],
      ]),
    );
    const last = await knex('scorecard_snapshots')
      .where({ entity_ref: refs[6000] })
      .first();
    expect({
      value: Number(last.value),
      p90: last.p90,
      label: last.grade_label,
      profile: last.grade_profile,
      computedAt: Number(last.computed_at),
    }).toEqual({
      value: 1.5,
      p90: null,
      label: 'high',
      profile: 'dora-2024',
      computedAt: T + 1,
    });
    const middle = await knex('scorecard_snapshots')
      .where({ entity_ref: refs[3000] })
      .first();
    expect(Number(middle.value)).toBe(3_600_000);
    expect(Number(middle.count)).toBe(7);
  });

  it('names the entities that have no snapshot on any day, in the order given', async () => {
    const knex = await databases.init(databaseId);
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    const row = (entityRef: string, day: string) => ({
      entityRef,
      day,
      windowDays: 28,
      metric: {
        metric: 'uptime' as const,
        definitionVersion: 1,
        state: 'not-enough-data' as const,
        value: null,
        unit: 'ratio' as const,
        count: 0,
        minimumCount: 1,
        grade: {
          status: 'good' as const,
          label: 'not enough data',
          rule: { source: 'profile' as const, description: 'x' },
        },
      },
    });
    // more refs than one statement takes, with snapshots on old days and recent ones
    const refs = Array.from(
      { length: 1201 },
      (_, i) => `component:default/c${i}`,
    );
    await stores.snapshots.writeSnapshots(
      refs
        .filter((_, i) => i % 3 !== 0)
        .map((ref, i) => row(ref, i % 2 ? '2025-01-01' : '2026-11-01')),
      T,
    );
    const without = refs.filter((_, i) => i % 3 === 0);
    expect(
      await stores.snapshots.entitiesWithoutSnapshots([...refs].reverse()),
    ).toEqual([...without].reverse());
    expect(await stores.snapshots.entitiesWithoutSnapshots([])).toEqual([]);
  });
});
