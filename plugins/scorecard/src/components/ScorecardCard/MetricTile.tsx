import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ExpandLess from '@material-ui/icons/ExpandLess';
import ExpandMore from '@material-ui/icons/ExpandMore';
import { useId, useState, type ReactNode } from 'react';
import type { GradedMetric } from '@opmodel/plugin-scorecard-common';
import {
  describeTarget,
  formatCount,
  formatMetricValue,
  metricTitle,
} from '../format';
import { GradeChip } from '../GradeChip';
import { MetricDetails } from './MetricDetails';

const useStyles = makeStyles(theme => ({
  tile: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    minWidth: 0,
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(0.5),
  },
  title: {
    textTransform: 'none',
    textAlign: 'left',
    padding: 0,
    minWidth: 0,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  value: { fontSize: '1.25rem', lineHeight: 1.3 },
  note: { color: theme.palette.text.secondary },
  toggle: {
    alignSelf: 'flex-start',
    textTransform: 'none',
    padding: theme.spacing(0, 0.5),
    marginLeft: theme.spacing(-0.5),
    // MUI pulls the end icon out of the label by a negative margin; keep it inside
    '& .MuiButton-endIcon': { marginRight: 0 },
  },
}));

/** The line under a figure: how much data is missing, or which statistic and target it is. */
function FigureNote(props: { metric: GradedMetric }) {
  const m = props.metric;
  const classes = useStyles();
  if (m.state === 'not-enough-data') {
    return (
      <Typography variant="caption" className={classes.note}>
        {formatCount(m.count)} of {formatCount(m.minimumCount)} needed
      </Typography>
    );
  }
  const target = describeTarget(m);
  const parts = [
    m.unit === 'ms' ? 'median' : undefined,
    target ? `target ${target}` : undefined,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <Typography variant="caption" className={classes.note}>
      {parts.join(' · ')}
    </Typography>
  );
}

/**
 * One metric at a glance: its name (which opens the events behind it), the figure, the grade in
 * an icon and words, the target, its trend, and the details one click away.
 */
export function MetricTile(props: {
  metric: GradedMetric;
  /** The trend chart, or nothing in the compact card. */
  trend?: ReactNode;
  onShowEvents: () => void;
}) {
  const m = props.metric;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const title = metricTitle(m);
  return (
    <div
      role="group"
      className={classes.tile}
      data-metric={m.metric}
      aria-label={title}
    >
      <div className={classes.head}>
        <Button
          size="small"
          color="primary"
          className={classes.title}
          onClick={props.onShowEvents}
          title="Show the events behind this figure"
        >
          {title}
        </Button>
        <GradeChip status={m.grade.status} label={m.grade.label} />
      </div>
      <Typography
        className={classes.value}
        component="p"
        data-metric-value={m.state === 'ok' ? m.metric : undefined}
      >
        {m.state === 'ok' ? formatMetricValue(m) : 'not enough data'}
      </Typography>
      <FigureNote metric={m} />
      {props.trend}
      <Button
        size="small"
        className={classes.toggle}
        aria-expanded={open}
        aria-controls={open ? detailsId : undefined}
        onClick={() => setOpen(o => !o)}
        endIcon={open ? <ExpandLess /> : <ExpandMore />}
      >
        Details
      </Button>
      {open && <MetricDetails metric={m} id={detailsId} />}
    </div>
  );
}
