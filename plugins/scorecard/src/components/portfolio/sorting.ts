import type { MetricId } from '@opmodel/plugin-scorecard-common';
import type { PortfolioRow as Row } from './columns';

/** What the portfolio can be sorted by: a platform's name, owner, lifecycle or a metric. */
export type SortKey = 'platform' | 'owner' | 'lifecycle' | MetricId;

const lower = (s: string) => s.toLocaleLowerCase('en-US');

function sortValue(row: Row, key: SortKey): string | number | null {
  if (key === 'platform') return lower(row.title ?? row.entityRef);
  if (key === 'owner') return row.owner ?? null;
  if (key === 'lifecycle') return row.lifecycle ?? null;
  const m = row.metrics.find(x => x.metric === key);
  return m && m.state === 'ok' ? m.value : null;
}

/** Sorts rows by a column; rows without a value go last whichever the direction. */
export function sortRows(rows: Row[], key: SortKey, dir: 'asc' | 'desc') {
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null && vb === null) return 0;
    if (va === null) return 1;
    if (vb === null) return -1;
    let c = 0;
    if (va < vb) c = -1;
    else if (va > vb) c = 1;
    return dir === 'asc' ? c : -c;
  });
}
