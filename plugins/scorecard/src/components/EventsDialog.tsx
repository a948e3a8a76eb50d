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
import type { ReactNode } from 'react';
import type {
  MetricId,
  ScorecardEvent,
  StoredFeedback,
  StoredSupportRequest,
} from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import { LoadError, Loading } from './states';
import { When } from './When';
import { formatDuration } from './format';

const INCIDENT_METRICS: MetricId[] = [
  'uptime',
  'errorBudgetRemaining',
  'timeToAcknowledge',
  'timeToResolve',
  'responseTargetCompliance',
];
const FEEDBACK_METRICS: MetricId[] = ['csat', 'nps', 'customerEffort'];
const SUPPORT_METRICS: MetricId[] = [
  'supportTimeToFirstResponse',
  'supportTimeToResolve',
  'supportTargetCompliance',
  'supportRequestsPerTeam',
];

type EventType = 'deployment' | 'incident' | 'feedback' | 'supportRequest';

/**
 * Which events stand behind a metric: survey responses and support requests for the product
 * metrics, incidents for availability and response, deployments otherwise; none for adoption,
 * which is read from the catalog.
 */
const eventTypeOf = (metric: MetricId): EventType | undefined => {
  if (metric === 'adoptionShare') return undefined;
  if (FEEDBACK_METRICS.includes(metric)) return 'feedback';
  if (SUPPORT_METRICS.includes(metric)) return 'supportRequest';
  return INCIDENT_METRICS.includes(metric) ? 'incident' : 'deployment';
};

/** The heading of each type's columns: its time, what it is, whose, what happened, its extra. */
const COLUMNS: Record<EventType, { plural: string; headings: string[] }> = {
  deployment: {
    plural: 'deployments',
    headings: ['Finished', 'Event', 'Entity', 'What', 'Source'],
  },
  incident: {
    plural: 'incidents',
    headings: ['Triggered', 'Event', 'Entity', 'What', 'Source'],
  },
  feedback: {
    plural: 'survey responses',
    headings: ['Responded', 'Team', 'Scores', 'Comment', 'Source'],
  },
  supportRequest: {
    plural: 'support requests',
    headings: ['Opened', 'Request', 'Team', 'Answered', 'Source'],
  },
};

const COMMENT_PERMISSION = 'opmodel.scorecard.feedback.comments.read';

/** A response's answers, each on its scale, and the capability it is about. */
function scores(e: StoredFeedback): string {
  const parts = [
    e.satisfaction !== null && `satisfaction ${e.satisfaction}/5`,
    e.recommendation !== null && `recommendation ${e.recommendation}/10`,
    e.effort !== null && `effort ${e.effort}/7`,
  ].filter(Boolean);
  return `${parts.join(', ')}${e.capability ? ` (${e.capability})` : ''}`;
}

/** How soon a request was answered and resolved, or that it is still waiting. */
function answered(e: StoredSupportRequest): string {
  const after = (at: string | null) =>
    at === null
      ? undefined
      : formatDuration(Date.parse(at) - Date.parse(e.openedAt));
  const first = after(e.firstResponseAt ?? e.resolvedAt);
  const resolved = after(e.resolvedAt);
  return [
    e.channel,
    first ? `answered after ${first}` : 'not answered yet',
    resolved ? `resolved after ${resolved}` : 'open',
  ].join(', ');
}

/** A link to the event's page in its tool, when it has one. */
const linked = (name: string, url: string | null) =>
  url ? <Link to={url}>{name}</Link> : name;

/** One event's cells, in the order of its type's headings. */
function cellsOf(e: ScorecardEvent): [string, ReactNode, ReactNode, ReactNode] {
  if ('finishedAt' in e)
    return [
      e.finishedAt,
      linked(e.id, e.url),
      e.entityRef,
      `${e.result} in ${e.environment}`,
    ];
  if ('triggeredAt' in e)
    return [
      e.triggeredAt,
      linked(e.title || e.id, e.url),
      e.entityRef,
      `${e.severity} ${e.impact}${e.resolvedAt ? '' : ' (open)'}`,
    ];
  if ('respondedAt' in e) {
    let comment: ReactNode = e.comment ?? '—';
    if (e.commentHidden)
      comment = (
        <Typography variant="body2" color="textSecondary" component="span">
          hidden: reading comments needs {COMMENT_PERMISSION}
        </Typography>
      );
    return [e.respondedAt, e.team, scores(e), comment];
  }
  return [e.openedAt, linked(e.title || e.id, e.url), e.team, answered(e)];
}

/** One event: when (in the reader's locale and time zone, exact on hover), which, whose, what, from where. */
function EventRow(props: { event: ScorecardEvent }) {
  const [time, ...cells] = cellsOf(props.event);
  return (
    <TableRow>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        <When at={time} />
      </TableCell>
      {cells.map((cell, i) => (
        <TableCell key={i}>{cell}</TableCell>
      ))}
      <TableCell>{props.event.source}</TableCell>
    </TableRow>
  );
}

/** The events of one type behind a metric, newest first. */
function EventTable(props: {
  entityRef: string;
  type: EventType;
  title: string;
  range: { from: string; to: string };
}) {
  const api = useApi(scorecardApiRef);
  const { type } = props;
  const { plural, headings } = COLUMNS[type];
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
  if (loading) return <Loading what={plural} />;
  if (error) return <LoadError error={error} what={`the ${plural}`} />;
  if (!value?.events.length)
    return <Typography>No {plural} in this window.</Typography>;
  return (
    <Table size="small" aria-label={`${plural} behind ${props.title}`}>
      <TableHead>
        <TableRow>
          {headings.map(h => (
            <TableCell key={h}>{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {value.events.map(e => (
          <EventRow key={`${e.source}/${e.id}`} event={e} />
        ))}
      </TableBody>
    </Table>
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
  const type = eventTypeOf(props.metric);
  return (
    <Dialog open onClose={props.onClose} maxWidth="lg" fullWidth>
      <DialogTitle>
        {type
          ? `${props.title}: the ${COLUMNS[type].plural} behind it, newest first`
          : props.title}
      </DialogTitle>
      <DialogContent>
        {type ? (
          <EventTable
            entityRef={props.entityRef}
            type={type}
            title={props.title}
            range={props.range}
          />
        ) : (
          <Typography>
            Adoption is read from the catalog, not from events: the
            Platform&apos;s adoption card lists its consumer teams and how each
            was found.
          </Typography>
        )}
      </DialogContent>
    </Dialog>
  );
}
