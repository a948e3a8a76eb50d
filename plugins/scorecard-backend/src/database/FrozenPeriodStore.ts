import type { Knex } from 'knex';
import type { Scorecard } from '@opmodel/plugin-scorecard-common';
import { chunks, num } from './sql';

/** A period whose scorecards were frozen: kept as they were computed, whatever comes later. */
export type FrozenPeriod = {
  name: string;
  from: number;
  to: number;
  frozenAt: number;
  frozenBy: string;
};

/** Frozen periods and the scorecards frozen with them. */
export interface FrozenPeriodStore {
  /** Stores the period and its scorecards in one transaction. */
  createFrozenPeriod(
    period: { name: string; from: number; to: number; frozenBy: string },
    scorecards: Scorecard[],
  ): Promise<void>;
  listFrozenPeriods(): Promise<FrozenPeriod[]>;
  getFrozenScorecard(
    period: string,
    entityRef: string,
  ): Promise<Scorecard | undefined>;
}

/** The frozen periods in the scorecard's database. */
export class DatabaseFrozenPeriodStore implements FrozenPeriodStore {
  constructor(private readonly db: Knex) {}

  async createFrozenPeriod(
    period: { name: string; from: number; to: number; frozenBy: string },
    scorecards: Scorecard[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('scorecard_frozen_periods').insert({
        name: period.name,
        from: period.from,
        to: period.to,
        frozen_at: Date.now(),
        frozen_by: period.frozenBy,
      });
      for (const part of chunks(scorecards, 100)) {
        await tx('scorecard_frozen_scorecards').insert(
          part.map(s => ({
            period: period.name,
            entity_ref: s.entityRef,
            scorecard: JSON.stringify(s),
          })),
        );
      }
    });
  }

  async listFrozenPeriods() {
    const rows = await this.db('scorecard_frozen_periods').orderBy('from');
    return rows.map(r => ({
      name: r.name,
      from: num(r.from),
      to: num(r.to),
      frozenAt: num(r.frozen_at),
      frozenBy: r.frozen_by,
    }));
  }

  async getFrozenScorecard(
    period: string,
    entityRef: string,
  ): Promise<Scorecard | undefined> {
    const row = await this.db('scorecard_frozen_scorecards')
      .where({ period, entity_ref: entityRef })
      .first();
    return row ? JSON.parse(row.scorecard) : undefined;
  }
}
