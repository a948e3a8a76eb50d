import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ConsumerTeam } from '@opmodel/plugin-scorecard-common';
import { useAdoptionStyles } from './adoptionStyles';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** Whether the team is stream-aligned, in words; nothing when the backend did not say. */
function streamAlignment(b: boolean | undefined) {
  if (b === undefined) return undefined;
  return b ? 'stream-aligned' : 'not stream-aligned';
}

/**
 * Every consumer team: whether the Platform declares it (spec.consumers), whether the catalog
 * shows it using the platform, whether it is stream-aligned (under its name, so that four columns
 * fit a third of the page), and the Components and Systems it uses the platform through.
 */
export function ConsumerTeamsTable(props: { teams: ConsumerTeam[] }) {
  const classes = useAdoptionStyles();
  return (
    <Table size="small" aria-label="Consumer teams" className={classes.table}>
      <TableHead>
        <TableRow>
          <TableCell>Team</TableCell>
          <TableCell>Declared</TableCell>
          <TableCell>Observed</TableCell>
          <TableCell>Through</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.teams.map(t => {
          const alignment = streamAlignment(t.streamAligned);
          return (
            <TableRow key={t.team} data-team={t.team}>
              <TableCell>
                <EntityRefLink entityRef={t.team} defaultKind="group" />
                {alignment && (
                  <Typography
                    variant="caption"
                    component="div"
                    className={classes.note}
                  >
                    {alignment}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{yesNo(t.declared)}</TableCell>
              <TableCell>{yesNo(t.observed)}</TableCell>
              <TableCell>
                {t.via.length === 0 ? (
                  'nothing observed'
                ) : (
                  <ul className={classes.plainList}>
                    {t.via.map(ref => (
                      <li key={ref}>
                        <EntityRefLink entityRef={ref} />
                      </li>
                    ))}
                  </ul>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
