import { mockServices } from '@backstage/backend-test-utils';
import type { SnapshotStore } from '../database/SnapshotStore';
import type { CatalogMirror } from '../service/CatalogMirror';
import type { SnapshotService } from '../service/SnapshotService';
import { NewEntitySnapshots } from './newEntitySnapshots';

/*
 * What the catalog sync computes after it ran: which days, for which entities, and when nothing.
 * The store and the computation are stand-ins; plugin.newEntityHistory.test.ts runs it for real.
 */

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const today = new Date().toISOString().slice(0, 10);

function setUp(stored: string[], without: string[]) {
  const snapshots = {
    snapshotDays: jest.fn(async () => new Set(stored)),
    entitiesWithoutSnapshots: jest.fn(async (refs: string[]) =>
      refs.filter(ref => without.includes(ref)),
    ),
  };
  const snapshot = jest.fn(async (days: string[], refs?: string[]) => ({
    days,
    entities: refs?.length ?? 0,
    skipped: (refs ?? [])
      .filter(ref => ref.includes('broken'))
      .flatMap(entityRef => days.map(day => ({ entityRef, day }))),
    computeMs: 0,
    writeMs: 0,
  }));
  const refs = ['component:default/old', ...without];
  const task = new NewEntitySnapshots({
    catalogMirror: {
      current: async () => ({
        entities: new Map(refs.map(ref => [ref, {}])),
      }),
    } as unknown as CatalogMirror,
    snapshots: snapshots as unknown as SnapshotStore,
    snapshotService: { snapshot } as unknown as SnapshotService,
    logger: mockServices.logger.mock(),
  });
  return { task, snapshots, snapshot };
}

describe('NewEntitySnapshots', () => {
  it("computes the new entities' stored past days, and only theirs", async () => {
    const { task, snapshot } = setUp(
      [yesterday, '2020-01-02', today],
      ['component:default/new'],
    );
    await task.run();
    expect(snapshot).toHaveBeenCalledWith(
      ['2020-01-02', yesterday],
      ['component:default/new'],
    );
  });

  it('computes nothing before the snapshot task has stored a day (a first start)', async () => {
    const { task, snapshots, snapshot } = setUp([], ['component:default/new']);
    await task.run();
    expect(snapshots.entitiesWithoutSnapshots).not.toHaveBeenCalled();
    expect(snapshot).not.toHaveBeenCalled();
  });

  it('computes nothing when every entity has snapshots', async () => {
    const { task, snapshot } = setUp([yesterday], []);
    await task.run();
    expect(snapshot).not.toHaveBeenCalled();
  });

  it('does not try an entity whose every day failed again at every sync', async () => {
    const { task, snapshot } = setUp(
      [yesterday],
      ['component:default/broken', 'component:default/new'],
    );
    await task.run();
    await task.run();
    expect(snapshot.mock.calls.map(([, refs]) => refs)).toEqual([
      ['component:default/broken', 'component:default/new'],
      ['component:default/new'],
    ]);
  });
});
