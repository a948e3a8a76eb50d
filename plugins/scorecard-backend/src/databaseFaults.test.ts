import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { knex as createKnex, type Knex } from 'knex';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { scorecardPlugin } from './plugin';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';

/*
 * What a caller sees when the database misbehaves or a read parameter is hostile: a clear 400 for
 * the parameter; 503 with Retry-After and a plain message while the database is locked, slow,
 * refusing or dropping connections; a plain 500 for anything else; never SQL, a driver's message
 * or a stack; and the backend serves again once the database is back, without a restart.
 */

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const COMPONENT = 'component:default/checkout';
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-faults-'));
const catalogFile = path.join(tempDir, 'catalog.yaml');
fs.writeFileSync(
  catalogFile,
  JSON.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout' },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:team' },
  }),
);

// What no response body may contain: SQL, the tables' names, a driver's words, a stack frame.
const INTERNALS =
  /\b(select|insert into|update|delete from)\b|scorecard_|knex|pg_|relation "|\n\s+at /i;

describe.each(databases.eachSupportedId())(
  'the scorecard under database faults and hostile parameters on %s',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let knex: Awaited<ReturnType<typeof databases.init>>;
    const user = mockCredentials.user.header('user:default/someone');
    const read = () =>
      request(backend.server)
        .get(`/api/scorecard/scorecard?entityRef=${COMPONENT}`)
        .set('Authorization', user);
    let deploymentId = 0;
    const write = () =>
      request(backend.server)
        .post('/api/scorecard/events')
        .set('Authorization', user)
        .send({
          source: 'ci',
          deployments: [
            {
              id: `d-${++deploymentId}`,
              entityRef: COMPONENT,
              environment: 'production',
              result: 'success',
              finishedAt: new Date(Date.now() - 60_000).toISOString(),
            },
          ],
        });
    const storedDeployments = async () =>
      (await knex('scorecard_deployments').select('id')).map(r => r.id).sort();

    /** An administrator's own connections to the server, outside the backend's pool. */
    async function admin<T>(
      fn: (db: Knex) => Promise<T>,
      database = 'postgres',
    ): Promise<T> {
      const db = createKnex({
        client: 'pg',
        connection: { ...knex.client.config.connection, database },
        pool: { min: 0, max: 1 },
      });
      try {
        return await fn(db);
      } finally {
        await db.destroy();
      }
    }
    const database = () => knex.client.config.connection.database as string;
    const terminateConnections = () =>
      admin(db =>
        db.raw(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = ?',
          [database()],
        ),
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          catalogPlugin,
          scorecardPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [{ allow: ['Component'] }],
                locations: [{ type: 'file', target: catalogFile }],
              },
              opmodel: {
                scorecard: {
                  database: {
                    statementTimeout: { seconds: 1 },
                    connectionTimeout: { seconds: 2 },
                  },
                },
              },
            },
          }),
        ],
      });
      await waitFor('the component in the catalog', async () =>
        (await write()).status === 200 ? true : undefined,
      );
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it.each([
      ['scorecard', `entityRef=${COMPONENT}%00`, 'entityRef'],
      ['scorecard', `entityRef=${COMPONENT}&period=2026%00Q3`, 'period'],
      ['trend', `entityRef=%00&metric=uptime`, 'entityRef'],
      ['trends', `entityRef=${COMPONENT}%00`, 'entityRef'],
      ['events', `entityRef=${COMPONENT}%00&type=deployment`, 'entityRef'],
      ['portfolio', `from=2026-01-01T00:00:00Z%00`, 'from'],
    ])(
      'answers a NUL character in /%s?%s with 400 naming %s',
      async (endpoint, query, parameter) => {
        const res = await request(backend.server)
          .get(`/api/scorecard/${endpoint}?${query}`)
          .set('Authorization', user);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(new RegExp(`^${parameter}: `));
      },
    );

    // locks, terminated and refused connections are PostgreSQL's; SQLite runs in the process
    if (databaseId === 'POSTGRES_15') {
      it('answers 503 with Retry-After, and no internals, while a table is locked; and stores nothing of a refused write', async () => {
        const before = await storedDeployments();
        await admin(async db => {
          const locker = await db.transaction();
          try {
            await locker.raw(
              'lock table scorecard_deployments in access exclusive mode',
            );
            const started = Date.now();
            const [r, w] = await Promise.all([read(), write()]);
            // bounded by the statement timeout, not by the lock
            expect(Date.now() - started).toBeLessThan(15_000);
            for (const res of [r, w]) {
              expect(res.status).toBe(503);
              expect(res.headers['retry-after']).toMatch(/^\d+$/);
              expect(res.body.error.message).toMatch(
                /database is unavailable or too slow/,
              );
              expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
            }
          } finally {
            await locker.rollback();
          }
        }, database());
        expect(await storedDeployments()).toEqual(before);
        expect((await read()).status).toBe(200);
        expect((await write()).status).toBe(200);
      });

      it('answers 503 or succeeds while connections are terminated, and serves again without a restart', async () => {
        await terminateConnections();
        const statuses = new Set<number>();
        for (let i = 0; i < 5; i++) {
          for (const res of [await read(), await write()]) {
            statuses.add(res.status);
            expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
          }
        }
        expect([...statuses].filter(s => s !== 200 && s !== 503)).toEqual([]);
        await waitFor('reads and writes to succeed again', async () =>
          (await read()).status === 200 && (await write()).status === 200
            ? true
            : undefined,
        );
      });

      it('answers 503 with Retry-After while the database refuses connections, and serves again once it accepts them', async () => {
        const name = database();
        await admin(db =>
          db.raw(`alter database "${name}" with allow_connections false`),
        );
        try {
          await terminateConnections();
          for (const res of [await read(), await write()]) {
            expect(res.status).toBe(503);
            expect(res.headers['retry-after']).toMatch(/^\d+$/);
            expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
          }
        } finally {
          await admin(db =>
            db.raw(`alter database "${name}" with allow_connections true`),
          );
        }
        await waitFor('reads and writes to succeed again', async () =>
          (await read()).status === 200 && (await write()).status === 200
            ? true
            : undefined,
        );
      });
    }

    it('answers any other database error with a plain 500 and no internals', async () => {
      await knex.schema.renameTable('scorecard_incidents', 'incidents_away');
      try {
        const res = await read();
        expect(res.status).toBe(500);
        expect(res.body.error.message).toBe(
          'The scorecard backend could not answer this request; the details are in its log.',
        );
        expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
      } finally {
        await knex.schema.renameTable('incidents_away', 'scorecard_incidents');
      }
      expect((await read()).status).toBe(200);
    });
  },
);
