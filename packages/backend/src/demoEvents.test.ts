import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import opmodelModule from '@opmodel/plugin-catalog-backend-module-opmodel';
import scorecardPlugin from '@opmodel/plugin-scorecard-backend';
import {
  DEMO_PLATFORM_PROFILES,
  DEMO_PROFILES,
  demoEvents,
  profilesByComponent,
  scorecardModuleDemoEvents,
} from './demoEvents';
import { DEMO_SEED_KINDS, unservedDemoEntities } from './demoSeedReadiness';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';

jest.setTimeout(600_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const DAY = 86_400_000;
const examples = path.resolve(__dirname, '../../../examples');

// The example backend's own catalog configuration (rules and locations), as app-config.yaml has it
const appConfig = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);
const catalog = {
  ...appConfig.catalog,
  locations: appConfig.catalog.locations.map(
    (l: { type: string; target: string }) => ({
      ...l,
      target: path.resolve(__dirname, '..', l.target),
    }),
  ),
};

/** Every Component the example files declare. */
function exampleComponents(): string[] {
  return fs
    .readdirSync(examples)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(examples, f), 'utf8')).map(
        d => d.toJS() as Entity,
      ),
    )
    .filter(e => e?.kind === 'Component')
    .map(
      e => `component:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
    )
    .sort();
}

// nothing but the demo runs on its own during the test
const never = { frequency: { cron: '0 0 1 1 *' }, timeout: { minutes: 5 } };

describe.each(databases.eachSupportedId())(
  'the demo on a first start on %s',
  databaseId => {
    it('seeds every example Component, each with its platform’s profile', async () => {
      const knex = await databases.init(databaseId);
      const startedAt = Date.now();
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          opmodelModule,
          scorecardPlugin,
          scorecardModuleDemoEvents,
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog,
              opmodel: {
                scorecard: {
                  catalogSync: { schedule: never },
                  snapshots: { schedule: never },
                  retention: { schedule: never },
                  indexSummaries: { schedule: never },
                  portfolio: { schedule: never },
                },
              },
            },
          }),
        ],
      });
      try {
        const get = (url: string) =>
          request(backend.server)
            .get(url)
            .set('Authorization', mockCredentials.user.header());
        const components = exampleComponents();

        // the profiles the demo must have used: from the whole example, once the catalog has
        // served every Component and all that decides their profiles, as the demo waits for too
        const profiles = await waitFor(
          'the whole example in the catalog',
          async () => {
            const res = await get(
              `/api/catalog/entities?${DEMO_SEED_KINDS.map(
                k => `filter=kind=${k}`,
              ).join('&')}`,
            );
            const entities = res.body as Entity[];
            const byComponent = profilesByComponent(entities);
            const decided =
              unservedDemoEntities(
                entities,
                Object.keys(DEMO_PLATFORM_PROFILES),
              ).length === 0;
            return decided && components.every(c => byComponent.has(c))
              ? byComponent
              : undefined;
          },
        );

        const today = new Date(Math.floor(startedAt / DAY) * DAY)
          .toISOString()
          .slice(0, 10);
        // what each Component must have, worked out once: days before today come out the same
        // whenever the demo ran
        const expectedIds = new Map(
          components.map(ref => [
            ref,
            demoEvents(ref, DEMO_PROFILES[profiles.get(ref)!], startedAt)
              .deployments.map(d => d.id)
              .filter(id => id.split('/')[2] < today),
          ]),
        );
        const isSeeded = async (ref: string) => {
          const res = await get(
            `/api/scorecard/events?entityRef=${ref}&type=deployment&from=${new Date(
              startedAt - 100 * DAY,
            ).toISOString()}&limit=1000`,
          );
          if (res.status !== 200) return false;
          const stored = new Set(
            res.body.events.map((e: { id: string }) => e.id),
          );
          return expectedIds.get(ref)!.every(id => stored.has(id));
        };
        // the backend runs in this process: each look stops at the first Component still short,
        // and looks come a second apart, so that the test leaves the demo the CPU to seed
        let firstShort: string | undefined;
        const missing = await waitFor(
          'the demo deployments of every example Component',
          async () => {
            for (const ref of components) {
              if (!(await isSeeded(ref))) {
                firstShort = ref;
                return undefined;
              }
            }
            return [];
          },
          300_000,
          1_000,
        ).catch(async error => {
          // what the scheduler knows of the demo's runs says why it did not seed
          const tasks = await get(
            '/api/scorecard/.backstage/scheduler/v1/tasks',
          );
          throw new Error(
            `${
              error.message
            }; ${firstShort} was short; the scheduler's demo task: ${JSON.stringify(
              tasks.body.tasks?.find(
                (t: { taskId: string }) =>
                  t.taskId === 'scorecard-collector-demo',
              ),
            )}`,
          );
        });
        expect(missing).toEqual([]);
        expect(new Set(profiles.values())).toEqual(
          new Set(['good', 'poor', 'sparse', 'average']),
        );
      } finally {
        await backend.stop();
      }
    });
  },
);

describe('the demo’s choice of Components', () => {
  it('leaves a Component a collector reads to that collector', () => {
    const component = (name: string, annotations?: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default', annotations },
      spec: { type: 'service', owner: 'group:default/team' },
    });
    const profiles = profilesByComponent([
      component('seeded'),
      component('from-github', { 'github.com/project-slug': 'acme/shop' }),
      component('from-pagerduty', { 'pagerduty.com/service-id': 'PABC123' }),
    ]);
    expect([...profiles.keys()]).toEqual(['component:default/seeded']);
  });
});
