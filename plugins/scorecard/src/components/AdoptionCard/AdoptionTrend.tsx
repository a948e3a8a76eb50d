import Typography from '@material-ui/core/Typography';
import type {
  AdoptionPoint,
  TrendPoint,
} from '@opmodel/plugin-scorecard-common';
import { formatRatio } from '../format';
import { Sparkline } from '../Sparkline';
import { useAdoptionStyles } from './adoptionStyles';

/**
 * The days of the history as the sparkline takes them: each day's share of stream-aligned teams,
 * a day without any stream-aligned team (no share) a gap.
 */
export function shareTrend(
  history: AdoptionPoint[],
): Pick<TrendPoint, 'day' | 'value' | 'state'>[] {
  return history.map(p => ({
    day: p.day,
    value: p.streamAligned.share,
    state: p.streamAligned.share === null ? 'not-enough-data' : 'ok',
  }));
}

/** The share of stream-aligned teams consuming the platform, day by day, as a small chart. */
export function AdoptionTrend(props: {
  history: AdoptionPoint[];
  days: number;
}) {
  const classes = useAdoptionStyles();
  return (
    <div className={classes.section}>
      <Typography variant="caption" component="p" className={classes.note}>
        Share of stream-aligned teams, last {props.days} days
      </Typography>
      <Sparkline
        points={shareTrend(props.history)}
        title="Share of stream-aligned teams"
        formatValue={v => formatRatio(v)}
      />
    </div>
  );
}
