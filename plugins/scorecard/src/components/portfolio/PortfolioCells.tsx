import { EntityRefLink } from '@backstage/plugin-catalog-react';
import TableCell from '@material-ui/core/TableCell';
import Typography from '@material-ui/core/Typography';
import type { ModelFinding } from '@opmodel/plugin-opmodel-common';
import type { GradedMetric } from '@opmodel/plugin-scorecard-common';
import { formatMetricValue } from '../format';
import { GradeChip } from '../GradeChip';
import { usePortfolioStyles } from './portfolioStyles';
import { AdoptionCell, ValueCell } from './ValueCells';
import type { ValueForMoney } from './valueForMoney';
import { metricChange } from './change';
import { ChangeNote } from './ChangeNote';
import {
  findingsSummary,
  fundingText,
  isMetricColumn,
  type OptionalColumn,
  type PortfolioRow as Row,
} from './columns';

/**
 * A metric's value over its grade and its change against the window before; without enough data,
 * the grade's words alone.
 */
function MetricCell(props: {
  metric?: GradedMetric;
  previous?: GradedMetric;
  days: number;
}) {
  const classes = usePortfolioStyles();
  const m = props.metric;
  if (!m) return <TableCell>—</TableCell>;
  if (m.state !== 'ok')
    return (
      <TableCell data-metric={m.metric}>
        <Typography variant="caption" className={classes.words}>
          {m.grade.label}
        </Typography>
      </TableCell>
    );
  return (
    <TableCell data-metric={m.metric}>
      <Typography variant="body2" className={classes.value}>
        {formatMetricValue(m)}
      </Typography>
      <GradeChip status={m.grade.status} label={m.grade.label} />
      <ChangeNote change={metricChange(m, props.previous)} days={props.days} />
    </TableCell>
  );
}

/** One optional column's cell of a row; `days` is the window's length, for the change. */
export function Cell(props: {
  row: Row;
  column: OptionalColumn;
  days: number;
  /** The row's value for money, for the value column. */
  value?: ValueForMoney;
}) {
  const { row: r, column: c } = props;
  const classes = usePortfolioStyles();
  if (c === 'adoption') return <AdoptionCell row={r} />;
  if (c === 'value') return <ValueCell row={r} value={props.value} />;
  if (isMetricColumn(c))
    return (
      <MetricCell
        metric={r.metrics.find(m => m.metric === c)}
        previous={r.previous?.find(m => m.metric === c)}
        days={props.days}
      />
    );
  if (c === 'lifecycle')
    return (
      <TableCell className={classes.nowrap}>{r.lifecycle ?? '—'}</TableCell>
    );
  if (c === 'funding')
    return (
      <TableCell className={classes.nowrap}>
        {r.funding.length === 0
          ? 'none'
          : r.funding.map(f => (
              <div key={f.entityRef} data-funding={f.entityRef}>
                <EntityRefLink entityRef={f.entityRef}>
                  {fundingText(f)}
                </EntityRefLink>
              </div>
            ))}
      </TableCell>
    );
  return (
    <TableCell className={classes.words}>
      <Findings findings={r.findings} />
    </TableCell>
  );
}

/** The model-check findings of a platform: counted, and listed with their fixes on demand. */
function Findings(props: { findings: ModelFinding[] }) {
  const { findings } = props;
  if (findings.length === 0) return <>none</>;
  const summary = findingsSummary(findings);
  return (
    <details>
      <summary>{summary}</summary>
      <ul style={{ paddingLeft: 16, margin: 0, minWidth: 280 }}>
        {findings.map(f => (
          <li key={`${f.check}${f.path}`}>
            <Typography variant="body2">
              {f.severity}: {f.message}
            </Typography>
            <Typography variant="caption">
              {f.path}: {f.fix}
            </Typography>
          </li>
        ))}
      </ul>
    </details>
  );
}
