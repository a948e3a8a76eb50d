import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { GradeStatus } from '@opmodel/plugin-scorecard-common';
import { useState } from 'react';
import { formatRatio, formatValue } from '../format';
import type { PortfolioRow } from './columns';
import {
  chartPoints,
  placeOf,
  throughputScale,
  type ChartPoint,
} from './throughputStability';
import { usePortfolioHistory } from './usePortfolioHistory';

const WIDTH = 560;
const HEIGHT = 300;
const PAD = { left: 56, right: 16, top: 12, bottom: 40 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
/** Windows before the shown one whose positions the trend draws. */
const TREND_PERIODS = 3;

// dark enough on white; the words in each point's title carry the grade too
const COLOURS: Record<GradeStatus, string> = {
  good: '#1b5e20',
  warning: '#8a4b00',
  poor: '#b71c1c',
  none: '#616161',
};

const useStyles = makeStyles(theme => ({
  root: { minWidth: 0 },
  svg: { width: '100%', height: 'auto', display: 'block' },
  note: { color: theme.palette.text.primary },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
}));

const describe = (p: ChartPoint) =>
  `${p.title}: ${formatValue(
    p.throughput,
    'perWeek',
  )} deployments, ${formatRatio(p.failureRate)} change failure rate (${
    p.status === 'none' ? 'ungraded' : p.status
  })`;

/**
 * The portfolio as a whole, throughput against stability (DORA's two halves, read together): one
 * point per platform, deployment frequency to the right (log scale) and change failure rate
 * falling upwards, so the best sit top right; coloured by the worse of the two grades. On demand,
 * each platform's way through the last windows before this one.
 */
export function ThroughputStabilityChart(props: {
  rows: PortfolioRow[];
  range: { from: string; to: string };
  days: number;
}) {
  const classes = useStyles();
  const [showTrend, setShowTrend] = useState(false);
  const history = usePortfolioHistory(props.range, TREND_PERIODS, showTrend);
  const { points, missing } = chartPoints(props.rows);
  if (points.length === 0) return null;

  // every position the chart may draw, so the scales hold the trend too
  const trails = new Map<string, ChartPoint[]>();
  if (history.value) {
    for (const r of props.rows) {
      const earlier = (history.value.get(r.entityRef) ?? [])
        .map(metrics => placeOf(r, metrics))
        .filter((p): p is ChartPoint => !!p);
      const now = points.find(p => p.entityRef === r.entityRef);
      if (now && earlier.length > 0) trails.set(r.entityRef, [...earlier, now]);
    }
  }
  const all = [...points, ...[...trails.values()].flat()];
  const x = throughputScale(
    all.map(p => p.throughput),
    PLOT_W,
  );
  const maxRate = Math.max(0.5, ...all.map(p => p.failureRate));
  const rateTop = Math.ceil(maxRate * 4) / 4;
  const px = (p: ChartPoint) => PAD.left + x.at(p.throughput);
  const py = (p: ChartPoint) => PAD.top + (p.failureRate / rateTop) * PLOT_H;
  const rateTicks = [0, rateTop / 2, rateTop];

  return (
    <div className={classes.root}>
      <div className={classes.head}>
        <Typography variant="subtitle2" component="h3">
          Throughput against stability
        </Typography>
        <Button
          size="small"
          aria-pressed={showTrend}
          onClick={() => setShowTrend(s => !s)}
        >
          {showTrend
            ? 'Hide the trend'
            : `Trend over the ${TREND_PERIODS} windows before`}
        </Button>
      </div>
      <svg
        role="img"
        aria-label={`Throughput against stability of ${
          points.length
        } platform(s): ${points.map(describe).join('; ')}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className={classes.svg}
        data-testid="throughput-stability"
      >
        {x.ticks.map(t => (
          <g key={t}>
            <line
              x1={PAD.left + x.at(t)}
              x2={PAD.left + x.at(t)}
              y1={PAD.top}
              y2={PAD.top + PLOT_H}
              stroke="#e0e0e0"
            />
            <text
              x={PAD.left + x.at(t)}
              y={PAD.top + PLOT_H + 14}
              fontSize={10}
              textAnchor="middle"
              fill="currentColor"
            >
              {formatValue(t, 'perWeek').replace(' / week', '')}
            </text>
          </g>
        ))}
        {rateTicks.map(t => (
          <g key={t}>
            <line
              x1={PAD.left}
              x2={PAD.left + PLOT_W}
              y1={PAD.top + (t / rateTop) * PLOT_H}
              y2={PAD.top + (t / rateTop) * PLOT_H}
              stroke="#e0e0e0"
            />
            <text
              x={PAD.left - 6}
              y={PAD.top + (t / rateTop) * PLOT_H + 3}
              fontSize={10}
              textAnchor="end"
              fill="currentColor"
            >
              {formatRatio(t)}
            </text>
          </g>
        ))}
        <text
          x={PAD.left + PLOT_W / 2}
          y={HEIGHT - 6}
          fontSize={11}
          textAnchor="middle"
          fill="currentColor"
        >
          Deployments per week (more to the right)
        </text>
        <text
          transform={`translate(12 ${PAD.top + PLOT_H / 2}) rotate(-90)`}
          fontSize={11}
          textAnchor="middle"
          fill="currentColor"
        >
          Change failure rate (lower up)
        </text>
        {[...trails.entries()].map(([ref, trail]) => (
          <polyline
            key={ref}
            data-testid="trend-trail"
            points={trail.map(p => `${px(p)},${py(p)}`).join(' ')}
            fill="none"
            stroke={COLOURS[trail[trail.length - 1].status]}
            strokeOpacity={0.45}
            strokeDasharray="4 3"
          />
        ))}
        {points.map(p => (
          <g key={p.entityRef} data-platform-point={p.entityRef}>
            <circle
              cx={px(p)}
              cy={py(p)}
              r={6}
              fill={COLOURS[p.status]}
              data-grade={p.status}
            >
              <title>{describe(p)}</title>
            </circle>
            <text
              x={px(p) + 9}
              y={py(p) + 4}
              fontSize={11}
              fill="currentColor"
              textAnchor={px(p) > PAD.left + PLOT_W * 0.7 ? 'end' : 'start'}
              dx={px(p) > PAD.left + PLOT_W * 0.7 ? -18 : 0}
            >
              {p.title}
            </text>
          </g>
        ))}
      </svg>
      {history.error && (
        <Typography variant="caption" className={classes.note}>
          The windows before could not be loaded: {history.error.message}
        </Typography>
      )}
      {missing.length > 0 && (
        <Typography variant="caption" display="block" className={classes.note}>
          Not drawn, without both figures in the last {props.days} days:{' '}
          {missing.join(', ')}
        </Typography>
      )}
    </div>
  );
}
