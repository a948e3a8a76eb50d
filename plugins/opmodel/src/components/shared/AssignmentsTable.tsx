import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ReactNode } from 'react';
import { describePeriod } from './describePeriod';
import { Empty } from './LoadingCard';
import { SpecRef } from './refs';
import { NO_WRAP } from './styles';
import type { PlacedAssignment } from './roleAssignments';

/** What a column of an assignment shows; the period is always the last. */
export type AssignmentColumn = 'role' | 'holder' | 'in';

const HEADINGS: Record<AssignmentColumn, string> = {
  role: 'Role',
  holder: 'Held by',
  in: 'In',
};

function cell(column: AssignmentColumn, row: PlacedAssignment): ReactNode {
  if (column === 'role')
    return (
      <SpecRef
        entityRef={row.assignment.role}
        kind="operatingrole"
        namespace={row.entity.metadata.namespace}
      />
    );
  if (column === 'holder') return <EntityRefLink entityRef={row.holder} />;
  return <EntityRefLink entityRef={row.entity} />;
}

/**
 * Role assignments as a table, the given columns then when each holds (on one line); `empty` when
 * none.
 */
export function AssignmentsTable(props: {
  rows: PlacedAssignment[];
  columns: AssignmentColumn[];
  label: string;
  empty: string;
}) {
  if (props.rows.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {props.columns.map(c => (
            <TableCell key={c}>{HEADINGS[c]}</TableCell>
          ))}
          <TableCell>When</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow
            key={`${row.holder}:${stringifyEntityRef(row.entity)}:${row.role}:${
              row.assignment.since ?? ''
            }`}
          >
            {props.columns.map(c => (
              <TableCell key={c}>{cell(c, row)}</TableCell>
            ))}
            <TableCell style={NO_WRAP} data-period>
              {describePeriod(row.assignment)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
