import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { setupServer } from 'msw/node';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
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
import webhookExamples from '@octokit/webhooks-examples';
import webhookSchemas from '@octokit/webhooks-schemas';
import { FakeGithub, type FakeRepository } from './__testUtils__/fakeGithub';
import scorecardModuleGithub from './index';

jest.setTimeout(300_000);

/*
 * @backstage/plugin-events-backend-module-github's default export loads its two modules (the
 * router to `github.<event>` topics and the signature-checking webhook ingress) with a dynamic
 * import(), which Jest's CommonJS runtime cannot run; the test loads the same two files itself.
 */
const eventsModuleGithubDist = path.dirname(
  require.resolve('@backstage/plugin-events-backend-module-github'),
);
const eventsModuleGithub = [
  'service/eventsModuleGithubEventRouter.cjs.js',
  'service/eventsModuleGithubWebhook.cjs.js',
].map(file => require(path.join(eventsModuleGithubDist, file)).default);

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
    github.com/project-slug: acme/shop
spec: { type: service, lifecycle: production, owner: group:shop-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: api
  annotations:
    github.com/project-slug: acme/api
    opmodel.dev/github-deploy-workflow: deploy.yml
spec: { type: service, lifecycle: production, owner: group:shop-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: gone
  annotations:
    github.com/project-slug: acme/gone
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
};

const ms = (t: string | number | null | undefined) =>
  t === null || t === undefined ? undefined : new Date(t).getTime();

/** A linear history on main, one commit an hour, ending `endsAgo` before now. */
function history(count: number, endsAgo: number) {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    sha: `c0ffee${String(i + 1).padStart(2, '0')}`,
    time: new Date(now - endsAgo - (count - 1 - i) * HOUR).toISOString(),
  }));
}

/**
 * acme/shop deploys with GitHub deployments, over more than one page; acme/api with a workflow;
 * acme/gone does not exist for the configured token.
 */
function seed(github: FakeGithub) {
  const now = Date.now();
  const shop = github.addRepository('acme', 'shop', history(8, 2 * DAY));
  const c = (i: number) => shop.commits[i - 1];
  const at = (i: number) => Date.parse(c(i).time) + 30 * 60_000;
  const shopDeployments = {
    first: github.deploy(shop, {
      sha: c(2).sha,
      environment: 'production',
      createdAt: at(2),
      state: 'success',
    }),
    staging: github.deploy(shop, {
      sha: c(3).sha,
      environment: 'staging',
      createdAt: at(3),
      state: 'success',
    }),
    second: github.deploy(shop, {
      sha: c(4).sha,
      environment: 'Prod',
      createdAt: at(4),
      state: 'success',
    }),
    failed: github.deploy(shop, {
      sha: c(5).sha,
      environment: 'production',
      createdAt: at(5),
      state: 'failure',
    }),
    third: github.deploy(shop, {
      sha: c(6).sha,
      environment: 'production',
      createdAt: at(6),
      state: 'success',
    }),
    rollback: github.deploy(shop, {
      sha: c(3).sha,
      environment: 'production',
      createdAt: at(6) + 10 * 60_000,
      state: 'success',
    }),
  };
  // a success becomes inactive once a later deployment to its environment succeeds
  github.setStatus(shop, shopDeployments.first, 'inactive', at(4) + 400_000);

  const api = github.addRepository('acme', 'api', history(4, 3 * DAY));
  const a = (i: number) => api.commits[i - 1];
  const runAt = (i: number) => Date.parse(a(i).time) + 20 * 60_000;
  const apiRuns = {
    first: github.addWorkflowRun(api, 'deploy.yml', {
      sha: a(1).sha,
      createdAt: runAt(1),
      conclusion: 'success',
    }),
    failed: github.addWorkflowRun(api, 'deploy.yml', {
      sha: a(2).sha,
      createdAt: runAt(2),
      conclusion: 'failure',
    }),
    branch: github.addWorkflowRun(api, 'deploy.yml', {
      sha: a(3).sha,
      branch: 'feature',
      createdAt: runAt(3),
      conclusion: 'success',
    }),
    second: github.addWorkflowRun(api, 'deploy.yml', {
      sha: a(4).sha,
      createdAt: runAt(4),
      conclusion: 'success',
    }),
  };
  void now;
  return { shop, shopDeployments, api, apiRuns };
}

type Knex = Awaited<ReturnType<TestDatabases['init']>>;

/**
 * One database for the catalog and the scorecard, as the existing scorecard tests have it, and a
 * database of its own for the events backend: on PostgreSQL its event bus keeps its migrations in
 * the default `knex_migrations` table, which the catalog's are in.
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
  github?: Record<string, unknown>,
) {
  const knex = await databases.init(databaseId);
  const eventsKnex = await databases.init(databaseId);
  return startTestBackend({
    features: [
      catalogPlugin,
      scorecardPlugin,
      scorecardModuleGithub,
      eventsPlugin,
      ...eventsModuleGithub,
      schedulerServiceFactory,
      // the real events service: one in-process bus for every plugin (the mock gives each its own)
      eventsServiceFactory,
      databaseFactory(knex, eventsKnex),
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [{ host: 'github.com', token: 'ghp_test_token' }],
          },
          events: {
            useEventBus: 'never',
            modules: { github: { webhookSecret: WEBHOOK_SECRET } },
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
              github: {
                // runs only when the test, or a webhook, asks
                schedule: never,
                serverErrorBackoff: { milliseconds: 200 },
                maxRateLimitWait: { seconds: 2 },
                ...github,
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

/** Asks for a collector run and waits until it has reported on every annotated entity. */
async function runCollector(backend: Backend) {
  await waitFor(
    'the catalog to serve every annotated entity',
    async () => {
      const res = await request(backend.server)
        .get(
          '/api/catalog/entities/by-query?filter=metadata.annotations.github.com/project-slug',
        )
        .set('Authorization', mockCredentials.service.header());
      return res.status === 200 && res.body.items.length === ANNOTATED.length
        ? true
        : undefined;
    },
    120_000,
  );
  const lastRun = async () =>
    Promise.all(
      ANNOTATED.map(async ref => {
        const s = (await coverageOf(backend, ref))?.sources[0];
        return s ? Date.parse(s.lastRunAt) : 0;
      }),
    );
  const before = await lastRun();
  await waitFor('the collector run to start', async () => {
    const res = await request(backend.server)
      .post(
        '/api/scorecard/.backstage/scheduler/v1/tasks/scorecard-collector-github/trigger',
      )
      .set('Authorization', mockCredentials.service.header());
    // 409: a run is in progress; ask again once it is over
    return res.status === 200 ? true : undefined;
  });
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

async function deploymentsOf(backend: Backend, entityRef: string) {
  const res = await request(backend.server)
    .get(`/api/scorecard/events?entityRef=${entityRef}&type=deployment`)
    .set('Authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return (res.body.events as StoredDeployment[]).sort(
    (x, y) => ms(x.finishedAt)! - ms(y.finishedAt)!,
  );
}

const idOf = (r: FakeRepository, kind: string, id: number, entity: string) =>
  `github.com/${r.owner}/${r.repo}/${kind}/${id}@component:default/${entity}`;

/** A deployment_status webhook: GitHub's example payload, made to tell of `deployment`. */
function deploymentStatusWebhook(
  r: FakeRepository,
  deployment: { id: number; sha: string; environment: string },
  state: string,
) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(webhookSchemas as object, 'webhooks');
  const validate = ajv.compile({
    $ref: 'webhooks#/definitions/deployment_status$created',
  });
  // the first example of a successful deployment that the current schema accepts
  const example = (webhookExamples as any[])
    .find(e => e.name === 'deployment_status')
    .examples.find(
      (e: any) => e.deployment_status.state === 'success' && validate(e),
    );
  const body = JSON.parse(JSON.stringify(example));
  body.repository.name = r.repo;
  body.repository.full_name = `${r.owner}/${r.repo}`;
  body.repository.owner.login = r.owner;
  body.repository.html_url = `https://github.com/${r.owner}/${r.repo}`;
  Object.assign(body.deployment, {
    id: deployment.id,
    sha: deployment.sha,
    environment: deployment.environment,
  });
  Object.assign(body.deployment_status, {
    state,
    environment: deployment.environment,
  });
  if (!validate(body)) {
    throw new Error(
      `the webhook body does not match @octokit/webhooks-schemas: ${ajv.errorsText(
        validate.errors,
      )}`,
    );
  }
  return JSON.stringify(body);
}

const sign = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const github = new FakeGithub();
const server = setupServer(...github.handlers());
beforeAll(() =>
  // everything else (the test's own requests to the backend) goes through untouched
  server.listen({ onUnhandledRequest: 'bypass' }),
);
afterAll(() => server.close());

function freshGithub() {
  github.repositories.clear();
  github.requests.length = 0;
  github.faults.length = 0;
}

function tempCatalog() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-github-'));
  fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), catalogFile);
  return dir;
}

describe.each(databases.eachSupportedId())(
  'GitHub deployments collector on %s',
  databaseId => {
    it('reads production deployments page by page, with lead time and rollbacks, then only asks whether anything changed; a webhook and the next pull store a deployment once', async () => {
      freshGithub();
      const { shop, shopDeployments: d, api, apiRuns } = seed(github);
      const dir = tempCatalog();
      const backend = await startBackend(databaseId, dir);
      try {
        const coverage = await runCollector(backend);

        // acme/shop: six deployments on two pages, five of them to production
        const shopEvents = await deploymentsOf(
          backend,
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
        const apiEvents = await deploymentsOf(backend, 'component:default/api');
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
          (await coverageOf(backend, 'component:default/docs'))?.sources,
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
          await deploymentsOf(backend, 'component:default/shop'),
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
          request(backend.server)
            .post('/api/events/http/github')
            .set('Content-Type', 'application/json')
            .set('X-GitHub-Event', 'deployment_status')
            .set('X-Hub-Signature-256', signature)
            .send(body);
        const beforeWebhook = github.requests.length;
        const bad = await post(sign(body, 'not-the-secret'));
        expect(bad.status).toBe(403);
        const good = await post(sign(body, WEBHOOK_SECRET));
        expect(good.status).toBe(202);
        const fourthId = idOf(shop, 'deployments', fourth.id, 'shop');
        const afterWebhook = await waitFor(
          'the deployment the webhook told of',
          async () => {
            const events = await deploymentsOf(
              backend,
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

describe('GitHub deployments collector, when GitHub fails or limits', () => {
  it('retries a 5xx, waits out a short secondary limit, and stops at a long primary limit, going on where it stopped', async () => {
    freshGithub();
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
    const dir = tempCatalog();
    const backend = await startBackend('SQLITE_3', dir);
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
      const written = await deploymentsOf(backend, 'component:default/shop');
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
      const all = await deploymentsOf(backend, 'component:default/shop');
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
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
