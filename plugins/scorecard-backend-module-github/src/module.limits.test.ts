import { TestDatabases } from '@backstage/backend-test-utils';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import { setupFakeApiServer } from '@opmodel/plugin-scorecard-node/testing';
import {
  ms,
  runCollector,
  seed,
  startGithubBackend,
} from './__testUtils__/githubTestBackend';
import { FakeGithub } from './__testUtils__/fakeGithub';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const github = new FakeGithub();
setupFakeApiServer(...github.handlers());

describe('GitHub deployments collector, when GitHub fails or limits', () => {
  it('retries a 5xx, waits out a short secondary limit, and stops at a long primary limit, going on where it stopped', async () => {
    github.reset();
    const { shop, shopDeployments: d } = seed(github);
    const now = () => Math.ceil(Date.now() / 1000);
    // the first deployments list answers 502 once: asked again after a back-off
    github.faults.push({
      matches: p => p === '/repos/acme/shop/deployments',
      response: () =>
        new Response(JSON.stringify({ message: 'Server Error' }), {
          status: 502,
        }),
    });
    // a secondary rate limit with retry-after 1 s: waited out within the run
    github.faults.push({
      matches: p =>
        p === `/repos/acme/shop/deployments/${d.second.id}/statuses`,
      response: () =>
        new Response(
          JSON.stringify({
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          }),
          { status: 403, headers: { 'retry-after': '1' } },
        ),
    });
    // the primary limit spent, resetting in 4 s (longer than maxRateLimitWait): the run stops
    github.faults.push({
      matches: p => p === `/repos/acme/shop/deployments/${d.third.id}/statuses`,
      response: () =>
        new Response(
          JSON.stringify({
            message: 'API rate limit exceeded for installation ID 1.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
          }),
          {
            status: 403,
            headers: {
              'x-ratelimit-limit': '5000',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-used': '5000',
              'x-ratelimit-reset': String(now() + 4),
            },
          },
        ),
    });
    const backend = await startGithubBackend(databases, 'SQLITE_3');
    try {
      const first = await waitFor(
        'a run that met the primary rate limit',
        async () => {
          const c = await runCollector(backend);
          return c.get('component:default/shop')!.lastError ? c : undefined;
        },
        60_000,
      );
      expect(first.get('component:default/shop')!.lastError).toMatch(
        /^GitHub rate limit reached on github\.com; reading goes on after .* \(repository acme\/shop; 3 deployments written before it\)$/,
      );
      // the 502 and the secondary limit were each asked again once
      const listAnswers = github.requests
        .filter(r => r.path === '/repos/acme/shop/deployments')
        .map(r => r.status);
      expect(listAnswers.slice(0, 2)).toEqual([502, 200]);
      const secondAnswers = github.requests
        .filter(
          r =>
            r.path === `/repos/acme/shop/deployments/${d.second.id}/statuses`,
        )
        .map(r => r.status);
      expect(secondAnswers).toEqual([403, 200]);
      const written = await backend.deploymentsOf('component:default/shop');
      expect(written.map(e => e.result)).toEqual([
        'success',
        'success',
        'failure',
      ]);

      // later runs go on after the reset, from the deployment the limit stopped at
      const coverage = await waitFor(
        'a run after the rate limit reset',
        async () => {
          const c = await runCollector(backend);
          return c.get('component:default/shop')!.lastError ? undefined : c;
        },
        60_000,
      );
      expect(coverage.get('component:default/shop')!.lastWrittenCount).toBe(2);
      const all = await backend.deploymentsOf('component:default/shop');
      expect(all.map(e => e.result)).toEqual([
        'success',
        'success',
        'failure',
        'success',
        'rollback',
      ]);
      // what was read before the limit was not read again
      expect(
        github.requests.filter(
          r => r.path === `/repos/acme/shop/deployments/${d.first.id}/statuses`,
        ),
      ).toHaveLength(1);
      // the third's lead time still counts from what ran before it
      expect(ms(all[3].firstCommitAt)).toBe(Date.parse(shop.commits[4].time));
    } finally {
      await backend.stop();
    }
  });
});
