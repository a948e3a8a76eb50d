import type { Knex } from 'knex';
import type {
  AdoptionPoint,
  AdoptionSummary,
} from '@opmodel/plugin-scorecard-common';
import type { PlatformAdoption } from '../adoption/computeAdoption';
import { chunks } from './sql';

/** A Platform's adoption as last stored, with when it was computed. */
export type StoredAdoption = PlatformAdoption & { computedAt: number };

/** What the product metrics of a window stand on: a Platform's consumers as of one look. */
export type ConsumerBase = {
  /** The consumer teams' Group refs (declared or observed). */
  consumerTeams: string[];
  /** How many stream-aligned teams consume, of how many. */
  streamAligned: { consuming: number; total: number };
};

/** Each Platform's adoption per day: the day's last look replaces the look before. */
export interface AdoptionStore {
  /** Stores one look at every Platform as the figures of `day`. */
  write(day: string, adoption: PlatformAdoption[], at: number): Promise<void>;
  /** The last stored look at a Platform, on whichever day. */
  latest(entityRef: string): Promise<StoredAdoption | undefined>;
  /** Every Platform's last stored look in figures, by entity ref. */
  latestFigures(): Promise<AdoptionSummary[]>;
  /**
   * The consumers of each Platform given as of `day`: the newest look on or before it or, for a
   * Platform with none that old (a window before the first look), its oldest look. A Platform
   * never looked at is left out.
   */
  consumersAsOf(
    entityRefs: string[],
    day: string,
  ): Promise<Map<string, ConsumerBase>>;
  /** The figures of each stored day from `fromDay` to `toDay` (inclusive), oldest first. */
  history(
    entityRef: string,
    fromDay: string,
    toDay: string,
  ): Promise<AdoptionPoint[]>;
}

type AdoptionRow = {
  entity_ref: string;
  day: string;
  computed_at: number | string;
  consumers: number;
  stream_aligned_consuming: number;
  stream_aligned_total: number;
  detail: string;
};

const share = (consuming: number, total: number) => ({
  consuming,
  total,
  share: total === 0 ? null : consuming / total,
});

export class DatabaseAdoptionStore implements AdoptionStore {
  constructor(private readonly db: Knex) {}

  async write(
    day: string,
    adoption: PlatformAdoption[],
    at: number,
  ): Promise<void> {
    const rows: AdoptionRow[] = adoption.map(a => ({
      entity_ref: a.entityRef,
      day,
      computed_at: at,
      consumers: a.teams.length,
      stream_aligned_consuming: a.streamAligned.consuming,
      stream_aligned_total: a.streamAligned.total,
      detail: JSON.stringify({
        teams: a.teams,
        capabilities: a.capabilities,
        findings: a.findings,
      }),
    }));
    await this.db.transaction(async tx => {
      for (const part of chunks(rows, 200))
        await tx('scorecard_adoption')
          .insert(part)
          .onConflict(['entity_ref', 'day'])
          .merge();
    });
  }

  async latest(entityRef: string): Promise<StoredAdoption | undefined> {
    const row: AdoptionRow | undefined = await this.db('scorecard_adoption')
      .where({ entity_ref: entityRef })
      .orderBy('day', 'desc')
      .first();
    if (!row) return undefined;
    const detail = JSON.parse(row.detail) as Pick<
      PlatformAdoption,
      'teams' | 'capabilities' | 'findings'
    >;
    return {
      entityRef: row.entity_ref,
      computedAt: Number(row.computed_at),
      streamAligned: share(
        row.stream_aligned_consuming,
        row.stream_aligned_total,
      ),
      ...detail,
    };
  }

  async latestFigures(): Promise<AdoptionSummary[]> {
    // each Platform's newest day: a join on the newest day per ref, in both databases
    const newest = this.db('scorecard_adoption')
      .select('entity_ref')
      .max({ day: 'day' })
      .groupBy('entity_ref')
      .as('newest');
    const rows: AdoptionRow[] = await this.db('scorecard_adoption as a')
      .join(newest, function on() {
        this.on('a.entity_ref', '=', 'newest.entity_ref').andOn(
          'a.day',
          '=',
          'newest.day',
        );
      })
      .select('a.*')
      .orderBy('a.entity_ref');
    return rows.map(r => {
      const { teams } = JSON.parse(r.detail) as Pick<PlatformAdoption, 'teams'>;
      return {
        entityRef: r.entity_ref,
        computedAt: new Date(Number(r.computed_at)).toISOString(),
        consumers: r.consumers,
        consumingEntities: new Set(teams.flatMap(t => t.via)).size,
        streamAligned: share(
          r.stream_aligned_consuming,
          r.stream_aligned_total,
        ),
      };
    });
  }

  async consumersAsOf(
    entityRefs: string[],
    day: string,
  ): Promise<Map<string, ConsumerBase>> {
    const found = new Map<string, ConsumerBase>();
    const read = async (refs: string[], pick: 'newest' | 'oldest') => {
      const chosen = this.db('scorecard_adoption')
        .select('entity_ref')
        .whereIn('entity_ref', refs)
        .groupBy('entity_ref')
        .as('chosen');
      if (pick === 'newest') chosen.max({ day: 'day' }).where('day', '<=', day);
      else chosen.min({ day: 'day' });
      const rows: AdoptionRow[] = await this.db('scorecard_adoption as a')
        .join(chosen, function on() {
          this.on('a.entity_ref', '=', 'chosen.entity_ref').andOn(
            'a.day',
            '=',
            'chosen.day',
          );
        })
        .select('a.*');
      for (const r of rows) {
        const { teams } = JSON.parse(r.detail) as Pick<
          PlatformAdoption,
          'teams'
        >;
        found.set(r.entity_ref, {
          consumerTeams: teams.map(t => t.team),
          streamAligned: {
            consuming: r.stream_aligned_consuming,
            total: r.stream_aligned_total,
          },
        });
      }
    };
    for (const part of chunks([...new Set(entityRefs)], 500)) {
      await read(part, 'newest');
      const missing = part.filter(ref => !found.has(ref));
      if (missing.length > 0) await read(missing, 'oldest');
    }
    return found;
  }

  async history(
    entityRef: string,
    fromDay: string,
    toDay: string,
  ): Promise<AdoptionPoint[]> {
    const rows: AdoptionRow[] = await this.db('scorecard_adoption')
      .where({ entity_ref: entityRef })
      .whereBetween('day', [fromDay, toDay])
      .orderBy('day', 'asc')
      .select(
        'day',
        'consumers',
        'stream_aligned_consuming',
        'stream_aligned_total',
      );
    return rows.map(r => ({
      day: r.day,
      consumers: r.consumers,
      streamAligned: share(r.stream_aligned_consuming, r.stream_aligned_total),
    }));
  }
}
