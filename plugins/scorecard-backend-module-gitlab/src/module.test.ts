import { TestDatabases } from '@backstage/backend-test-utils';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import { setupFakeApiServer } from '@opmodel/plugin-scorecard-node/testing';
import {
  WEBHOOK_SECRET,
  commitTime,
  idOf,
  ms,
  runCollector,
  seed,
  startGitlabBackend,
} from './__testUtils__/gitlabTestBackend';
import { FakeGitlab } from './__testUtils__/fakeGitlab';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const gitlab = new FakeGitlab();
setupFakeApiServer(...gitlab.handlers());

describe.each(databases.eachSupportedId())(
  'GitLab deployments collector on %s',
  databaseId => {
    it('reads production deployments page by page, with lead time and rollbacks, then only what was updated since; a Deployment Hook and the next pull store a deployment once', async () => {
      gitlab.reset();
      const { shop, d, apiDeployments } = seed(gitlab);
      const backend = await startGitlabBackend(databases, databaseId);
      try {
        const coverage = await runCollector(backend);

        // acme/shop: production and prod, not staging; canceled and running left out
        const shopEvents = await backend.deploymentsOf(
          'component:default/shop',
        );
        expect(shopEvents.map(e => [e.id, e.result, e.environment])).toEqual([
          [idOf(d.first.id, 'shop'), 'success', 'production'],
          [idOf(d.second.id, 'shop'), 'success', 'production'],
          [idOf(d.failed.id, 'shop'), 'failure', 'production'],
          [idOf(d.third.id, 'shop'), 'success', 'production'],
          [idOf(d.rollback.id, 'shop'), 'rollback', 'production'],
        ]);
        expect(shopEvents.every(e => e.source === 'gitlab')).toBe(true);
        // production's five deployments on three pages of two, asked oldest update first
        const productionPages = gitlab.requests.filter(
          r =>
            r.path === '/projects/acme/shop/deployments' &&
            r.query.get('environment') === 'production',
        );
        expect(productionPages.map(r => r.query.get('page'))).toEqual([
          null,
          '2',
          '3',
        ]);
        expect(productionPages[0].query.get('order_by')).toBe('updated_at');
        expect(productionPages[0].query.get('sort')).toBe('asc');
        expect(
          gitlab.requests.every(
            r => r.authorization === 'Bearer glpat-test-token',
          ),
        ).toBe(true);
        const byId = new Map(shopEvents.map(e => [e.id, e]));
        const event = (id: number) => byId.get(idOf(id, 'shop'))!;
        // the first deployment has no earlier one to compare with: no lead time
        expect(ms(event(d.first.id).firstCommitAt)).toBeUndefined();
        // c0ffee03 and 04 went out with the second (c0ffee02 was running)
        expect(ms(event(d.second.id).firstCommitAt)).toBe(commitTime(shop, 3));
        // the failed deployment does not move what runs: the third carries c0ffee05 and 06
        expect(ms(event(d.third.id).firstCommitAt)).toBe(commitTime(shop, 5));
        expect(ms(event(d.rollback.id).firstCommitAt)).toBeUndefined();
        // started and finished when the deploy job did, with a link to it
        expect(ms(event(d.third.id).startedAt)).toBe(
          Date.parse(d.third.deployable!.started_at!),
        );
        expect(ms(event(d.third.id).finishedAt)).toBe(
          Date.parse(d.third.created_at) + 300_000,
        );
        expect(event(d.third.id).url).toBe(d.third.deployable!.web_url);

        // acme/platform/api, named by its id 42
        const apiEvents = await backend.deploymentsOf('component:default/api');
        expect(apiEvents.map(e => [e.id, e.result])).toEqual([
          [idOf(apiDeployments.first.id, 'api'), 'success'],
          [idOf(apiDeployments.second.id, 'api'), 'success'],
        ]);
        expect(
          gitlab.requests.some(r => r.path === '/projects/42/deployments'),
        ).toBe(true);

        // coverage: every annotated entity, the missing project in words; docs is not read
        expect(coverage.get('component:default/shop')).toMatchObject({
          collector: 'gitlab',
          source: 'gitlab',
          lastWrittenCount: 5,
        });
        expect(coverage.get('component:default/api')).toMatchObject({
          lastWrittenCount: 2,
        });
        expect(coverage.get('component:default/gone')!.lastError).toBe(
          'project acme/gone not found with the configured token',
        );
        expect(
          (await backend.coverageOf('component:default/docs'))?.sources,
        ).toEqual([]);
        expect(gitlab.requests.some(r => r.path.includes('docs'))).toBe(false);

        // a second run with nothing new: it lists from the newest update it read, writes nothing
        const before = gitlab.requests.length;
        const second = await runCollector(backend);
        const lists = gitlab
          .since(before)
          .filter(r => r.path === '/projects/acme/shop/deployments');
        expect(lists.length).toBeGreaterThan(0);
        expect(
          lists.every(
            r =>
              Date.parse(r.query.get('updated_after')!) >
              Date.parse(d.first.updated_at),
          ),
        ).toBe(true);
        expect(
          gitlab
            .since(before)
            .filter(r => r.path.endsWith('/repository/compare')),
        ).toEqual([]);
        // nothing written: the last write is still the first run's
        expect(second.get('component:default/shop')!.lastRunAt).not.toBe(
          coverage.get('component:default/shop')!.lastRunAt,
        );
        expect(second.get('component:default/shop')!.lastWrittenAt).toBe(
          coverage.get('component:default/shop')!.lastWrittenAt,
        );
        expect(second.get('component:default/shop')!.lastError).toBeUndefined();
        expect(
          await backend.deploymentsOf('component:default/shop'),
        ).toHaveLength(5);

        // the running deployment finishes, and GitLab sends a Deployment Hook
        gitlab.setStatus(d.fourth, 'success', Date.now() - 60_000);
        const body = gitlab.deploymentHook(shop, d.fourth);
        const post = (token: string) =>
          backend.postWebhook('gitlab', body, {
            'X-Gitlab-Event': 'Deployment Hook',
            'X-Gitlab-Token': token,
          });
        const beforeHook = gitlab.requests.length;
        const bad = await post('not-the-secret');
        expect(bad.status).toBe(403);
        const good = await post(WEBHOOK_SECRET);
        expect(good.status).toBe(202);
        // the hook's project is read at once, as a run reads it
        const fourthId = idOf(d.fourth.id, 'shop');
        const afterHook = await waitFor(
          'the deployment the hook told of',
          async () => {
            const events = await backend.deploymentsOf(
              'component:default/shop',
            );
            return events.some(e => e.id === fourthId) ? events : undefined;
          },
          60_000,
        );
        expect(afterHook.map(e => e.id)).toContain(fourthId);
        expect(afterHook).toHaveLength(6);
        // the refused hook read nothing: one read listed production since
        expect(
          gitlab
            .since(beforeHook)
            .filter(
              r =>
                r.path === '/projects/acme/shop/deployments' &&
                r.query.get('environment') === 'production',
            ),
        ).toHaveLength(1);
        // after the rollback to c0ffee03, only the commits past the newest that ran (c0ffee06)
        // are new: c0ffee07 and 08
        expect(ms(afterHook.find(e => e.id === fourthId)!.firstCommitAt)).toBe(
          commitTime(shop, 7),
        );

        // the next scheduled pull finds it stored: still once
        const written = (await backend.coverageOf('component:default/shop'))!
          .sources[0].lastWrittenAt;
        const third = await runCollector(backend);
        expect(third.get('component:default/shop')!.lastWrittenAt).toBe(
          written,
        );
        const afterPull = await backend.deploymentsOf('component:default/shop');
        expect(afterPull.filter(e => e.id === fourthId)).toHaveLength(1);
        expect(afterPull).toHaveLength(6);
      } finally {
        await backend.stop();
      }
    });
  },
);
