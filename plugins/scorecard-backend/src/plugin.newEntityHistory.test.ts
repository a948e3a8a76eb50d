import fs from 'node:fs';
import request from 'supertest';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import {
  at,
  authHeader,
  DAY,
  DEV,
  FROM,
  HOUR,
  postExampleEvents,
  startScorecardTestBackend,
  TO,
  TODAY,
  type ScorecardTestBackend,
} from './__testUtils__/startScorecardTestBackend';

jest.setTimeout(300_000);

/*
 * History from the first day: a Platform registered after the snapshot task has stored its days
 * has its past days computed by the next catalog sync, from the events it already has, and the
 * entities that had snapshots are left as they were.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const NEW = 'platform:default/late-platform';
const SYNC = 'scorecard-catalog-sync';
const ADMIN = 'user:default/admin';

const platform = (name: string) => ({
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name },
  spec: {
    type: 'developer-platform',
    lifecycle: 'experimental',
    owner: 'group:default/platform-team',
  },
});

/** Successful production deployments of the new Platform, 10, 6 and 3 days ago. */
const lateDeployments = () => ({
  source: 'github-actions',
  deployments: [10, 6, 3].map(d => ({
    id: `late-${d}`,
    entityRef: NEW,
    environment: 'production',
    result: 'success',
    startedAt: at(TODAY - d * DAY + 9 * HOUR),
    finishedAt: at(TODAY - d * DAY + 10 * HOUR),
    firstCommitAt: at(TODAY - d * DAY + 8 * HOUR),
  })),
});

describe.each(databases.eachSupportedId())(
  "a new entity's history on %s",
  databaseId => {
    let t: ScorecardTestBackend;

    beforeAll(async () => {
      t = await startScorecardTestBackend(databases, databaseId);
      await postExampleEvents(t);
    });

    afterAll(async () => {
      await t?.stop();
    });

    /** Adds the new Platform to the temporary Platform's file and has the catalog re-read it. */
    async function registerNewPlatform() {
      fs.writeFileSync(
        t.temporaryFile,
        [platform('temporary-platform'), platform('late-platform')]
          .map(doc => JSON.stringify(doc))
          .join('\n---\n'),
      );
      const locations = await t.catalogEntities('kind=location');
      const location = locations.find(l => l.spec?.target === t.temporaryFile);
      if (!location) throw new Error('no location of the temporary file');
      await waitFor('the catalog to have the new Platform', async () => {
        const res = await t.get(
          '/api/catalog/entities/by-name/platform/default/late-platform',
        );
        if (res.status === 200) return true;
        // a refresh re-reads the file now rather than at the catalog's next processing round
        await request(t.server)
          .post('/api/catalog/refresh')
          .set('Authorization', authHeader(ADMIN))
          .send({
            entityRef: `location:default/${location.metadata.name}`,
          });
        return undefined;
      });
    }

    /** Triggers the catalog sync task (again while a run is under way) and waits for its run. */
    async function runCatalogSync() {
      let before: string | undefined;
      await waitFor('the catalog sync to take a trigger', async () => {
        before = (await t.taskOf(SYNC))?.taskState?.lastRunEndedAt;
        const res = await request(t.server)
          .post(`/api/scorecard/.backstage/scheduler/v1/tasks/${SYNC}/trigger`)
          .set('Authorization', mockCredentials.service.header());
        return res.status === 200 ? true : undefined;
      });
      return waitFor('that run of the catalog sync', async () => {
        const state = (await t.taskOf(SYNC))?.taskState;
        return state?.lastRunEndedAt && state.lastRunEndedAt !== before
          ? state
          : undefined;
      });
    }

    const snapshotRows = async (entityRef: string, same: boolean) => {
      const [row] = await t
        .knex('scorecard_snapshots')
        .where('entity_ref', same ? '=' : '<>', entityRef)
        .count({ n: '*' })
        .max({ computedAt: 'computed_at' });
      return { n: Number(row.n), computedAt: Number(row.computedAt) };
    };

    it('computes the past days of an entity the catalog sync finds new, and only its', async () => {
      // a first start's sync leaves every day to the snapshot task's own backfill
      expect((await runCatalogSync()).lastRunError).toBeUndefined();
      expect((await snapshotRows(NEW, false)).n).toBe(0);

      expect(
        (await t.runTask('scorecard-snapshots')).lastRunError,
      ).toBeUndefined();
      const existing = await snapshotRows(NEW, false);
      expect(existing.n).toBeGreaterThan(0);
      expect((await snapshotRows(NEW, true)).n).toBe(0);

      await registerNewPlatform();
      // the write names an entity the scorecard does not know yet: it syncs early to accept it
      await waitFor('the new Platform to take events', async () => {
        const res = await t.post('/api/scorecard/events', lateDeployments());
        return res.status === 200 ? true : undefined;
      });

      expect((await runCatalogSync()).lastRunError).toBeUndefined();

      // every day the others have in the window, with what the new Platform's events give
      const trend = async (ref: string) => {
        const res = await t.get(
          `/api/scorecard/trend?entityRef=${ref}&metric=deploymentFrequency&from=${FROM}&to=${TO}`,
        );
        expect(res.status).toBe(200);
        return res.body.points as Array<{
          day: string;
          value: number | null;
          state: string;
        }>;
      };
      const points = await trend(NEW);
      expect(points.map(p => p.day)).toEqual(
        (await trend(DEV)).map(p => p.day),
      );
      expect(points.length).toBeGreaterThanOrEqual(28);
      const byDay = new Map(points.map(p => [p.day, p]));
      const day = (daysAgo: number) => at(TODAY - daysAgo * DAY).slice(0, 10);
      // one, two, then three successes in the 28-day window ending that day
      expect(byDay.get(day(11))).toMatchObject({
        value: null,
        state: 'not-enough-data',
      });
      expect(byDay.get(day(10))).toMatchObject({ value: 0.25, state: 'ok' });
      expect(byDay.get(day(6))).toMatchObject({ value: 0.5, state: 'ok' });
      expect(byDay.get(day(1))).toMatchObject({ value: 0.75, state: 'ok' });

      // the entities that had snapshots were not recomputed (the temporary Platform either,
      // though the catalog re-read its file)
      expect(await snapshotRows(NEW, false)).toEqual(existing);

      // a later sync finds nothing new: the new Platform's rows stay as the first one wrote them
      const written = await snapshotRows(NEW, true);
      expect((await runCatalogSync()).lastRunError).toBeUndefined();
      expect(await snapshotRows(NEW, true)).toEqual(written);
      expect(await snapshotRows(NEW, false)).toEqual(existing);
    });
  },
);
