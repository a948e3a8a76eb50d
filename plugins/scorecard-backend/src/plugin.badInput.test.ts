import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ARGO,
  at,
  authHeader,
  BASE,
  CI,
  ciBatch,
  DAY,
  DEV,
  HOUR,
  startScorecardTestBackend,
  type ScorecardTestBackend,
} from './__testUtils__/startScorecardTestBackend';

jest.setTimeout(180_000);

/*
 * Malformed, oversized, hostile and unknown input: refused with the field named, storing
 * nothing, or stored verbatim where it is only text.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'bad input to the scorecard backend on %s',
  databaseId => {
    let t: ScorecardTestBackend;

    beforeAll(async () => {
      t = await startScorecardTestBackend(databases, databaseId);
    });

    afterAll(async () => {
      await t?.stop();
    });

    /** How many deployments and incidents are stored. */
    const stored = async () => ({
      deployments: Number(
        (await t.knex('scorecard_deployments').count({ n: '*' }))[0].n,
      ),
      incidents: Number(
        (await t.knex('scorecard_incidents').count({ n: '*' }))[0].n,
      ),
    });

    it('rejects malformed JSON and non-object bodies', async () => {
      const res = await request(t.server)
        .post('/api/scorecard/events')
        .set('Authorization', authHeader(CI))
        .set('Content-Type', 'application/json')
        .send('{"source": "x", "deployments": [');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/not valid JSON/);
      const arr = await t.post('/api/scorecard/events', [1, 2]);
      expect(arr.status).toBe(400);
    });

    it('writes nothing of a bad batch and names every bad item by index and field', async () => {
      const counts = await stored();
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
      const res = await t.post('/api/scorecard/events', batch);
      expect(res.status).toBe(400);
      const message: string = res.body.error.message;
      expect(message).toContain('deployments[1].finishedAt: must be a string');
      expect(message).toContain(
        'deployments[2].result: must be one of success, failure, rollback',
      );
      expect(await stored()).toEqual(counts);

      // the type errors come first; fixed, the rest are reported
      batch.deployments[1].finishedAt = ciBatch().deployments[1].finishedAt;
      batch.deployments[2].result = 'success';
      const second = await t.post('/api/scorecard/events', batch);
      expect(second.status).toBe(400);
      const m2: string = second.body.error.message;
      expect(m2).toContain('deployments[4].finishedAt: is in the future');
      expect(m2).toContain(
        'deployments[6].id: repeats the id of deployments[0]',
      );
      expect(m2).toContain('incidents[0].resolvedAt: is before triggeredAt');
      expect(await stored()).toEqual(counts);

      batch.deployments[4].finishedAt = ciBatch().deployments[4].finishedAt;
      batch.deployments.pop();
      batch.incidents[0].resolvedAt = at(BASE + 2 * HOUR);
      const third = await t.post('/api/scorecard/events', batch);
      expect(third.status).toBe(400);
      expect(third.body.error.message).toContain(
        'deployments[3].entityRef: component:default/does-not-exist is not in the catalog',
      );
      expect(await stored()).toEqual(counts);
    });

    it('answers 413 for too many events and for a body over the limit', async () => {
      const many = {
        source: 'ci',
        deployments: Array.from({ length: 51 }, (_, i) => ({
          ...ciBatch().deployments[0],
          id: `m-${i}`,
        })),
      };
      const res = await t.post('/api/scorecard/events', many);
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
      const huge = await t.post('/api/scorecard/events', big);
      expect(huge.status).toBe(413);
      expect(huge.body.error.message).toContain('64kb');
    });

    it('stores SQL-looking strings verbatim in every text field and leaves the tables intact', async () => {
      const evil = "x'); DROP TABLE scorecard_deployments; --";
      const res = await t.post('/api/scorecard/events', {
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
      const d = await t
        .knex('scorecard_deployments')
        .where({ source: 'evil-ci' })
        .first();
      expect(d).toMatchObject({
        id: evil,
        environment: evil.toLowerCase(),
        fixes_incident: evil,
      });
      const i = await t
        .knex('scorecard_incidents')
        .where({ source: 'evil-ci' })
        .first();
      expect(i).toMatchObject({
        id: evil,
        severity: evil,
        title: evil,
        caused_by_deployment: evil,
      });
      // a SQL-looking source or entity ref is refused with the field named
      const bad = await t.post('/api/scorecard/events', {
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
      const res = await t.post('/api/scorecard/events', {
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
        await t.knex('scorecard_deployments').where({ id: 'nul-1' }),
      ).toHaveLength(0);
    });

    it('refuses prototype-polluting keys without polluting anything', async () => {
      const body = `{"source":"ci","__proto__":{"polluted":true},"deployments":[{"id":"p1","entityRef":"${ARGO}","environment":"production","result":"success","finishedAt":"${at(
        BASE,
      )}","constructor":{"prototype":{"polluted":true}}}]}`;
      const res = await request(t.server)
        .post('/api/scorecard/events')
        .set('Authorization', authHeader(CI))
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
        await t.knex('scorecard_deployments').where({ id: 'p1' }),
      ).toHaveLength(0);
    });

    it('rejects unknown query parameters, bad windows and unknown entities', async () => {
      expect(
        (await t.get(`/api/scorecard/scorecard?entityRef=${DEV}&drop=1`))
          .status,
      ).toBe(400);
      const bad = await t.get(
        `/api/scorecard/scorecard?entityRef=${DEV}&from=yesterday`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('from:');
      expect(
        (
          await t.get(
            `/api/scorecard/scorecard?entityRef=component:default/nope`,
          )
        ).status,
      ).toBe(404);
      expect(
        (await t.get(`/api/scorecard/trend?entityRef=${DEV}&metric=happiness`))
          .status,
      ).toBe(400);
      const unknownMetric = await t.get(
        `/api/scorecard/trends?entityRef=${DEV}&metrics=uptime,happiness`,
      );
      expect(unknownMetric.status).toBe(400);
      expect(unknownMetric.body.error.message).toMatch(
        /^metrics: 'happiness' is not a metric; use one of uptime, /,
      );
    });
  },
);
