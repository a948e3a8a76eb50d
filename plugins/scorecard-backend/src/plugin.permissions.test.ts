import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ARGO,
  CI,
  ciBatch,
  DEV,
  INTRUDER,
  NOBODY,
  OUTSIDER,
  PAGER,
  READER,
  startScorecardTestBackend,
  type ScorecardTestBackend,
} from './__testUtils__/startScorecardTestBackend';

jest.setTimeout(180_000);

/*
 * Who may read and write what: authentication, the scorecard's permissions, the writers of a
 * source, and the catalog's own read permission on the entities behind the figures.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'permissions of the scorecard backend on %s',
  databaseId => {
    let t: ScorecardTestBackend;

    beforeAll(async () => {
      t = await startScorecardTestBackend(databases, databaseId);
    });

    afterAll(async () => {
      await t?.stop();
    });

    it('answers 401 without credentials and 403 without the permission', async () => {
      expect(
        (
          await request(t.server).get(
            `/api/scorecard/scorecard?entityRef=${DEV}`,
          )
        ).status,
      ).toBe(401);
      expect(
        (await request(t.server).post('/api/scorecard/events').send(ciBatch()))
          .status,
      ).toBe(401);
      expect(
        (await t.get(`/api/scorecard/scorecard?entityRef=${DEV}`, NOBODY))
          .status,
      ).toBe(403);
      const denied = await t.post('/api/scorecard/events', ciBatch(), READER);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain(
        'opmodel.scorecard.events.create',
      );
    });

    it('lets only the writers of a source write it, refusing the whole batch with 403 naming the source', async () => {
      const stored = async () =>
        (
          await t
            .knex('scorecard_deployments')
            .select('source', 'id', 'written_by')
        )
          .map(r => [`${r.source}/${r.id}`, r.written_by])
          .sort();
      expect((await t.post('/api/scorecard/events', ciBatch())).status).toBe(
        200,
      );
      const original = await stored();
      expect(original).toContainEqual(['github-actions/run-0', CI]);

      // the configured writers: someone else may not overwrite the pipeline's deployments
      const forged = ciBatch();
      forged.deployments[0].result = 'failure';
      const intruded = await t.post('/api/scorecard/events', forged, INTRUDER);
      expect(intruded.status).toBe(403);
      expect(intruded.body.error.message).toContain("'github-actions'");
      expect(intruded.body.error.message).toContain(INTRUDER);

      // a policy's conditions: pager may write pagerduty, and nothing else
      const asPagerduty = await t.post(
        '/api/scorecard/events',
        { ...ciBatch(), source: 'pagerduty' },
        PAGER,
      );
      expect(asPagerduty.status).toBe(200);
      const asCi = await t.post('/api/scorecard/events', forged, PAGER);
      expect(asCi.status).toBe(403);
      expect(asCi.body.error.message).toContain("'github-actions'");

      const after = await stored();
      expect(after.filter(([id]) => original.some(o => o[0] === id))).toEqual(
        original,
      );
      expect(after).toContainEqual(['pagerduty/run-0', PAGER]);
      await t
        .knex('scorecard_deployments')
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
        const res = await t.get(url, OUTSIDER);
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(`No entity ${DEV} in the catalog`);
      }
      // the same ref in another case is the same entity
      expect(
        (
          await t.get(
            `/api/scorecard/scorecard?entityRef=Platform:default/Developer-Platform`,
            OUTSIDER,
          )
        ).status,
      ).toBe(404);
      expect(
        (await t.get(`/api/scorecard/scorecard?entityRef=${ARGO}`, OUTSIDER))
          .status,
      ).toBe(200);
      const all = await t.get(`/api/scorecard/portfolio`, READER);
      const seen = await t.get(`/api/scorecard/portfolio`, OUTSIDER);
      expect(all.body.platforms.map((p: any) => p.entityRef)).toContain(DEV);
      expect(seen.body.platforms.map((p: any) => p.entityRef)).toEqual(
        all.body.platforms
          .map((p: any) => p.entityRef)
          .filter((ref: string) => ref !== DEV),
      );
    });
  },
);
