import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError, stringifyError } from '@backstage/errors';
import {
  HEADLINE_METRICS,
  METRIC_IDS,
  type BenchmarkProfile,
  type GradedMetric,
  type MetricId,
  type MetricValue,
  type Portfolio,
  type Scorecard,
  type Trend,
  type Trends,
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
  EventKind,
  EventStore,
  KnownEntity,
  SnapshotRow,
} from '../database/types';
import { WRITE_DEADLINE_MS } from '../database/DatabaseEventStore';
import type { ChangeTracker } from '../database/ChangeTracker';
import type { FrozenPeriodStore } from '../database/FrozenPeriodStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import { isTransientDatabaseError } from '../database/transientErrors';
import { gradeMetric } from './grading';
import type { CatalogMirror, ModelView } from './CatalogMirror';

const DAY = 86_400_000;
// A failed deployment's recovery may end after the window; look this far past it.
const RECOVERY_LOOKAHEAD = 30 * DAY;
// Owners per set-based read: bounds the rows held in memory at once.
const BATCH = 500;
// Member entities per snapshot batch. Small batches keep the snapshot's memory flat, and up to
// about this many entities PostgreSQL reads through the (entity_ref, time) indexes instead of
// scanning the whole window (see migrations/20261122190000_brin_time_indexes.js).
const SNAPSHOT_MEMBERS = 200;
// Snapshot rows per write: about one batch's. The rows waiting for their write (and the write's
// JSON) are alive whenever V8 collects, and V8 lets the heap grow in proportion to what is alive:
// with writes of 10,000 rows the benchmark's snapshot peaked about 30 MB higher (median of 5 runs
// each, 392 against 359 MB) for 4 % less time.
const SNAPSHOT_WRITE_ROWS = 2_000;

// The portfolio keeps its last figures per window length (PORTFOLIO_WINDOWS lengths) and, on the
// next read, recomputes only the platforms whose inputs may have changed; a window that moved
// further than PORTFOLIO_MAX_SHIFT is recomputed whole.
const PORTFOLIO_WINDOWS = 8;
const PORTFOLIO_MAX_SHIFT = 3_600_000;
// Whatever the checks cannot see (an event sent again for another entity leaves nothing written
// under its old platform; a replica's clock further off than the lookback allows) is bounded by
// age: entries older than this are recomputed, the oldest first and at most a tenth of the
// platforms per read or refresh, so that no read pays for all of them at once.
const PORTFOLIO_MAX_AGE = 600_000;
const PORTFOLIO_AGED_SHARE = 10;
// The refresh task keeps current the default window's portfolio and those read this recently
// with a window ending within PORTFOLIO_CURRENT_END of the time of reading.
const PORTFOLIO_KEEP_CURRENT = 3_600_000;
const PORTFOLIO_CURRENT_END = 300_000;
// A write that commits after a read was received at most this long before it: the write deadline
// plus clock skew between replicas.
const WRITE_LOOKBACK = WRITE_DEADLINE_MS + 5_000;
// The writes of that lookback are compared one by one with those a platform's figures already
// counted, up to this many (beyond it, under heavy ingestion, any of them is a change).
const RECENT_WRITES_LIMIT = 5_000;

// A read of more member entities than this (a cold portfolio, a freeze) holds its window's events
// in memory until its scorecards are computed: a 90-day portfolio of the benchmark's data took
// about 100 MB of heap. Such reads run one at a time per replica, so two cannot stack up in a
// container's heap (Node gives itself about 260 MB of heap in a 512 MB container).
const LARGE_READ_MEMBERS = 1_000;

/**
 * The metrics that rest on availability data alone (when there is any). Kept by hand;
 * ScorecardService.test.ts fails when a metric that availability changes is missing from it.
 */
export const AVAILABILITY_METRICS: MetricId[] = [
  'uptime',
  'errorBudgetRemaining',
];

type PortfolioEntry = {
  /** The platform's members and its entity as computed: a change to either recomputes it. */
  membersKey: string;
  entityKey: string;
  metrics: GradedMetric[];
  /** Its uptime came from incidents (no availability data), so an outage's length matters. */
  uptimeFromIncidents: boolean;
  /** Wall-clock time of the check its figures were computed after. */
  computedAt: number;
  /**
   * The writes of the lookback before its generation's check (see `recentWrites`) that these
   * figures count; undefined when there were too many to list, and then any is a change.
   */
  seen?: Set<string>;
};

type PortfolioGeneration = {
  window: TimeWindow;
  horizon: number;
  /** Wall-clock time before the reads the entries rest on: writes from here on are looked at. */
  checkedAt: number;
  /**
   * When a request last read this window length ending at the time of reading (as the portfolio
   * page asks: the last 7, 28 or 90 days); the refresh task's own runs do not count, nor do reads
   * of a window that ended earlier (a past month, say), which the refresh would not help.
   */
  readAt?: number;
  entries: Map<string, PortfolioEntry>;
};

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
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function responseTargets(entity: KnownEntity): ResponseTargetMs[] {
  return (entity.responseTargets ?? []).map(t => ({
    severity: t.severity,
    acknowledge: parseDuration(t.acknowledge),
    resolve: parseDuration(t.resolve),
  }));
}

/**
 * Splits entities into batches of at most BATCH entities and about SNAPSHOT_MEMBERS distinct
 * member entities (an owner with more members than that gets a batch of its own). An entity whose
 * members are already in the batch adds nothing to it: their events are read once for both.
 */
export function batchByMembers(
  entities: KnownEntity[],
  members: Map<string, string[]>,
  maxMembers = SNAPSHOT_MEMBERS,
): KnownEntity[][] {
  const batches: KnownEntity[][] = [];
  let current: KnownEntity[] = [];
  let reads = new Set<string>();
  for (const entity of entities) {
    const own = members.get(entity.entityRef) ?? [entity.entityRef];
    let added = 0;
    for (const m of own) if (!reads.has(m)) added++;
    if (
      current.length > 0 &&
      (current.length >= BATCH || reads.size + added > maxMembers)
    ) {
      batches.push(current);
      current = [];
      reads = new Set();
    }
    current.push(entity);
    for (const m of own) reads.add(m);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The entities reordered so that each one with members (a Platform, a Group; the largest first)
 * is followed by those of its members that are entities too: batched together, their events are
 * read once for the owner and for each member's own scorecard.
 */
export function withMembersAlongside(
  entities: KnownEntity[],
  members: Map<string, string[]>,
): KnownEntity[] {
  const byRef = new Map(entities.map(e => [e.entityRef, e]));
  const size = (e: KnownEntity) => members.get(e.entityRef)?.length ?? 1;
  const owners = entities.filter(e => size(e) > 1);
  owners.sort((a, b) => size(b) - size(a));
  const placed = new Set<string>();
  const out: KnownEntity[] = [];
  const place = (e: KnownEntity | undefined) => {
    if (!e || placed.has(e.entityRef)) return;
    placed.add(e.entityRef);
    out.push(e);
  };
  for (const owner of owners) {
    place(owner);
    for (const m of members.get(owner.entityRef)!) place(byRef.get(m));
  }
  for (const e of entities) place(e);
  return out;
}

/** Computes scorecards from stored events: live for reads, set-based for many entities at once. */
export class ScorecardService {
  private readonly portfolios = new Map<number, PortfolioGeneration>();
  /** Per window length, a computation of every platform in progress. */
  private readonly wholeRuns = new Map<number, Promise<unknown>>();
  /** The last large read (in progress or settled), which the next one waits for. */
  private largeRead: Promise<void> = Promise.resolve();

  /** The events every figure is computed from. */
  private readonly store: EventStore;

  constructor(
    private readonly stores: {
      events: EventStore;
      changes: ChangeTracker;
      snapshots: SnapshotStore;
      frozenPeriods: FrozenPeriodStore;
    },
    private readonly catalogMirror: CatalogMirror,
    private readonly options: ScorecardOptions,
  ) {
    this.store = stores.events;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** The window asked for, or the default one ending now. */
  window(from?: string, to?: string): TimeWindow {
    const end = to ? Date.parse(to) : this.now();
    const start = from
      ? Date.parse(from)
      : end - this.options.defaultWindowDays * DAY;
    if (Number.isNaN(end))
      throw new InputError(
        `to: '${to}' is not an ISO 8601 time; write for example 2026-11-20T00:00:00Z`,
      );
    if (Number.isNaN(start))
      throw new InputError(
        `from: '${from}' is not an ISO 8601 time; write for example 2026-10-23T00:00:00Z`,
      );
    if (start >= end) throw new InputError('from must be before to');
    if (end - start > 800 * DAY)
      throw new InputError(
        'the window may span at most 800 days; narrow from and to',
      );
    return { from: start, to: end };
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
  private horizon(window: TimeWindow, now: number) {
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

  /** Every metric for one entity from its events, graded. */
  compute(
    entity: KnownEntity,
    events: EntityEvents,
    window: TimeWindow,
    now: number,
    metrics: MetricId[] = METRIC_IDS,
    hasIncidentSource = true,
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
    const all: Record<MetricId, () => ReturnType<typeof computeLeadTime>> = {
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
    return metrics.map(id => gradeMetric(all[id](), ctx));
  }

  /**
   * Every Platform with its headline metrics, in one request. The figures are those of a live
   * computation; what the last request computed is reused for the platforms whose inputs have not
   * changed since (no event of a member written since that its figures did not count, listed by
   * `recentWrites`; none in the stretches the window and its horizon moved by, checked by
   * `changedOwners`; the same members and entity). Where uptime comes
   * from incidents, an incident open across such a stretch counts as a change too: the outage's
   * share of the window moved (an open one's with the clock).
   */
  async getPortfolio(window: TimeWindow): Promise<Portfolio> {
    return this.portfolio(window, true);
  }

  /**
   * Brings the remembered portfolios up to date ahead of their next read, so that read finds
   * little or nothing to recompute: the default window's (computed whole the first time) and
   * every other window length a request read in the last hour. Run on every replica by the
   * portfolio-refresh task.
   */
  async refreshPortfolios(): Promise<void> {
    // before the first catalog sync there is nothing to compute; a read then asks the catalog
    // itself, which this must not use up (catalog refreshes are rate-limited)
    if ((await this.catalogMirror.current()).entities.size === 0) return;
    const now = this.now();
    const lengths = new Set([this.options.defaultWindowDays * DAY]);
    for (const [length, generation] of this.portfolios) {
      if ((generation.readAt ?? -Infinity) > now - PORTFOLIO_KEEP_CURRENT)
        lengths.add(length);
    }
    for (const length of lengths) {
      const to = this.now();
      await this.portfolio({ from: to - length, to }, false);
    }
  }

  /**
   * A read with nothing to start from computes every platform; one that arrives while such a
   * computation of its window length runs (the refresh's first run at start-up, say, or a page
   * several people open at once) waits for it and then starts from its figures, instead of
   * computing every platform a second time beside it. Reads that have figures to start from run
   * side by side: each checks for changes itself, which takes a few milliseconds.
   */
  private async portfolio(
    window: TimeWindow,
    requested: boolean,
  ): Promise<Portfolio> {
    const length = window.to - window.from;
    // until none runs: when the one waited for fails, another waiting read starts the next
    for (
      let running = this.wholeRuns.get(length);
      running;
      running = this.wholeRuns.get(length)
    )
      await running.catch(() => undefined);
    if (this.reusable(window)) return this.computePortfolio(window, requested);
    const run = this.computePortfolio(window, requested);
    this.wholeRuns.set(length, run);
    try {
      return await run;
    } finally {
      if (this.wholeRuns.get(length) === run) this.wholeRuns.delete(length);
    }
  }

  /** The remembered portfolio a read of this window can start from, if any. */
  private reusable(window: TimeWindow): PortfolioGeneration | undefined {
    const now = this.now();
    const remembered = this.portfolios.get(window.to - window.from);
    const horizon = this.horizon(window, now);
    const retained =
      this.options.rawEventDays === undefined ||
      window.from >= now - this.options.rawEventDays * DAY;
    return remembered &&
      retained &&
      Math.abs(remembered.window.to - window.to) <= PORTFOLIO_MAX_SHIFT &&
      Math.abs(remembered.horizon - horizon) <= PORTFOLIO_MAX_SHIFT
      ? remembered
      : undefined;
  }

  private async computePortfolio(
    window: TimeWindow,
    requested: boolean,
  ): Promise<Portfolio> {
    // the clock received_at is written with, not the injectable one windows are measured by
    const startedAt = Date.now();
    let model = await this.catalogMirror.current();
    // before the first sync (a fresh install), read the catalog now rather than show nothing
    if (
      model.entities.size === 0 &&
      (await this.catalogMirror.refreshIfStale())
    )
      model = await this.catalogMirror.current();
    const platforms = [...model.entities.values()]
      .filter(e => e.kind === 'platform')
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    const horizon = this.horizon(window, this.now());
    const keys = new Map(
      platforms.map(p => [
        p.entityRef,
        {
          membersKey: (model.members.get(p.entityRef) ?? [p.entityRef]).join(
            '\n',
          ),
          entityKey: JSON.stringify(p),
        },
      ]),
    );

    const length = window.to - window.from;
    const remembered = this.portfolios.get(length);
    const previous = this.reusable(window);
    // Before anything is read: the writes that may have committed after the last check, listed so
    // that the next check can tell them from later ones (and a write counted once is not a change
    // again at every read within the lookback).
    const recent = await this.stores.changes.recentWrites(
      platforms.map(p => p.entityRef),
      (previous?.checkedAt ?? startedAt) - WRITE_LOOKBACK,
      RECENT_WRITES_LIMIT,
    );
    const entries = previous
      ? await this.stillValid(previous, keys, window, horizon, model, recent)
      : new Map<string, PortfolioEntry>();
    const aged = [...entries]
      .filter(
        ([, e]) =>
          e.computedAt <
          startedAt - (this.options.portfolioMaxAgeMs ?? PORTFOLIO_MAX_AGE),
      )
      .sort(([, a], [, b]) => a.computedAt - b.computedAt)
      .slice(0, Math.ceil(platforms.length / PORTFOLIO_AGED_SHARE));
    for (const [ref] of aged) entries.delete(ref);

    const stale = platforms.filter(p => !entries.has(p.entityRef));
    const uptimeFromIncidents = new Set<string>();
    const cards = await this.computeMany(
      stale,
      window,
      HEADLINE_METRICS,
      (ref, events) => {
        if (events.availability.total === 0) uptimeFromIncidents.add(ref);
      },
    );
    stale.forEach((p, i) =>
      entries.set(p.entityRef, {
        ...keys.get(p.entityRef)!,
        metrics: cards[i].metrics,
        uptimeFromIncidents: uptimeFromIncidents.has(p.entityRef),
        computedAt: startedAt,
      }),
    );
    for (const [ref, entry] of entries)
      entries.set(ref, {
        ...entry,
        seen: recent && new Set(recent.get(ref)?.keys()),
      });
    this.portfolios.delete(length);
    this.portfolios.set(length, {
      window,
      horizon,
      checkedAt: startedAt,
      readAt:
        requested && Math.abs(window.to - this.now()) <= PORTFOLIO_CURRENT_END
          ? this.now()
          : remembered?.readAt,
      entries,
    });
    if (this.portfolios.size > PORTFOLIO_WINDOWS)
      this.portfolios.delete(this.portfolios.keys().next().value!);

    return {
      window: {
        from: new Date(window.from).toISOString(),
        to: new Date(window.to).toISOString(),
      },
      platforms: platforms.map(p => ({
        entityRef: p.entityRef,
        title: p.title,
        owner: p.owner,
        lifecycle: p.lifecycle,
        metrics: entries.get(p.entityRef)!.metrics,
      })),
    };
  }

  /**
   * The entries of the last portfolio that still hold for this window: those of platforms with no
   * changed input, and, where only availability samples changed, the entry with its
   * availability-based figures recomputed from per-owner sums (probes stream in far more often
   * than anything else).
   */
  private async stillValid(
    previous: PortfolioGeneration,
    keys: Map<string, Pick<PortfolioEntry, 'membersKey' | 'entityKey'>>,
    window: TimeWindow,
    horizon: number,
    model: ModelView,
    recent: Map<string, Map<string, EventKind>> | undefined,
  ): Promise<Map<string, PortfolioEntry>> {
    const entries = new Map<string, PortfolioEntry>();
    // same members, same entity: the rest is for the database to say
    const candidates = [...keys]
      .filter(([ref, key]) => {
        const entry = previous.entries.get(ref);
        return (
          entry?.membersKey === key.membersKey &&
          entry.entityKey === key.entityKey
        );
      })
      .map(([ref]) => ref);
    if (candidates.length === 0) return entries;
    const moved = (a: number, b: number): [number, number] => [
      Math.min(a, b),
      Math.max(a, b),
    ];
    const changed = await this.stores.changes.changedOwners(candidates, {
      spanning: candidates.filter(
        ref => previous.entries.get(ref)!.uptimeFromIncidents,
      ),
      // the writes since the last check, when they could not be listed one by one
      since: recent ? undefined : previous.checkedAt - WRITE_LOOKBACK,
      ranges: [
        moved(previous.window.from, window.from),
        moved(previous.window.to, window.to),
        moved(previous.horizon, horizon),
      ],
    });
    // writes listed one by one: those the entry's figures did not count yet
    for (const [ref, writes] of recent ?? []) {
      const seen = previous.entries.get(ref)?.seen;
      for (const [write, kind] of writes) {
        if (seen?.has(write)) continue;
        const kinds = changed.get(ref) ?? new Set<EventKind>();
        kinds.add(kind);
        changed.set(ref, kinds);
      }
    }
    const availabilityOnly = new Map<string, string[]>();
    for (const ref of candidates) {
      const kinds = changed.get(ref);
      const entry = previous.entries.get(ref)!;
      if (!kinds) entries.set(ref, entry);
      else if (
        kinds.size === 1 &&
        kinds.has('availability') &&
        !entry.uptimeFromIncidents
      )
        availabilityOnly.set(ref, model.members.get(ref) ?? [ref]);
    }
    if (availabilityOnly.size > 0) {
      const now = this.now();
      const sums = await this.store.readEvents(availabilityOnly, {
        window,
        horizon,
        environments: this.options.environments,
        kinds: ['availability'],
      });
      for (const [ref, events] of sums) {
        // no samples left in the window: uptime falls back to incidents, a full computation
        if (events.availability.total === 0) continue;
        const entry = previous.entries.get(ref)!;
        const fresh = new Map(
          this.compute(
            model.entities.get(ref)!,
            events,
            window,
            now,
            entry.metrics
              .map(m => m.metric)
              .filter(m => AVAILABILITY_METRICS.includes(m)),
          ).map(m => [m.metric, m]),
        );
        entries.set(ref, {
          ...entry,
          metrics: entry.metrics.map(m => fresh.get(m.metric) ?? m),
        });
      }
    }
    return entries;
  }

  /** A metric's daily history, read from snapshots. */
  async getTrend(
    entityRef: string,
    metric: MetricId,
    window: TimeWindow,
  ): Promise<Trend> {
    const { trends, ...rest } = await this.getTrends(
      entityRef,
      [metric],
      window,
      'metric',
    );
    return { ...rest, metric, points: trends[metric]! };
  }

  /**
   * The daily history of several metrics of one entity, from the stored snapshots. `field` is
   * the request parameter the metric ids came in, for the error that names an unknown one.
   */
  async getTrends(
    entityRef: string,
    metrics: string[],
    window: TimeWindow,
    field = 'metrics',
  ): Promise<Trends> {
    const unknown = metrics.filter(m => !METRIC_IDS.includes(m as MetricId));
    if (unknown.length > 0) {
      throw new InputError(
        `${field}: '${
          unknown[0]
        }' is not a metric; use one of ${METRIC_IDS.join(', ')}`,
      );
    }
    const entity = await this.entity(entityRef);
    const points = await this.stores.snapshots.readSnapshots(
      entity.entityRef,
      metrics,
      isoDay(window.from),
      isoDay(window.to + DAY - 1),
    );
    const periods = await this.stores.frozenPeriods.listFrozenPeriods();
    return {
      entityRef: entity.entityRef,
      window: {
        from: new Date(window.from).toISOString(),
        to: new Date(window.to).toISOString(),
      },
      trends: Object.fromEntries(points),
      frozen: periods
        .filter(p => p.from < window.to && p.to > window.from)
        .map(p => ({
          name: p.name,
          from: new Date(p.from).toISOString(),
          to: new Date(p.to).toISOString(),
        })),
    };
  }

  /**
   * Stores the snapshot of every scorecard for each given day (the default window ending at the
   * end of that UTC day). Days inside a frozen period are never recomputed.
   */
  async snapshot(days: string[]): Promise<{
    days: string[];
    entities: number;
    /** Entities whose figures could not be computed or stored for a day: logged and left out. */
    skipped: Array<{ entityRef: string; day: string }>;
    /**
     * Time spent reading events and computing scorecards, and writing snapshots, each summed
     * over its steps (which overlap: two batches are computed at a time, and writes run beside).
     */
    computeMs: number;
    writeMs: number;
  }> {
    const frozen = await this.stores.frozenPeriods.listFrozenPeriods();
    const open = days.filter(day => {
      const start = Date.parse(`${day}T00:00:00Z`);
      return !frozen.some(p => start >= p.from && start < p.to);
    });
    const model = await this.catalogMirror.current();
    const entities = [...model.entities.values()];
    const windowDays = this.options.defaultWindowDays;
    const skipped: Array<{ entityRef: string; day: string }> = [];
    const skip = (entityRef: string, day: string, error: unknown) => {
      skipped.push({ entityRef, day });
      this.options.logger?.warn(
        `scorecard snapshot of ${entityRef} for ${day} was skipped; the other entities' snapshots are stored: ${stringifyError(
          error,
        )}`,
      );
    };
    let computeMs = 0;
    let writeMs = 0;
    // rows are written in a few large statements rather than one per batch, each while the next
    // batches are read and computed (the database writes on its own core); a flush waits for the
    // write before it, so at most two writes' rows are held
    let pending: SnapshotRow[] = [];
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const rows = pending;
      pending = [];
      const previous = writing;
      writing = previous.then(async () => {
        const t = Date.now();
        await this.writeSnapshotsSkippingFailures(rows, skip);
        writeMs += Date.now() - t;
      });
      writing.catch(() => undefined); // surfaces when awaited below
      await previous;
    };
    const batches = batchByMembers(
      withMembersAlongside(entities, model.members),
      model.members,
    );
    const jobs = open.flatMap(day => {
      const end = Date.parse(`${day}T00:00:00Z`) + DAY;
      const window = {
        from: end - windowDays * DAY,
        to: Math.min(end, this.now()),
      };
      return batches.map(part => ({ day, window, part }));
    });
    // two batches at a time: the database reads one while the other's scorecards are computed
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const { day, window, part } = jobs[next++];
        const t0 = Date.now();
        const cards = await this.computeManySkippingFailures(
          part,
          window,
          (entityRef, error) => skip(entityRef, day, error),
        );
        computeMs += Date.now() - t0;
        for (const card of cards) {
          for (const metric of card.metrics)
            pending.push({
              entityRef: card.entityRef,
              day,
              windowDays,
              metric,
            });
        }
        if (pending.length >= SNAPSHOT_WRITE_ROWS) await flush();
      }
    };
    await Promise.all([worker(), worker()]);
    if (pending.length > 0) await flush();
    await writing;
    return {
      days: open,
      entities: entities.length,
      skipped,
      computeMs,
      writeMs,
    };
  }

  /**
   * The scorecards of a batch; when the batch fails, each entity is computed alone and those that
   * fail again are reported and left out. An error that says the database is away or too slow is
   * nobody's fault in particular: it fails the run, to be tried again at the next.
   */
  private async computeManySkippingFailures(
    part: KnownEntity[],
    window: TimeWindow,
    onSkip: (entityRef: string, error: unknown) => void,
  ): Promise<Scorecard[]> {
    try {
      return await this.computeMany(part, window);
    } catch (batchError) {
      if (isTransientDatabaseError(batchError)) throw batchError;
      const cards: Scorecard[] = [];
      for (const entity of part) {
        try {
          cards.push(...(await this.computeMany([entity], window)));
        } catch (error) {
          if (isTransientDatabaseError(error)) throw error;
          onSkip(entity.entityRef, error);
        }
      }
      return cards;
    }
  }

  /**
   * Writes snapshot rows; when the write fails, each entity's rows of a day are written alone and
   * those the database refuses again are reported and left out, as in computeManySkippingFailures.
   */
  private async writeSnapshotsSkippingFailures(
    rows: SnapshotRow[],
    onSkip: (entityRef: string, day: string, error: unknown) => void,
  ): Promise<void> {
    try {
      await this.stores.snapshots.writeSnapshots(rows, this.now());
    } catch (writeError) {
      if (isTransientDatabaseError(writeError)) throw writeError;
      const byEntityDay = new Map<string, SnapshotRow[]>();
      for (const row of rows) {
        const key = `${row.entityRef}\u0000${row.day}`;
        const group = byEntityDay.get(key);
        if (group) group.push(row);
        else byEntityDay.set(key, [row]);
      }
      for (const group of byEntityDay.values()) {
        try {
          await this.stores.snapshots.writeSnapshots(group, this.now());
        } catch (error) {
          if (isTransientDatabaseError(error)) throw error;
          onSkip(group[0].entityRef, group[0].day, error);
        }
      }
    }
  }

  /** Freezes a named period: its scorecards are computed once, stored, and never recomputed. */
  async freeze(name: string, window: TimeWindow, frozenBy: string) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
      throw new InputError(
        'name: use letters, digits and . _ - (at most 100), for example 2026-Q3',
      );
    }
    if (window.to > this.now())
      throw new InputError('to: a period can be frozen only once it has ended');
    if (
      (await this.stores.frozenPeriods.listFrozenPeriods()).some(
        p => p.name === name,
      )
    ) {
      throw new InputError(
        `name: a period called ${name} is already frozen; choose another name`,
      );
    }
    const cards = await this.computeMany(
      [...(await this.catalogMirror.current()).entities.values()],
      window,
    );
    await this.stores.frozenPeriods.createFrozenPeriod(
      { name, from: window.from, to: window.to, frozenBy },
      cards,
    );
    return {
      name,
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      entities: cards.length,
    };
  }

  async listEvents(
    entityRef: string,
    type: 'deployment' | 'incident',
    window: TimeWindow,
    limit: number,
  ) {
    return this.store.listEvents(entityRef, type, window, limit);
  }

  async listPeriods() {
    return (await this.stores.frozenPeriods.listFrozenPeriods()).map(p => ({
      name: p.name,
      from: new Date(p.from).toISOString(),
      to: new Date(p.to).toISOString(),
      frozenAt: new Date(p.frozenAt).toISOString(),
      frozenBy: p.frozenBy,
    }));
  }

  async getFrozenScorecard(
    period: string,
    entityRef: string,
  ): Promise<Scorecard> {
    const entity = await this.entity(entityRef);
    const card = await this.stores.frozenPeriods.getFrozenScorecard(
      period,
      entity.entityRef,
    );
    if (!card)
      throw new NotFoundError(
        `No frozen period ${period} with a scorecard for ${entityRef}`,
      );
    return card;
  }
}
