import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createScorecardStores } from '../database/createScorecardStores';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DORA_2024, type Portfolio } from '@opmodel/plugin-scorecard-common';
import { DatabaseEventStore } from '../database/DatabaseEventStore';
import type {
  DeploymentWrite,
  EventBatch,
  IncidentWrite,
} from '../database/types';
import { CatalogMirror } from './CatalogMirror';
import { createScorecardServices } from './createScorecardServices';
import { fakeDateOnly } from '../__testUtils__/fakeDate';

/*
 * The portfolio reuses what its last request computed for platforms whose inputs did not change.
 * Whatever happens in between (writes, incident updates, the window moving, membership changes,
 * open incidents), a portfolio read must equal what a service with nothing remembered computes.
 * Only Date is faked: the clock windows are measured by and the one received_at is written with.
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const L = 7 * DAY;
const T0 = Date.UTC(2026, 10, 2, 12);

const platforms = [0, 1, 2];
const componentsOf = (p: number) => [0, 1, 2].map(k => `c-${p}-${k}`);
const entities: Entity[] = [
  ...platforms.map(p => ({
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: `p-${p}`, namespace: 'default', uid: `p-${p}` },
    spec: { owner: 'group:default/team', lifecycle: 'production' },
    relations: componentsOf(p).map(c => ({
      type: 'includes',
      targetRef: `component:default/${c}`,
    })),
  })),
  ...platforms.flatMap(p =>
    componentsOf(p).map(c => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: c, namespace: 'default', uid: c },
      spec: { type: 'service', owner: 'group:default/team' },
    })),
  ),
];

const deployment = (
  id: string,
  component: string,
  finishedAt: number,
  result: DeploymentWrite['result'] = 'success',
): DeploymentWrite => ({
  source: 'ci',
  id,
  entityRef: `component:default/${component}`,
  environment: 'production',
  result,
  startedAt: null,
  finishedAt,
  firstCommitAt: finishedAt - 3 * H,
  fixesIncident: null,
  url: null,
});

const incident = (
  id: string,
  component: string,
  triggeredAt: number,
  resolvedAt: number | null,
  causedByDeployment: string | null = null,
): IncidentWrite => ({
  source: 'pager',
  id,
  entityRef: `component:default/${component}`,
  severity: 'sev2',
  impact: 'outage',
  triggeredAt,
  acknowledgedAt: triggeredAt + 5 * MIN,
  mitigatedAt: null,
  resolvedAt,
  causedByDeployment,
  title: null,
  url: null,
});

const batch = (b: Partial<EventBatch>): EventBatch => ({
  deployments: [],
  incidents: [],
  availability: [],
  ...b,
});

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

    async function setUp(
      extra: {
        rawEventDays?: number;
        largeReadMembers?: number;
        portfolioMaxAgeMs?: number;
      } = {},
    ) {
      fakeDateOnly(T0);
      const knex = await databases.init(databaseId);
      const stores = await createScorecardStores({
        database: { getClient: async () => knex },
      });
      const store = stores.events;
      const catalog = catalogServiceMock({ entities });
      const catalogMirror = new CatalogMirror({
        catalog,
        auth: mockServices.auth(),
        mirror: stores.catalogMirror,
        logger: mockServices.logger.mock(),
      });
      await catalogMirror.sync();
      const options = {
        environments: ['production'],
        partialOutageWeight: 0.5,
        defaultWindowDays: 7,
        profile: DORA_2024,
        // what the checks find, apart from the age limit (which has a test of its own)
        portfolioMaxAgeMs: 365 * DAY,
        ...extra,
      };
      const service = createScorecardServices(stores, catalogMirror, options);
      const reads = jest.spyOn(store, 'readEvents');
      /** The portfolio now, and the owners it had to read events for. */
      const read = async () => {
        reads.mockClear();
        const window = { from: Date.now() - L, to: Date.now() };
        const cached = await service.portfolio.getPortfolio(window);
        // owners read whole (recomputed), and owners whose availability alone was re-read
        const owners = (availabilityOnly: boolean) =>
          reads.mock.calls
            .filter(([, query]) => !!query.kinds === availabilityOnly)
            .flatMap(([o]) => [...o.keys()])
            .sort();
        const recomputed = owners(false);
        const refreshed = owners(true);
        // the oracle: a service that remembers nothing, on the same store and model
        const fresh = await createScorecardServices(
          stores,
          catalogMirror,
          options,
        ).portfolio.getPortfolio(window);
        expect(cached).toEqual(fresh);
        return { portfolio: cached, recomputed, refreshed };
      };
      const advance = (ms: number) => jest.setSystemTime(Date.now() + ms);
      return {
        store,
        stores,
        catalog,
        catalogMirror,
        service,
        reads,
        read,
        advance,
      };
    }

    const figure = (portfolio: Portfolio, platform: string, metric: string) =>
      portfolio.platforms
        .find(p => p.entityRef === `platform:default/${platform}`)!
        .metrics.find(m => m.metric === metric)!;

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
