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
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleOpmodel from '@opmodel/plugin-catalog-backend-module-opmodel';
import { scorecardPlugin } from './plugin';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-first-start-'));
const file = path.join(dir, 'catalog-info.yaml');
fs.writeFileSync(
  file,
  `apiVersion: opmodel.dev/v1alpha1
kind: Platform
metadata:
  name: brand-new-platform
spec:
  type: developer-platform
  lifecycle: experimental
  owner: group:default/someone
`,
);
// a sync task that never runs on its own during the test
const never = { frequency: { cron: '0 0 1 1 *' }, timeout: { minutes: 5 } };

describe.each(databases.eachSupportedId())(
  'the first start on %s',
  databaseId => {
    it('lists the catalog’s platforms in the portfolio before the first scheduled sync', async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleOpmodel,
          scorecardPlugin,
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [{ allow: ['Platform', 'Location'] }],
                locations: [{ type: 'file', target: file }],
              },
              opmodel: {
                scorecard: {
                  catalogSync: { schedule: never },
                  snapshots: { schedule: never },
                  retention: { schedule: never },
                },
              },
            },
          }),
        ],
      });
      try {
        const auth = mockCredentials.user.header('user:default/reader');
        const ref =
          '/api/catalog/entities/by-name/platform/default/brand-new-platform';
        for (let i = 0; ; i++) {
          const res = await request(backend.server)
            .get(ref)
            .set('Authorization', auth);
          if (res.status === 200) break;
          if (i > 240)
            throw new Error('the catalog never processed the platform');
          await new Promise(r => setTimeout(r, 500));
        }
        // the scorecard's sync task has not run: an empty model must not mean an empty portfolio
        const res = await request(backend.server)
          .get('/api/scorecard/portfolio')
          .set('Authorization', auth);
        expect(res.status).toBe(200);
        expect(res.body.platforms.map((p: any) => p.entityRef)).toEqual([
          'platform:default/brand-new-platform',
        ]);
      } finally {
        await backend.stop();
      }
    });
  },
);
