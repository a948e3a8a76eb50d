import type { KnownEntity } from '../database/types';
import { batchByMembers } from './ScorecardService';

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
});
