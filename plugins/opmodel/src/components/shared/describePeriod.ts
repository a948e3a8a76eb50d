import { assignmentState } from '@opmodel/plugin-opmodel-common';

const STATE_WORDS = {
  active: 'active',
  ended: 'ended',
  'not-started': 'not started yet',
} as const;

/** "since 2025-01-01", "2025-01-01 – 2026-06-30", with the assignment's state when not active. */
export function describePeriod(a: { since?: string; until?: string }): string {
  const state = assignmentState(a, new Date());
  let period = 'always';
  if (a.since && a.until) period = `${a.since} – ${a.until}`;
  else if (a.since) period = `since ${a.since}`;
  else if (a.until) period = `until ${a.until}`;
  return state === 'active' ? period : `${period} (${STATE_WORDS[state]})`;
}
