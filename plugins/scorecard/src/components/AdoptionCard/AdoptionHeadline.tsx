import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import type { TeamShare } from '@opmodel/plugin-scorecard-common';
import { formatCount } from '../format';
import { percentInParens } from './share';

/** The app-config key that says which Group types count as stream-aligned. */
export const STREAM_ALIGNED_CONFIG_KEY =
  'opmodel.scorecard.adoption.streamAlignedGroupTypes';

const useStyles = makeStyles(theme => ({
  figure: { fontSize: '1.25rem', lineHeight: 1.3 },
  note: { color: theme.palette.text.secondary },
  // one word: never broken at its hyphen
  word: { whiteSpace: 'nowrap' },
}));

/** "1 consumer team", "5 consumer teams". */
const consumerTeams = (n: number) =>
  `${formatCount(n)} consumer ${n === 1 ? 'team' : 'teams'}`;

/**
 * A configuration key that may break after each dot: at a third of the page it is wider than
 * the card, and a dot is where its words meet.
 */
function ConfigKey(props: { name: string }) {
  const parts = props.name.split('.');
  return (
    <code>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </Fragment>
      ))}
    </code>
  );
}

/**
 * How many of the organisation's stream-aligned teams consume the platform, of how many, as a
 * share: "4 of 6 stream-aligned teams (66.7 %)". When no Group counts as stream-aligned, says so
 * and which setting decides it.
 */
export function AdoptionHeadline(props: {
  share: TeamShare;
  /** Consumer teams in all, declared or observed. */
  consumers: number;
}) {
  const { consuming, total, share } = props.share;
  const classes = useStyles();
  if (total === 0 || share === null) {
    return (
      <div>
        <Typography variant="body1" component="p">
          No Group counts as stream-aligned, so there is no share of
          stream-aligned teams to show.{' '}
          <ConfigKey name={STREAM_ALIGNED_CONFIG_KEY} /> in{' '}
          <span className={classes.word}>app-config</span> decides which do: it
          lists the Group types (<code>spec.type</code>) that count.
        </Typography>
        <Typography variant="body2" component="p" className={classes.note}>
          {consumerTeams(props.consumers)} in all.
        </Typography>
      </div>
    );
  }
  return (
    <div>
      <Typography component="p" className={classes.figure}>
        {formatCount(consuming)} of {formatCount(total)} stream-aligned{' '}
        {total === 1 ? 'team' : 'teams'} {percentInParens(share)}
      </Typography>
      <Typography variant="body2" component="p" className={classes.note}>
        consuming this platform; {consumerTeams(props.consumers)} in all,
        stream-aligned or not
      </Typography>
    </div>
  );
}
