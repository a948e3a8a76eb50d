/** Whether one response met its target: `pending` while it may still do so. */
export type Verdict = 'met' | 'missed' | 'pending';

/**
 * One target: met when done within it, missed when done late or still not done past it.
 * Shared by incident response targets and support request targets.
 */
export function judge(
  startedAt: number,
  doneAt: number | null,
  target: number,
  now: number,
): Verdict {
  if (doneAt !== null) return doneAt - startedAt <= target ? 'met' : 'missed';
  return now - startedAt > target ? 'missed' : 'pending';
}
