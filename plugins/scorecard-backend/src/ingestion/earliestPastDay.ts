import type { EventBatch } from '../database/types';
import { firstBackfillDay } from '../tasks/snapshotDays';

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The earliest day before today that a batch's events fall on (a deployment's finish, an
 * incident's start, an availability sample's start, a response, a support request's opening), no earlier than the snapshots' backfill
 * limit; undefined when every event is of today. The snapshots from that day on hold those events
 * in their windows, so they are the ones to compute again.
 */
export function earliestPastDay(
  batch: EventBatch,
  now: number,
): string | undefined {
  const today = Math.floor(now / DAY) * DAY;
  const earliest = Math.min(
    ...batch.deployments.map(d => d.finishedAt),
    ...batch.incidents.map(i => i.triggeredAt),
    ...batch.availability.map(a => a.start),
    ...(batch.feedback ?? []).map(f => f.respondedAt),
    ...(batch.supportRequests ?? []).map(r => r.openedAt),
  );
  if (!Number.isFinite(earliest) || earliest >= today) return undefined;
  const limit = firstBackfillDay(now);
  const day = dayOf(earliest);
  return day < limit ? limit : day;
}
