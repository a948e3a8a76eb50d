import { HttpResponse } from 'msw';
import { TestDatabases } from '@backstage/backend-test-utils';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import { setupFakeApiServer } from '@opmodel/plugin-scorecard-node/testing';
import {
  commitTime,
  ms,
  runCollector,
  seed,
  startGitlabBackend,
} from './__testUtils__/gitlabTestBackend';
import { FakeGitlab } from './__testUtils__/fakeGitlab';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const gitlab = new FakeGitlab();
setupFakeApiServer(...gitlab.handlers());

describe('GitLab deployments collector, when GitLab fails or limits', () => {
  it('retries a 5xx, waits out a short 429, and stops at a long one, going on where it stopped', async () => {
    gitlab.reset();
    const { shop, d } = seed(gitlab);
    const compareTo = (sha: string) => (p: string, q: URLSearchParams) =>
      p === '/projects/acme/shop/repository/compare' && q.get('to') === sha;
    // the headers are made when the request comes, so that the reset is that far ahead of it
    const rateLimited = (headers: () => Record<string, string>) => () =>
      // "Rate limits" of GitLab's docs: 429 with Retry-After and the RateLimit-* headers
      new HttpResponse('Retry later\n', {
        status: 429,
        headers: {
          'content-type': 'text/plain',
          'ratelimit-name': 'throttle_authenticated_api',
          'ratelimit-limit': '2000',
          'ratelimit-observed': '2001',
          'ratelimit-remaining': '0',
          ...headers(),
        },
      });
    const inSeconds = (s: number) => Math.ceil(Date.now() / 1000) + s;
    // the first production list answers 502 once: asked again after a back-off
    gitlab.faults.push({
      matches: (p, q) =>
        p === '/projects/acme/shop/deployments' &&
        q.get('environment') === 'production',
      response: () =>
        HttpResponse.json({ message: '502 Bad Gateway' }, { status: 502 }),
    });
    // a 429 with Retry-After 1 s: waited out within the run
    gitlab.faults.push({
      matches: compareTo(d.second.sha),
      response: rateLimited(() => ({
        'retry-after': '1',
        'ratelimit-reset': String(inSeconds(1)),
      })),
    });
    // a 429 resetting in 4 s (longer than maxRateLimitWait): the run stops the project
    gitlab.faults.push({
      matches: compareTo(d.third.sha),
      response: rateLimited(() => ({
        'ratelimit-reset': String(inSeconds(4)),
      })),
    });
    const backend = await startGitlabBackend(databases, 'SQLITE_3');
    try {
      const first = await runCollector(backend);
      expect(first.get('component:default/shop')!.lastError).toMatch(
        /^GitLab rate limit reached on gitlab\.com; reading goes on after .* \(project acme\/shop; 3 deployments written before it\)$/,
      );
      const listAnswers = gitlab.requests
        .filter(
          r =>
            r.path === '/projects/acme/shop/deployments' &&
            r.query.get('environment') === 'production',
        )
        .map(r => r.status);
      expect(listAnswers.slice(0, 2)).toEqual([502, 200]);
      const secondCompares = gitlab.requests
        .filter(r => compareTo(d.second.sha)(r.path, r.query))
        .map(r => r.status);
      expect(secondCompares).toEqual([429, 200]);
      expect(
        (await backend.deploymentsOf('component:default/shop')).map(
          e => e.result,
        ),
      ).toEqual(['success', 'success', 'failure']);

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
      // what was read before the limit was not compared again
      expect(
        gitlab.requests.filter(r => compareTo(d.second.sha)(r.path, r.query)),
      ).toHaveLength(2);
      // the third's lead time still counts from what ran before it
      expect(ms(all[3].firstCommitAt)).toBe(commitTime(shop, 5));
    } finally {
      await backend.stop();
    }
  });
});
