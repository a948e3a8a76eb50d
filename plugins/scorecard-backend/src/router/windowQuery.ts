import { InputError } from '@backstage/errors';
import type { TimeWindow } from '../metrics/types';

const DAY = 86_400_000;
/** Longer windows are refused: their reads would hold years of events for one answer. */
const MAX_WINDOW_DAYS = 800;

/**
 * The window a request asks for (`from` inclusive, `to` exclusive, ISO 8601), or the default one
 * ending now; an unreadable or reversed window is refused naming the parameter and the fix.
 */
export function parseWindowQuery(
  query: { from?: string; to?: string },
  defaults: { now: number; defaultWindowDays: number },
): TimeWindow {
  const { from, to } = query;
  const end = to ? Date.parse(to) : defaults.now;
  const start = from
    ? Date.parse(from)
    : end - defaults.defaultWindowDays * DAY;
  if (Number.isNaN(end))
    throw new InputError(
      `to: '${to}' is not an ISO 8601 time; write for example 2026-11-20T00:00:00Z`,
    );
  if (Number.isNaN(start))
    throw new InputError(
      `from: '${from}' is not an ISO 8601 time; write for example 2026-10-23T00:00:00Z`,
    );
  if (start >= end) throw new InputError('from must be before to');
  if (end - start > MAX_WINDOW_DAYS * DAY)
    throw new InputError(
      `the window may span at most ${MAX_WINDOW_DAYS} days; narrow from and to`,
    );
  return { from: start, to: end };
}
