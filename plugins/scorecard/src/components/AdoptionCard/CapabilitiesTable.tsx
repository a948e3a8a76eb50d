import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { CapabilityAdoption } from '@opmodel/plugin-scorecard-common';
import { formatCount } from '../format';
import { useAdoptionStyles } from './adoptionStyles';
import { describeShare } from './share';

/**
 * Each capability of the platform (spec.capabilities): how many teams the catalog shows using
 * it, and its share of the stream-aligned teams.
 */
export function CapabilitiesTable(props: {
  capabilities: CapabilityAdoption[];
}) {
  const classes = useAdoptionStyles();
  if (props.capabilities.length === 0)
    return (
      <Typography variant="body2" component="p" className={classes.note}>
        The platform lists no capabilities (spec.capabilities).
      </Typography>
    );
  return (
    <Table size="small" aria-label="Capabilities" className={classes.table}>
      <TableHead>
        <TableRow>
          <TableCell>Capability</TableCell>
          <TableCell>Teams</TableCell>
          <TableCell>Stream-aligned</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.capabilities.map(c => (
          <TableRow key={c.id} data-capability={c.id}>
            <TableCell>{c.title}</TableCell>
            <TableCell>{formatCount(c.teams.length)}</TableCell>
            <TableCell>{describeShare(c.streamAligned)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
