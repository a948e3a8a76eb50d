/*
 * Demo data for the example app: 90 days of deployments, incidents and availability for every
 * Component, and of survey responses and support requests for every example Platform
 * (demoProductEvents.ts), written through the scorecard's own ingestion path (a collector on its
 * extension point), so the scorecards show something on first start. Deterministic: the same day
 * gives the same events, and ids make a re-run change nothing. It seeds once the catalog has read
 * what decides the Components' profiles and the Platforms and Groups the product events name
 * (demoSeedReadiness.ts); until then a run fails, and the scorecard retries it soon. It looks
 * every minute, so a Component the catalog serves later (on a busy first start it reads the
 * example's files entity by entity) is seeded then.
 *
 * - the developer platform's parts behave well,
 * - the data platform's parts badly,
 * - the observability platform's parts hardly deploy at all (not enough data),
 * - everyone else's services are in between.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type {
  DeploymentEventInput,
  IncidentEventInput,
  AvailabilityBucketInput,
  IngestRequest,
} from '@opmodel/plugin-scorecard-common';
import { scorecardCollectorsExtensionPoint } from '@opmodel/plugin-scorecard-node';
import {
  DEMO_SEED_KINDS,
  unservedDemoEntities,
  unservedRefs,
} from './demoSeedReadiness';
import { between, random } from './demoRandom';
import {
  DEMO_PRODUCT_PROFILES,
  demoProductEvents,
  demoProductRefs,
  type ProductProfile,
} from './demoProductEvents';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAYS = 90;
/** How long an entity's demo events last before they are seeded again, up to the time of the run. */
const RESEED_AFTER_MS = 6 * HOUR;

type Profile = {
  deploysPerDay: number;
  failureRate: number;
  leadTimeHours: [number, number];
  incidentsPerDay: number;
  ackMinutes: [number, number];
  resolveHours: [number, number];
  availability: number;
};

export const DEMO_PROFILES: Record<
  'good' | 'poor' | 'sparse' | 'average',
  Profile
> = {
  good: {
    deploysPerDay: 3,
    failureRate: 0.03,
    leadTimeHours: [1, 8],
    incidentsPerDay: 1 / 30,
    ackMinutes: [2, 10],
    resolveHours: [0.5, 2],
    availability: 0.9995,
  },
  poor: {
    deploysPerDay: 1 / 7,
    failureRate: 0.35,
    leadTimeHours: [72, 400],
    incidentsPerDay: 1 / 5,
    ackMinutes: [60, 300],
    resolveHours: [12, 72],
    availability: 0.985,
  },
  sparse: {
    deploysPerDay: 1 / 200,
    failureRate: 0,
    leadTimeHours: [24, 48],
    incidentsPerDay: 0,
    ackMinutes: [0, 0],
    resolveHours: [0, 0],
    availability: -1,
  },
  average: {
    deploysPerDay: 0.8,
    failureRate: 0.1,
    leadTimeHours: [12, 96],
    incidentsPerDay: 1 / 20,
    ackMinutes: [10, 60],
    resolveHours: [2, 12],
    availability: 0.998,
  },
};

const iso = (ms: number) => new Date(ms).toISOString();

/** One component's 90 days of events, ending before `now`. */
export function demoEvents(ref: string, profile: Profile, now: number) {
  const deployments: DeploymentEventInput[] = [];
  const incidents: IncidentEventInput[] = [];
  const buckets: AvailabilityBucketInput[] = [];
  const today = Math.floor(now / DAY) * DAY;
  for (let d = DAYS; d >= 0; d--) {
    const dayStart = today - d * DAY;
    const day = iso(dayStart).slice(0, 10);
    const rnd = random(`${ref} ${day}`);
    const weekday = new Date(dayStart).getUTCDay() % 6 !== 0;
    let deploys = Math.floor(
      profile.deploysPerDay * (weekday ? 1.4 : 0.2) + rnd(),
    );
    if (profile.deploysPerDay < 1)
      deploys = rnd() < profile.deploysPerDay ? 1 : 0;
    for (let n = 0; n < deploys; n++) {
      const finishedAt = dayStart + 9 * HOUR + rnd() * 9 * HOUR;
      if (finishedAt >= now) continue;
      const failed = rnd() < profile.failureRate;
      const failure = rnd() < 0.5 ? 'rollback' : 'failure';
      const id = `${ref}/${day}/${n}`;
      deployments.push({
        id,
        entityRef: ref,
        environment: 'production',
        result: failed ? failure : 'success',
        startedAt: iso(finishedAt - 10 * MINUTE),
        finishedAt: iso(finishedAt),
        firstCommitAt: iso(
          finishedAt - between(rnd, profile.leadTimeHours) * HOUR,
        ),
        url: `https://github.com/northwind/${
          ref.split('/')[1]
        }/actions/runs/${Math.floor(rnd() * 1e9)}`,
      });
    }
    if (rnd() < profile.incidentsPerDay) {
      const triggeredAt = dayStart + rnd() * 20 * HOUR;
      const ack = triggeredAt + between(rnd, profile.ackMinutes) * MINUTE;
      const resolved = triggeredAt + between(rnd, profile.resolveHours) * HOUR;
      const cause = deployments.find(
        dep => dep.result !== 'success' && dep.id.includes(`/${day}/`),
      );
      if (triggeredAt < now) {
        incidents.push({
          id: `${ref}/${day}/incident`,
          entityRef: ref,
          severity: ['P1', 'P2', 'P2', 'P3'][Math.floor(rnd() * 4)],
          impact: rnd() < 0.4 ? 'outage' : 'partial',
          triggeredAt: iso(triggeredAt),
          acknowledgedAt: ack < now ? iso(ack) : undefined,
          resolvedAt: resolved < now ? iso(resolved) : undefined,
          causedByDeployment: cause?.id,
          title: `${ref.split('/')[1]} degraded`,
          url: `https://northwind.pagerduty.example/incidents/${Math.floor(
            rnd() * 1e6,
          )}`,
        });
      }
    }
    if (profile.availability >= 0) {
      for (let b = 0; b < 4; b++) {
        const start = dayStart + b * 6 * HOUR;
        if (start + 6 * HOUR > now) continue;
        const total = 360;
        const bad = Math.round(total * (1 - profile.availability) * 2 * rnd());
        buckets.push({
          entityRef: ref,
          start: iso(start),
          lengthSeconds: 6 * 3600,
          good: total - bad,
          total,
        });
      }
    }
  }
  return { deployments, incidents, buckets };
}

/** The profile of each example platform's parts; every other Component is average. */
export const DEMO_PLATFORM_PROFILES: Record<
  string,
  keyof typeof DEMO_PROFILES
> = {
  'platform:default/developer-platform': 'good',
  'platform:default/data-platform': 'poor',
  'platform:default/observability-platform': 'sparse',
};

/** The annotations by which the collector modules pick the entities they read. */
const COLLECTOR_ANNOTATIONS = [
  'github.com/project-slug',
  'gitlab.com/project-slug',
  'gitlab.com/project-id',
  'pagerduty.com/service-id',
  'opmodel.dev/prometheus-good',
  'opmodel.dev/prometheus-probe',
];

function readByCollector(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return COLLECTOR_ANNOTATIONS.some(a => a in annotations);
}

/** Which demo profile each Component gets: that of the platform that includes it (or its system). */
export function profilesByComponent(
  entities: Entity[],
): Map<string, keyof typeof DEMO_PROFILES> {
  const refOf = (e: Entity) => stringifyEntityRef(e);
  const parts = new Map<string, string[]>();
  for (const e of entities) {
    parts.set(
      refOf(e),
      (e.relations ?? [])
        .filter(r => r.type === 'includes' || r.type === 'hasPart')
        .map(r => r.targetRef),
    );
  }
  const out = new Map<string, keyof typeof DEMO_PROFILES>();
  for (const [platform, profile] of Object.entries(DEMO_PLATFORM_PROFILES)) {
    for (const target of parts.get(platform) ?? []) {
      for (const ref of [target, ...(parts.get(target) ?? [])]) {
        if (ref.startsWith('component:')) out.set(ref, profile);
      }
    }
  }
  for (const e of entities) {
    if (e.kind === 'Component' && !out.has(refOf(e)))
      out.set(refOf(e), 'average');
  }
  // what a collector reads is left to it: demo events beside real ones would mix the two
  for (const e of entities) {
    if (readByCollector(e)) out.delete(refOf(e));
  }
  return out;
}

/** The batches that seed one Component's demo events, one per source. */
function componentBatches(
  ref: string,
  profile: keyof typeof DEMO_PROFILES,
  now: number,
): IngestRequest[] {
  const { deployments, incidents, buckets } = demoEvents(
    ref,
    DEMO_PROFILES[profile],
    now,
  );
  return [
    { source: 'demo-ci', deployments },
    { source: 'demo-pagerduty', incidents },
    { source: 'demo-blackbox', availability: { buckets } },
  ];
}

/** The batches that seed one Platform's survey responses and support requests. */
function platformBatches(
  ref: string,
  profile: ProductProfile,
  now: number,
): IngestRequest[] {
  const { feedback, supportRequests } = demoProductEvents(ref, profile, now);
  return [
    { source: 'demo-survey', feedback },
    { source: 'demo-helpdesk', supportRequests },
  ];
}

const eventsIn = (batch: IngestRequest) =>
  (batch.deployments?.length ?? 0) +
  (batch.incidents?.length ?? 0) +
  (batch.availability?.buckets?.length ?? 0) +
  (batch.feedback?.length ?? 0) +
  (batch.supportRequests?.length ?? 0);

export const scorecardModuleDemoEvents = createBackendModule({
  pluginId: 'scorecard',
  moduleId: 'demo-events',
  register(env) {
    env.registerInit({
      deps: {
        collectors: scorecardCollectorsExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ collectors, catalog, auth }) {
        // when this replica last seeded each Component and Platform: seeding again after
        // RESEED_AFTER_MS brings the days since then, and one seen for the first time is seeded
        // at once
        const seededAt = new Map<string, number>();
        collectors.addCollector({
          id: 'demo',
          schedule: {
            frequency: { minutes: 1 },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 5 },
          },
          // A run that finds the catalog not ready yet fails, and the scorecard runs it again
          // soon. The example takes the catalog seconds to read, so looking often brings the
          // first seed close to the start.
          retry: {
            initialDelay: { seconds: 5 },
            maxDelay: { seconds: 15 },
            maxRetries: 20,
          },
          async collect({ writer, logger }) {
            const { items } = await catalog.getEntities(
              {
                filter: DEMO_SEED_KINDS.map(kind => ({ kind })),
                fields: ['kind', 'metadata', 'relations'],
              },
              { credentials: await auth.getOwnServiceCredentials() },
            );
            const unserved = [
              ...unservedDemoEntities(
                items,
                Object.keys(DEMO_PLATFORM_PROFILES),
              ),
              ...unservedRefs(items, demoProductRefs()),
            ];
            if (unserved.length > 0) {
              throw new Error(
                `the catalog has not served every example entity the demo depends on yet (${
                  unserved.length
                }, such as ${unserved.slice(0, 3).join(', ')})`,
              );
            }
            const now = Date.now();
            const seedings = [
              ...[...profilesByComponent(items)].map(([ref, profile]) => ({
                ref,
                batches: () => componentBatches(ref, profile, now),
              })),
              ...Object.entries(DEMO_PRODUCT_PROFILES).map(
                ([ref, profile]) => ({
                  ref,
                  batches: () => platformBatches(ref, profile, now),
                }),
              ),
            ];
            let total = 0;
            let seeded = 0;
            const failed: string[] = [];
            let firstError: unknown;
            // one entity the scorecard rejects leaves the others' demo intact
            for (const { ref, batches } of seedings) {
              const last = seededAt.get(ref);
              if (last !== undefined && now - last < RESEED_AFTER_MS) continue;
              try {
                for (const batch of batches()) {
                  await writer.write(batch);
                  total += eventsIn(batch);
                }
                seeded += 1;
                seededAt.set(ref, now);
              } catch (error) {
                failed.push(ref);
                firstError ??= error;
              }
            }
            if (seeded > 0) {
              logger.info(
                `seeded ${total} demo events for ${seeded} example component(s) and platform(s)`,
              );
            }
            if (failed.length > 0) {
              // a rejected batch lists every event: the first few words say enough
              throw new Error(
                `${
                  failed.length
                } component(s) or platform(s) not seeded, such as ${failed
                  .slice(0, 3)
                  .join(', ')}: ${String(firstError).slice(0, 300)}`,
              );
            }
          },
        });
      },
    });
  },
});
