import { TestDatabases } from '@backstage/backend-test-utils';
import {
  batch,
  DAY,
  deployment,
  figure,
  H,
  incident,
  L,
  MIN,
  setUpPortfolio,
  T0,
} from '../__testUtils__/portfolioTestService';

/*
 * The portfolio reuses what its last request computed for platforms whose inputs did not change.
 * Whatever happens in between, a portfolio read must equal what a service with nothing remembered
 * computes (setUpPortfolio's `read` checks it). Here: writes, late commits, events moved to
 * another entity, too many writes to list, catalog membership changes and availability samples.
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'the portfolio on %s',
  databaseId => {
    afterEach(() => {
      jest.useRealTimers();
    });

    const setUp = (extra?: Parameters<typeof setUpPortfolio>[2]) =>
      setUpPortfolio(databases, databaseId, extra);

    it('recomputes only the platforms whose events were written since, and nothing when none were', async () => {
      const { store, read, advance } = await setUp();
      await store.writeBatch(
        batch({
          deployments: [
            deployment('a', 'c-0-0', T0 - 2 * DAY),
            deployment('b', 'c-1-0', T0 - 3 * DAY),
          ],
        }),
      );
      advance(H);
      const first = await read();
      expect(first.recomputed).toEqual([
        'platform:default/p-0',
        'platform:default/p-1',
        'platform:default/p-2',
      ]);
      expect(figure(first.portfolio, 'p-1', 'deploymentFrequency').count).toBe(
        1,
      );

      advance(5 * MIN);
      expect((await read()).recomputed).toEqual([]);

      await store.writeBatch(
        batch({ deployments: [deployment('c', 'c-1-2', Date.now() - H)] }),
      );
      const afterWrite = await read();
      expect(afterWrite.recomputed).toEqual(['platform:default/p-1']);
      expect(
        figure(afterWrite.portfolio, 'p-1', 'deploymentFrequency').count,
      ).toBe(2);

      // counted once, the write is no change at the next read (though still in the lookback)
      advance(5 * MIN);
      expect((await read()).recomputed).toEqual([]);
    });

    it('counts a write that committed after a read though it was received before it', async () => {
      // a slower replica's batch: received_at taken before this replica's check, committed after
      const { store, read, advance } = await setUp();
      advance(H);
      await read();
      advance(2 * MIN);
      await read();
      const checked = Date.now();
      jest.setSystemTime(checked - 8_000); // received_at, 8 s before the check
      await store.writeBatch(
        batch({ deployments: [deployment('late', 'c-2-0', checked - H)] }),
      );
      jest.setSystemTime(checked + 3 * MIN);
      const after = await read();
      expect(after.recomputed).toEqual(['platform:default/p-2']);
      expect(figure(after.portfolio, 'p-2', 'deploymentFrequency').count).toBe(
        1,
      );
      // an update received in the same millisecond as the write a check counted, committed after
      // that check, is a change again
      const received = checked + 10 * MIN;
      jest.setSystemTime(received);
      await store.writeBatch(
        batch({ deployments: [deployment('again', 'c-1-0', received - H)] }),
      );
      jest.setSystemTime(received + 2_000);
      expect((await read()).recomputed).toEqual(['platform:default/p-1']);
      jest.setSystemTime(received);
      await store.writeBatch(
        batch({
          deployments: [deployment('again', 'c-1-0', received - H, 'failure')],
        }),
      );
      jest.setSystemTime(received + 5_000);
      const updated = await read();
      expect(updated.recomputed).toEqual(['platform:default/p-1']);
      // the deployment failed after all: no successful one left
      expect(
        figure(updated.portfolio, 'p-1', 'deploymentFrequency').count,
      ).toBe(0);
      advance(MIN);
      expect((await read()).recomputed).toEqual([]);
    });

    it('moves an event sent again for another entity off its old platform within 15 minutes', async () => {
      const { store, service, reads, read, advance } = await setUp({
        portfolioMaxAgeMs: undefined, // the default: 10 minutes
      });
      await store.writeBatch(
        batch({ deployments: [deployment('m', 'c-0-0', T0 - DAY)] }),
      );
      advance(H);
      await read();
      // the same deployment, sent again for a component of another platform: nothing of the
      // old platform was written, so the check cannot see it; its entry ages out instead
      await store.writeBatch(
        batch({ deployments: [deployment('m', 'c-1-0', T0 - DAY)] }),
      );
      advance(MIN);
      const window = { from: Date.now() - L, to: Date.now() };
      const soon = await service.portfolio.getPortfolio(window);
      expect(figure(soon, 'p-1', 'deploymentFrequency').count).toBe(1);
      expect(figure(soon, 'p-0', 'deploymentFrequency').count).toBe(1);
      // entries older than 10 minutes are recomputed, a tenth of the platforms per read or
      // refresh (the task runs every 30 s), so every platform is as computed afresh by then
      const perRefresh: number[] = [];
      for (let i = 0; i < 15; i++) {
        advance(MIN);
        reads.mockClear();
        await service.portfolio.refreshPortfolios();
        perRefresh.push(
          reads.mock.calls.flatMap(([owners]) => [...owners.keys()]).length,
        );
      }
      // one platform at a time (a tenth of three, rounded up), once each had aged
      expect(Math.max(...perRefresh)).toBe(1);
      expect(perRefresh.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(3);
      const later = await read();
      expect(figure(later.portfolio, 'p-0', 'deploymentFrequency').count).toBe(
        0,
      );
    });

    it('takes every write of the lookback for a change when there are too many to list', async () => {
      const { store, stores, read, advance } = await setUp();
      advance(H);
      await read();
      const many = Array.from({ length: 5_001 }, (_, i) => ({
        source: 'probe',
        entityRef: 'component:default/c-0-1',
        start: Date.now() - 2 * H - i * 1000,
        lengthMs: 1000,
        good: 1,
        total: 1,
      }));
      await store.writeBatch(
        batch({
          availability: many,
          deployments: [deployment('d', 'c-1-1', Date.now() - H)],
        }),
      );
      const spy = jest.spyOn(stores.changes, 'changedOwners');
      advance(MIN);
      const after = await read();
      // (p-0 had no availability data before: its uptime came from incidents, so it is recomputed)
      expect(after.recomputed).toEqual([
        'platform:default/p-0',
        'platform:default/p-1',
      ]);
      // the check fell back to "anything written since", once
      expect(spy.mock.calls.map(([, q]) => q.since !== undefined)).toEqual([
        true,
      ]);
      advance(MIN);
      const next = await read();
      expect([...next.refreshed, ...next.recomputed]).toEqual([]);
    });

    it('recomputes a platform whose members changed in the catalog', async () => {
      const { store, catalog, catalogMirror, read, advance } = await setUp();
      await store.writeBatch(
        batch({
          deployments: [
            deployment('x', 'c-0-0', T0 - DAY),
            deployment('y', 'c-0-1', T0 - DAY),
          ],
        }),
      );
      advance(H);
      const first = await read();
      expect(figure(first.portfolio, 'p-0', 'deploymentFrequency').count).toBe(
        2,
      );
      await catalog.removeEntityByUid('c-0-1');
      await catalogMirror.sync();
      advance(5 * MIN);
      const later = await read();
      expect(later.recomputed).toEqual(['platform:default/p-0']);
      expect(figure(later.portfolio, 'p-0', 'deploymentFrequency').count).toBe(
        1,
      );
    });

    it('re-reads only availability for a platform whose only new events are availability samples', async () => {
      const { store, read, advance } = await setUp();
      const probe = (component: string, start: number, good: number) => ({
        source: 'probe',
        entityRef: `component:default/${component}`,
        start,
        lengthMs: 0,
        good,
        total: 1,
      });
      await store.writeBatch(
        batch({
          deployments: [deployment('d', 'c-0-0', T0 - DAY)],
          availability: [probe('c-0-1', T0 - DAY, 1)],
          // p-1 has no samples: its uptime comes from this incident
          incidents: [incident('gone', 'c-1-0', T0 - DAY, T0 - DAY + H)],
        }),
      );
      advance(H);
      const first = await read();
      expect(figure(first.portfolio, 'p-0', 'uptime').value).toBe(1);
      advance(5 * MIN);
      await store.writeBatch(
        batch({
          availability: [
            probe('c-0-2', Date.now() - MIN, 0),
            probe('c-1-1', Date.now() - MIN, 1),
          ],
        }),
      );
      const later = await read();
      // p-0: uptime from its samples, re-read alone; p-1: its first sample changes its uptime's
      // basis, so it is computed whole
      expect(later.refreshed).toEqual(['platform:default/p-0']);
      expect(later.recomputed).toEqual(['platform:default/p-1']);
      expect(figure(later.portfolio, 'p-0', 'uptime').value).toBe(0.5);
      expect(figure(later.portfolio, 'p-1', 'uptime').value).toBe(1);
    });
  },
);
