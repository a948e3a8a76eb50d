import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import ErrorIcon from '@material-ui/icons/Error';
import Warning from '@material-ui/icons/Warning';
import type { ModelFinding } from '@opmodel/plugin-opmodel-common';
import { Empty } from './LoadingCard';
import { WRAP_ANYWHERE } from './styles';

/**
 * Model-check findings, each with the field to change and what to write. Every line wraps, long
 * refs included, so a fix is read whole whatever the card's width.
 */
export function FindingsList(props: { findings: ModelFinding[] }) {
  if (props.findings.length === 0)
    return <Empty>No findings: the model checks pass.</Empty>;
  return (
    <List dense aria-label="Model-check findings">
      {props.findings.map(f => (
        <ListItem
          key={`${f.check}:${f.path}`}
          data-check={f.check}
          alignItems="flex-start"
        >
          <ListItemIcon>
            {f.severity === 'error' ? (
              <ErrorIcon style={{ color: '#b71c1c' }} />
            ) : (
              <Warning style={{ color: '#8a4b00' }} />
            )}
          </ListItemIcon>
          <ListItemText
            primary={`${f.severity}: ${f.message}`}
            primaryTypographyProps={{ style: WRAP_ANYWHERE }}
            secondary={
              <>
                <span data-path>{f.path}</span> — <span data-fix>{f.fix}</span>
              </>
            }
            secondaryTypographyProps={{ style: WRAP_ANYWHERE }}
          />
        </ListItem>
      ))}
    </List>
  );
}
