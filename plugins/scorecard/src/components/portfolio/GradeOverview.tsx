import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { GradedMetric, MetricId } from '@opmodel/plugin-scorecard-common';
import { formatCount } from '../format';
import { columnTitle, type PortfolioRow } from './columns';

type Standing = 'good' | 'warning' | 'poor' | 'ungraded' | 'no-data';

const STANDINGS: { standing: Standing; words: string; colour: string }[] = [
  { standing: 'good', words: 'good', colour: '#2e7d32' },
  { standing: 'warning', words: 'warning', colour: '#ef6c00' },
  { standing: 'poor', words: 'poor', colour: '#c62828' },
  { standing: 'ungraded', words: 'ungraded', colour: '#757575' },
  { standing: 'no-data', words: 'not enough data', colour: '#bdbdbd' },
];

/** Where a platform stands on a metric: its grade, ungraded with a figure, or without one. */
function standingOf(m: GradedMetric | undefined): Standing {
  if (!m || m.state !== 'ok') return 'no-data';
  return m.grade.status === 'none' ? 'ungraded' : m.grade.status;
}

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gap: theme.spacing(1.5),
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 13rem), 1fr))',
    marginBottom: theme.spacing(2),
    overflowWrap: 'normal',
    wordBreak: 'normal',
  },
  metric: { minWidth: 0 },
  bar: {
    display: 'flex',
    height: 8,
    borderRadius: 4,
    overflow: 'hidden',
    background: theme.palette.divider,
    margin: theme.spacing(0.5, 0),
  },
  counts: { color: theme.palette.text.primary },
}));

/** How many of the rows stand where on a metric, from good to not enough data. */
export function gradeCounts(rows: PortfolioRow[], metric: MetricId) {
  return STANDINGS.map(s => ({
    ...s,
    count: rows.filter(
      r => standingOf(r.metrics.find(m => m.metric === metric)) === s.standing,
    ).length,
  }));
}

/**
 * The portfolio as a whole: for each shown metric, how many platforms are good, warning, poor,
 * ungraded or without enough data, as a bar and in words.
 */
export function GradeOverview(props: {
  rows: PortfolioRow[];
  metrics: MetricId[];
}) {
  const classes = useStyles();
  const { rows, metrics } = props;
  if (rows.length === 0 || metrics.length === 0) return null;
  return (
    <div
      className={classes.grid}
      role="group"
      aria-label="Grades across the shown platforms"
    >
      {metrics.map(id => {
        const counts = gradeCounts(rows, id);
        return (
          <div key={id} className={classes.metric} data-overview={id}>
            <Typography variant="body2">{columnTitle(id)}</Typography>
            <div className={classes.bar} aria-hidden="true">
              {counts.map(c =>
                c.count === 0 ? null : (
                  <span
                    key={c.standing}
                    style={{ flexGrow: c.count, background: c.colour }}
                  />
                ),
              )}
            </div>
            <Typography variant="caption" className={classes.counts}>
              {counts
                .filter(c => c.count > 0)
                .map(c => `${formatCount(c.count)} ${c.words}`)
                .join(' · ')}
            </Typography>
          </div>
        );
      })}
    </div>
  );
}
