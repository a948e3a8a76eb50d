import type { KnownEntity } from '../database/types';
import { batchByMembers, withMembersAlongside } from './SnapshotService';

const entity = (name: string): KnownEntity => ({
  entityRef: `component:default/${name}`,
  kind: 'component',
});

describe('batchByMembers', () => {
  it('keeps every entity exactly once, in order', () => {
    const entities = Array.from({ length: 1234 }, (_, i) => entity(`c${i}`));
    const batches = batchByMembers(entities, new Map(), 10_000);
    expect(batches.flat()).toEqual(entities);
    // never more than 500 entities a batch, however small
    expect(batches.map(b => b.length)).toEqual([500, 500, 234]);
    // the default member budget: 200
    expect(batchByMembers(entities, new Map()).map(b => b.length)).toEqual([
      200, 200, 200, 200, 200, 200, 34,
    ]);
  });

  it('gives owners with many members smaller batches, and a huge owner its own', () => {
    const big = (name: string, n: number) => ({
      ...entity(name),
      members: Array.from(
        { length: n },
        (_, i) => `component:default/${name}-${i}`,
      ),
    });
    const owners = [
      big('a', 900),
      big('b', 900),
      big('c', 900),
      big('d', 5000),
      big('e', 10),
    ];
    const members = new Map(owners.map(o => [o.entityRef, o.members]));
    const batches = batchByMembers(
      owners.map(({ members: _, ...e }) => e),
      members,
      2000,
    );
    expect(batches.map(b => b.map(e => e.entityRef.split('/')[1]))).toEqual([
      ['a', 'b'],
      ['c'],
      ['d'],
      ['e'],
    ]);
  });

  it('counts a member once however many entities of the batch it counts towards', () => {
    const shared = Array.from(
      { length: 150 },
      (_, i) => `component:default/m${i}`,
    );
    const owners = [entity('x'), entity('y'), entity('z')];
    const members = new Map([
      ['component:default/x', shared],
      ['component:default/y', shared],
      ['component:default/z', [...shared, 'component:default/other']],
    ]);
    // 151 distinct members: one batch, where counting each owner's would have made three
    expect(batchByMembers(owners, members).map(b => b.length)).toEqual([3]);
  });
});

describe('withMembersAlongside', () => {
  it('puts the member entities of each owner right after it, largest owner first, each once', () => {
    const refs = ['p', 'g', 'c1', 'c2', 'c3', 'c4', 'c5'];
    const entities = refs.map(entity);
    const r = (n: string) => `component:default/${n}`;
    const members = new Map([
      [r('p'), [r('p'), r('c1'), r('c2')]],
      // a member that is not an entity of the list is skipped
      [r('g'), [r('g'), r('c2'), r('c3'), r('c4'), r('gone')]],
    ]);
    const order = withMembersAlongside(entities, members).map(
      e => e.entityRef.split('/')[1],
    );
    expect(order).toEqual(['g', 'c2', 'c3', 'c4', 'p', 'c1', 'c5']);
  });
});
