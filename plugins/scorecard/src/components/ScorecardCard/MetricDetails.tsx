import type { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  METRIC_DEFINITIONS,
  type GradedMetric,
} from '@opmodel/plugin-scorecard-common';
import {
  describeRuleSource,
  describeTarget,
  formatCount,
  formatMetricValue,
  formatRatio,
  formatValue,
} from '../format';
import { InfoTip } from './InfoTip';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.5),
    alignItems: 'baseline',
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: { margin: 0 },
}));

function Row(props: { term: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <Typography variant="caption" component="dt" className={classes.term}>
        {props.term}
      </Typography>
      <Typography variant="caption" component="dd" className={classes.value}>
        {props.children}
      </Typography>
    </>
  );
}

/**
 * What stands behind a tile's figure: its p90 (durations), a survey's response rate and figures
 * per capability, its data points, what graded it (in
 * short, with the rule's full wording on demand) and the metric's definition version.
 */
export function MetricDetails(props: { metric: GradedMetric; id: string }) {
  const m = props.metric;
  const classes = useStyles();
  const target = describeTarget(m);
  const definition = METRIC_DEFINITIONS[m.metric];
  return (
    <dl className={classes.list} id={props.id}>
      {m.unit === 'ms' && m.p90 !== undefined && m.p90 !== null && (
        <Row term="p90">{formatValue(m.p90, m.unit)}</Row>
      )}
      {typeof m.details?.responseRate === 'number' && (
        <Row term="Response rate">
          {formatRatio(m.details.responseRate)} of{' '}
          {formatCount(Number(m.details.consumerTeams))} consumer teams
        </Row>
      )}
      {Object.entries(m.byCapability ?? {}).map(([capability, figure]) => (
        <Row key={capability} term={capability}>
          {figure.value === null
            ? 'not enough data'
            : formatMetricValue({ ...m, value: figure.value })}{' '}
          ({formatCount(figure.count)}{' '}
          {figure.count === 1 ? 'response' : 'responses'})
        </Row>
      ))}
      <Row term="Data points">
        <span data-metric-count={m.metric}>{formatCount(m.count)}</span>
        {m.state === 'not-enough-data' &&
          ` of ${formatCount(m.minimumCount)} needed`}
      </Row>
      <Row term="Graded against">
        {target ? `${target}, ` : ''}
        {describeRuleSource(m)}
        {m.grade.rule.source !== 'none' && (
          <InfoTip
            label={`Where the rule for ${
              definition?.title ?? m.metric
            } comes from`}
            text={m.grade.rule.description}
          />
        )}
      </Row>
      <Row term="Definition">
        v{m.definitionVersion}
        {definition && (
          <InfoTip
            label={`How ${definition.title} is computed`}
            text={definition.definition}
          />
        )}
      </Row>
    </dl>
  );
}
