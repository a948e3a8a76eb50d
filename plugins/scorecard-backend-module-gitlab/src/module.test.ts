import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { setupServer } from 'msw/node';
import { HttpResponse } from 'msw';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// the real scorecard backend, which the module is for
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardPlugin from '@opmodel/plugin-scorecard-backend';
import type { Coverage } from '@opmodel/plugin-scorecard-common';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import { FakeGitlab, type FakeProject } from './__testUtils__/fakeGitlab';
import scorecardModuleGitlab from './index';

jest.setTimeout(300_000);

/*
 * @backstage/plugin-events-backend-module-gitlab's default export loads its two modules (the
 * router to `gitlab.<object_kind>` topics and the X-Gitlab-Token checking ingress) with a dynamic
 * import(), which Jest's CommonJS runtime cannot run; the test loads the same two files itself.
 */
const eventsModuleGitlabDist = path.dirname(
  require.resolve('@backstage/plugin-events-backend-module-gitlab'),
);
const eventsModuleGitlab = [
  'service/eventsModuleGitlabEventRouter.cjs.js',
  'service/eventsModuleGitlabWebhook.cjs.js',
].map(file => require(path.join(eventsModuleGitlabDist, file)).default);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const WEBHOOK_SECRET = 'it-is-a-secret';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const catalogFile = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shop
  annotations:
    gitlab.com/project-slug: acme/shop
spec: { type: service, lifecycle: production, owner: group:shop-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: api
  annotations:
    gitlab.com/project-id: '42'
spec: { type: service, lifecycle: production, owner: group:shop-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: gone
  annotations:
    gitlab.com/project-slug: acme/gone
spec: { type: service, lifecycle: production, owner: group:shop-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: docs }
spec: { type: website, lifecycle: production, owner: group:shop-team }
`;
const ANNOTATED = ['shop', 'api', 'gone'].map(n => `component:default/${n}`);

// nothing but the collector runs on its own during the test
const never = { frequency: { cron: '0 0 1 1 *' }, timeout: { minutes: 5 } };

type StoredDeployment = {
  id: string;
  source: string;
  environment: string;
  result: string;
  startedAt: string | number;
  finishedAt: string | number;
  firstCommitAt?: string | number | null;
  url?: string | null;
};

const ms = (t: string | number | null | undefined) =>
  t === null || t === undefined ? undefined : new Date(t).getTime();

/** A linear history on main, one commit an hour, ending `endsAgo` before now. */
function history(count: number, endsAgo: number) {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    sha: `c0ffee${String(i + 1).padStart(2, '0')}${'0'.repeat(32)}`,
    time: new Date(now - endsAgo - (count - 1 - i) * HOUR).toISOString(),
  }));
}

/**
 * acme/shop deploys to `production` and `prod` (and staging, which is not production), over more
 * than one page, one deployment still running; acme/platform/api (project 42, named by id) twice;
 * acme/gone does not exist for the configured token.
 */
function seed(gitlab: FakeGitlab) {
  const shop = gitlab.addProject(7, 'acme/shop', history(8, 2 * DAY));
  const c = (i: number) => shop.commits[i - 1];
  const at = (i: number) => Date.parse(c(i).time) + 30 * 60_000;
  const d = {
    first: gitlab.deploy(shop, {
      sha: c(2).sha,
      environment: 'production',
      createdAt: at(2),
      status: 'success',
    }),
    staging: gitlab.deploy(shop, {
      sha: c(3).sha,
      environment: 'staging',
      createdAt: at(3),
      status: 'success',
    }),
    second: gitlab.deploy(shop, {
      sha: c(4).sha,
      environment: 'prod',
      createdAt: at(4),
      status: 'success',
    }),
    failed: gitlab.deploy(shop, {
      sha: c(5).sha,
      environment: 'production',
      createdAt: at(5),
      status: 'failed',
    }),
    canceled: gitlab.deploy(shop, {
      sha: c(5).sha,
      environment: 'production',
      createdAt: at(5) + 10 * 60_000,
      status: 'canceled',
    }),
    third: gitlab.deploy(shop, {
      sha: c(6).sha,
      environment: 'production',
      createdAt: at(6),
      status: 'success',
    }),
    rollback: gitlab.deploy(shop, {
      sha: c(3).sha,
      environment: 'production',
      createdAt: at(6) + 10 * 60_000,
      status: 'success',
    }),
    // still running: read once it has finished
    fourth: gitlab.deploy(shop, {
      sha: c(8).sha,
      environment: 'production',
      createdAt: Date.now() - 20 * 60_000,
      status: 'running',
    }),
  };
  const api = gitlab.addProject(42, 'acme/platform/api', history(4, 3 * DAY));
  const a = (i: number) => api.commits[i - 1];
  const apiDeployments = {
    first: gitlab.deploy(api, {
      sha: a(1).sha,
      environment: 'production',
      createdAt: Date.parse(a(1).time) + 20 * 60_000,
      status: 'success',
    }),
    second: gitlab.deploy(api, {
      sha: a(4).sha,
      environment: 'production',
      createdAt: Date.parse(a(4).time) + 20 * 60_000,
      status: 'success',
    }),
  };
  return { shop, d, api, apiDeployments };
}

type Knex = Awaited<ReturnType<TestDatabases['init']>>;

/**
 * One database for the catalog and the scorecard, as the scorecard's own tests have it, and one
 * of its own for the events backend: on PostgreSQL its event bus keeps its migrations in the
 * default `knex_migrations` table, which the catalog's are in.
 */
const databaseFactory = (knex: Knex, eventsKnex: Knex) =>
  createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => ({
      getClient: async () => (plugin.getId() === 'events' ? eventsKnex : knex),
    }),
  });

async function startBackend(
  databaseId: Parameters<TestDatabases['init']>[0],
  dir: string,
) {
  const knex = await databases.init(databaseId);
  const eventsKnex = await databases.init(databaseId);
  return startTestBackend({
    features: [
      catalogPlugin,
      scorecardPlugin,
      scorecardModuleGitlab,
      eventsPlugin,
      ...eventsModuleGitlab,
      schedulerServiceFactory,
      // the real events service: one in-process bus for every plugin (the mock gives each its own)
      eventsServiceFactory,
      databaseFactory(knex, eventsKnex),
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            gitlab: [{ host: 'gitlab.com', token: 'glpat-test-token' }],
          },
          events: {
            useEventBus: 'never',
            modules: { gitlab: { webhookSecret: WEBHOOK_SECRET } },
          },
          catalog: {
            rules: [{ allow: ['Component'] }],
            locations: [
              { type: 'file', target: path.join(dir, 'catalog-info.yaml') },
            ],
          },
          opmodel: {
            scorecard: {
              catalogSync: { schedule: never },
              snapshots: { schedule: never },
              retention: { schedule: never },
              indexSummaries: { schedule: never },
              gitlab: {
                // runs only when the test, or a hook, asks
                schedule: never,
                serverErrorBackoff: { milliseconds: 200 },
                maxRateLimitWait: { seconds: 2 },
              },
            },
          },
        },
      }),
    ],
  });
}

type Backend = Awaited<ReturnType<typeof startBackend>>;

async function coverageOf(backend: Backend, entityRef: string) {
  const res = await request(backend.server)
    .get(`/api/scorecard/coverage?entityRef=${entityRef}`)
    .set('Authorization', mockCredentials.user.header());
  return res.status === 200 ? (res.body as Coverage) : undefined;
}

/** Waits until every annotated entity has a report newer than `before`. */
async function reportsAfter(backend: Backend, before: number[]) {
  return waitFor(
    'the collector run to report on every annotated entity',
    async () => {
      const reports = await Promise.all(
        ANNOTATED.map(ref => coverageOf(backend, ref)),
      );
      const sources = reports.map(r => r?.sources[0]);
      return sources.every((s, i) => s && Date.parse(s.lastRunAt) > before[i])
        ? new Map(sources.map(s => [s!.entityRef, s!]))
        : undefined;
    },
    120_000,
  );
}

const lastRuns = (backend: Backend) =>
  Promise.all(
    ANNOTATED.map(async ref => {
      const s = (await coverageOf(backend, ref))?.sources[0];
      return s ? Date.parse(s.lastRunAt) : 0;
    }),
  );

/** Asks for a collector run and waits until it has reported on every annotated entity. */
async function runCollector(backend: Backend) {
  await waitFor(
    'the catalog to serve every annotated entity',
    async () => {
      const res = await request(backend.server)
        .get(
          '/api/catalog/entities/by-query?filter=metadata.annotations.gitlab.com/project-slug&filter=metadata.annotations.gitlab.com/project-id',
        )
        .set('Authorization', mockCredentials.service.header());
      return res.status === 200 && res.body.items.length === ANNOTATED.length
        ? true
        : undefined;
    },
    120_000,
  );
  const before = await lastRuns(backend);
  await waitFor('the collector run to start', async () => {
    const res = await request(backend.server)
      .post(
        '/api/scorecard/.backstage/scheduler/v1/tasks/scorecard-collector-gitlab/trigger',
      )
      .set('Authorization', mockCredentials.service.header());
    // 409: a run is in progress; ask again once it is over
    return res.status === 200 ? true : undefined;
  });
  return reportsAfter(backend, before);
}

async function deploymentsOf(backend: Backend, entityRef: string) {
  const res = await request(backend.server)
    .get(`/api/scorecard/events?entityRef=${entityRef}&type=deployment`)
    .set('Authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return (res.body.events as StoredDeployment[]).sort(
    (x, y) => ms(x.finishedAt)! - ms(y.finishedAt)!,
  );
}

const idOf = (deploymentId: number, entity: string) =>
  `gitlab.com/deployments/${deploymentId}@component:default/${entity}`;

const gitlab = new FakeGitlab();
const server = setupServer(...gitlab.handlers());
beforeAll(() =>
  // everything else (the test's own requests to the backend) goes through untouched
  server.listen({ onUnhandledRequest: 'bypass' }),
);
afterAll(() => server.close());

function freshGitlab() {
  gitlab.projects.clear();
  gitlab.requests.length = 0;
  gitlab.faults.length = 0;
}

function tempCatalog() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-gitlab-'));
  fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), catalogFile);
  return dir;
}

const commitTime = (p: FakeProject, i: number) =>
  Date.parse(p.commits[i - 1].time);

describe.each(databases.eachSupportedId())(
  'GitLab deployments collector on %s',
  databaseId => {
    it('reads production deployments page by page, with lead time and rollbacks, then only what was updated since; a Deployment Hook and the next pull store a deployment once', async () => {
      freshGitlab();
      const { shop, d, apiDeployments } = seed(gitlab);
      const dir = tempCatalog();
      const backend = await startBackend(databaseId, dir);
      try {
        const coverage = await runCollector(backend);

        // acme/shop: production and prod, not staging; canceled and running left out
        const shopEvents = await deploymentsOf(
          backend,
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
        const apiEvents = await deploymentsOf(backend, 'component:default/api');
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
          (await coverageOf(backend, 'component:default/docs'))?.sources,
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
          await deploymentsOf(backend, 'component:default/shop'),
        ).toHaveLength(5);

        // the running deployment finishes, and GitLab sends a Deployment Hook
        gitlab.setStatus(d.fourth, 'success', Date.now() - 60_000);
        const body = gitlab.deploymentHook(shop, d.fourth);
        const post = (token: string) =>
          request(backend.server)
            .post('/api/events/http/gitlab')
            .set('Content-Type', 'application/json')
            .set('X-Gitlab-Event', 'Deployment Hook')
            .set('X-Gitlab-Token', token)
            .send(body);
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
            const events = await deploymentsOf(
              backend,
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
        const written = (await coverageOf(backend, 'component:default/shop'))!
          .sources[0].lastWrittenAt;
        const third = await runCollector(backend);
        expect(third.get('component:default/shop')!.lastWrittenAt).toBe(
          written,
        );
        const afterPull = await deploymentsOf(
          backend,
          'component:default/shop',
        );
        expect(afterPull.filter(e => e.id === fourthId)).toHaveLength(1);
        expect(afterPull).toHaveLength(6);
      } finally {
        await backend.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

describe('GitLab deployments collector, when GitLab fails or limits', () => {
  it('retries a 5xx, waits out a short 429, and stops at a long one, going on where it stopped', async () => {
    freshGitlab();
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
    const dir = tempCatalog();
    const backend = await startBackend('SQLITE_3', dir);
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
        (await deploymentsOf(backend, 'component:default/shop')).map(
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
      const all = await deploymentsOf(backend, 'component:default/shop');
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
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
