import { TestDatabases } from '@backstage/backend-test-utils';
import {
  batch,
  componentsOf,
  DAY,
  deployment,
  figure,
  H,
  incident,
  L,
  MIN,
  platforms,
  setUpPortfolio,
  T0,
} from '../__testUtils__/portfolioTestService';
import type { IncidentWrite } from '../database/types';

/*
 * The portfolio reuses what its last request computed for platforms whose inputs did not change.
 * Whatever happens in between, a portfolio read must equal what a service with nothing remembered
 * computes (setUpPortfolio's `read` checks it). Here: the window moving over events and open
 * incidents, windows past the retention age, and a long run of random writes and clock moves.
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A small deterministic generator (mulberry32), so a failing round can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(databases.eachSupportedId())(
  'the portfolio on %s',
  databaseId => {
    afterEach(() => {
      jest.useRealTimers();
    });

    const setUp = (extra?: Parameters<typeof setUpPortfolio>[2]) =>
      setUpPortfolio(databases, databaseId, extra);

    it('recomputes a platform whose events enter or leave the moving window', async () => {
      const { store, read, advance } = await setUp();
      // p-2's only deployment is 2 minutes from the window's start when it is first read
      await store.writeBatch(
        batch({
          deployments: [
            deployment('old', 'c-2-1', T0 + H - L + 2 * MIN),
            deployment('mid', 'c-0-1', T0 - 3 * DAY),
          ],
        }),
      );
      advance(H);
      const first = await read();
      expect(figure(first.portfolio, 'p-2', 'deploymentFrequency').count).toBe(
        1,
      );
      advance(5 * MIN);
      const later = await read();
      expect(later.recomputed).toEqual(['platform:default/p-2']);
      expect(figure(later.portfolio, 'p-2', 'deploymentFrequency').state).toBe(
        'not-enough-data',
      );

      // an incident triggered before the window and resolved inside it is cut at the window's
      // start; as the window moves, its share changes
      await store.writeBatch(
        batch({
          incidents: [
            incident(
              'long',
              'c-0-2',
              Date.now() - L - 2 * H,
              Date.now() - L + 3 * H,
            ),
          ],
        }),
      );
      advance(H);
      await read();
      advance(10 * MIN);
      expect((await read()).recomputed).toEqual(['platform:default/p-0']);
    });

    it('keeps recomputing a platform whose uptime an open incident moves, and follows its updates', async () => {
      const { store, read, advance } = await setUp();
      // p-1's uptime comes from its incidents; p-2's from probes, where an open incident does
      // not move with the clock
      await store.writeBatch(
        batch({
          incidents: [
            incident('open', 'c-1-1', T0 - 2 * H, null),
            incident('open-too', 'c-2-0', T0 - 2 * H, null),
          ],
          availability: [
            {
              source: 'probe',
              entityRef: 'component:default/c-2-1',
              start: T0 - DAY,
              lengthMs: 0,
              good: 1,
              total: 1,
            },
          ],
        }),
      );
      advance(H);
      const first = await read();
      const uptime = figure(first.portfolio, 'p-1', 'uptime').value!;
      advance(H);
      const later = await read();
      expect(later.recomputed).toEqual(['platform:default/p-1']);
      // an hour more of outage
      expect(figure(later.portfolio, 'p-1', 'uptime').value!).toBeLessThan(
        uptime,
      );
      // resolved by an update of the same incident, it stops moving
      await store.writeBatch(
        batch({
          incidents: [incident('open', 'c-1-1', T0 - 2 * H, Date.now() - H)],
        }),
      );
      const resolved = await read();
      advance(H);
      await read();
      advance(H);
      const settled = await read();
      expect(settled.recomputed).toEqual([]);
      expect(figure(settled.portfolio, 'p-1', 'uptime').value).toBe(
        figure(resolved.portfolio, 'p-1', 'uptime').value,
      );
    });

    it('always recomputes a window that reaches back past the retention age', async () => {
      const { read, advance } = await setUp({ rawEventDays: 5 });
      advance(H);
      await read();
      advance(H);
      expect((await read()).recomputed).toHaveLength(platforms.length);
    });

    it('equals a fresh computation through a long run of random writes and clock moves', async () => {
      const { store, read, advance } = await setUp();
      const next = random(20261123);
      const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
      const components = platforms.flatMap(componentsOf);
      const open: IncidentWrite[] = [];
      let reused = 0;
      for (let round = 0; round < 60; round++) {
        const now = Date.now();
        // somewhere in the window, around its edges most of the time
        const when = () =>
          Math.floor(
            pick([
              now - L + (next() - 0.3) * 2 * H,
              now - next() * 10 * MIN,
              now - next() * L,
            ]),
          );
        const b = batch({});
        // some rounds bring only availability samples, as probes would between deployments
        const probesOnly = next() < 0.4;
        for (let k = Math.floor(next() * 4); k > 0; k--) {
          const action = probesOnly ? 1 : next();
          if (action < 0.5) {
            b.deployments.push(
              deployment(
                `r${round}-${k}`,
                pick(components),
                when(),
                pick(['success', 'success', 'failure', 'rollback']),
              ),
            );
          } else if (action < 0.7) {
            const t = Math.min(when(), now - H);
            const i = incident(
              `i${round}-${k}`,
              pick(components),
              t,
              next() < 0.5
                ? null
                : Math.floor(Math.min(t + next() * 2 * H, now)),
            );
            b.incidents.push(i);
            if (i.resolvedAt === null) open.push(i);
          } else if (action < 0.85 && open.length > 0) {
            const i = open.shift()!;
            b.incidents.push({
              ...i,
              resolvedAt: Math.floor(now - next() * 30 * MIN),
            });
          } else {
            b.availability.push({
              source: 'probe',
              entityRef: `component:default/${pick(components)}`,
              start: when(),
              lengthMs: 0,
              good: next() < 0.9 ? 1 : 0,
              total: 1,
            });
          }
        }
        b.incidents = b.incidents.filter(
          i => i.resolvedAt === null || i.resolvedAt > i.triggeredAt,
        );
        await store.writeBatch(b);
        advance(pick([0, 30_000, 5 * MIN, 40 * MIN, 3 * H]));
        const { recomputed } = await read();
        reused += platforms.length - recomputed.length;
      }
      // the rounds exercised the cache, not only fresh computations
      expect(reused).toBeGreaterThan(20);
    });
  },
);
