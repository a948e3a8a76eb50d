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
import scorecardModuleGitlab from '../index';
import type { FakeGitlab, FakeProject } from './fakeGitlab';
// the real scorecard backend, which this module is a module of
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardPlugin from '@opmodel/plugin-scorecard-backend';

/*
 * What the GitLab module's tests share: the catalog and the projects behind it, the backend they
 * run (the module, the events backend and GitLab's webhook ingress around it) and the reads of
 * what it stored.
 */

export const WEBHOOK_SECRET = 'it-is-a-secret';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const catalog = componentCatalog(
  { name: 'shop', annotations: { 'gitlab.com/project-slug': 'acme/shop' } },
  { name: 'api', annotations: { 'gitlab.com/project-id': '42' } },
  { name: 'gone', annotations: { 'gitlab.com/project-slug': 'acme/gone' } },
  { name: 'docs', type: 'website' },
);
const ANNOTATED = ['shop', 'api', 'gone'].map(n => `component:default/${n}`);

export const ms = (t: string | number | null | undefined) =>
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
export function seed(gitlab: FakeGitlab) {
  const shop = gitlab.addProject(7, 'acme/shop', history(8, 2 * DAY));
  const c = (i: number) => shop.commits[i - 1];
  const at = (i: number) => Date.parse(c(i).time) + 30 * 60_000;
  const deploy = (
    p: FakeProject,
    sha: string,
    environment: string,
    createdAt: number,
    status: 'success' | 'failed' | 'canceled' | 'running',
  ) => gitlab.deploy(p, { sha, environment, createdAt, status });
  const d = {
    first: deploy(shop, c(2).sha, 'production', at(2), 'success'),
    staging: deploy(shop, c(3).sha, 'staging', at(3), 'success'),
    second: deploy(shop, c(4).sha, 'prod', at(4), 'success'),
    failed: deploy(shop, c(5).sha, 'production', at(5), 'failed'),
    canceled: deploy(shop, c(5).sha, 'production', at(5) + 600_000, 'canceled'),
    third: deploy(shop, c(6).sha, 'production', at(6), 'success'),
    rollback: deploy(shop, c(3).sha, 'production', at(6) + 600_000, 'success'),
    // still running: read once it has finished
    fourth: deploy(
      shop,
      c(8).sha,
      'production',
      Date.now() - 1_200_000,
      'running',
    ),
  };
  const api = gitlab.addProject(42, 'acme/platform/api', history(4, 3 * DAY));
  const a = (i: number) => api.commits[i - 1];
  const apiAt = (i: number) => Date.parse(a(i).time) + 20 * 60_000;
  const apiDeployments = {
    first: deploy(api, a(1).sha, 'production', apiAt(1), 'success'),
    second: deploy(api, a(4).sha, 'production', apiAt(4), 'success'),
  };
  return { shop, d, api, apiDeployments };
}

/*
 * @backstage/plugin-events-backend-module-gitlab's default export loads its two modules (the
 * router to `gitlab.<object_kind>` topics and the X-Gitlab-Token checking ingress) with a dynamic
 * import(), which Jest's CommonJS runtime cannot run; the test loads the same two files itself.
 */
const eventsModuleGitlab = requireBackendFeatures(
  require.resolve('@backstage/plugin-events-backend-module-gitlab'),
  [
    'service/eventsModuleGitlabEventRouter.cjs.js',
    'service/eventsModuleGitlabWebhook.cjs.js',
  ],
);

export function startGitlabBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  return startCollectorTestBackend({
    scorecard: scorecardPlugin,
    databases,
    databaseId,
    catalog,
    events: true,
    features: [scorecardModuleGitlab, ...eventsModuleGitlab],
    config: {
      integrations: {
        gitlab: [{ host: 'gitlab.com', token: 'glpat-test-token' }],
      },
      events: { modules: { gitlab: { webhookSecret: WEBHOOK_SECRET } } },
      opmodel: {
        scorecard: {
          gitlab: {
            // runs only when the test, or a hook, asks
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
  backend.runCollector('gitlab', ANNOTATED);

export const idOf = (deploymentId: number, entity: string) =>
  `gitlab.com/deployments/${deploymentId}@component:default/${entity}`;

export const commitTime = (p: FakeProject, i: number) =>
  Date.parse(p.commits[i - 1].time);
