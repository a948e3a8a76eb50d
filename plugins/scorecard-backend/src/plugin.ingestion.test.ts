import request from 'supertest';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  ARGO,
  at,
  BASE,
  blackboxAvailability,
  ciBatch,
  DAY,
  HOUR,
  incidentResolved,
  incidentTriggered,
  startScorecardTestBackend,
  type ScorecardTestBackend,
} from './__testUtils__/startScorecardTestBackend';

jest.setTimeout(180_000);

/*
 * What a CI pipeline and an alerting webhook send is stored once, whoever sends it again and
 * however many send at once.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
if (process.env.OPMODEL_TEST_REQUIRE_POSTGRES) {
  it('runs against PostgreSQL', () => {
    expect(databases.eachSupportedId().map(([id]) => id)).toContain(
      'POSTGRES_15',
    );
  });
}

describe.each(databases.eachSupportedId())(
  'ingesting events over HTTP with the real catalog on %s',
  databaseId => {
    let t: ScorecardTestBackend;

    beforeAll(async () => {
      t = await startScorecardTestBackend(databases, databaseId);
    });

    afterAll(async () => {
      await t?.stop();
    });

    it('stores what a CI pipeline and an alerting webhook post, idempotently', async () => {
      const first = await t.post('/api/scorecard/events', ciBatch());
      expect(first.body.error?.message).toBeUndefined();
      expect(first.status).toBe(200);
      expect(first.body.received).toEqual({
        deployments: 6,
        incidents: 0,
        probes: 0,
        buckets: 0,
        feedback: 0,
        supportRequests: 0,
      });
      // a retry of the same batch changes nothing
      expect((await t.post('/api/scorecard/events', ciBatch())).status).toBe(
        200,
      );
      expect(
        Number((await t.knex('scorecard_deployments').count({ n: '*' }))[0].n),
      ).toBe(6);

      // the incident arrives as it is triggered, then again as it is acknowledged and resolved
      expect(
        (await t.post('/api/scorecard/events', incidentTriggered())).status,
      ).toBe(200);
      // an update that leaves out the title keeps it
      const update = incidentResolved();
      expect(update.incidents[0]).not.toHaveProperty('title');
      expect((await t.post('/api/scorecard/events', update)).status).toBe(200);
      const rows = await t.knex('scorecard_incidents').select();
      expect(rows).toHaveLength(1);
      expect(rows[0].title).toBe('Deploys stuck');
      expect(Number(rows[0].resolved_at)).toBe(BASE + 5 * DAY + 4 * HOUR);

      // availability from a blackbox exporter, as pre-counted hourly buckets: 999 of 1000 good
      const av = await t.post('/api/scorecard/events', blackboxAvailability());
      expect(av.status).toBe(200);
      expect(av.body.received.buckets).toBe(4);
    });

    it('accepts a service token, as a CI pipeline uses', async () => {
      const res = await request(t.server)
        .post('/api/scorecard/events')
        .set('Authorization', mockCredentials.service.header())
        .send(ciBatch());
      expect(res.status).toBe(200);
      const [row] = await t
        .knex('scorecard_deployments')
        .where({ source: 'github-actions', id: 'run-0' })
        .select('written_by');
      expect(row.written_by).toBe('external:test-service');
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
          return t.post('/api/scorecard/events', {
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
      const rows = await t
        .knex('scorecard_deployments')
        .where({ source: 'concurrent' })
        .select('id');
      expect(rows.map(r => r.id).sort()).toEqual(
        [...acknowledged].map(n => `c-${n}`).sort(),
      );
      const inc = await t
        .knex('scorecard_incidents')
        .where({ source: 'concurrent' })
        .select('id');
      expect(inc).toHaveLength(acknowledged.size);
    });
  },
);
