import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { GradedMetric } from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import { EventsDialog } from './EventsDialog';
import {
  describeRule,
  formatCount,
  formatMetricValue,
  formatValue,
  metricTitle,
} from './format';
import { GradeChip } from './GradeChip';
import { CoverageSection } from './CoverageSection';
import { MetricTrend } from './MetricTrend';
import { LoadError, Loading, NoEvents } from './states';
import { WindowSelect, windowQuery } from './WindowSelect';

export type ScorecardCardProps = {
  /** The window shown first, in days (7, 28 or 90); 28 unless set. */
  defaultWindowDays?: number;
  /** Leave out the sparklines (one trend request per metric). */
  hideTrends?: boolean;
  /** Leave out the list of sources (collectors) that feed the scorecard. */
  hideSources?: boolean;
};

function ValueCell(props: { metric: GradedMetric }) {
  const m = props.metric;
  if (m.state === 'not-enough-data') {
    return <Typography variant="body2">not enough data</Typography>;
  }
  return (
    <>
      <Typography variant="body2" component="span" data-metric-value={m.metric}>
        {formatMetricValue(m)}
      </Typography>
      {m.unit === 'ms' && m.p90 !== undefined && m.p90 !== null && (
        <Typography variant="caption" display="block">
          median; p90 {formatValue(m.p90, m.unit)}
        </Typography>
      )}
    </>
  );
}

function CountCell(props: { metric: GradedMetric }) {
  const m = props.metric;
  if (m.state === 'not-enough-data') {
    return (
      <Typography variant="body2">
        {formatCount(m.count)} of {formatCount(m.minimumCount)} needed
      </Typography>
    );
  }
  return (
    <Typography variant="body2" data-metric-count={m.metric}>
      {formatCount(m.count)}
    </Typography>
  );
}

/**
 * The scorecard of the entity on the page: every metric with its value, grade, what graded it,
 * its data points and its trend, for a window the reader picks. A metric's name opens the events
 * behind it.
 */
export function ScorecardCard(props: ScorecardCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(scorecardApiRef);
  const [days, setDays] = useState(props.defaultWindowDays ?? 28);
  const [drill, setDrill] = useState<GradedMetric>();
  // fixed per chosen window, so the trend requests and the card agree on it
  const range = useMemo(() => windowQuery(days), [days]);
  const { value, loading, error } = useAsync(
    () => api.getScorecard({ entityRef, ...range }),
    [api, entityRef, range],
  );
  // every metric's trend in one request; a failure leaves the card's figures in place
  const trends = useAsync(
    async () =>
      props.hideTrends
        ? undefined
        : (await api.getTrends({ entityRef, ...range })).trends,
    [api, entityRef, range, props.hideTrends],
  );

  let content;
  if (loading) content = <Loading what="the scorecard" />;
  else if (error) content = <LoadError error={error} what="this scorecard" />;
  else if (!value || value.metrics.every(m => m.count === 0))
    content = <NoEvents entityRef={entityRef} />;
  else
    content = (
      <Table size="small" aria-label={`Scorecard of ${entityRef}`}>
        <TableHead>
          <TableRow>
            <TableCell>Metric</TableCell>
            <TableCell>Value</TableCell>
            <TableCell>Grade</TableCell>
            <TableCell>Graded against</TableCell>
            <TableCell>Data points</TableCell>
            {!props.hideTrends && <TableCell>Trend</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {value.metrics.map(m => (
            <TableRow key={m.metric} data-metric={m.metric}>
              <TableCell>
                <Button
                  size="small"
                  color="primary"
                  style={{ textTransform: 'none', textAlign: 'left' }}
                  onClick={() => setDrill(m)}
                  title="Show the events behind this figure"
                >
                  {metricTitle(m)}
                </Button>
              </TableCell>
              <TableCell>
                <ValueCell metric={m} />
              </TableCell>
              <TableCell>
                <GradeChip status={m.grade.status} label={m.grade.label} />
              </TableCell>
              <TableCell>
                <Typography variant="body2">{describeRule(m)}</Typography>
                <Typography variant="caption">
                  definition v{m.definitionVersion}
                </Typography>
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <CountCell metric={m} />
              </TableCell>
              {!props.hideTrends && (
                <TableCell>
                  <MetricTrend
                    title={metricTitle(m)}
                    loading={trends.loading}
                    points={trends.value?.[m.metric]}
                    metric={m.metric}
                    unit={m.unit}
                    threshold={m.grade.rule.threshold}
                    better={m.grade.rule.better}
                  />
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );

  return (
    <InfoCard
      title="Scorecard"
      subheader={
        value
          ? `Members counted: ${formatCount(value.members.length)}`
          : 'Delivery, availability and incident response'
      }
      action={<WindowSelect value={days} onChange={setDays} />}
    >
      {content}
      {!props.hideSources && <CoverageSection entityRef={entityRef} />}
      {drill && (
        <EventsDialog
          entityRef={entityRef}
          metric={drill.metric}
          title={metricTitle(drill)}
          range={range}
          onClose={() => setDrill(undefined)}
        />
      )}
    </InfoCard>
  );
}
