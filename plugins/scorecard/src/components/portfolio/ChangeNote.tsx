import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { MetricChange } from './change';

const useStyles = makeStyles({
  // the words say better or worse too: colour is never the only signal
  better: { color: '#1b5e20', whiteSpace: 'nowrap' },
  worse: { color: '#b71c1c', whiteSpace: 'nowrap' },
  same: { color: '#424242', whiteSpace: 'nowrap' },
});

/** Read by screen readers, not shown. */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

const ARROWS = { better: '▲', worse: '▼', same: '=' };

/** A metric's change against the window before, under its figure; the earlier figure on hover. */
export function ChangeNote(props: { change?: MetricChange; days: number }) {
  const classes = useStyles();
  const c = props.change;
  if (!c) return null;
  const before = `the ${props.days} days before: ${c.previous}`;
  return (
    <Typography
      variant="caption"
      display="block"
      className={classes[c.direction]}
      title={before}
      data-change={c.direction}
    >
      <span aria-hidden="true">{ARROWS[c.direction]} </span>
      {c.text}
      <span style={visuallyHidden}>
        {c.direction === 'same' ? '' : ` (${c.direction})`}, {before}
      </span>
    </Typography>
  );
}
