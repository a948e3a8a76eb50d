import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import InfoOutlined from '@material-ui/icons/InfoOutlined';

/** Longer text on demand: an info button that shows it on hover, focus or a tap. */
export function InfoTip(props: { label: string; text: string }) {
  return (
    <Tooltip title={props.text} enterTouchDelay={0}>
      <IconButton size="small" aria-label={props.label}>
        <InfoOutlined fontSize="inherit" />
      </IconButton>
    </Tooltip>
  );
}
