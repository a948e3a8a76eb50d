import {
  METRIC_DEFINITIONS,
  type GradedMetric,
  type MetricUnit,
} from '@opmodel/plugin-scorecard-common';

/*
 * Numbers and times as people read them. Every function takes an optional BCP 47 locale (and,
 * for instants, a time zone); left out, Intl uses the runtime's, which in a browser is the
 * reader's. The functions are pure: the same value, locale and zone always give the same text.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `value` rounded to at most `digits` decimals (exactly `digits` when `fixed`) and grouped the
 * locale's way: 359,640 or 359.640.
 */
function decimal(
  value: number,
  digits: number,
  locale?: string,
  fixed = false,
): string {
  const key = `${locale ?? ''}|${digits}|${fixed}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: fixed ? digits : 0,
      maximumFractionDigits: digits,
    });
    numberFormats.set(key, format);
  }
  // + 0 turns a -0 (from rounding -0.01) into 0: never "-0"
  return format.format(roundTo(value, digits) + 0);
}

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Below 10 of a unit one decimal says something ("3.5 h"); from 10 on, whole units do ("12 min"). */
const readable = (v: number) =>
  Math.abs(v) < 9.95 ? roundTo(v, 1) : Math.round(v);

/** A count with the locale's thousands separators: 359640 is "359,640" in English. */
export function formatCount(n: number, locale?: string): string {
  return decimal(n, 0, locale);
}

/** Smallest first. */
const DURATION_UNITS = [
  { size: 1000, one: 's', many: 's' },
  { size: 60_000, one: 'min', many: 'min' },
  { size: 3_600_000, one: 'h', many: 'h' },
  { size: 86_400_000, one: 'day', many: 'days' },
  { size: 7 * 86_400_000, one: 'week', many: 'weeks' },
];

/**
 * A duration in the largest unit of which there is at least one once rounded: "45 s", "12 min",
 * "3.5 h", "2.1 days", "3 weeks" (59.6 s is "1 min", never "60 s").
 */
export function formatDuration(ms: number, locale?: string): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  let i = 0;
  // up a unit while the next one is reached: 59.6 s rounds to 60 s, which reads "1 min"
  while (
    i + 1 < DURATION_UNITS.length &&
    readable(abs / DURATION_UNITS[i].size) >=
      DURATION_UNITS[i + 1].size / DURATION_UNITS[i].size
  )
    i++;
  const unit = DURATION_UNITS[i];
  const v = readable(abs / unit.size);
  const sign = ms < 0 && v > 0 ? '-' : '';
  return `${sign}${decimal(v, 1, locale)} ${v === 1 ? unit.one : unit.many}`;
}

/**
 * A ratio (0..1) as a percentage: two decimals between 99 % and 100 %, where they matter (99.95 %
 * against 99.90 %), never rounded up to 100 % when it is not; at most one elsewhere.
 */
export function formatRatio(r: number, locale?: string): string {
  if (!Number.isFinite(r)) return '—';
  const pct = r * 100;
  if (pct > 99 && pct < 100)
    return `${decimal(Math.min(roundTo(pct, 2), 99.99), 2, locale, true)} %`;
  return `${decimal(pct, 1, locale)} %`;
}

/**
 * What is left of an error budget: a percentage while there is some, "exhausted" once there is
 * none, with how far it is overspent below zero ("exhausted, 188.5 % over", never "-188.5 %").
 */
export function formatErrorBudget(r: number, locale?: string): string {
  if (!Number.isFinite(r)) return '—';
  if (r > 0) return formatRatio(r, locale);
  const over = roundTo(-r * 100, 1);
  return over > 0
    ? `exhausted, ${decimal(over, 1, locale)} % over`
    : 'exhausted';
}

/**
 * A value in a metric's unit: a percentage, a rate per week, a duration, a score (one decimal),
 * or a count per consumer team.
 */
export function formatValue(
  value: number | null,
  unit: MetricUnit,
  locale?: string,
): string {
  if (value === null) return '—';
  if (unit === 'ratio') return formatRatio(value, locale);
  if (unit === 'perWeek')
    return `${decimal(readable(value), 1, locale)} / week`;
  if (unit === 'score') return decimal(value, 1, locale, true);
  if (unit === 'perTeam')
    return `${decimal(readable(value), 1, locale)} per team`;
  return formatDuration(value, locale);
}

/** The top of each survey scale a score is shown against: "4.2 / 5". */
const SCALE_TOPS: Partial<Record<GradedMetric['metric'], number>> = {
  csat: 5,
  customerEffort: 7,
};

/**
 * A metric's figure as it reads on its own: like {@link formatValue}, an error budget below zero
 * as exhausted, a survey mean against its scale and a net promoter score signed, whole.
 */
export function formatMetricValue(
  m: Pick<GradedMetric, 'metric' | 'value' | 'unit'>,
  locale?: string,
): string {
  if (m.value !== null && m.metric === 'errorBudgetRemaining')
    return formatErrorBudget(m.value, locale);
  if (m.value !== null && m.metric === 'nps') {
    const whole = Math.round(m.value) + 0;
    return `${whole > 0 ? '+' : ''}${decimal(whole, 0, locale)}`;
  }
  const top = SCALE_TOPS[m.metric];
  if (m.value !== null && top !== undefined)
    return `${formatValue(m.value, m.unit, locale)} / ${top}`;
  return formatValue(m.value, m.unit, locale);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date formatter of the locale and options, made once: formatting runs for every cell. */
function dateFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * An instant in the reader's locale and time zone, to the minute: "Nov 28, 2026, 12:27 PM" in
 * American English in Berlin. Text that is no time is given back as it is.
 */
export function formatDateTime(
  iso: string,
  locale?: string,
  timeZone?: string,
): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return dateFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(t);
}

/**
 * A calendar day (`2026-11-03`) as a short date in the reader's locale: "Nov 3" in American
 * English, "3. Nov." in German. A day is no instant, so it is read in UTC and never shifts to
 * the day before or after with the reader's time zone. Text that is no day is given back as it is.
 */
export function formatDay(day: string, locale?: string): string {
  const t = Date.parse(day);
  if (Number.isNaN(t)) return day;
  return dateFormat(locale, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(t);
}

/** The exact instant, for a hover: ISO 8601 in UTC to the millisecond; text that is no time as it is. */
export function exactTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString();
}

export const metricTitle = (m: Pick<GradedMetric, 'metric'>) =>
  METRIC_DEFINITIONS[m.metric]?.title ?? m.metric;

const RULE_SOURCES = {
  objective: 'the entity’s objective',
  config: 'the app-config default',
};

/**
 * The grade's target in the metric's unit, as a tile shows it under the figure: "≥ 99.9 %",
 * "≤ 1 day". Undefined when nothing graded the figure or the rule has no threshold.
 */
export function describeTarget(
  m: Pick<GradedMetric, 'unit' | 'grade'>,
  locale?: string,
): string | undefined {
  const { rule } = m.grade;
  if (rule.source === 'none' || rule.threshold === undefined) return undefined;
  return `${rule.better === 'lower' ? '≤' : '≥'} ${formatValue(
    rule.threshold,
    m.unit,
    locale,
  )}`;
}

/** Where the grade's threshold came from, in short: "the entity’s objective", "profile dora-2024". */
export function describeRuleSource(m: Pick<GradedMetric, 'grade'>): string {
  const { rule } = m.grade;
  if (rule.source === 'none') return rule.description;
  return rule.source === 'profile'
    ? `profile ${rule.profile}`
    : RULE_SOURCES[rule.source];
}
