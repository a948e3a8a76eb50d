import type {
  MetricId,
  MetricUnit,
  TrendPoint,
} from '@opmodel/plugin-scorecard-common';
import { formatDay, formatMetricValue, formatValue } from './format';

const WIDTH = 120;
/** The plot's top and bottom; the day labels sit under it. */
const TOP = 3;
const BOTTOM = 29;
const HEIGHT = 42;
const LINE = '#1565c0';
const TARGET = '#757575';

/**
 * How the chart reads a value on hover: a metric's values in its unit, or anything else (a share
 * of teams, say) through the caller's own function.
 */
type SparklineValues =
  | { metric: MetricId; unit: MetricUnit; formatValue?: undefined }
  | {
      metric?: undefined;
      unit?: undefined;
      /** The value as the hover (and the target line) says it. */
      formatValue: (value: number) => string;
    };

/** A point's value on hover: the caller's text, or the metric's figure in its unit. */
function pointText(values: SparklineValues, value: number, locale?: string) {
  if (values.formatValue) return values.formatValue(value);
  return formatMetricValue(
    { metric: values.metric, unit: values.unit, value },
    locale,
  );
}

/** The threshold as the target line says it: the caller's text, or a value in the metric's unit. */
function targetText(values: SparklineValues, value: number, locale?: string) {
  if (values.formatValue) return values.formatValue(value);
  return formatValue(value, values.unit, locale);
}

/**
 * A metric's daily history as a small inline chart: the days as a line (one day as a dot), days
 * without enough data as gaps, the first and last day under it, and the grade's threshold as a dashed target line.
 * Each point says its day and value on hover. Anything else measured by the day (a share of teams)
 * draws the same way with its own `formatValue`.
 */
export function Sparkline(
  props: {
    /** The days, oldest first; a day whose state is not `ok` or has no value is a gap. */
    points: Pick<TrendPoint, 'day' | 'value' | 'state'>[];
    /** What the chart shows (the metric's title), for the accessible name. */
    title: string;
    /** The grade's threshold in the metric's unit, when it has one. */
    threshold?: number;
    better?: 'higher' | 'lower';
    /** BCP 47; left out, the reader's. */
    locale?: string;
  } & SparklineValues,
) {
  const { points, threshold, locale } = props;
  const shown = points.filter(p => p.state === 'ok' && p.value !== null);
  if (shown.length === 0) return <span>no history yet</span>;

  // x by day, so a missing day leaves room; y spans the values and the target line
  const times = points.map(p => Date.parse(p.day));
  const byDay = times.every(t => !Number.isNaN(t));
  const x0 = byDay ? Math.min(...times) : 0;
  const x1 = byDay ? Math.max(...times) : points.length - 1;
  const x = (i: number) =>
    x1 === x0
      ? WIDTH / 2
      : 2 + (((byDay ? times[i] : i) - x0) / (x1 - x0)) * (WIDTH - 4);
  const values = shown.map(p => p.value as number);
  if (threshold !== undefined) values.push(threshold);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    const pad = Math.abs(lo) / 10 || 1;
    lo -= pad;
    hi += pad;
  }
  const y = (v: number) => BOTTOM - ((v - lo) / (hi - lo)) * (BOTTOM - TOP);

  // runs of consecutive days with a value; a day without enough data ends one
  const segments: string[][] = [[]];
  points.forEach((p, i) => {
    if (p.state === 'ok' && p.value !== null)
      segments[segments.length - 1].push(
        `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`,
      );
    else if (segments[segments.length - 1].length > 0) segments.push([]);
  });

  const first = formatDay(points[0].day, locale);
  const last = formatDay(points[points.length - 1].day, locale);
  const target =
    threshold === undefined
      ? undefined
      : `target ${props.better === 'lower' ? '≤' : '≥'} ${targetText(
          props,
          threshold,
          locale,
        )}`;

  return (
    <svg
      role="img"
      aria-label={
        first === last
          ? `${props.title}, daily trend of one day, ${first}`
          : `${props.title}, daily trend from ${first} to ${last}`
      }
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      style={{ display: 'block', overflow: 'visible' }}
    >
      {threshold !== undefined && (
        <line
          data-testid="trend-target"
          x1={0}
          x2={WIDTH}
          y1={y(threshold)}
          y2={y(threshold)}
          stroke={TARGET}
          strokeWidth={1}
          strokeDasharray="3 2"
        >
          <title>{target}</title>
        </line>
      )}
      {segments
        .filter(s => s.length > 1)
        .map(s => (
          <polyline
            key={s[0]}
            data-testid="trend-segment"
            points={s.join(' ')}
            fill="none"
            stroke={LINE}
            strokeWidth={1.5}
            strokeLinejoin="round"
          />
        ))}
      {points.map((p, i) => {
        const day = formatDay(p.day, locale);
        if (p.state !== 'ok' || p.value === null)
          return (
            <rect
              key={p.day}
              data-testid="trend-gap"
              x={x(i) - 2}
              y={TOP}
              width={4}
              height={BOTTOM - TOP}
              fill="transparent"
            >
              <title>{`${day}: not enough data`}</title>
            </rect>
          );
        return (
          <circle
            key={p.day}
            data-testid="trend-point"
            cx={x(i)}
            cy={y(p.value)}
            r={1.75}
            fill={LINE}
            // a wider invisible edge makes the small dot easy to hover
            stroke="transparent"
            strokeWidth={6}
          >
            <title>{`${day}: ${pointText(props, p.value, locale)}`}</title>
          </circle>
        );
      })}
      {first !== last && (
        <text
          x={0}
          y={HEIGHT - 2}
          fontSize={9}
          fill="currentColor"
          opacity={0.7}
        >
          {first}
        </text>
      )}
      <text
        x={first === last ? WIDTH / 2 : WIDTH}
        y={HEIGHT - 2}
        fontSize={9}
        textAnchor={first === last ? 'middle' : 'end'}
        fill="currentColor"
        opacity={0.7}
      >
        {last}
      </text>
    </svg>
  );
}
