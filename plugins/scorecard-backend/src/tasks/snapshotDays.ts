const DAY = 86_400_000;
/** How far back the snapshot task fills days that have no snapshot yet (first start, outages). */
const SNAPSHOT_BACKFILL_DAYS = 90;

/** The earliest day the snapshot task looks at: the backfill limit before today. */
export function firstBackfillDay(
  now: number,
  backfillDays = SNAPSHOT_BACKFILL_DAYS,
): string {
  return new Date(Math.floor(now / DAY) * DAY - backfillDays * DAY)
    .toISOString()
    .slice(0, 10);
}

/** The days to snapshot now: yesterday (recomputed) and any recent day with no snapshot yet. */
export function daysToSnapshot(
  existing: Set<string>,
  now: number,
  backfillDays = SNAPSHOT_BACKFILL_DAYS,
): string[] {
  const days: string[] = [];
  const today = Math.floor(now / DAY) * DAY;
  for (let d = today - backfillDays * DAY; d < today; d += DAY) {
    const day = new Date(d).toISOString().slice(0, 10);
    if (!existing.has(day) || d === today - DAY) days.push(day);
  }
  return days;
}

/**
 * The days a new entity's past is computed for: those of `stored` (the recent days the snapshot
 * task has stored) before today, oldest first. A day it has not stored yet is left to it: it
 * computes that day for every entity, the new ones included.
 */
export function storedPastDays(stored: Set<string>, now: number): string[] {
  const today = new Date(Math.floor(now / DAY) * DAY)
    .toISOString()
    .slice(0, 10);
  return [...stored].filter(day => day < today).sort();
}
