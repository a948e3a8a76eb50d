import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import type { SourceCoverage } from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import { When } from './When';

function CoverageRow(props: { row: SourceCoverage; showEntity: boolean }) {
  const { row, showEntity } = props;
  return (
    <TableRow data-source={row.source}>
      <TableCell>
        {row.source}
        {row.writes?.length ? (
          <Typography variant="caption" component="div">
            {row.writes.join(', ')}
          </Typography>
        ) : null}
      </TableCell>
      {showEntity && <TableCell>{row.entityRef}</TableCell>}
      <TableCell>
        <When at={row.lastRunAt} otherwise="never" />
      </TableCell>
      <TableCell>
        <When at={row.lastWrittenAt} otherwise="never" />
      </TableCell>
      <TableCell>
        {row.lastError ? (
          <Typography variant="body2" color="error">
            {row.lastError}
          </Typography>
        ) : (
          'read'
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * Which collectors read the entity's data (and, for a Platform, System or Group, its members'),
 * so a reader can tell "no incidents" from "no incident source", and sees why a source could not
 * read an entity.
 */
export function CoverageSection(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(scorecardApiRef);
  const { value, error, loading } = useAsync(
    () => api.getCoverage({ entityRef }),
    [api, entityRef],
  );
  if (loading) return null;
  if (error || !value) {
    return (
      <Typography variant="caption" component="p">
        Could not tell which sources feed this scorecard: {error?.message}
      </Typography>
    );
  }
  if (value.sources.length === 0) {
    return (
      <Typography variant="body2" component="p" style={{ marginTop: 16 }}>
        No collector reads this entity&apos;s data: its figures come only from
        events posted to the scorecard&apos;s ingestion API.
      </Typography>
    );
  }
  const showEntity = value.sources.some(s => s.entityRef !== entityRef);
  return (
    <>
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
        Sources
      </Typography>
      <Table size="small" aria-label={`Sources of ${entityRef}`}>
        <TableHead>
          <TableRow>
            <TableCell>Source</TableCell>
            {showEntity && <TableCell>Entity</TableCell>}
            <TableCell>Last run</TableCell>
            <TableCell>Last wrote</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.sources.map(row => (
            <CoverageRow
              key={`${row.collector}|${row.entityRef}`}
              row={row}
              showEntity={showEntity}
            />
          ))}
        </TableBody>
      </Table>
    </>
  );
}
