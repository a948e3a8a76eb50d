import type {
  GradedMetric,
  GradeStatus,
} from '@opmodel/plugin-scorecard-common';
import type { PortfolioRow } from './columns';

/** A platform placed on the throughput-against-stability chart. */
export type ChartPoint = {
  entityRef: string;
  title: string;
  /** Deployments per week. */
  throughput: number;
  /** Change failure rate, 0..1. */
  failureRate: number;
  /** The worse of the two grades: the colour of the point. */
  status: GradeStatus;
};

const SEVERITY: Record<GradeStatus, number> = {
  none: 0,
  good: 1,
  warning: 2,
  poor: 3,
};

/** The worse of two grades; without a grade only when neither has one. */
export function worseStatus(a: GradeStatus, b: GradeStatus): GradeStatus {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

const figure = (metrics: GradedMetric[] | undefined, id: string) => {
  const m = metrics?.find(x => x.metric === id);
  return m && m.state === 'ok' && m.value !== null ? m : undefined;
};

/**
 * A platform's place from its figures: deployment frequency (throughput) and change failure rate
 * (stability), DORA's two halves read together; undefined without both.
 */
export function placeOf(
  row: Pick<PortfolioRow, 'entityRef' | 'title'>,
  metrics: GradedMetric[] | undefined,
): ChartPoint | undefined {
  const freq = figure(metrics, 'deploymentFrequency');
  const cfr = figure(metrics, 'changeFailureRate');
  if (!freq || !cfr) return undefined;
  return {
    entityRef: row.entityRef,
    title: row.title ?? row.entityRef,
    throughput: freq.value as number,
    failureRate: cfr.value as number,
    status: worseStatus(freq.grade.status, cfr.grade.status),
  };
}

/** The platforms the chart draws, and the titles of those it cannot (not both figures). */
export function chartPoints(rows: PortfolioRow[]) {
  const points: ChartPoint[] = [];
  const missing: string[] = [];
  for (const r of rows) {
    const p = placeOf(r, r.metrics);
    if (p) points.push(p);
    else missing.push(r.title ?? r.entityRef);
  }
  return { points, missing };
}

/**
 * Deployments per week to a position from 0 to `size` on a log scale spanning whole powers of ten
 * around the values, so a platform deploying monthly and one deploying hourly both read.
 */
export function throughputScale(values: number[], size: number) {
  const positive = values.filter(v => v > 0);
  const lo = Math.floor(Math.log10(Math.min(...positive, 1)));
  const hi = Math.max(Math.ceil(Math.log10(Math.max(...positive, 1))), lo + 1);
  // below the scale's first power of ten (and zero) sits at its left edge
  const at = (v: number) =>
    ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * size;
  const ticks = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
  return { at, ticks };
}
