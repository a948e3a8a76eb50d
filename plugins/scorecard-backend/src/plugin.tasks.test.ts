import fs from 'node:fs';
import request from 'supertest';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { METRIC_IDS } from '@opmodel/plugin-scorecard-common';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import {
  at,
  authHeader,
  BASE,
  DAY,
  DEV,
  FROM,
  postExampleEvents,
  READER,
  startScorecardTestBackend,
  TO,
  type ScorecardTestBackend,
} from './__testUtils__/startScorecardTestBackend';

jest.setTimeout(180_000);

/*
 * The scorecard's tasks run through the real scheduler: index summaries, portfolio refreshes,
 * daily snapshots and the trends read from them, and the catalog sync dropping a deleted entity.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  "the scorecard's scheduled tasks with the real catalog on %s",
  databaseId => {
    let t: ScorecardTestBackend;

    beforeAll(async () => {
      t = await startScorecardTestBackend(databases, databaseId);
      await postExampleEvents(t);
    });

    afterAll(async () => {
      await t?.stop();
    });

    it('runs the index-summaries task through the scheduler without an error', async () => {
      const state = await t.runTask('scorecard-index-summaries');
      expect(state.lastRunError).toBeUndefined();
    });

    it("refreshes this replica's portfolios through the scheduler, on every replica", async () => {
      // each replica keeps its own portfolios in memory: the task is local, not one per cluster
      const task = await t.taskOf('scorecard-portfolio-refresh');
      expect(task).toMatchObject({ scope: 'local' });
      expect(task.taskState.lastRunEndedAt).toBeUndefined();
      const state = await t.runTask('scorecard-portfolio-refresh');
      expect(state.lastRunError).toBeUndefined();
    });

    it('keeps daily snapshots through the scheduler and reads trends from them', async () => {
      // the whole run, not its first writes: the snapshot writes as it goes
      expect(
        (await t.runTask('scorecard-snapshots')).lastRunError,
      ).toBeUndefined();
      const res = await t.get(
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
      const all = await t.get(
        `/api/scorecard/trends?entityRef=${DEV}&from=${FROM}&to=${TO}`,
      );
      expect(all.status).toBe(200);
      expect(Object.keys(all.body.trends).sort()).toEqual(
        [...METRIC_IDS].sort(),
      );
      expect(all.body.trends.deploymentFrequency).toEqual(trend.points);
      const two = await t.get(
        `/api/scorecard/trends?entityRef=${DEV}&metrics=uptime,deploymentFrequency&from=${FROM}&to=${TO}`,
      );
      expect(Object.keys(two.body.trends).sort()).toEqual([
        'deploymentFrequency',
        'uptime',
      ]);
      expect(two.body.trends.uptime).toEqual(all.body.trends.uptime);
      expect(two.body.trends.uptime.length).toBeGreaterThanOrEqual(28);
    });

    it('stops showing an entity once it is deleted from the catalog', async () => {
      const ref = 'platform:default/temporary-platform';
      expect(
        (await t.get(`/api/scorecard/scorecard?entityRef=${ref}`)).status,
      ).toBe(200);
      fs.writeFileSync(t.temporaryFile, '');
      // The catalog may be re-reading the file as it was when the entity is deleted, and add it
      // back; and a sync may be running when the test asks for one. So: delete it whenever the
      // catalog still has it, ask for a sync, and wait for the portfolio to drop it.
      const portfolio = await waitFor(
        'the sync to drop the entity',
        async () => {
          const entity = await request(t.server)
            .get(
              '/api/catalog/entities/by-name/platform/default/temporary-platform',
            )
            .set('Authorization', authHeader(READER));
          if (entity.status === 200) {
            const del = await request(t.server)
              .delete(
                `/api/catalog/entities/by-uid/${entity.body.metadata.uid}`,
              )
              .set('Authorization', authHeader('user:default/admin'));
            if (del.status !== 204)
              throw new Error(
                `the catalog refused the deletion: ${del.status}`,
              );
          }
          // answered 409 while a run is under way; the next round asks again
          await request(t.server)
            .post(
              '/api/scorecard/.backstage/scheduler/v1/tasks/scorecard-catalog-sync/trigger',
            )
            .set('Authorization', mockCredentials.service.header());
          const res = await t.get(
            `/api/scorecard/portfolio?from=${FROM}&to=${TO}`,
          );
          return res.body.platforms.length === 3 ? res.body : undefined;
        },
      );
      expect(portfolio.platforms.map((p: any) => p.entityRef)).not.toContain(
        ref,
      );
      expect(
        (await t.get(`/api/scorecard/scorecard?entityRef=${ref}`)).status,
      ).toBe(404);
    });
  },
);
