import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createScorecardStores } from '../database/createScorecardStores';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { fakeDateOnly } from '../__testUtils__/fakeDate';
import { CatalogMirror } from './CatalogMirror';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const known = (name: string) => ({
  entityRef: `component:default/${name}`,
  kind: 'component',
});

describe('CatalogMirror', () => {
  afterEach(() => jest.useRealTimers());

  it('answers from the model it holds while it re-reads a stale one, and then from the new one', async () => {
    fakeDateOnly(Date.UTC(2026, 10, 2));
    const knex = await databases.init('SQLITE_3');
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    await stores.catalogMirror.replaceMirror(
      [known('a')],
      new Map([['component:default/a', new Set(['component:default/a'])]]),
    );
    const model = new CatalogMirror({
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      mirror: stores.catalogMirror,
      logger: mockServices.logger.mock(),
    });
    const first = await model.current();
    expect([...first.entities.keys()]).toEqual(['component:default/a']);

    // another replica's sync replaces the stored model
    await stores.catalogMirror.replaceMirror(
      [known('b')],
      new Map([['component:default/b', new Set(['component:default/b'])]]),
    );
    expect(await model.current()).toBe(first); // within the TTL
    jest.setSystemTime(Date.now() + 31_000);
    const loads = jest.spyOn(stores.catalogMirror, 'loadMirror');
    // stale: the held model answers at once, and one re-read starts
    expect(await model.current()).toBe(first);
    expect(await model.current()).toBe(first);
    expect(loads).toHaveBeenCalledTimes(1);
    await loads.mock.results[0].value;
    await new Promise(r => setImmediate(r));
    const next = await model.current();
    expect([...next.entities.keys()]).toEqual(['component:default/b']);
  });

  it('syncs for an unknown ref only when the catalog has that entity', async () => {
    const knex = await databases.init('SQLITE_3');
    const stores = await createScorecardStores({
      database: { getClient: async () => knex },
    });
    const component = (name: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: { type: 'service', owner: 'group:default/team' },
    });
    // the catalog has b; the model, as of the last sync, only a
    const catalog = catalogServiceMock({
      entities: [component('a'), component('b')],
    });
    await stores.catalogMirror.replaceMirror(
      [known('a')],
      new Map([['component:default/a', new Set(['component:default/a'])]]),
    );
    const model = new CatalogMirror({
      catalog,
      auth: mockServices.auth(),
      mirror: stores.catalogMirror,
      logger: mockServices.logger.mock(),
      minIntervalMs: 0,
    });
    const syncs = jest.spyOn(catalog, 'getEntities');

    // made-up refs (a typo, a hostile client) cost a lookup, never a full sync
    for (let i = 0; i < 5; i++) {
      expect(await model.refreshFor([`component:default/nope-${i}`])).toBe(
        false,
      );
    }
    expect(await model.refreshFor(['not a ref', ':'])).toBe(false);
    expect(syncs).not.toHaveBeenCalled();

    // an entity the catalog has but the model does not yet: one sync, and the model knows it
    expect((await model.current()).entities.has('component:default/b')).toBe(
      false,
    );
    expect(
      await model.refreshFor(['component:default/nope', 'component:default/b']),
    ).toBe(true);
    expect(syncs).toHaveBeenCalledTimes(1);
    expect((await model.current()).entities.has('component:default/b')).toBe(
      true,
    );

    // thousands of unknown refs (one large batch): lookups of at most 500 refs each
    const lookups = jest.spyOn(catalog, 'getEntitiesByRefs');
    const many = Array.from(
      { length: 1_200 },
      (_, i) => `component:default/new-${i}`,
    );
    expect(await model.refreshFor(many)).toBe(false);
    expect(lookups.mock.calls.map(([r]) => r.entityRefs.length)).toEqual([
      500, 500, 200,
    ]);
    // and the first lookup that finds an entity ends them
    lookups.mockClear();
    expect(await model.refreshFor(['component:default/a', ...many])).toBe(true);
    expect(lookups).toHaveBeenCalledTimes(1);
  });
});
