import Typography from '@material-ui/core/Typography';
import type { AdoptionFinding } from '@opmodel/plugin-scorecard-common';
import { useAdoptionStyles } from './adoptionStyles';

const KINDS: Record<AdoptionFinding['kind'], string> = {
  'declared-not-observed': 'Declared, not observed',
  'observed-not-declared': 'Observed, not declared',
};

/**
 * Where the Platform's declared consumers and the catalog disagree, each with what to change.
 * The fix is text that wraps, never cut short: it is what the reader copies.
 */
export function AdoptionFindings(props: { findings: AdoptionFinding[] }) {
  const classes = useAdoptionStyles();
  return (
    <ul className={`${classes.plainList} ${classes.findings}`}>
      {props.findings.map(f => (
        <li
          key={`${f.kind}|${f.team}`}
          data-finding={f.kind}
          className={classes.finding}
        >
          <Typography variant="caption" component="p" className={classes.note}>
            {KINDS[f.kind] ?? f.kind}
          </Typography>
          <Typography variant="body2" component="p">
            {f.message}
          </Typography>
          <Typography variant="body2" component="p">
            <strong>Fix:</strong> {f.fix}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
