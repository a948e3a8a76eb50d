import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  METRIC_IDS,
  PRODUCT_METRICS,
  type BenchmarkProfile,
  type GradedMetric,
  type MetricId,
  type MetricValue,
  type Scorecard,
  type ScorecardEvent,
} from '@opmodel/plugin-scorecard-common';
import {
  parseDuration,
  type PlatformObjectives,
} from '@opmodel/plugin-opmodel-common';
import {
  computeChangeFailureRate,
  computeDeploymentFrequency,
  computeDeploymentReworkRate,
  computeErrorBudgetRemaining,
  computeLeadTime,
  computeRecoveryTime,
  computeResponseTargetCompliance,
  computeTimeToAcknowledge,
  computeTimeToResolve,
  computeUptimeFromCounts,
  computeUptimeFromIncidents,
  uptimeWithoutData,
} from '../metrics';
import type { ResponseTargetMs, TimeWindow } from '../metrics/types';
import type {
  EntityEvents,
  EventStore,
  KnownEntity,
  ListedEventType,
} from '../database/types';
import type { AdoptionStore } from '../database/AdoptionStore';
import {
  computeProductMetrics,
  NO_PRODUCT_INPUTS,
  type ProductInputs,
} from './productMetrics';
import { gradeMetric } from './grading';
import type { CatalogMirror } from './CatalogMirror';

const DAY = 86_400_000;
// A failed deployment's recovery may end after the window; look this far past it.
const RECOVERY_LOOKAHEAD = 30 * DAY;
// Owners per set-based read: bounds the rows held in memory at once.
const BATCH = 500;
// A read of more member entities than this (a cold portfolio, a freeze) holds its window's events
// in memory until its scorecards are computed (docs/benchmarks.md, "Tuning constants", says how
// much). Such reads run one at a time per replica, so two cannot stack up in a container's heap.
const LARGE_READ_MEMBERS = 1_000;

/**
 * The metrics that rest on availability data alone (when there is any). Kept by hand;
 * ScorecardService.test.ts fails when a metric that availability changes is missing from it.
 */
export const AVAILABILITY_METRICS: MetricId[] = [
  'uptime',
  'errorBudgetRemaining',
];

export type ScorecardOptions = {
  environments: string[];
  partialOutageWeight: number;
  defaultWindowDays: number;
  defaults?: PlatformObjectives;
  profile: BenchmarkProfile;
  now?: () => number;
  /**
   * Raw events older than this many days are removed by the retention task (on any replica): a
   * portfolio window reaching back that far is always recomputed.
   */
  rawEventDays?: number;
  /** Reads of more member entities than this run one at a time (default LARGE_READ_MEMBERS). */
  largeReadMembers?: number;
  /** Portfolio entries older than this are recomputed (default PORTFOLIO_MAX_AGE). */
  portfolioMaxAgeMs?: number;
  /** Where the snapshot reports entities it had to skip. */
  logger?: LoggerService;
  /** Survey metrics with fewer responses than this in a window are not enough data (default 5). */
  minimumResponses?: number;
};

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function responseTargets(entity: KnownEntity): ResponseTargetMs[] {
  return (entity.responseTargets ?? []).map(t => ({
    severity: t.severity,
    acknowledge: parseDuration(t.acknowledge),
    resolve: parseDuration(t.resolve),
  }));
}

/** Computes scorecards from stored events: live for reads, set-based for many entities at once. */
export class ScorecardService {
  /** The last large read (in progress or settled), which the next one waits for. */
  private largeRead: Promise<void> = Promise.resolve();

  /** The events every figure is computed from. */
  private readonly store: EventStore;
  /** Each Platform's consumers, which the product metrics are measured against. */
  private readonly adoption?: AdoptionStore;

  constructor(
    stores: { events: EventStore; adoption?: AdoptionStore },
    private readonly catalogMirror: CatalogMirror,
    private readonly options: ScorecardOptions,
  ) {
    this.store = stores.events;
    this.adoption = stores.adoption;
  }

  /** The clock windows are measured by (injectable for tests). */
  now() {
    return this.options.now?.() ?? Date.now();
  }

  /** The default window: the configured number of days, ending now. */
  defaultWindow(): TimeWindow {
    const to = this.now();
    return { from: to - this.options.defaultWindowDays * DAY, to };
  }

  /** The entity as the scorecard knows it; an entity new to the catalog triggers a refresh. */
  async entity(entityRef: string): Promise<KnownEntity> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    let found = (await this.catalogMirror.current()).entities.get(ref);
    if (!found && (await this.catalogMirror.refreshFor([ref]))) {
      found = (await this.catalogMirror.current()).entities.get(ref);
    }
    if (!found)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return found;
  }

  async getScorecard(
    entityRef: string,
    window: TimeWindow,
  ): Promise<Scorecard> {
    const entity = await this.entity(entityRef);
    const [card] = await this.computeMany([entity], window);
    return card;
  }

  /** How far past the window events are read: a recovery may end after it, but not after now. */
  horizon(window: TimeWindow, now: number) {
    return Math.min(window.to + RECOVERY_LOOKAHEAD, now + 1);
  }

  /**
   * Scorecards of many entities with set-based reads per batch (at most three queries), never a
   * query per entity.
   * `inspect` sees each entity's events.
   */
  async computeMany(
    entities: KnownEntity[],
    window: TimeWindow,
    metrics: MetricId[] = METRIC_IDS,
    inspect?: (entityRef: string, events: EntityEvents) => void,
  ): Promise<Scorecard[]> {
    const now = this.now();
    const model = await this.catalogMirror.current();
    const out: Scorecard[] = [];
    for (let i = 0; i < entities.length; i += BATCH) {
      const part = entities.slice(i, i + BATCH);
      const owners = new Map(
        part.map(e => [
          e.entityRef,
          model.members.get(e.entityRef) ?? [e.entityRef],
        ]),
      );
      let members = 0;
      for (const m of owners.values()) members += m.length;
      const large =
        members > (this.options.largeReadMembers ?? LARGE_READ_MEMBERS);
      await this.oneLargeReadAtATime(large, async () => {
        const events = await this.store.readEvents(owners, {
          window,
          horizon: this.horizon(window, now),
          environments: this.options.environments,
        });
        const withoutSource = await this.withoutIncidentSource(owners, events);
        const product = await this.productInputs(part, window, metrics);
        for (const entity of part) {
          inspect?.(entity.entityRef, events.get(entity.entityRef)!);
          out.push({
            entityRef: entity.entityRef,
            window: {
              from: new Date(window.from).toISOString(),
              to: new Date(window.to).toISOString(),
            },
            members: owners.get(entity.entityRef)!,
            metrics: this.compute(
              entity,
              events.get(entity.entityRef)!,
              window,
              now,
              metrics,
              !withoutSource.has(entity.entityRef),
              product.get(entity.entityRef),
            ),
            computedAt: new Date(now).toISOString(),
          });
        }
      });
    }
    return out;
  }

  /**
   * The owners whose uptime has nothing to stand on: no availability samples, no incident in what
   * was read, and no member with an incident source (see `EventStore.withIncidentSource`). Only
   * those are looked up, so a read of owners with data asks nothing more.
   */
  private async withoutIncidentSource(
    owners: Map<string, string[]>,
    events: Map<string, EntityEvents>,
  ): Promise<Set<string>> {
    const unknown = [...owners.keys()].filter(ref => {
      const e = events.get(ref)!;
      return e.availability.total === 0 && e.incidents.length === 0;
    });
    if (unknown.length === 0) return new Set();
    const sources = await this.store.withIncidentSource(
      unknown.flatMap(ref => owners.get(ref)!),
    );
    return new Set(
      unknown.filter(ref => !owners.get(ref)!.some(m => sources.has(m))),
    );
  }

  /**
   * The survey responses, support requests and consumers of the Platforms among `entities`, when
   * a product metric is asked for: consumers as of the window's last day.
   */
  private async productInputs(
    entities: KnownEntity[],
    window: TimeWindow,
    metrics: MetricId[],
  ): Promise<Map<string, ProductInputs>> {
    const platforms = entities
      .filter(e => e.kind === 'platform')
      .map(e => e.entityRef);
    const inputs = new Map<string, ProductInputs>();
    if (
      platforms.length === 0 ||
      !metrics.some(m => PRODUCT_METRICS.includes(m))
    )
      return inputs;
    const [events, consumers] = await Promise.all([
      this.store.readProductEvents(platforms, window),
      this.adoption?.consumersAsOf(platforms, dayOf(window.to - 1)) ??
        new Map(),
    ]);
    for (const ref of platforms)
      inputs.set(ref, {
        events: events.get(ref)!,
        consumers: consumers.get(ref),
      });
    return inputs;
  }

  /** Runs `fn` at once, or, for a large read, after the large read before it has finished. */
  private oneLargeReadAtATime(
    large: boolean,
    fn: () => Promise<void>,
  ): Promise<void> {
    if (!large) return fn();
    const run = this.largeRead.then(fn);
    this.largeRead = run.catch(() => undefined);
    return run;
  }

  /**
   * Every metric for one entity from its events, graded. The product metrics are a Platform's
   * alone: other entities' scorecards leave them out.
   */
  compute(
    entity: KnownEntity,
    events: EntityEvents,
    window: TimeWindow,
    now: number,
    metrics: MetricId[] = METRIC_IDS,
    hasIncidentSource = true,
    product: ProductInputs = NO_PRODUCT_INPUTS,
  ): GradedMetric[] {
    const { deployments, incidents, availability } = events;
    let uptime: MetricValue;
    if (availability.total > 0) uptime = computeUptimeFromCounts(availability);
    else if (hasIncidentSource || incidents.length > 0)
      uptime = computeUptimeFromIncidents(incidents, window, {
        partialWeight: this.options.partialOutageWeight,
        now,
      });
    else uptime = uptimeWithoutData();
    const objective =
      entity.objectives?.availability?.target ??
      this.options.defaults?.availability?.target;
    const productMetrics = computeProductMetrics(product, window, now, {
      requestTargets: entity.requestTargets,
      minimumResponses: this.options.minimumResponses ?? 5,
    });
    const all: Record<MetricId, () => ReturnType<typeof computeLeadTime>> = {
      ...productMetrics,
      uptime: () => uptime,
      errorBudgetRemaining: () =>
        computeErrorBudgetRemaining(uptime.value, objective),
      deploymentFrequency: () =>
        computeDeploymentFrequency(deployments, window),
      leadTime: () => computeLeadTime(deployments, window),
      changeFailureRate: () =>
        computeChangeFailureRate(deployments, incidents, window),
      recoveryTime: () => computeRecoveryTime(deployments, incidents, window),
      deploymentReworkRate: () =>
        computeDeploymentReworkRate(deployments, window),
      timeToAcknowledge: () => computeTimeToAcknowledge(incidents, window),
      timeToResolve: () => computeTimeToResolve(incidents, window),
      responseTargetCompliance: () =>
        computeResponseTargetCompliance(
          incidents,
          window,
          responseTargets(entity),
          now,
        ),
    };
    const ctx = {
      objectives: entity.objectives,
      defaults: this.options.defaults,
      profile: this.options.profile,
    };
    return metrics
      .filter(id => entity.kind === 'platform' || !PRODUCT_METRICS.includes(id))
      .map(id => gradeMetric(all[id](), ctx));
  }

  /**
   * The events behind an entity's figures in a window, newest first, as `GET /events` gives
   * them: every time ISO 8601 (as ingestion takes it), null staying null. A response's comment
   * is left out unless `withComments` (the caller may read comments), and marked as hidden.
   */
  async listEvents(
    entityRef: string,
    type: ListedEventType,
    window: TimeWindow,
    limit: number,
    { withComments = false }: { withComments?: boolean } = {},
  ): Promise<ScorecardEvent[]> {
    const iso = (ms: number) => new Date(ms).toISOString();
    const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
    const events = await this.store.listEvents(entityRef, type, window, limit);
    return events.map((e): ScorecardEvent => {
      if ('finishedAt' in e)
        return {
          ...e,
          startedAt: isoOrNull(e.startedAt),
          finishedAt: iso(e.finishedAt),
          firstCommitAt: isoOrNull(e.firstCommitAt),
        };
      if ('triggeredAt' in e)
        return {
          ...e,
          triggeredAt: iso(e.triggeredAt),
          acknowledgedAt: isoOrNull(e.acknowledgedAt),
          mitigatedAt: isoOrNull(e.mitigatedAt),
          resolvedAt: isoOrNull(e.resolvedAt),
        };
      if ('respondedAt' in e) {
        const hidden = !withComments && e.comment !== null;
        return {
          ...e,
          respondedAt: iso(e.respondedAt),
          comment: hidden ? null : e.comment,
          ...(hidden ? { commentHidden: true } : {}),
        };
      }
      return {
        ...e,
        openedAt: iso(e.openedAt),
        firstResponseAt: isoOrNull(e.firstResponseAt),
        resolvedAt: isoOrNull(e.resolvedAt),
      };
    });
  }
}
