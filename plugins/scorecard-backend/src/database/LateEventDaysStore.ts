import type { Knex } from 'knex';

/** The past days events arrived for after their snapshots were taken. */
export interface LateEventDaysStore {
  /** Notes the days (YYYY-MM-DD); a day already noted stays noted once. */
  mark(days: string[], at: number): Promise<void>;
  /** The earliest noted day, and when the latest mark was made. */
  earliest(): Promise<{ day: string; markedAt: number } | undefined>;
  /** Forgets the days marked at or before `at`: those a recompute started after has covered. */
  clear(at: number): Promise<void>;
}

export class DatabaseLateEventDaysStore implements LateEventDaysStore {
  constructor(private readonly db: Knex) {}

  async mark(days: string[], at: number): Promise<void> {
    if (days.length === 0) return;
    await this.db('scorecard_late_event_days')
      .insert(days.map(day => ({ day, marked_at: at })))
      .onConflict('day')
      .merge(['marked_at']);
  }

  async earliest() {
    const row = await this.db('scorecard_late_event_days')
      .min({ day: 'day' })
      .max({ markedAt: 'marked_at' })
      .first();
    return row?.day
      ? { day: String(row.day), markedAt: Number(row.markedAt) }
      : undefined;
  }

  async clear(at: number): Promise<void> {
    await this.db('scorecard_late_event_days')
      .where('marked_at', '<=', at)
      .delete();
  }
}
