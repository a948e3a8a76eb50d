import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircle from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutline from '@material-ui/icons/HelpOutline';
import Warning from '@material-ui/icons/Warning';
import type { GradeStatus } from '@opmodel/plugin-scorecard-common';

const useStyles = makeStyles({
  // dark enough on white for the icon, and the label is text: colour is never the only signal
  good: { color: '#1b5e20', borderColor: '#1b5e20' },
  warning: { color: '#8a4b00', borderColor: '#8a4b00' },
  poor: { color: '#b71c1c', borderColor: '#b71c1c' },
  none: { color: '#424242', borderColor: '#757575' },
  icon: { color: 'inherit' },
});

const ICONS = {
  good: CheckCircle,
  warning: Warning,
  poor: ErrorIcon,
  none: HelpOutline,
};

/** A grade as an outlined chip: icon, colour and the grade's words. */
export function GradeChip(props: { status: GradeStatus; label: string }) {
  const classes = useStyles();
  const Icon = ICONS[props.status] ?? HelpOutline;
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes[props.status] ?? classes.none}
      icon={<Icon className={classes.icon} fontSize="small" />}
      label={props.label}
      data-grade={props.status}
    />
  );
}
