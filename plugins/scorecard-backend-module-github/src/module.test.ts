import { TestDatabases } from '@backstage/backend-test-utils';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import { setupFakeApiServer } from '@opmodel/plugin-scorecard-node/testing';
import {
  deploymentStatusWebhook,
  sign,
} from './__testUtils__/deploymentStatusWebhook';
import {
  WEBHOOK_SECRET,
  idOf,
  ms,
  runCollector,
  seed,
  startGithubBackend,
} from './__testUtils__/githubTestBackend';
import { FakeGithub } from './__testUtils__/fakeGithub';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const github = new FakeGithub();
setupFakeApiServer(...github.handlers());

describe.each(databases.eachSupportedId())(
  'GitHub deployments collector on %s',
  databaseId => {
    it('reads production deployments page by page, with lead time and rollbacks, then only asks whether anything changed; a webhook and the next pull store a deployment once', async () => {
      github.reset();
      const { shop, shopDeployments: d, api, apiRuns } = seed(github);
      const backend = await startGithubBackend(databases, databaseId);
      try {
        const coverage = await runCollector(backend);

        // acme/shop: six deployments on two pages, five of them to production
        const shopEvents = await backend.deploymentsOf(
          'component:default/shop',
        );
        expect(shopEvents.map(e => [e.id, e.result, e.environment])).toEqual([
          [
            idOf(shop, 'deployments', d.first.id, 'shop'),
            'success',
            'production',
          ],
          [
            idOf(shop, 'deployments', d.second.id, 'shop'),
            'success',
            'production',
          ],
          [
            idOf(shop, 'deployments', d.failed.id, 'shop'),
            'failure',
            'production',
          ],
          [
            idOf(shop, 'deployments', d.third.id, 'shop'),
            'success',
            'production',
          ],
          [
            idOf(shop, 'deployments', d.rollback.id, 'shop'),
            'rollback',
            'production',
          ],
        ]);
        expect(shopEvents.every(e => e.source === 'github')).toBe(true);
        expect(
          github.requests.filter(r => r.path === '/repos/acme/shop/deployments')
            .length,
        ).toBe(2);
        expect(
          github.requests.every(
            r =>
              r.authorization === 'Bearer ghp_test_token' &&
              r.apiVersion === '2022-11-28',
          ),
        ).toBe(true);
        const byId = new Map(shopEvents.map(e => [e.id, e]));
        const event = (id: number) =>
          byId.get(idOf(shop, 'deployments', id, 'shop'))!;
        // the first deployment has no earlier one to compare with: no lead time
        expect(ms(event(d.first.id).firstCommitAt)).toBeUndefined();
        // c0ffee03 and c0ffee04 went out with the second (c0ffee02 was running)
        expect(ms(event(d.second.id).firstCommitAt)).toBe(
          Date.parse(shop.commits[2].time),
        );
        // the failed deployment does not move what runs: the third carries c0ffee05 and 06
        expect(ms(event(d.third.id).firstCommitAt)).toBe(
          Date.parse(shop.commits[4].time),
        );
        expect(ms(event(d.rollback.id).firstCommitAt)).toBeUndefined();
        expect(ms(event(d.third.id).finishedAt)).toBe(
          Date.parse(d.third.created_at) + 300_000,
        );

        // acme/api: the deploy workflow's successful runs on main
        const apiEvents = await backend.deploymentsOf('component:default/api');
        expect(apiEvents.map(e => [e.id, e.result])).toEqual([
          [idOf(api, 'actions/runs', apiRuns.first.id, 'api'), 'success'],
          [idOf(api, 'actions/runs', apiRuns.second.id, 'api'), 'success'],
        ]);
        expect(ms(apiEvents[1].firstCommitAt)).toBe(
          Date.parse(api.commits[1].time),
        );

        // coverage: every annotated entity, the missing repository in words; docs is not read
        expect(coverage.get('component:default/shop')).toMatchObject({
          collector: 'github',
          source: 'github',
          lastWrittenCount: 5,
        });
        expect(coverage.get('component:default/api')).toMatchObject({
          lastWrittenCount: 2,
        });
        expect(coverage.get('component:default/gone')!.lastError).toBe(
          'repository acme/gone not found with the configured credentials',
        );
        expect(
          (await backend.coverageOf('component:default/docs'))?.sources,
        ).toEqual([]);
        expect(github.requests.some(r => r.path.includes('/docs'))).toBe(false);

        // a second run with nothing new: conditional requests only, answered 304, nothing written
        const before = github.requests.length;
        const second = await runCollector(backend);
        const asked = github
          .since(before)
          .filter(r => !r.path.includes('/gone'));
        expect(asked.length).toBeGreaterThan(0);
        expect(asked.every(r => r.ifNoneMatch && r.status === 304)).toBe(true);
        expect(second.get('component:default/shop')!.lastError).toBeUndefined();
        expect(
          await backend.deploymentsOf('component:default/shop'),
        ).toHaveLength(5);

        // a new production deployment, told by a webhook: a bad signature is refused
        const fourth = github.deploy(shop, {
          sha: shop.commits[7].sha,
          environment: 'production',
          createdAt: Date.now() - 10 * 60_000,
          state: 'success',
          finishedMs: 5 * 60_000,
        });
        const body = deploymentStatusWebhook(shop, fourth, 'success');
        const post = (signature: string) =>
          backend.postWebhook('github', body, {
            'X-GitHub-Event': 'deployment_status',
            'X-Hub-Signature-256': signature,
          });
        const beforeWebhook = github.requests.length;
        const bad = await post(sign(body, 'not-the-secret'));
        expect(bad.status).toBe(403);
        const good = await post(sign(body, WEBHOOK_SECRET));
        expect(good.status).toBe(202);
        const fourthId = idOf(shop, 'deployments', fourth.id, 'shop');
        const afterWebhook = await waitFor(
          'the deployment the webhook told of',
          async () => {
            const events = await backend.deploymentsOf(
              'component:default/shop',
            );
            return events.some(e => e.id === fourthId) ? events : undefined;
          },
          60_000,
        );
        expect(afterWebhook).toHaveLength(6);
        // the refused webhook started no run: one run read the deployments list since
        expect(
          github
            .since(beforeWebhook)
            .filter(
              r =>
                r.path === '/repos/acme/shop/deployments' && r.status === 200,
            ),
        ).toHaveLength(1);
        // lead time: c0ffee07 and 08 went out with it
        expect(
          ms(afterWebhook.find(e => e.id === fourthId)!.firstCommitAt),
        ).toBe(Date.parse(shop.commits[6].time));

        // the next scheduled pull finds it stored: still once
        await runCollector(backend);
        const afterPull = await backend.deploymentsOf('component:default/shop');
        expect(afterPull.filter(e => e.id === fourthId)).toHaveLength(1);
        expect(afterPull).toHaveLength(6);
      } finally {
        await backend.stop();
      }
    });
  },
);
