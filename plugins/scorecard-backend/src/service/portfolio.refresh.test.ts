import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseEventStore } from '../database/DatabaseEventStore';
import {
  batch,
  DAY,
  deployment,
  figure,
  H,
  L,
  MIN,
  setUpPortfolio,
  T0,
} from '../__testUtils__/portfolioTestService';

/*
 * The portfolio reuses what its last request computed for platforms whose inputs did not change.
 * Whatever happens in between, a portfolio read must equal what a service with nothing remembered
 * computes (setUpPortfolio's `read` checks it). Here: the refresh task computing ahead of the
 * reads, large reads one at a time, and reads arriving together sharing one computation.
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

    it('answers from a refresh done ahead of the read, and still counts what was written after it', async () => {
      const { store, service, reads, read, advance } = await setUp();
      const refreshed = async () => {
        reads.mockClear();
        await service.portfolio.refreshPortfolios();
        return reads.mock.calls.flatMap(([o]) => [...o.keys()]).sort();
      };
      const all = [
        'platform:default/p-0',
        'platform:default/p-1',
        'platform:default/p-2',
      ];
      await store.writeBatch(
        batch({ deployments: [deployment('a', 'c-0-0', T0 - 2 * DAY)] }),
      );
      advance(H);
      // the refresh task's first run: the default window (7 days here), every platform
      expect(await refreshed()).toEqual(all);

      advance(5 * MIN);
      const ahead = await read();
      expect(ahead.recomputed).toEqual([]);
      expect(figure(ahead.portfolio, 'p-0', 'deploymentFrequency').count).toBe(
        1,
      );

      // a write after the refresh counts at the next read, refreshed or not
      advance(5 * MIN);
      await store.writeBatch(
        batch({ deployments: [deployment('b', 'c-2-1', Date.now() - H)] }),
      );
      expect(await refreshed()).toEqual(['platform:default/p-2']);
      const after = await read();
      expect(after.recomputed).toEqual([]);
      expect(figure(after.portfolio, 'p-2', 'deploymentFrequency').count).toBe(
        1,
      );
      advance(5 * MIN);
      expect(await refreshed()).toEqual([]);

      // another window length a request read (ending now) is kept current too, until an hour
      // without a read
      const month = { from: Date.now() - 30 * DAY, to: Date.now() };
      await service.portfolio.getPortfolio(month);
      // a window that ended before the read (a past fortnight) is not: refreshing it would not help
      await service.portfolio.getPortfolio({
        from: Date.now() - 2 * H - 14 * DAY,
        to: Date.now() - 2 * H,
      });
      advance(20 * MIN);
      await store.writeBatch(
        batch({ deployments: [deployment('c', 'c-1-1', Date.now() - H)] }),
      );
      expect(await refreshed()).toEqual([
        'platform:default/p-1',
        'platform:default/p-1',
      ]);
      advance(45 * MIN);
      await store.writeBatch(
        batch({ deployments: [deployment('d', 'c-1-2', Date.now() - H)] }),
      );
      expect(await refreshed()).toEqual(['platform:default/p-1']);
    });

    it('runs large reads one at a time, and lets small reads past them', async () => {
      // every platform has four member entities (itself and three components): all three are a
      // read of twelve, "large" here
      const { store, catalogMirror, service } = await setUp({
        largeReadMembers: 10,
      });
      const model = await catalogMirror.current();
      const platformEntities = [...model.entities.values()].filter(
        e => e.kind === 'platform',
      );
      const component = model.entities.get('component:default/c-1-1')!;
      const log: string[] = [];
      let open = () => {};
      const gate = new Promise<void>(resolve => {
        open = resolve;
      });
      const original = DatabaseEventStore.prototype.readEvents.bind(store);
      let calls = 0;
      jest.spyOn(store, 'readEvents').mockImplementation(async (owners, q) => {
        const name = owners.size > 1 ? `large-${++calls}` : 'small';
        log.push(`${name} starts`);
        if (name === 'large-1') await gate;
        const events = await original(owners, q);
        log.push(`${name} ends`);
        return events;
      });
      const window = { from: T0 - L, to: T0 };
      const first = service.scorecards.computeMany(platformEntities, window);
      const second = service.scorecards.computeMany(platformEntities, window);
      // the first large read is held; a component's card is not held up behind it
      await service.scorecards.computeMany([component], window);
      expect(log.slice().sort()).toEqual([
        'large-1 starts',
        'small ends',
        'small starts',
      ]);
      open();
      const [a, b] = await Promise.all([first, second]);
      expect(log.slice(3)).toEqual([
        'large-1 ends',
        'large-2 starts',
        'large-2 ends',
      ]);
      expect(a.map(c => c.entityRef)).toEqual(b.map(c => c.entityRef));
      expect(a).toHaveLength(3);
    });

    it('computes every platform once when reads of one window length arrive together', async () => {
      const { store, service, reads, advance } = await setUp();
      await store.writeBatch(
        batch({ deployments: [deployment('a', 'c-0-0', T0 - 2 * DAY)] }),
      );
      advance(H);
      reads.mockClear();
      const window = () => ({ from: Date.now() - L, to: Date.now() });
      // the refresh task's first computation (the default window) and two page reads, each
      // started before the others have finished
      const [, first, second] = await Promise.all([
        service.portfolio.refreshPortfolios(),
        service.portfolio.getPortfolio(window()),
        service.portfolio.getPortfolio(window()),
      ]);
      const recomputed = reads.mock.calls
        .filter(([, query]) => !query.kinds)
        .flatMap(([owners]) => [...owners.keys()])
        .sort();
      expect(recomputed).toEqual([
        'platform:default/p-0',
        'platform:default/p-1',
        'platform:default/p-2',
      ]);
      expect(second).toEqual(first);
      expect(figure(first, 'p-0', 'deploymentFrequency').count).toBe(1);
      // a whole computation that fails leaves the reads waiting for it to compute again, once
      reads.mockClear();
      reads.mockRejectedValueOnce(new Error('database gone'));
      const short = () => ({ from: Date.now() - 3 * DAY, to: Date.now() });
      const failed = service.portfolio.getPortfolio(short());
      const next = [
        service.portfolio.getPortfolio(short()),
        service.portfolio.getPortfolio(short()),
      ];
      await expect(failed).rejects.toThrow('database gone');
      const [third, fourth] = await Promise.all(next);
      expect(figure(third, 'p-0', 'deploymentFrequency').count).toBe(1);
      expect(fourth).toEqual(third);
      // the failed whole computation and one more
      expect(reads.mock.calls.filter(([, query]) => !query.kinds)).toHaveLength(
        2,
      );
    });
  },
);
