import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  componentCatalog,
  manualSchedule,
  requireBackendFeatures,
  startCollectorTestBackend,
  type CollectorTestBackend,
} from '@opmodel/plugin-scorecard-node/testing';
import scorecardModuleGithub from '../index';
import type { FakeGithub, FakeRepository } from './fakeGithub';
// the real scorecard backend, which this module is a module of
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardPlugin from '@opmodel/plugin-scorecard-backend';

/*
 * What the GitHub module's tests share: the catalog and the repositories behind it, the backend
 * they run (the module, the events backend and GitHub's webhook ingress around it) and the reads
 * of what it stored.
 */

export const WEBHOOK_SECRET = 'it-is-a-secret';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const catalog = componentCatalog(
  { name: 'shop', annotations: { 'github.com/project-slug': 'acme/shop' } },
  {
    name: 'api',
    annotations: {
      'github.com/project-slug': 'acme/api',
      'opmodel.dev/github-deploy-workflow': 'deploy.yml',
    },
  },
  { name: 'gone', annotations: { 'github.com/project-slug': 'acme/gone' } },
  { name: 'docs', type: 'website' },
);
const ANNOTATED = ['shop', 'api', 'gone'].map(n => `component:default/${n}`);

export const ms = (t: string | number | null | undefined) =>
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
export function seed(github: FakeGithub) {
  const shop = github.addRepository('acme', 'shop', history(8, 2 * DAY));
  const c = (i: number) => shop.commits[i - 1];
  const at = (i: number) => Date.parse(c(i).time) + 30 * 60_000;
  const deploy = (
    i: number,
    environment: string,
    createdAt: number,
    state: 'success' | 'failure',
  ) => github.deploy(shop, { sha: c(i).sha, environment, createdAt, state });
  const shopDeployments = {
    first: deploy(2, 'production', at(2), 'success'),
    staging: deploy(3, 'staging', at(3), 'success'),
    second: deploy(4, 'Prod', at(4), 'success'),
    failed: deploy(5, 'production', at(5), 'failure'),
    third: deploy(6, 'production', at(6), 'success'),
    rollback: deploy(3, 'production', at(6) + 10 * 60_000, 'success'),
  };
  // a success becomes inactive once a later deployment to its environment succeeds
  github.setStatus(shop, shopDeployments.first, 'inactive', at(4) + 400_000);

  const api = github.addRepository('acme', 'api', history(4, 3 * DAY));
  const a = (i: number) => api.commits[i - 1];
  const run = (i: number, conclusion: 'success' | 'failure', branch?: string) =>
    github.addWorkflowRun(api, 'deploy.yml', {
      sha: a(i).sha,
      branch,
      createdAt: Date.parse(a(i).time) + 20 * 60_000,
      conclusion,
    });
  const apiRuns = {
    first: run(1, 'success'),
    failed: run(2, 'failure'),
    branch: run(3, 'success', 'feature'),
    second: run(4, 'success'),
  };
  return { shop, shopDeployments, api, apiRuns };
}

/*
 * @backstage/plugin-events-backend-module-github's default export loads its two modules (the
 * router to `github.<event>` topics and the signature-checking webhook ingress) with a dynamic
 * import(), which Jest's CommonJS runtime cannot run; the test loads the same two files itself.
 */
const eventsModuleGithub = requireBackendFeatures(
  require.resolve('@backstage/plugin-events-backend-module-github'),
  [
    'service/eventsModuleGithubEventRouter.cjs.js',
    'service/eventsModuleGithubWebhook.cjs.js',
  ],
);

export function startGithubBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  return startCollectorTestBackend({
    scorecard: scorecardPlugin,
    databases,
    databaseId,
    catalog,
    events: true,
    features: [scorecardModuleGithub, ...eventsModuleGithub],
    config: {
      integrations: {
        github: [{ host: 'github.com', token: 'ghp_test_token' }],
      },
      events: { modules: { github: { webhookSecret: WEBHOOK_SECRET } } },
      opmodel: {
        scorecard: {
          github: {
            // runs only when the test, or a webhook, asks
            schedule: manualSchedule,
            serverErrorBackoff: { milliseconds: 200 },
            maxRateLimitWait: { seconds: 2 },
          },
        },
      },
    },
  });
}

/** Asks for a collector run and waits until it has reported on every annotated entity. */
export const runCollector = (backend: CollectorTestBackend) =>
  backend.runCollector('github', ANNOTATED);

export const idOf = (
  r: FakeRepository,
  kind: string,
  id: number,
  entity: string,
) =>
  `github.com/${r.owner}/${r.repo}/${kind}/${id}@component:default/${entity}`;
