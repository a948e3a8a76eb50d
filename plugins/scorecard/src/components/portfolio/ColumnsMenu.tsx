import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import ViewColumn from '@material-ui/icons/ViewColumn';
import { useId, useState } from 'react';
import { columnTitle, OPTIONAL_COLUMNS, type OptionalColumn } from './columns';

/**
 * The "Columns" button and its menu: a checkbox per column that can be shown. The menu stays
 * open while the reader picks; the last shown column cannot be hidden.
 */
export function ColumnsMenu(props: {
  value: OptionalColumn[];
  onChange: (columns: OptionalColumn[]) => void;
}) {
  const { value, onChange } = props;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const id = useId();
  const toggle = (c: OptionalColumn) =>
    onChange(value.includes(c) ? value.filter(x => x !== c) : [...value, c]);
  return (
    <>
      <Button
        aria-controls={anchor ? id : undefined}
        aria-haspopup="true"
        aria-expanded={anchor ? 'true' : undefined}
        startIcon={<ViewColumn />}
        onClick={e => setAnchor(e.currentTarget)}
        style={{ marginLeft: 16 }}
      >
        Columns
      </Button>
      <Menu
        id={id}
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        {OPTIONAL_COLUMNS.map(c => {
          const checked = value.includes(c);
          return (
            <MenuItem
              key={c}
              role="menuitemcheckbox"
              aria-checked={checked}
              disabled={checked && value.length === 1}
              onClick={() => toggle(c)}
              dense
            >
              <ListItemIcon>
                <Checkbox
                  edge="start"
                  size="small"
                  checked={checked}
                  tabIndex={-1}
                  disableRipple
                  inputProps={{ 'aria-hidden': true }}
                />
              </ListItemIcon>
              <ListItemText primary={columnTitle(c)} />
            </MenuItem>
          );
        })}
      </Menu>
    </>
  );
}
