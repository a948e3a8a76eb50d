import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ScorecardClient,
  type GradedMetric,
  type Scorecard,
} from '@opmodel/plugin-scorecard-common';
import {
  ARGO,
  at,
  authHeader,
  BASE,
  ciBatch,
  DAY,
  DEV,
  FROM,
  HOUR,
  metric,
  postExampleEvents,
  READER,
  startScorecardTestBackend,
  TO,
  type ScorecardTestBackend,
} from './__testUtils__/startScorecardTestBackend';

jest.setTimeout(180_000);

/*
 * The figures computed from the example events: a platform's scorecard, through HTTP and the
 * typed client, the portfolio, and a frozen period that late events no longer change.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'reading scorecards with the real catalog on %s',
  databaseId => {
    let t: ScorecardTestBackend;

    beforeAll(async () => {
      t = await startScorecardTestBackend(databases, databaseId);
      await postExampleEvents(t);
    });

    afterAll(async () => {
      await t?.stop();
    });

    it("computes the developer platform's scorecard from its members' events, graded by its objectives", async () => {
      const res = await t.get(
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
      const port = (t.server.address() as { port: number }).port;
      const client = new ScorecardClient({
        discoveryApi: {
          getBaseUrl: async () => `http://localhost:${port}/api/scorecard`,
        },
        fetchApi: {
          fetch: (input: any, init: any = {}) =>
            fetch(input, {
              ...init,
              headers: { ...init.headers, Authorization: authHeader(READER) },
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

    it('lists the events behind a figure with every time in ISO 8601, as ingestion takes them', async () => {
      const deployments = await t.get(
        `/api/scorecard/events?entityRef=${DEV}&type=deployment&from=${FROM}&to=${TO}&limit=1`,
      );
      expect(deployments.status).toBe(200);
      // what was sent comes back as it was sent: the same ISO 8601 strings, never epoch numbers
      expect(deployments.body).toEqual({
        entityRef: DEV,
        type: 'deployment',
        events: [
          {
            ...ciBatch().deployments.find(d => d.id === 'run-bad'),
            source: 'github-actions',
            fixesIncident: null,
            url: null,
          },
        ],
      });
      const incidents = await t.get(
        `/api/scorecard/events?entityRef=${DEV}&type=incident&from=${FROM}&to=${TO}`,
      );
      expect(incidents.status).toBe(200);
      expect(incidents.body.events).toEqual([
        {
          source: 'pagerduty',
          id: 'PD-1',
          entityRef: ARGO,
          severity: 'P1',
          impact: 'outage',
          triggeredAt: at(BASE + 5 * DAY + 2 * HOUR),
          acknowledgedAt: at(BASE + 5 * DAY + 2 * HOUR + 10 * 60_000),
          // never sent: null, not a number or a made-up time
          mitigatedAt: null,
          resolvedAt: at(BASE + 5 * DAY + 4 * HOUR),
          causedByDeployment: 'run-bad',
          title: 'Deploys stuck',
          url: null,
        },
      ]);
    });

    it('gives not enough data as its own state, not a zero', async () => {
      const res = await t.get(
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
      const res = await t.get(`/api/scorecard/portfolio?from=${FROM}&to=${TO}`);
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

    it('freezes a named period so late events no longer change it', async () => {
      const frozen = await t.post(
        '/api/scorecard/periods',
        { name: 'review-1', from: FROM, to: TO },
        'user:default/jane',
      );
      expect(frozen.status).toBe(200);
      // a late deployment inside the period
      await t.post('/api/scorecard/events', {
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
      const live = await t.get(
        `/api/scorecard/scorecard?entityRef=${DEV}&from=${FROM}&to=${TO}`,
      );
      expect(metric(live.body, 'deploymentFrequency').count).toBe(5);
      const kept = await t.get(
        `/api/scorecard/scorecard?entityRef=${DEV}&period=review-1`,
      );
      expect(kept.status).toBe(200);
      expect(metric(kept.body, 'deploymentFrequency').count).toBe(4);
      expect(
        (await t.get('/api/scorecard/periods')).body.periods[0],
      ).toMatchObject({ name: 'review-1', frozenBy: 'user:default/jane' });
    });
  },
);
