import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleOpmodel from '@opmodel/plugin-catalog-backend-module-opmodel';
import {
  METRIC_IDS,
  ScorecardClient,
  type GradedMetric,
  type Scorecard,
} from '@opmodel/plugin-scorecard-common';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { scorecardPlugin } from './plugin';
import {
  createScorecardEventSourceConditionalDecision,
  scorecardEventSourceConditions,
} from './permissions/eventSourceRules';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';

jest.setTimeout(180_000);

const examples = path.resolve(__dirname, '../../../examples');
const exampleFiles = [
  'org.yaml',
  'systems.yaml',
  'platforms.yaml',
  'roles.yaml',
  'funding.yaml',
];

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-scorecard-'));
const tempFile = path.join(tempDir, 'temporary.yaml');
const writeTemporaryPlatform = () =>
  fs.writeFileSync(
    tempFile,
    JSON.stringify({
      apiVersion: 'opmodel.dev/v1alpha1',
      kind: 'Platform',
      metadata: { name: 'temporary-platform' },
      spec: {
        type: 'developer-platform',
        lifecycle: 'experimental',
        owner: 'group:default/platform-team',
      },
    }),
  );

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
if (process.env.OPMODEL_TEST_REQUIRE_POSTGRES) {
  it('runs against PostgreSQL', () => {
    expect(databases.eachSupportedId().map(([id]) => id)).toContain(
      'POSTGRES_15',
    );
  });
}

const READER = 'user:default/reader';
const NOBODY = 'user:default/nobody';
const OUTSIDER = 'user:default/outsider';
const PAGER = 'user:default/pager';
const INTRUDER = 'user:default/intruder';
const ARGO = 'component:default/argo-cd';
const DEV = 'platform:default/developer-platform';

/**
 * The adopter's policy stand-in: `nobody` may do nothing, `reader` may only read, `outsider`
 * may read scorecards but not see the developer platform in the catalog, and `pager` may write
 * events of the pagerduty source only (a conditional decision, as a policy would give it).
 */
function decide(user: string | undefined, name: string, resourceRef?: string) {
  if (user === NOBODY) return { result: AuthorizeResult.DENY };
  if (user === OUTSIDER && name === 'catalog.entity.read')
    return {
      result:
        resourceRef === DEV ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    };
  if (
    (user === READER || user === OUTSIDER) &&
    name !== 'opmodel.scorecard.read' &&
    name !== 'catalog.entity.read'
  )
    return { result: AuthorizeResult.DENY };
  return { result: AuthorizeResult.ALLOW };
}

const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    ({
      async authorize(requests: any[], { credentials }: any) {
        const user = credentials.principal?.userEntityRef;
        return requests.map(r =>
          decide(user, r.permission.name, r.resourceRef),
        );
      },
      async authorizeConditional(requests: any[], { credentials }: any) {
        const user = credentials.principal?.userEntityRef;
        return requests.map(r =>
          user === PAGER &&
          r.permission.name === 'opmodel.scorecard.events.create'
            ? createScorecardEventSourceConditionalDecision(
                r.permission,
                scorecardEventSourceConditions.isSource({
                  sources: ['pagerduty'],
                }),
              )
            : decide(user, r.permission.name),
        );
      },
    } as any),
});

const DAY = 86_400_000;
const HOUR = 3_600_000;
// Everything happens in the last 28 whole UTC days, so the default-window snapshots see it.
const TODAY = Math.floor(Date.now() / DAY) * DAY;
const BASE = TODAY - 20 * DAY;
const at = (ms: number) => new Date(ms).toISOString();
const FROM = at(TODAY - 28 * DAY);
const TO = at(TODAY);

/** What a CI pipeline and an alerting webhook would send for argo-cd (in ci-cd, in the developer platform). */
function ciBatch() {
  const deployments = [0, 1, 2, 3].map(d => ({
    id: `run-${d}`,
    entityRef: ARGO,
    environment: 'production',
    result: 'success',
    startedAt: at(BASE + d * DAY + 9 * HOUR),
    finishedAt: at(BASE + d * DAY + 10 * HOUR),
    firstCommitAt: at(BASE + d * DAY + 8 * HOUR),
  }));
  deployments.push(
    {
      id: 'run-bad',
      entityRef: ARGO,
      environment: 'production',
      result: 'failure',
      startedAt: at(BASE + 5 * DAY),
      finishedAt: at(BASE + 5 * DAY + HOUR),
      firstCommitAt: at(BASE + 5 * DAY - HOUR),
    },
    {
      id: 'run-staging',
      entityRef: ARGO,
      environment: 'staging',
      result: 'success',
      startedAt: at(BASE),
      finishedAt: at(BASE + HOUR),
      firstCommitAt: at(BASE - HOUR),
    },
  );
  return { source: 'github-actions', deployments };
}

function incidentTriggered() {
  return {
    source: 'pagerduty',
    incidents: [
      {
        id: 'PD-1',
        entityRef: ARGO,
        severity: 'P1',
        impact: 'outage',
        triggeredAt: at(BASE + 5 * DAY + 2 * HOUR),
        causedByDeployment: 'run-bad',
        title: 'Deploys stuck',
      },
    ],
  };
}

let server: any;
const as = (user: string) => mockCredentials.user.header(user);
const get = (url: string, user = READER) =>
  request(server).get(url).set('Authorization', as(user));
const post = (url: string, body: unknown, user = 'user:default/ci') =>
  request(server)
    .post(url)
    .set('Authorization', as(user))
    .send(body as object);
const metric = (card: Scorecard, id: string): GradedMetric =>
  card.metrics.find(m => m.metric === id)!;

async function triggerTask(id: string) {
  const res = await request(server)
    .post(`/api/scorecard/.backstage/scheduler/v1/tasks/${id}/trigger`)
    .set('Authorization', mockCredentials.service.header());
  expect(res.status).toBe(200);
}

/** The catalog's entities matching a filter, as a reader sees them. */
async function catalogEntities(filter: string): Promise<any[]> {
  const res = await request(server)
    .get(`/api/catalog/entities?filter=${filter}`)
    .set('Authorization', as(READER));
  return res.status === 200 ? res.body : [];
}

/** A scheduled task of the scorecard plugin as the scheduler lists it. */
async function taskOf(id: string) {
  const res = await request(server)
    .get('/api/scorecard/.backstage/scheduler/v1/tasks')
    .set('Authorization', mockCredentials.service.header());
  return res.body.tasks.find((t: any) => t.taskId === id);
}

/** Triggers a task through the scheduler and waits until that run has ended; its state. */
async function runTask(id: string) {
  const before = (await taskOf(id))?.taskState?.lastRunEndedAt;
  await triggerTask(id);
  return waitFor(`a run of ${id}`, async () => {
    const state = (await taskOf(id))?.taskState;
    return state?.lastRunEndedAt && state.lastRunEndedAt !== before
      ? state
      : undefined;
  });
}

describe.each(databases.eachSupportedId())(
  'scorecard backend with the real catalog on %s',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let knex: Awaited<ReturnType<typeof databases.init>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      writeTemporaryPlatform();
      backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleOpmodel,
          scorecardPlugin,
          permissionsFactory,
          // the real scheduler, with its trigger endpoint, as the scorecard's tasks run in production
          schedulerServiceFactory,
          // requests without an Authorization header are unauthenticated, as in production
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'Location',
                      'Domain',
                      'Group',
                      'User',
                      'Platform',
                      'OperatingRole',
                      'FundingLine',
                    ],
                  },
                ],
                locations: [
                  ...exampleFiles.map(f => ({
                    type: 'file',
                    target: path.join(examples, f),
                  })),
                  { type: 'file', target: tempFile },
                ],
              },
              opmodel: {
                scorecard: {
                  ingestion: {
                    maxBatchItems: 50,
                    maxBodySize: '64kb',
                    // the CI pipeline owns its source; sources not listed are open
                    sources: [
                      {
                        source: 'github-actions',
                        writers: ['user:default/ci', 'external:test-service'],
                      },
                    ],
                  },
                  catalogSync: {
                    schedule: {
                      frequency: { minutes: 30 },
                      timeout: { minutes: 5 },
                    },
                  },
                  // runs only when the test triggers it
                  portfolio: {
                    schedule: {
                      frequency: { minutes: 30 },
                      timeout: { minutes: 5 },
                      initialDelay: { hours: 1 },
                    },
                  },
                  // the default's times without its initial delay, so that a trigger runs it at once
                  snapshots: {
                    schedule: {
                      frequency: { cron: '30 0 * * *' },
                      timeout: { hours: 2 },
                    },
                  },
                  // no initial delay, so that a trigger runs it at once
                  indexSummaries: {
                    schedule: {
                      frequency: { minutes: 30 },
                      timeout: { minutes: 5 },
                    },
                  },
                },
              },
            },
          }),
        ],
      });
      server = backend.server;
      // the catalog has the examples, with the developer platform's includes, before any event
      await waitFor('the example catalog', async () => {
        const res = await request(server)
          .get(
            `/api/catalog/entities/by-name/platform/default/developer-platform`,
          )
          .set('Authorization', as(READER));
        return res.status === 200 &&
          res.body.relations?.some((r: any) => r.type === 'includes')
          ? true
          : undefined;
      });
      // The catalog processes entities in batches, and on a busy machine the last ones (or the
      // relations other entities give them) come much later: wait until every Platform with what
      // it includes, the included systems with their parts, and argo-cd in its system are in.
      await waitFor(
        'the platforms and their parts in the catalog',
        async () => {
          const platforms = await catalogEntities('kind=platform');
          if (platforms.length !== 4) return undefined;
          const included = platforms.flatMap(p =>
            (p.relations ?? [])
              .filter((r: any) => r.type === 'includes')
              .map((r: any) => r.targetRef),
          );
          const declared = platforms.flatMap(p => p.spec?.includes ?? []);
          // a capability's implementers are included too
          if (included.length < declared.length) return undefined;
          const systems = await catalogEntities('kind=system');
          const withParts = new Set(
            systems
              .filter(e => e.relations?.some((r: any) => r.type === 'hasPart'))
              .map(e => `system:default/${e.metadata.name}`),
          );
          if (
            !included
              .filter((ref: string) => ref.startsWith('system:'))
              .every((ref: string) => withParts.has(ref))
          )
            return undefined;
          const [argo] = await catalogEntities(
            'kind=component,metadata.name=argo-cd',
          );
          const ciCd = systems.find(e => e.metadata.name === 'ci-cd');
          return argo?.relations?.some((r: any) => r.type === 'partOf') &&
            ciCd?.relations?.some((r: any) => r.targetRef === ARGO)
            ? true
            : undefined;
        },
      );
      await triggerTask('scorecard-catalog-sync');
      await waitFor('the scorecard to know the catalog', async () => {
        for (const ref of [
          ARGO,
          DEV,
          'platform:default/data-platform',
          'platform:default/observability-platform',
          'platform:default/temporary-platform',
        ]) {
          const res = await get(`/api/scorecard/scorecard?entityRef=${ref}`);
          if (res.status !== 200) return undefined;
        }
        return true;
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('stores what a CI pipeline and an alerting webhook post, idempotently', async () => {
      const first = await post('/api/scorecard/events', ciBatch());
      expect(first.body.error?.message).toBeUndefined();
      expect(first.status).toBe(200);
      expect(first.body.received).toEqual({
        deployments: 6,
        incidents: 0,
        probes: 0,
        buckets: 0,
      });
      // a retry of the same batch changes nothing
      expect((await post('/api/scorecard/events', ciBatch())).status).toBe(200);
      expect(
        Number((await knex('scorecard_deployments').count({ n: '*' }))[0].n),
      ).toBe(6);

      // the incident arrives as it is triggered, then again as it is acknowledged and resolved
      expect(
        (await post('/api/scorecard/events', incidentTriggered())).status,
      ).toBe(200);
      const update = incidentTriggered();
      Object.assign(update.incidents[0], {
        acknowledgedAt: at(BASE + 5 * DAY + 2 * HOUR + 10 * 60_000),
        resolvedAt: at(BASE + 5 * DAY + 4 * HOUR),
      });
      delete (update.incidents[0] as any).title; // an update that leaves out the title keeps it
      expect((await post('/api/scorecard/events', update)).status).toBe(200);
      const rows = await knex('scorecard_incidents').select();
      expect(rows).toHaveLength(1);
      expect(rows[0].title).toBe('Deploys stuck');
      expect(Number(rows[0].resolved_at)).toBe(BASE + 5 * DAY + 4 * HOUR);

      // availability from a blackbox exporter, as pre-counted hourly buckets: 999 of 1000 good
      const buckets = [0, 1, 2, 3].map(h => ({
        entityRef: ARGO,
        start: at(BASE + h * HOUR),
        lengthSeconds: 3600,
        good: h === 0 ? 249 : 250,
        total: 250,
      }));
      const av = await post('/api/scorecard/events', {
        source: 'blackbox',
        availability: { buckets },
      });
      expect(av.status).toBe(200);
      expect(av.body.received.buckets).toBe(4);
    });

    it("computes the developer platform's scorecard from its members' events, graded by its objectives", async () => {
      const res = await get(
        `/api/scorecard/scorecard?entityRef=${DEV}&from=${FROM}&to=${TO}`,
      );
      expect(res.body.error?.message).toBeUndefined();
      expect(res.status).toBe(200);
      const card: Scorecard = res.body;
      expect(card.members).toContain(ARGO);
      expect(card.members).toContain('system:default/ci-cd');

      // 4 successful production deployments in 4 weeks (staging does not count)
      const df = metric(card, 'deploymentFrequency');
      expect(df).toMatchObject({ state: 'ok', value: 1, count: 4 });
      expect(df.details).toMatchObject({ deployDays: 4 });
      // objective perWeek 5 → missed, and the grade says which rule decided it
      expect(df.grade).toMatchObject({
        status: 'poor',
        label: 'missed',
        rule: { source: 'objective', threshold: 5 },
      });

      // 1 of 5 production deployments failed (and caused PD-1: counted once)
      expect(metric(card, 'changeFailureRate')).toMatchObject({
        state: 'ok',
        value: 0.2,
        count: 5,
      });
      // lead time: 2 h for each of the 4 successes
      expect(metric(card, 'leadTime')).toMatchObject({
        state: 'ok',
        value: 2 * HOUR,
        p50: 2 * HOUR,
        p90: 2 * HOUR,
        count: 4,
      });
      // no objective for lead time on this platform → graded by the DORA 2024 profile
      expect(metric(card, 'leadTime').grade).toMatchObject({
        label: 'elite',
        rule: { source: 'profile', profile: 'dora-2024' },
      });
      // the failed deployment recovered when PD-1 resolved (3 h after it), later than the next success? none after → incident
      expect(metric(card, 'recoveryTime')).toMatchObject({
        state: 'ok',
        value: 3 * HOUR,
      });
      expect(metric(card, 'timeToAcknowledge')).toMatchObject({
        value: 10 * 60_000,
        count: 1,
      });
      expect(metric(card, 'timeToResolve')).toMatchObject({
        value: 2 * HOUR,
        count: 1,
      });
      // P1 targets: acknowledge 15m (met), resolve 4h (met)
      expect(metric(card, 'responseTargetCompliance')).toMatchObject({
        value: 1,
        count: 1,
      });
      // uptime from the buckets: 999 / 1000, objective 0.999 → met
      expect(metric(card, 'uptime')).toMatchObject({
        value: 0.999,
        count: 1000,
        grade: { label: 'met' },
      });
      for (const m of card.metrics)
        expect(m.definitionVersion).toBeGreaterThanOrEqual(1);
    });

    it('serves the typed client of the common package, errors included', async () => {
      const port = (server.address() as { port: number }).port;
      const client = new ScorecardClient({
        discoveryApi: {
          getBaseUrl: async () => `http://localhost:${port}/api/scorecard`,
        },
        fetchApi: {
          fetch: (input: any, init: any = {}) =>
            fetch(input, {
              ...init,
              headers: { ...init.headers, Authorization: as(READER) },
            }),
        },
      });
      const card = await client.getScorecard({
        entityRef: DEV,
        from: FROM,
        to: TO,
      });
      expect(metric(card, 'deploymentFrequency').value).toBe(1);
      const events = await client.listEvents({
        entityRef: DEV,
        type: 'deployment',
        from: FROM,
        to: TO,
        limit: 2,
      });
      expect(events.events.map(e => e.id)).toEqual(['run-bad', 'run-3']);
      // several trends in one request: the client sends the ids as one comma-separated value
      const trends = await client.getTrends({
        entityRef: DEV,
        metrics: ['uptime', 'leadTime'],
        from: FROM,
        to: TO,
      });
      expect(Object.keys(trends.trends).sort()).toEqual(['leadTime', 'uptime']);
      expect(trends.entityRef).toBe(DEV);
      const defs = await client.getDefinitions();
      expect(defs.profile).toBe('dora-2024');
      expect(defs.profiles.map(p => p.id)).toEqual(['dora-2024', 'dora-2023']);
      await expect(
        client.getScorecard({ entityRef: 'component:default/nope' }),
      ).rejects.toMatchObject({
        name: 'ResponseError',
        response: { status: 404 },
      });
      await expect(client.postEvents(ciBatch() as any)).rejects.toMatchObject({
        response: { status: 403 },
      });
    });

    it('gives not enough data as its own state, not a zero', async () => {
      const res = await get(
        `/api/scorecard/scorecard?entityRef=platform:default/observability-platform&from=${FROM}&to=${TO}`,
      );
      expect(res.status).toBe(200);
      const df = metric(res.body, 'deploymentFrequency');
      expect(df).toMatchObject({
        state: 'not-enough-data',
        value: null,
        grade: { status: 'none', label: 'not enough data' },
      });
    });

    it('lists every Platform in the portfolio with its headline figures, in one request', async () => {
      const res = await get(`/api/scorecard/portfolio?from=${FROM}&to=${TO}`);
      expect(res.status).toBe(200);
      const refs = res.body.platforms.map((p: any) => p.entityRef);
      expect(refs).toEqual(
        [
          DEV,
          'platform:default/data-platform',
          'platform:default/observability-platform',
          'platform:default/temporary-platform',
        ].sort(),
      );
      const dev = res.body.platforms.find((p: any) => p.entityRef === DEV);
      expect(dev).toMatchObject({
        title: 'Developer Platform',
        owner: 'group:platform-team',
        lifecycle: 'production',
      });
      expect(
        dev.metrics.find(
          (m: GradedMetric) => m.metric === 'deploymentFrequency',
        ).value,
      ).toBe(1);
      expect(
        dev.metrics.find((m: GradedMetric) => m.metric === 'changeFailureRate')
          .value,
      ).toBe(0.2);
    });

    it('runs the index-summaries task through the scheduler without an error', async () => {
      const state = await runTask('scorecard-index-summaries');
      expect(state.lastRunError).toBeUndefined();
    });

    it("refreshes this replica's portfolios through the scheduler, on every replica", async () => {
      // each replica keeps its own portfolios in memory: the task is local, not one per cluster
      const task = await taskOf('scorecard-portfolio-refresh');
      expect(task).toMatchObject({ scope: 'local' });
      expect(task.taskState.lastRunEndedAt).toBeUndefined();
      const state = await runTask('scorecard-portfolio-refresh');
      expect(state.lastRunError).toBeUndefined();
    });

    it('keeps daily snapshots through the scheduler and reads trends from them', async () => {
      // the whole run, not its first writes: the snapshot writes as it goes
      expect(
        (await runTask('scorecard-snapshots')).lastRunError,
      ).toBeUndefined();
      const res = await get(
        `/api/scorecard/trend?entityRef=${DEV}&metric=deploymentFrequency&from=${FROM}&to=${TO}`,
      );
      expect(res.status).toBe(200);
      const trend = res.body;
      expect(trend.points.length).toBeGreaterThanOrEqual(28);
      // the day of the first deployment: 1 success in the 28-day window ending that day
      const day = (ms: number) => at(ms).slice(0, 10);
      const byDay = new Map(trend.points.map((p: any) => [p.day, p]));
      expect(byDay.get(day(BASE))).toMatchObject({ value: 0.25, state: 'ok' });
      expect(byDay.get(day(BASE + 3 * DAY))).toMatchObject({
        value: 1,
        state: 'ok',
      });
      expect(byDay.get(day(BASE - 2 * DAY))).toMatchObject({
        value: null,
        state: 'not-enough-data',
      });

      // every metric's trend in one request, the same points as one metric's
      const all = await get(
        `/api/scorecard/trends?entityRef=${DEV}&from=${FROM}&to=${TO}`,
      );
      expect(all.status).toBe(200);
      expect(Object.keys(all.body.trends).sort()).toEqual(
        [...METRIC_IDS].sort(),
      );
      expect(all.body.trends.deploymentFrequency).toEqual(trend.points);
      const two = await get(
        `/api/scorecard/trends?entityRef=${DEV}&metrics=uptime,deploymentFrequency&from=${FROM}&to=${TO}`,
      );
      expect(Object.keys(two.body.trends).sort()).toEqual([
        'deploymentFrequency',
        'uptime',
      ]);
      expect(two.body.trends.uptime).toEqual(all.body.trends.uptime);
      expect(two.body.trends.uptime.length).toBeGreaterThanOrEqual(28);
    });

    it('freezes a named period so late events no longer change it', async () => {
      const frozen = await post(
        '/api/scorecard/periods',
        { name: 'review-1', from: FROM, to: TO },
        'user:default/jane',
      );
      expect(frozen.status).toBe(200);
      // a late deployment inside the period
      await post('/api/scorecard/events', {
        source: 'github-actions',
        deployments: [
          {
            id: 'late',
            entityRef: ARGO,
            environment: 'production',
            result: 'success',
            finishedAt: at(BASE + 7 * DAY),
            firstCommitAt: at(BASE + 7 * DAY - HOUR),
          },
        ],
      });
      const live = await get(
        `/api/scorecard/scorecard?entityRef=${DEV}&from=${FROM}&to=${TO}`,
      );
      expect(metric(live.body, 'deploymentFrequency').count).toBe(5);
      const kept = await get(
        `/api/scorecard/scorecard?entityRef=${DEV}&period=review-1`,
      );
      expect(kept.status).toBe(200);
      expect(metric(kept.body, 'deploymentFrequency').count).toBe(4);
      expect(
        (await get('/api/scorecard/periods')).body.periods[0],
      ).toMatchObject({ name: 'review-1', frozenBy: 'user:default/jane' });
    });

    describe('bad input and security', () => {
      const before = async () => ({
        deployments: Number(
          (await knex('scorecard_deployments').count({ n: '*' }))[0].n,
        ),
        incidents: Number(
          (await knex('scorecard_incidents').count({ n: '*' }))[0].n,
        ),
      });

      it('answers 401 without credentials and 403 without the permission', async () => {
        expect(
          (
            await request(server).get(
              `/api/scorecard/scorecard?entityRef=${DEV}`,
            )
          ).status,
        ).toBe(401);
        expect(
          (await request(server).post('/api/scorecard/events').send(ciBatch()))
            .status,
        ).toBe(401);
        expect(
          (await get(`/api/scorecard/scorecard?entityRef=${DEV}`, NOBODY))
            .status,
        ).toBe(403);
        const denied = await post('/api/scorecard/events', ciBatch(), READER);
        expect(denied.status).toBe(403);
        expect(denied.body.error.message).toContain(
          'opmodel.scorecard.events.create',
        );
      });

      it('lets only the writers of a source write it, refusing the whole batch with 403 naming the source', async () => {
        const stored = async () =>
          (
            await knex('scorecard_deployments').select(
              'source',
              'id',
              'written_by',
            )
          )
            .map(r => [`${r.source}/${r.id}`, r.written_by])
            .sort();
        expect((await post('/api/scorecard/events', ciBatch())).status).toBe(
          200,
        );
        const original = await stored();
        expect(original).toContainEqual([
          'github-actions/run-0',
          'user:default/ci',
        ]);

        // the configured writers: someone else may not overwrite the pipeline's deployments
        const forged = ciBatch();
        forged.deployments[0].result = 'failure';
        const intruded = await post('/api/scorecard/events', forged, INTRUDER);
        expect(intruded.status).toBe(403);
        expect(intruded.body.error.message).toContain("'github-actions'");
        expect(intruded.body.error.message).toContain(INTRUDER);

        // a policy's conditions: pager may write pagerduty, and nothing else
        const asPagerduty = await post(
          '/api/scorecard/events',
          { ...ciBatch(), source: 'pagerduty' },
          PAGER,
        );
        expect(asPagerduty.status).toBe(200);
        const asCi = await post('/api/scorecard/events', forged, PAGER);
        expect(asCi.status).toBe(403);
        expect(asCi.body.error.message).toContain("'github-actions'");

        const after = await stored();
        expect(after.filter(([id]) => original.some(o => o[0] === id))).toEqual(
          original,
        );
        expect(after).toContainEqual(['pagerduty/run-0', PAGER]);
        await knex('scorecard_deployments')
          .where({ written_by: PAGER })
          .delete();
      });

      it("hides an entity's figures from a caller who may not see the entity in the catalog", async () => {
        // the outsider may read scorecards, but the policy hides the developer platform
        for (const url of [
          `/api/scorecard/scorecard?entityRef=${DEV}`,
          `/api/scorecard/trend?entityRef=${DEV}&metric=uptime`,
          `/api/scorecard/trends?entityRef=${DEV}`,
          `/api/scorecard/events?entityRef=${DEV}&type=deployment`,
        ]) {
          const res = await get(url, OUTSIDER);
          expect(res.status).toBe(404);
          expect(res.body.error.message).toBe(
            `No entity ${DEV} in the catalog`,
          );
        }
        // the same ref in another case is the same entity
        expect(
          (
            await get(
              `/api/scorecard/scorecard?entityRef=Platform:default/Developer-Platform`,
              OUTSIDER,
            )
          ).status,
        ).toBe(404);
        expect(
          (await get(`/api/scorecard/scorecard?entityRef=${ARGO}`, OUTSIDER))
            .status,
        ).toBe(200);
        const all = await get(`/api/scorecard/portfolio`, READER);
        const seen = await get(`/api/scorecard/portfolio`, OUTSIDER);
        expect(all.body.platforms.map((p: any) => p.entityRef)).toContain(DEV);
        expect(seen.body.platforms.map((p: any) => p.entityRef)).toEqual(
          all.body.platforms
            .map((p: any) => p.entityRef)
            .filter((ref: string) => ref !== DEV),
        );
      });

      it('accepts a service token, as a CI pipeline uses', async () => {
        const res = await request(server)
          .post('/api/scorecard/events')
          .set('Authorization', mockCredentials.service.header())
          .send(ciBatch());
        expect(res.status).toBe(200);
        const [row] = await knex('scorecard_deployments')
          .where({ source: 'github-actions', id: 'run-0' })
          .select('written_by');
        expect(row.written_by).toBe('external:test-service');
      });

      it('rejects malformed JSON and non-object bodies', async () => {
        const res = await request(server)
          .post('/api/scorecard/events')
          .set('Authorization', as('user:default/ci'))
          .set('Content-Type', 'application/json')
          .send('{"source": "x", "deployments": [');
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/not valid JSON/);
        const arr = await post('/api/scorecard/events', [1, 2]);
        expect(arr.status).toBe(400);
      });

      it('writes nothing of a bad batch and names every bad item by index and field', async () => {
        const counts = await before();
        const batch = ciBatch() as any;
        batch.deployments[1].finishedAt = 12345; // wrong type
        batch.deployments[2].result = 'exploded'; // unknown enum
        batch.deployments[3].entityRef = 'component:default/does-not-exist'; // unknown entity
        batch.deployments[4].finishedAt = at(Date.now() + 7 * DAY); // future
        batch.deployments.push({ ...batch.deployments[0] }); // duplicate id in the batch
        batch.incidents = [
          {
            id: 'PD-x',
            entityRef: ARGO,
            severity: 'P1',
            impact: 'outage',
            triggeredAt: at(BASE + HOUR),
            resolvedAt: at(BASE),
          }, // resolved before triggered
        ];
        const res = await post('/api/scorecard/events', batch);
        expect(res.status).toBe(400);
        const message: string = res.body.error.message;
        expect(message).toContain(
          'deployments[1].finishedAt: must be a string',
        );
        expect(message).toContain(
          'deployments[2].result: must be one of success, failure, rollback',
        );
        expect(await before()).toEqual(counts);

        // the type errors come first; fixed, the rest are reported
        batch.deployments[1].finishedAt = ciBatch().deployments[1].finishedAt;
        batch.deployments[2].result = 'success';
        const second = await post('/api/scorecard/events', batch);
        expect(second.status).toBe(400);
        const m2: string = second.body.error.message;
        expect(m2).toContain('deployments[4].finishedAt: is in the future');
        expect(m2).toContain(
          'deployments[6].id: repeats the id of deployments[0]',
        );
        expect(m2).toContain('incidents[0].resolvedAt: is before triggeredAt');
        expect(await before()).toEqual(counts);

        batch.deployments[4].finishedAt = ciBatch().deployments[4].finishedAt;
        batch.deployments.pop();
        batch.incidents[0].resolvedAt = at(BASE + 2 * HOUR);
        const third = await post('/api/scorecard/events', batch);
        expect(third.status).toBe(400);
        expect(third.body.error.message).toContain(
          'deployments[3].entityRef: component:default/does-not-exist is not in the catalog',
        );
        expect(await before()).toEqual(counts);
      });

      it('answers 413 for too many events and for a body over the limit', async () => {
        const many = {
          source: 'ci',
          deployments: Array.from({ length: 51 }, (_, i) => ({
            ...ciBatch().deployments[0],
            id: `m-${i}`,
          })),
        };
        const res = await post('/api/scorecard/events', many);
        expect(res.status).toBe(413);
        expect(res.body.error.message).toContain('at most 50');
        const big = {
          source: 'ci',
          deployments: [
            {
              ...ciBatch().deployments[0],
              url: `https://x.example/${'a'.repeat(70_000)}`,
            },
          ],
        };
        const huge = await post('/api/scorecard/events', big);
        expect(huge.status).toBe(413);
        expect(huge.body.error.message).toContain('64kb');
      });

      it('stores SQL-looking strings verbatim in every text field and leaves the tables intact', async () => {
        const evil = "x'); DROP TABLE scorecard_deployments; --";
        const res = await post('/api/scorecard/events', {
          source: 'evil-ci',
          deployments: [
            {
              id: evil,
              entityRef: ARGO,
              environment: evil,
              result: 'success',
              finishedAt: at(BASE),
              fixesIncident: evil,
              url: `https://e.example/${encodeURIComponent(evil)}`,
            },
          ],
          incidents: [
            {
              id: evil,
              entityRef: ARGO,
              severity: evil,
              impact: 'none',
              triggeredAt: at(BASE),
              title: evil,
              causedByDeployment: evil,
            },
          ],
        });
        expect(res.status).toBe(200);
        const d = await knex('scorecard_deployments')
          .where({ source: 'evil-ci' })
          .first();
        expect(d).toMatchObject({
          id: evil,
          environment: evil.toLowerCase(),
          fixes_incident: evil,
        });
        const i = await knex('scorecard_incidents')
          .where({ source: 'evil-ci' })
          .first();
        expect(i).toMatchObject({
          id: evil,
          severity: evil,
          title: evil,
          caused_by_deployment: evil,
        });
        // a SQL-looking source or entity ref is refused with the field named
        const bad = await post('/api/scorecard/events', {
          source: evil,
          deployments: [
            {
              ...ciBatch().deployments[0],
              entityRef: `component:default/a' OR '1'='1`,
            },
          ],
        });
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain(
          'source: must be letters, digits',
        );
      });

      it('refuses text PostgreSQL cannot store (NUL, unpaired surrogates) with the field named, writing nothing', async () => {
        // without the check the insert failed whole with a 500 on PostgreSQL
        const res = await post('/api/scorecard/events', {
          source: 'ci',
          deployments: [{ ...ciBatch().deployments[0], id: 'nul-1' }],
          incidents: [
            {
              id: 'nul\u0000incident',
              entityRef: ARGO,
              severity: 'P1\ud800',
              impact: 'none',
              triggeredAt: at(BASE),
              title: 'database\u0000down',
            },
          ],
        });
        expect(res.status).toBe(400);
        for (const field of ['id', 'severity', 'title'])
          expect(res.body.error.message).toContain(
            `incidents[0].${field}: must not contain the NUL character (\\u0000) or an unpaired surrogate (\\ud800-\\udfff)`,
          );
        expect(
          await knex('scorecard_deployments').where({ id: 'nul-1' }),
        ).toHaveLength(0);
      });

      it('refuses prototype-polluting keys without polluting anything', async () => {
        const body = `{"source":"ci","__proto__":{"polluted":true},"deployments":[{"id":"p1","entityRef":"${ARGO}","environment":"production","result":"success","finishedAt":"${at(
          BASE,
        )}","constructor":{"prototype":{"polluted":true}}}]}`;
        const res = await request(server)
          .post('/api/scorecard/events')
          .set('Authorization', as('user:default/ci'))
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          '__proto__: is not a known field',
        );
        expect(res.body.error.message).toContain(
          'deployments[0].constructor: is not a known field',
        );
        expect(({} as any).polluted).toBeUndefined();
        expect(
          await knex('scorecard_deployments').where({ id: 'p1' }),
        ).toHaveLength(0);
      });

      it('stores every acknowledged event exactly once under 8 concurrent writers with overlapping batches', async () => {
        const event = (n: number) => ({
          id: `c-${n}`,
          entityRef: ARGO,
          environment: 'production',
          result: 'success',
          finishedAt: at(BASE + n * 60_000),
        });
        const incident = (n: number) => ({
          id: `ci-${n}`,
          entityRef: ARGO,
          severity: 'P3',
          impact: 'none',
          triggeredAt: at(BASE + n * 60_000),
        });
        // writer w sends events [w*10, w*10+20): most events are in two writers' batches
        const results = await Promise.all(
          Array.from({ length: 8 }, (_w, w) => {
            const ids = Array.from({ length: 20 }, (_k, k) => w * 10 + k);
            return post('/api/scorecard/events', {
              source: 'concurrent',
              deployments: ids.slice(0, 20).map(event),
              incidents: ids.slice(0, 20).map(incident),
            });
          }),
        );
        expect(results.map(r => r.status)).toEqual(Array(8).fill(200));
        const acknowledged = new Set<number>();
        for (let w = 0; w < 8; w++)
          for (let k = 0; k < 20; k++) acknowledged.add(w * 10 + k);
        const rows = await knex('scorecard_deployments')
          .where({ source: 'concurrent' })
          .select('id');
        expect(rows.map(r => r.id).sort()).toEqual(
          [...acknowledged].map(n => `c-${n}`).sort(),
        );
        const inc = await knex('scorecard_incidents')
          .where({ source: 'concurrent' })
          .select('id');
        expect(inc).toHaveLength(acknowledged.size);
      });

      it('rejects unknown query parameters, bad windows and unknown entities', async () => {
        expect(
          (await get(`/api/scorecard/scorecard?entityRef=${DEV}&drop=1`))
            .status,
        ).toBe(400);
        const bad = await get(
          `/api/scorecard/scorecard?entityRef=${DEV}&from=yesterday`,
        );
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain('from:');
        expect(
          (
            await get(
              `/api/scorecard/scorecard?entityRef=component:default/nope`,
            )
          ).status,
        ).toBe(404);
        expect(
          (await get(`/api/scorecard/trend?entityRef=${DEV}&metric=happiness`))
            .status,
        ).toBe(400);
        const unknownMetric = await get(
          `/api/scorecard/trends?entityRef=${DEV}&metrics=uptime,happiness`,
        );
        expect(unknownMetric.status).toBe(400);
        expect(unknownMetric.body.error.message).toMatch(
          /^metrics: 'happiness' is not a metric; use one of uptime, /,
        );
      });
    });

    it('stops showing an entity once it is deleted from the catalog', async () => {
      const ref = 'platform:default/temporary-platform';
      expect(
        (await get(`/api/scorecard/scorecard?entityRef=${ref}`)).status,
      ).toBe(200);
      fs.writeFileSync(tempFile, '');
      // The catalog may be re-reading the file as it was when the entity is deleted, and add it
      // back; and a sync may be running when the test asks for one. So: delete it whenever the
      // catalog still has it, ask for a sync, and wait for the portfolio to drop it.
      const portfolio = await waitFor(
        'the sync to drop the entity',
        async () => {
          const entity = await request(server)
            .get(
              '/api/catalog/entities/by-name/platform/default/temporary-platform',
            )
            .set('Authorization', as(READER));
          if (entity.status === 200) {
            const del = await request(server)
              .delete(
                `/api/catalog/entities/by-uid/${entity.body.metadata.uid}`,
              )
              .set('Authorization', as('user:default/admin'));
            if (del.status !== 204)
              throw new Error(
                `the catalog refused the deletion: ${del.status}`,
              );
          }
          // answered 409 while a run is under way; the next round asks again
          await request(server)
            .post(
              '/api/scorecard/.backstage/scheduler/v1/tasks/scorecard-catalog-sync/trigger',
            )
            .set('Authorization', mockCredentials.service.header());
          const res = await get(
            `/api/scorecard/portfolio?from=${FROM}&to=${TO}`,
          );
          return res.body.platforms.length === 3 ? res.body : undefined;
        },
      );
      expect(portfolio.platforms.map((p: any) => p.entityRef)).not.toContain(
        ref,
      );
      expect(
        (await get(`/api/scorecard/scorecard?entityRef=${ref}`)).status,
      ).toBe(404);
    });
  },
);
