import type { GradedMetric, Portfolio } from '@opmodel/plugin-scorecard-common';
import {
  HEADLINE_METRICS,
  PORTFOLIO_PRODUCT_METRICS,
} from '@opmodel/plugin-scorecard-common';
import type { TimeWindow } from '../metrics/types';
import type { ChangeTracker } from '../database/ChangeTracker';
import { WRITE_DEADLINE_MS } from '../database/DatabaseEventStore';
import type { TrackedKind, EventStore } from '../database/types';
import type { CatalogMirror, ModelView } from './CatalogMirror';
import {
  AVAILABILITY_METRICS,
  type ScorecardOptions,
  type ScorecardService,
} from './ScorecardService';

const DAY = 86_400_000;

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

/**
 * The portfolio: every Platform's headline metrics, computed live like a scorecard. Each replica
 * remembers its last figures per window length and, on the next read, recomputes only the
 * platforms whose inputs may have changed (see `getPortfolio`); src/service/portfolio.test.ts
 * checks that what it answers equals what a service remembering nothing computes.
 */
export class PortfolioService {
  private readonly portfolios = new Map<number, PortfolioGeneration>();
  /** Per window length, a computation of every platform in progress. */
  private readonly wholeRuns = new Map<number, Promise<unknown>>();

  constructor(
    private readonly scorecards: ScorecardService,
    private readonly stores: { events: EventStore; changes: ChangeTracker },
    private readonly catalogMirror: CatalogMirror,
    private readonly options: ScorecardOptions,
  ) {}

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
    const now = this.scorecards.now();
    const lengths = new Set([this.options.defaultWindowDays * DAY]);
    for (const [length, generation] of this.portfolios) {
      if ((generation.readAt ?? -Infinity) > now - PORTFOLIO_KEEP_CURRENT)
        lengths.add(length);
    }
    for (const length of lengths) {
      const to = this.scorecards.now();
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
    const now = this.scorecards.now();
    const remembered = this.portfolios.get(window.to - window.from);
    const horizon = this.scorecards.horizon(window, now);
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
    const horizon = this.scorecards.horizon(window, this.scorecards.now());
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
    const cards = await this.scorecards.computeMany(
      stale,
      window,
      [...HEADLINE_METRICS, ...PORTFOLIO_PRODUCT_METRICS],
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
        requested &&
        Math.abs(window.to - this.scorecards.now()) <= PORTFOLIO_CURRENT_END
          ? this.scorecards.now()
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
    recent: Map<string, Map<string, TrackedKind>> | undefined,
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
        const kinds = changed.get(ref) ?? new Set<TrackedKind>();
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
      const now = this.scorecards.now();
      const sums = await this.stores.events.readEvents(availabilityOnly, {
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
          this.scorecards
            .compute(
              model.entities.get(ref)!,
              events,
              window,
              now,
              entry.metrics
                .map(m => m.metric)
                .filter(m => AVAILABILITY_METRICS.includes(m)),
            )
            .map(m => [m.metric, m]),
        );
        entries.set(ref, {
          ...entry,
          metrics: entry.metrics.map(m => fresh.get(m.metric) ?? m),
        });
      }
    }
    return entries;
  }
}
