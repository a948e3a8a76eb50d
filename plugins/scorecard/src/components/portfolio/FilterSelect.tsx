import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import NativeSelect from '@material-ui/core/NativeSelect';
import { useLabelStyles } from '../WindowSelect';

/** A filter of the portfolio: one value of a field, or all. */
export function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: string[];
  onChange: (v: string) => void;
}) {
  const classes = useLabelStyles();
  return (
    <FormControl size="small" style={{ minWidth: 200, marginRight: 16 }}>
      <InputLabel shrink htmlFor={props.id} className={classes.label}>
        {props.label}
      </InputLabel>
      <NativeSelect
        id={props.id}
        value={props.value}
        onChange={e => props.onChange(e.target.value)}
      >
        <option value="">All</option>
        {props.options.map(o => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </NativeSelect>
    </FormControl>
  );
}
