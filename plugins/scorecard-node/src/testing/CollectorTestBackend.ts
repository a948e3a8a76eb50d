import {
  mockCredentials,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { JsonValue } from '@backstage/types';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import type {
  Coverage,
  ScorecardEvent,
  SourceCoverage,
} from '@opmodel/plugin-scorecard-common';

/**
 * Who a request to the test backend comes from: a signed-in user, another backend plugin, or
 * nobody (as a webhook comes).
 *
 * @public
 */
export type CollectorTestCredentials = 'user' | 'service' | 'none';

/**
 * A request to the test backend. A `body` that is not a string is sent as JSON.
 *
 * @public
 */
export type CollectorTestRequest = {
  method?: string;
  credentials?: CollectorTestCredentials;
  headers?: Record<string, string>;
  body?: JsonValue;
};

/**
 * What the test backend answered; `body` is the parsed JSON, or the text when it is not JSON.
 *
 * @public
 */
export type CollectorTestResponse = {
  status: number;
  headers: Headers;
  body: any;
};

/**
 * A deployment as `GET /api/scorecard/events?type=deployment` lists it; times in milliseconds
 * since the epoch.
 *
 * @public
 */
export type CollectorTestDeployment = {
  id: string;
  entityRef: string;
  source: string;
  environment: string;
  result: string;
  /** ISO 8601, as `GET /events` gives times. */
  startedAt: string | null;
  finishedAt: string;
  firstCommitAt: string | null;
  url: string | null;
};

/**
 * A backend started by `startCollectorTestBackend`, with the requests collector tests make.
 * Every wait polls a condition (`waitFor` of `@opmodel/plugin-opmodel-common/testing`), never a
 * fixed time, and gives up after `timeoutMs` (default 2 minutes).
 *
 * @public
 */
export interface CollectorTestBackend {
  /** The backend's HTTP server, for `supertest` or anything else that wants it. */
  readonly server: TestBackend['server'];
  /** Sends a request to `path` (`/api/...`), as a user unless told otherwise. */
  request(
    path: string,
    request?: CollectorTestRequest,
  ): Promise<CollectorTestResponse>;
  /**
   * Posts a webhook to the events backend's HTTP ingress, `/api/events/http/<topic>`: JSON, no
   * credentials, with the given headers (the sender's event name and signature).
   */
  postWebhook(
    topic: string,
    body: JsonValue,
    headers?: Record<string, string>,
  ): Promise<CollectorTestResponse>;
  /** `GET /api/scorecard/coverage` of an entity; undefined unless it answers 200. */
  coverageOf(entityRef: string): Promise<Coverage | undefined>;
  /** One collector's coverage of an entity, when there is one. */
  sourceOf(
    entityRef: string,
    collectorId: string,
  ): Promise<SourceCoverage | undefined>;
  /**
   * The stored events of an entity as `GET /api/scorecard/events` lists them; undefined unless it
   * answers 200. `T` names the fields a test reads.
   */
  eventsOf<T = ScorecardEvent>(
    entityRef: string,
    query?: { type?: string; from?: string },
  ): Promise<T[] | undefined>;
  /**
   * The stored deployments of an entity, in the order they finished. Expects (Jest's `expect`)
   * the events endpoint to answer 200.
   */
  deploymentsOf(entityRef: string): Promise<CollectorTestDeployment[]>;
  /** Waits until the catalog serves every one of the entities. */
  waitForEntities(entityRefs: string[], timeoutMs?: number): Promise<void>;
  /**
   * Waits until the catalog serves the entities, triggers the collector's task
   * (`scorecard-collector-<id>`; asked again while a run is going on) and waits until the run has
   * reported on every one of them. Gives each entity's coverage by that collector, by entity ref.
   */
  runCollector(
    collectorId: string,
    entityRefs: string[],
    timeoutMs?: number,
  ): Promise<Map<string, SourceCoverage>>;
  /** Stops the backend and removes the catalog file. */
  stop(): Promise<void>;
}

const WAIT = 120_000;

const authorization: Record<
  CollectorTestCredentials,
  () => string | undefined
> = {
  user: () => mockCredentials.user.header(),
  service: () => mockCredentials.service.header(),
  none: () => undefined,
};

/** Transport errors that come before any response: nothing reached the backend's handlers. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * `fetch` to the test's own backend. On a busy machine a connection to it may time out or be
 * reset (the test and the backend share one event loop); such a request is sent again, a few
 * times, and a failure names the request and the cause, which fetch's own "fetch failed" does not.
 */
async function fetchFromBackend(url: string, init: RequestInit) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } })
        .cause;
      if (attempt < 3 && cause?.code && NOT_SENT.has(cause.code)) continue;
      throw new Error(
        `${init.method} ${url}: ${(e as Error).message} (${
          cause?.code ?? cause?.message ?? 'no cause given'
        })`,
      );
    }
  }
}

/** The requests and waits of a `CollectorTestBackend`, over a started backend. */
export function collectorTestBackend(
  backend: TestBackend,
  cleanUp: () => void,
): CollectorTestBackend {
  const baseUrl = `http://localhost:${backend.server.port()}`;

  const request: CollectorTestBackend['request'] = async (path, r = {}) => {
    const headers = new Headers(r.headers);
    const auth = authorization[r.credentials ?? 'user']();
    if (auth) headers.set('authorization', auth);
    let body: string | undefined;
    if (typeof r.body === 'string') body = r.body;
    else if (r.body !== undefined) {
      body = JSON.stringify(r.body);
      if (!headers.has('content-type')) {
        headers.set('content-type', 'application/json');
      }
    }
    const method = r.method ?? (body === undefined ? 'GET' : 'POST');
    const res = await fetchFromBackend(`${baseUrl}${path}`, {
      method,
      headers,
      body,
    });
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get('content-type')?.includes('json') && text) {
      parsed = JSON.parse(text);
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };

  const coverageOf = async (entityRef: string) => {
    const res = await request(
      `/api/scorecard/coverage?${new URLSearchParams({ entityRef })}`,
    );
    return res.status === 200 ? (res.body as Coverage) : undefined;
  };

  const sourceOf = async (entityRef: string, collectorId: string) =>
    (await coverageOf(entityRef))?.sources.find(
      s => s.collector === collectorId,
    );

  const waitForEntities = async (entityRefs: string[], timeoutMs = WAIT) => {
    await waitFor(
      `the catalog to serve ${entityRefs.join(', ')}`,
      async () => {
        const res = await request('/api/catalog/entities/by-refs', {
          method: 'POST',
          credentials: 'service',
          body: { entityRefs },
        });
        return res.status === 200 &&
          (res.body.items as unknown[]).every(item => item)
          ? true
          : undefined;
      },
      timeoutMs,
    );
  };

  return {
    server: backend.server,
    request,
    postWebhook: (topic, body, headers = {}) =>
      request(`/api/events/http/${topic}`, {
        method: 'POST',
        credentials: 'none',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      }),
    coverageOf,
    sourceOf,
    async eventsOf<T>(
      entityRef: string,
      query: { type?: string; from?: string } = {},
    ) {
      const res = await request(
        `/api/scorecard/events?${new URLSearchParams({ entityRef, ...query })}`,
      );
      return res.status === 200 ? (res.body.events as T[]) : undefined;
    },
    async deploymentsOf(entityRef) {
      const res = await request(
        `/api/scorecard/events?${new URLSearchParams({
          entityRef,
          type: 'deployment',
        })}`,
      );
      expect(res.status).toBe(200);
      return (res.body.events as CollectorTestDeployment[]).sort(
        (x, y) => Date.parse(x.finishedAt) - Date.parse(y.finishedAt),
      );
    },
    waitForEntities,
    async runCollector(collectorId, entityRefs, timeoutMs = WAIT) {
      await waitForEntities(entityRefs, timeoutMs);
      const lastRunAt = async (ref: string) => {
        const source = await sourceOf(ref, collectorId);
        return source ? Date.parse(source.lastRunAt) : 0;
      };
      const before = await Promise.all(entityRefs.map(lastRunAt));
      await waitFor(
        `the ${collectorId} collector's run to start`,
        async () => {
          const res = await request(
            `/api/scorecard/.backstage/scheduler/v1/tasks/scorecard-collector-${collectorId}/trigger`,
            { method: 'POST', credentials: 'service' },
          );
          // 409: a run is going on; ask again once it is over
          return res.status === 200 ? true : undefined;
        },
        timeoutMs,
      );
      return waitFor(
        `the ${collectorId} collector's run to report on ${entityRefs.join(
          ', ',
        )}`,
        async () => {
          const sources = await Promise.all(
            entityRefs.map(ref => sourceOf(ref, collectorId)),
          );
          return sources.every(
            (s, i) => s && Date.parse(s.lastRunAt) > before[i],
          )
            ? new Map(sources.map((s, i) => [entityRefs[i], s!]))
            : undefined;
        },
        timeoutMs,
      );
    },
    async stop() {
      try {
        await backend.stop();
      } finally {
        cleanUp();
      }
    },
  };
}
