import {
  METRIC_DEFINITIONS,
  type GradedMetric,
  type MetricUnit,
} from '@opmodel/plugin-scorecard-common';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration the way people say it: "45 s", "12 min", "3 h 20 min", "2.5 days". */
function formatDuration(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.round((ms - h * HOUR) / MINUTE);
    return m > 0 && h < 10 ? `${h} h ${m} min` : `${Math.round(ms / HOUR)} h`;
  }
  const days = ms / DAY;
  return `${days < 10 ? days.toFixed(1) : Math.round(days)} days`;
}

/** A ratio as a percentage with as many decimals as a reader needs near 100 %. */
function formatRatio(r: number): string {
  const pct = r * 100;
  if (pct > 99 && pct < 100) return `${pct.toFixed(2)} %`;
  return `${pct.toFixed(pct === Math.round(pct) ? 0 : 1)} %`;
}

export function formatValue(value: number | null, unit: MetricUnit): string {
  if (value === null) return '—';
  if (unit === 'ratio') return formatRatio(value);
  if (unit === 'perWeek')
    return `${value < 10 ? value.toFixed(1) : Math.round(value)} / week`;
  return formatDuration(value);
}

export const metricTitle = (m: Pick<GradedMetric, 'metric'>) =>
  METRIC_DEFINITIONS[m.metric]?.title ?? m.metric;

const RULE_SOURCES = {
  objective: 'the entity’s objective',
  config: 'the app-config default',
};

/** What the grade was measured against, in words: the objective, the config default or the profile's threshold. */
export function describeRule(m: GradedMetric): string {
  const { rule } = m.grade;
  if (rule.source === 'none') return rule.description;
  const threshold =
    rule.threshold === undefined
      ? ''
      : ` ${rule.better === 'lower' ? '≤' : '≥'} ${formatValue(
          rule.threshold,
          m.unit,
        )}`;
  const from =
    rule.source === 'profile'
      ? `profile ${rule.profile}`
      : RULE_SOURCES[rule.source];
  return `${threshold.trim() || rule.description} (${from})`;
}
