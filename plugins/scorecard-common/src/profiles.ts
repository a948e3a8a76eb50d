import { DURATION } from './definitions';
import type { MetricId } from './types';

/** One level of a profile: meeting `threshold` (per the metric's direction) earns `level`. */
export type BenchmarkLevel = {
  level: string;
  threshold: number;
  status: 'good' | 'warning' | 'poor';
};

export type BenchmarkProfile = {
  id: string;
  title: string;
  source: string;
  year: number;
  /** How the report's clusters were turned into thresholds. */
  note: string;
  /** Levels best first; a value meeting none of them gets `fallback`. */
  metrics: Partial<
    Record<MetricId, { levels: BenchmarkLevel[]; fallback: string }>
  >;
};

const { HOUR, DAY, WEEK, MONTH } = DURATION;

const THRESHOLD_NOTE =
  "DORA levels are clusters' typical values, not bounds. A level's threshold is the worst typical value among it and the levels above it, so thresholds never invert (2024's medium change-failure rate of 10 % sits below high's 20 %). Deployment frequency: on demand = at least 7 a week, daily to weekly = at least 1 a week, weekly to monthly = at least 1 in 30 days.";

const freq = (monthly: string) => ({
  levels: [
    { level: 'elite', threshold: 7, status: 'good' as const },
    { level: 'high', threshold: 1, status: 'good' as const },
    { level: 'medium', threshold: 7 / 30, status: 'warning' as const },
  ],
  fallback: monthly,
});

export const DORA_2024: BenchmarkProfile = {
  id: 'dora-2024',
  title: 'DORA 2024 performance levels',
  source: 'Accelerate State of DevOps Report 2024 (DORA, Google Cloud)',
  year: 2024,
  note: THRESHOLD_NOTE,
  metrics: {
    deploymentFrequency: freq('low'),
    leadTime: {
      levels: [
        { level: 'elite', threshold: DAY, status: 'good' },
        { level: 'high', threshold: WEEK, status: 'good' },
        { level: 'medium', threshold: MONTH, status: 'warning' },
      ],
      fallback: 'low',
    },
    changeFailureRate: {
      levels: [
        { level: 'elite', threshold: 0.05, status: 'good' },
        { level: 'high', threshold: 0.2, status: 'good' },
        { level: 'medium', threshold: 0.2, status: 'warning' },
      ],
      fallback: 'low',
    },
    recoveryTime: {
      levels: [
        { level: 'elite', threshold: HOUR, status: 'good' },
        { level: 'high', threshold: DAY, status: 'good' },
        { level: 'medium', threshold: DAY, status: 'warning' },
      ],
      fallback: 'low',
    },
  },
};

export const DORA_2023: BenchmarkProfile = {
  id: 'dora-2023',
  title: 'DORA 2023 performance levels',
  source: 'Accelerate State of DevOps Report 2023 (DORA, Google Cloud)',
  year: 2023,
  note: THRESHOLD_NOTE,
  metrics: {
    deploymentFrequency: freq('low'),
    leadTime: {
      levels: [
        { level: 'elite', threshold: DAY, status: 'good' },
        { level: 'high', threshold: WEEK, status: 'good' },
        { level: 'medium', threshold: MONTH, status: 'warning' },
      ],
      fallback: 'low',
    },
    changeFailureRate: {
      levels: [
        { level: 'elite', threshold: 0.05, status: 'good' },
        { level: 'high', threshold: 0.1, status: 'good' },
        { level: 'medium', threshold: 0.15, status: 'warning' },
      ],
      fallback: 'low',
    },
    recoveryTime: {
      levels: [
        { level: 'elite', threshold: HOUR, status: 'good' },
        { level: 'high', threshold: DAY, status: 'good' },
        { level: 'medium', threshold: WEEK, status: 'warning' },
      ],
      fallback: 'low',
    },
  },
};

export const BUILTIN_BENCHMARK_PROFILES: BenchmarkProfile[] = [
  DORA_2024,
  DORA_2023,
];
