import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { OperatingRoleEntity } from '@opmodel/plugin-opmodel-common';
import { Empty, LoadingCard } from '../shared/LoadingCard';

const RACI = {
  R: 'Responsible',
  A: 'Accountable',
  C: 'Consulted',
  I: 'Informed',
};

/** Responsibilities as a RACI table: one row per activity, its letter in its column. */
function RaciTable(props: { role: OperatingRoleEntity }) {
  const rows = props.role.spec.responsibilities ?? [];
  if (rows.length === 0) return <Empty>No responsibilities declared.</Empty>;
  return (
    <Table size="small" aria-label="Responsibilities (RACI)">
      <TableHead>
        <TableRow>
          <TableCell>Activity</TableCell>
          {Object.entries(RACI).map(([letter, word]) => (
            <TableCell key={letter} align="center">
              <abbr title={word}>{letter}</abbr>
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(r => (
          <TableRow key={r.activity} data-activity={r.activity}>
            <TableCell>
              <Typography variant="body2">{r.activity}</Typography>
              {r.description && (
                <Typography variant="caption">{r.description}</Typography>
              )}
            </TableCell>
            {Object.entries(RACI).map(([letter, word]) => (
              <TableCell key={letter} align="center">
                {r.raci === letter ? (
                  <span aria-label={word} title={word}>
                    {letter}
                  </span>
                ) : (
                  ''
                )}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The role's category, whether it is exclusive, which lifecycles require it, and its RACI. */
export function ResponsibilitiesCard(props: { role: OperatingRoleEntity }) {
  const { role } = props;
  const requiredFor = role.spec.requiredFor ?? [];
  return (
    <LoadingCard title="Responsibilities" loading={false}>
      {() => (
        <>
          <Typography variant="body2" paragraph>
            Category: {role.spec.category}.{' '}
            {role.spec.exclusive
              ? 'Exclusive: one holder at a time per platform.'
              : 'May be shared.'}{' '}
            {requiredFor.length > 0
              ? `Required for ${requiredFor.join(', ')} platforms.`
              : 'Not required by any lifecycle.'}
          </Typography>
          <RaciTable role={role} />
        </>
      )}
    </LoadingCard>
  );
}
