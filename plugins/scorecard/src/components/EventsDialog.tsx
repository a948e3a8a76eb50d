import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import type {
  MetricId,
  ScorecardEvent,
  StoredDeployment,
} from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import { LoadError, Loading } from './states';
import { When } from './When';

const INCIDENT_METRICS: MetricId[] = [
  'uptime',
  'errorBudgetRemaining',
  'timeToAcknowledge',
  'timeToResolve',
  'responseTargetCompliance',
];

/** Which events stand behind a metric: incidents for availability and response, deployments otherwise. */
const eventTypeOf = (metric: MetricId): 'deployment' | 'incident' =>
  INCIDENT_METRICS.includes(metric) ? 'incident' : 'deployment';

const isDeployment = (e: ScorecardEvent): e is StoredDeployment =>
  'finishedAt' in e;

/** One event: when (in the reader's locale and time zone, exact on hover), which, whose, what, from where. */
function EventRow(props: { event: ScorecardEvent }) {
  const e = props.event;
  const name = (!isDeployment(e) && e.title) || e.id;
  return (
    <TableRow>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        <When at={isDeployment(e) ? e.finishedAt : e.triggeredAt} />
      </TableCell>
      <TableCell>{e.url ? <Link to={e.url}>{name}</Link> : name}</TableCell>
      <TableCell>{e.entityRef}</TableCell>
      <TableCell>
        {isDeployment(e)
          ? `${e.result} in ${e.environment}`
          : `${e.severity} ${e.impact}${e.resolvedAt ? '' : ' (open)'}`}
      </TableCell>
      <TableCell>{e.source}</TableCell>
    </TableRow>
  );
}

/** The events behind one metric of one entity in the window, newest first, linking to their sources. */
export function EventsDialog(props: {
  entityRef: string;
  metric: MetricId;
  title: string;
  range: { from: string; to: string };
  onClose: () => void;
}) {
  const api = useApi(scorecardApiRef);
  const type = eventTypeOf(props.metric);
  const { value, loading, error } = useAsync(
    () =>
      api.listEvents({
        entityRef: props.entityRef,
        type,
        limit: 100,
        ...props.range,
      }),
    [api, props.entityRef, type, props.range.from, props.range.to],
  );
  let body;
  if (loading) body = <Loading what={`${type}s`} />;
  else if (error) body = <LoadError error={error} what={`the ${type}s`} />;
  else if (!value?.events.length)
    body = <Typography>No {type}s in this window.</Typography>;
  else
    body = (
      <Table size="small" aria-label={`${type}s behind ${props.title}`}>
        <TableHead>
          <TableRow>
            <TableCell>
              {type === 'deployment' ? 'Finished' : 'Triggered'}
            </TableCell>
            <TableCell>Event</TableCell>
            <TableCell>Entity</TableCell>
            <TableCell>What</TableCell>
            <TableCell>Source</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.events.map(e => (
            <EventRow key={`${e.source}/${e.id}`} event={e} />
          ))}
        </TableBody>
      </Table>
    );
  return (
    <Dialog open onClose={props.onClose} maxWidth="lg" fullWidth>
      <DialogTitle>
        {props.title}: the {type}s behind it, newest first
      </DialogTitle>
      <DialogContent>{body}</DialogContent>
    </Dialog>
  );
}
