import { DURATION } from './definitions';
import type { components } from './generated/openapi';

/** One level of a profile: meeting `threshold` (per the metric's direction) earns `level`. */
export type BenchmarkLevel = components['schemas']['BenchmarkLevel'];

/** A published benchmark turned into thresholds: levels best first, per metric. */
export type BenchmarkProfile = components['schemas']['BenchmarkProfile'];

const { HOUR, DAY, WEEK, MONTH } = DURATION;

const THRESHOLD_NOTE =
  "DORA levels are clusters' typical values, not bounds. A level's threshold is the worst typical value among it and the levels above it, so thresholds never invert (2024's medium change-failure rate of 10 % sits below high's 20 %). Deployment frequency: on demand = at least 7 a week, daily to weekly = at least 1 a week, weekly to monthly = at least 1 in 30 days.";

/** elite and high are good, medium a warning; anything beyond medium is low. */
const levels = (elite: number, high: number, medium: number) => ({
  levels: [
    { level: 'elite', threshold: elite, status: 'good' as const },
    { level: 'high', threshold: high, status: 'good' as const },
    { level: 'medium', threshold: medium, status: 'warning' as const },
  ],
  fallback: 'low',
});

export const DORA_2024: BenchmarkProfile = {
  id: 'dora-2024',
  title: 'DORA 2024 performance levels',
  source: 'Accelerate State of DevOps Report 2024 (DORA, Google Cloud)',
  year: 2024,
  note: THRESHOLD_NOTE,
  metrics: {
    deploymentFrequency: levels(7, 1, 7 / 30),
    leadTime: levels(DAY, WEEK, MONTH),
    changeFailureRate: levels(0.05, 0.2, 0.2),
    recoveryTime: levels(HOUR, DAY, DAY),
  },
};

export const DORA_2023: BenchmarkProfile = {
  id: 'dora-2023',
  title: 'DORA 2023 performance levels',
  source: 'Accelerate State of DevOps Report 2023 (DORA, Google Cloud)',
  year: 2023,
  note: THRESHOLD_NOTE,
  metrics: {
    deploymentFrequency: levels(7, 1, 7 / 30),
    leadTime: levels(DAY, WEEK, MONTH),
    changeFailureRate: levels(0.05, 0.1, 0.15),
    recoveryTime: levels(HOUR, DAY, WEEK),
  },
};

export const BUILTIN_BENCHMARK_PROFILES: BenchmarkProfile[] = [
  DORA_2024,
  DORA_2023,
];
