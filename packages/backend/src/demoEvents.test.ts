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
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { SupportRequestEventInput } from '@opmodel/plugin-scorecard-common';
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
import {
  DEMO_SEED_KINDS,
  unservedDemoEntities,
  unservedRefs,
} from './demoSeedReadiness';
import {
  DEMO_PRODUCT_PROFILES,
  demoProductEvents,
  demoProductRefs,
} from './demoProductEvents';
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

/** Every entity the example files declare. */
function exampleEntities(): Entity[] {
  return fs
    .readdirSync(examples)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(examples, f), 'utf8')).map(
        d => d.toJS() as Entity,
      ),
    )
    .filter(Boolean);
}

const exampleRef = (e: Entity) =>
  `${e.kind.toLocaleLowerCase('en-US')}:${e.metadata.namespace ?? 'default'}/${
    e.metadata.name
  }`;

/** Every Component the example files declare. */
function exampleComponents(): string[] {
  return exampleEntities()
    .filter(e => e.kind === 'Component')
    .map(exampleRef)
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

        // the platforms' survey responses and support requests are written after the
        // Components' events, and only once the catalog serves the Groups they name
        const startOfToday = Math.floor(startedAt / DAY) * DAY;
        const before = (t: string) => Date.parse(t) < startOfToday;
        const expectedProductIds = Object.entries(
          DEMO_PRODUCT_PROFILES,
        ).flatMap(([ref, profile]) => {
          const { feedback, supportRequests } = demoProductEvents(
            ref,
            profile,
            startedAt,
          );
          return [
            {
              ref,
              type: 'feedback',
              ids: feedback.filter(f => before(f.respondedAt)).map(f => f.id),
            },
            {
              ref,
              type: 'supportRequest',
              ids: supportRequests
                .filter(r => before(r.openedAt))
                .map(r => r.id),
            },
          ];
        });
        const unstoredProductEvents = await waitFor(
          'the demo survey responses and support requests of every example Platform',
          async () => {
            for (const { ref, type, ids } of expectedProductIds) {
              const res = await get(
                `/api/scorecard/events?entityRef=${ref}&type=${type}&from=${new Date(
                  startedAt - 100 * DAY,
                ).toISOString()}&limit=1000`,
              );
              if (res.status !== 200) return undefined;
              const stored = new Set(
                res.body.events.map((e: { id: string }) => e.id),
              );
              if (!ids.every(id => stored.has(id))) return undefined;
            }
            return [];
          },
          120_000,
          1_000,
        );
        expect(unstoredProductEvents).toEqual([]);
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

describe('the demo’s survey responses and support requests', () => {
  const HOUR = 3_600_000;
  const WINDOW = 28 * DAY;
  const entities = exampleEntities();
  const groups = new Set(
    entities.filter(e => e.kind === 'Group').map(exampleRef),
  );
  const platforms = new Map(
    entities.filter(e => e.kind === 'Platform').map(e => [exampleRef(e), e]),
  );
  const groupRef = (team: string) =>
    stringifyEntityRef(
      parseEntityRef(team, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  const platformSpec = (ref: string) =>
    platforms.get(ref)!.spec as {
      capabilities: { id: string }[];
      consumers: { team: string }[];
    };
  const declaredConsumers = (ref: string) =>
    new Set(platformSpec(ref).consumers.map(c => groupRef(c.team)));
  const profiles = Object.entries(DEMO_PRODUCT_PROFILES);
  const developer = 'platform:default/developer-platform';
  const data = 'platform:default/data-platform';
  const observability = 'platform:default/observability-platform';

  // mid-morning, so that some of the week's events are still to come; and every day of a
  // month, so that the windows fall on every day of the week
  const someNow = Date.parse('2026-11-25T10:30:00Z');
  const nows = Array.from({ length: 35 }, (_, d) => someNow - d * DAY);
  const eventsOf = (ref: string, now: number) =>
    demoProductEvents(ref, DEMO_PRODUCT_PROFILES[ref], now);
  const inLastWindow = (times: string[], now: number) =>
    times.filter(t => Date.parse(t) >= now - WINDOW && Date.parse(t) < now);
  const mean = (scores: number[]) =>
    scores.reduce((sum, s) => sum + s, 0) / scores.length;

  it('covers the three example platforms', () => {
    expect(Object.keys(DEMO_PRODUCT_PROFILES).sort()).toEqual(
      [...platforms.keys()].sort(),
    );
  });

  it('are the same for the same day, and a later run changes none of those already given', () => {
    // what a later run may add to a request: the answer or resolution that has come since
    const withoutAnswers = ({
      firstResponseAt: _answered,
      resolvedAt: _resolved,
      ...asked
    }: SupportRequestEventInput) => asked;
    for (const [ref, profile] of profiles) {
      expect(demoProductEvents(ref, profile, someNow)).toEqual(
        demoProductEvents(ref, profile, someNow),
      );
      const earlier = demoProductEvents(ref, profile, someNow);
      const later = demoProductEvents(ref, profile, someNow + 6 * HOUR);
      expect(later.feedback).toEqual(expect.arrayContaining(earlier.feedback));
      expect(later.supportRequests.map(withoutAnswers)).toEqual(
        expect.arrayContaining(earlier.supportRequests.map(withoutAnswers)),
      );
      const laterById = new Map(later.supportRequests.map(r => [r.id, r]));
      for (const given of earlier.supportRequests) {
        expect(laterById.get(given.id)).toMatchObject(
          Object.fromEntries(
            Object.entries(given).filter(([, v]) => v !== undefined),
          ),
        );
      }
    }
  });

  it('gives unique ids within each source', () => {
    const all = profiles.map(([ref]) => eventsOf(ref, someNow));
    const feedbackIds = all.flatMap(e => e.feedback.map(f => f.id));
    const requestIds = all.flatMap(e => e.supportRequests.map(r => r.id));
    expect(new Set(feedbackIds).size).toBe(feedbackIds.length);
    expect(new Set(requestIds).size).toBe(requestIds.length);
  });

  it('has no time in the future, and answers nothing before it is asked', () => {
    for (const now of nows) {
      for (const [ref] of profiles) {
        const { feedback, supportRequests } = eventsOf(ref, now);
        const times = [
          ...feedback.map(f => f.respondedAt),
          ...supportRequests.flatMap(r =>
            [r.openedAt, r.firstResponseAt, r.resolvedAt].filter(
              (t): t is string => t !== undefined,
            ),
          ),
        ].map(t => Date.parse(t));
        expect(times.filter(t => !(t < now))).toEqual([]);
        expect(Math.min(...times)).toBeGreaterThanOrEqual(now - 91 * DAY);
        const outOfOrder = supportRequests.filter(r => {
          const opened = Date.parse(r.openedAt);
          const answered = r.firstResponseAt && Date.parse(r.firstResponseAt);
          const resolved = r.resolvedAt && Date.parse(r.resolvedAt);
          return (
            (answered && answered < opened) ||
            (resolved && resolved < (answered || opened))
          );
        });
        expect(outOfOrder).toEqual([]);
      }
    }
  });

  it('gives the observability platform fewer than five responses in every 28-day window', () => {
    for (const now of nows) {
      const times = eventsOf(observability, now)
        .feedback.map(f => Date.parse(f.respondedAt))
        .sort((a, b) => a - b);
      // the fullest window starts at one of the responses
      const fullest = Math.max(
        ...times.map(
          start => times.filter(t => t >= start && t < start + WINDOW).length,
        ),
      );
      expect(times.length).toBeGreaterThan(0);
      expect(fullest).toBeLessThan(5);
    }
  });

  it('gives the developer and data platforms enough responses in the last 28 days for survey figures', () => {
    for (const now of nows) {
      for (const ref of [developer, data]) {
        const given = inLastWindow(
          eventsOf(ref, now).feedback.map(f => f.respondedAt),
          now,
        );
        expect(given.length).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it('makes the developer platform liked and the data platform disliked', () => {
    for (const now of nows) {
      const lastWindow = (ref: string) =>
        eventsOf(ref, now).feedback.filter(
          f => inLastWindow([f.respondedAt], now).length > 0,
        );
      const liked = lastWindow(developer);
      const disliked = lastWindow(data);
      expect(mean(liked.map(f => f.satisfaction!))).toBeGreaterThan(
        mean(disliked.map(f => f.satisfaction!)),
      );
      expect(mean(liked.map(f => f.effort!))).toBeLessThan(
        mean(disliked.map(f => f.effort!)),
      );
      expect(disliked.every(f => f.recommendation! <= 7)).toBe(true);
    }
  });

  it('has the data platform asked for help more, and answer slower, than the developer platform', () => {
    const requestsPerTeam = (ref: string) =>
      inLastWindow(
        eventsOf(ref, someNow).supportRequests.map(r => r.openedAt),
        someNow,
      ).length / DEMO_PRODUCT_PROFILES[ref].teams.length;
    const firstResponseHours = (ref: string) =>
      eventsOf(ref, someNow)
        .supportRequests.filter(r => r.firstResponseAt)
        .map(
          r => (Date.parse(r.firstResponseAt!) - Date.parse(r.openedAt)) / HOUR,
        );
    expect(requestsPerTeam(data)).toBeGreaterThan(requestsPerTeam(developer));
    expect(mean(firstResponseHours(data))).toBeGreaterThan(
      Math.max(...firstResponseHours(developer)),
    );
  });

  it('names only Groups of examples/org.yaml as teams, consumers of the platform among them', () => {
    for (const [ref, profile] of profiles) {
      const { feedback, supportRequests } = eventsOf(ref, someNow);
      const teams = new Set([
        ...feedback.map(f => f.team),
        ...supportRequests.map(r => r.team),
      ]);
      expect([...teams].filter(t => !groups.has(t))).toEqual([]);
      expect(profile.teams.filter(t => !groups.has(t))).toEqual([]);
      const declared = declaredConsumers(ref);
      expect([...teams].some(t => declared.has(t))).toBe(true);
    }
  });

  it('hears from at least one team that is not a declared consumer', () => {
    const undeclared = profiles.flatMap(([ref]) => {
      const declared = declaredConsumers(ref);
      return eventsOf(ref, someNow).feedback.filter(f => !declared.has(f.team));
    });
    expect(undeclared.length).toBeGreaterThan(0);
  });

  it('names only capabilities of the platform it is about, and carries a few comments', () => {
    for (const [ref, profile] of profiles) {
      const capabilities = new Set(
        platformSpec(ref).capabilities.map(c => c.id),
      );
      const named = [
        ...profile.topics,
        ...Object.keys(profile.comments),
        ...eventsOf(ref, someNow).feedback.map(f => f.capability!),
      ];
      expect(named.filter(c => !capabilities.has(c))).toEqual([]);
    }
    const comments = eventsOf(developer, someNow).feedback.filter(
      f => f.comment,
    );
    expect(comments.length).toBeGreaterThan(0);
  });

  it('waits for the catalog to serve every Platform and Group it names', () => {
    const served = entities.filter(
      e => e.kind === 'Platform' || e.kind === 'Group',
    );
    expect(unservedRefs(served, demoProductRefs())).toEqual([]);
    expect(
      unservedRefs(
        served.filter(e => e.metadata.name !== 'payments'),
        demoProductRefs(),
      ),
    ).toEqual(['group:default/payments']);
  });
});
