import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import NativeSelect from '@material-ui/core/NativeSelect';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';

/** Labels in the primary text colour: the default grey fails contrast on Backstage's page background. */
export const useLabelStyles = makeStyles(theme => ({
  label: { color: theme.palette.text.primary },
}));

const WINDOWS = [7, 28, 90] as const;
type WindowDays = (typeof WINDOWS)[number];

/** The window ending now, as the API's from and to. */
export function windowQuery(days: number, now = Date.now()) {
  return {
    from: new Date(now - days * 86_400_000).toISOString(),
    to: new Date(now).toISOString(),
  };
}

export function WindowSelect(props: {
  value: number;
  onChange: (days: WindowDays) => void;
}) {
  const id = useId();
  const classes = useLabelStyles();
  return (
    <FormControl size="small">
      <InputLabel htmlFor={id} className={classes.label}>
        Window
      </InputLabel>
      <NativeSelect
        id={id}
        value={props.value}
        onChange={e => props.onChange(Number(e.target.value) as WindowDays)}
      >
        {WINDOWS.map(d => (
          <option key={d} value={d}>
            Last {d} days
          </option>
        ))}
      </NativeSelect>
    </FormControl>
  );
}
