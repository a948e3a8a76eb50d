import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Knex } from 'knex';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleOpmodel from '@opmodel/plugin-catalog-backend-module-opmodel';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  waitFor,
  opmodelCatalogRules,
} from '@opmodel/plugin-opmodel-common/testing';
import { scorecardPlugin } from '../plugin';
import {
  createScorecardEventSourceConditionalDecision,
  scorecardEventSourceConditions,
} from '../permissions/eventSourceRules';
import {
  ARGO,
  CI,
  DEV,
  exampleEvents,
  NOBODY,
  OUTSIDER,
  PAGER,
  PLATFORMS,
  READER,
} from './scorecardTestEvents';

export * from './scorecardTestEvents';

/**
 * The scorecard backend with the real catalog over the examples (and a temporary Platform of a
 * file of its own), the real scheduler, a permission policy of a few users and a database of
 * the given engine, started and waited for until the scorecard knows every Platform.
 */
export interface ScorecardTestBackend {
  backend: TestBackend;
  server: TestBackend['server'];
  knex: Knex;
  /** The file the temporary Platform is declared in. */
  temporaryFile: string;
  /** A GET as `user` (the reader unless told). */
  get(url: string, user?: string): request.Test;
  /** A POST of `body` as `user` (the CI pipeline unless told). */
  post(url: string, body: unknown, user?: string): request.Test;
  /** Asks the scheduler to run a task of the scorecard plugin now. */
  triggerTask(id: string): Promise<void>;
  /** A scheduled task of the scorecard plugin as the scheduler lists it. */
  taskOf(id: string): Promise<any>;
  /** Triggers a task through the scheduler and waits until that run has ended; its state. */
  runTask(id: string): Promise<any>;
  /** The catalog's entities matching a filter, as the reader sees them. */
  catalogEntities(filter: string): Promise<any[]>;
  stop(): Promise<void>;
}

/** The Authorization header of a user's requests. */
export const authHeader = (user: string) => mockCredentials.user.header(user);

const examples = path.resolve(__dirname, '../../../../examples');
const exampleFiles = [
  'org.yaml',
  'systems.yaml',
  'platforms.yaml',
  'roles.yaml',
  'funding.yaml',
];

/** The catalog of the tests: every kind of the examples, from their files and `extraFiles`. */
function testCatalogConfig(extraFiles: string[]) {
  return {
    rules: opmodelCatalogRules,
    locations: [
      ...exampleFiles.map(f => path.join(examples, f)),
      ...extraFiles,
    ].map(target => ({ type: 'file', target })),
  };
}

/** Writes a file declaring the temporary Platform, in a directory of its own; its path. */
function writeTemporaryPlatform(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-scorecard-'));
  const file = path.join(dir, 'temporary.yaml');
  fs.writeFileSync(
    file,
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
  return file;
}

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

/** The scorecard's configuration in the tests. */
const scorecardConfig = {
  ingestion: {
    maxBatchItems: 50,
    maxBodySize: '64kb',
    // the CI pipeline owns its source; sources not listed are open
    sources: [
      {
        source: 'github-actions',
        writers: [CI, 'external:test-service'],
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
    // once at the start (nothing is late yet), then when the test triggers it
    lateEvents: {
      schedule: { frequency: { hours: 12 }, timeout: { minutes: 10 } },
    },
  },
  // no initial delay, so that a trigger runs it at once
  indexSummaries: {
    schedule: {
      frequency: { minutes: 30 },
      timeout: { minutes: 5 },
    },
  },
};

/**
 * Starts the backend on a fresh database of `databaseId`, and waits until it is ready; `extra`
 * adds features (a service factory of a test's own) and `opmodel.scorecard` configuration.
 */
export async function startScorecardTestBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  extra: {
    features?: BackendFeature[];
    scorecard?: Record<string, unknown>;
  } = {},
): Promise<ScorecardTestBackend> {
  const knex = await databases.init(databaseId);
  const temporaryFile = writeTemporaryPlatform();
  const backend = await startTestBackend({
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
      ...(extra.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          catalog: testCatalogConfig([temporaryFile]),
          opmodel: { scorecard: { ...scorecardConfig, ...extra.scorecard } },
        },
      }),
    ],
  });
  const server = backend.server;
  const service = () => mockCredentials.service.header();
  const get = (url: string, user = READER) =>
    request(server).get(url).set('Authorization', authHeader(user));
  const post = (url: string, body: unknown, user = CI) =>
    request(server)
      .post(url)
      .set('Authorization', authHeader(user))
      .send(body as object);
  const triggerTask = async (id: string) => {
    const res = await request(server)
      .post(`/api/scorecard/.backstage/scheduler/v1/tasks/${id}/trigger`)
      .set('Authorization', service());
    expect(res.status).toBe(200);
  };
  const taskOf = async (id: string) => {
    const res = await request(server)
      .get('/api/scorecard/.backstage/scheduler/v1/tasks')
      .set('Authorization', service());
    return res.body.tasks.find((t: any) => t.taskId === id);
  };
  const runTask = async (id: string) => {
    const before = (await taskOf(id))?.taskState?.lastRunEndedAt;
    await triggerTask(id);
    return waitFor(`a run of ${id}`, async () => {
      const state = (await taskOf(id))?.taskState;
      return state?.lastRunEndedAt && state.lastRunEndedAt !== before
        ? state
        : undefined;
    });
  };
  const catalogEntities = async (filter: string): Promise<any[]> => {
    const res = await get(`/api/catalog/entities?filter=${filter}`);
    return res.status === 200 ? res.body : [];
  };

  // the catalog has the examples, with the developer platform's includes, before any event
  await waitFor('the example catalog', async () => {
    const res = await get(
      `/api/catalog/entities/by-name/platform/default/developer-platform`,
    );
    return res.status === 200 &&
      res.body.relations?.some((r: any) => r.type === 'includes')
      ? true
      : undefined;
  });
  // The catalog processes entities in batches, and on a busy machine the last ones (or the
  // relations other entities give them) come much later: wait until every Platform with what
  // it includes, the included systems with their parts, and argo-cd in its system are in.
  await waitFor('the platforms and their parts in the catalog', async () => {
    const platforms = await catalogEntities('kind=platform');
    if (platforms.length !== PLATFORMS.length) return undefined;
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
  });
  await triggerTask('scorecard-catalog-sync');
  await waitFor('the scorecard to know the catalog', async () => {
    for (const ref of [ARGO, ...PLATFORMS]) {
      const res = await get(`/api/scorecard/scorecard?entityRef=${ref}`);
      if (res.status !== 200) return undefined;
    }
    return true;
  });

  return {
    backend,
    server,
    knex,
    temporaryFile,
    get,
    post,
    triggerTask,
    taskOf,
    runTask,
    catalogEntities,
    stop: () => backend.stop(),
  };
}

/** Sends the example events (what the ingestion test sends and checks), as the CI pipeline. */
export async function postExampleEvents(t: ScorecardTestBackend) {
  for (const body of exampleEvents()) {
    const res = await t.post('/api/scorecard/events', body);
    if (res.status !== 200)
      throw new Error(
        `the example events were refused: ${res.status} ${res.text}`,
      );
  }
}
