import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { formatMoney } from '@opmodel/plugin-opmodel-common';
import type { GradedMetric } from '@opmodel/plugin-scorecard-common';
import { Field } from '../shared/Field';
import { FindingsList } from '../shared/FindingsList';
import { formatShare } from '../shared/funding';
import { LoadingCard } from '../shared/LoadingCard';
import type { PlatformValue } from './usePlatformValue';

const YEAR_DAYS = 365;

/** A graded figure as the card reads it, or why there is none. */
function graded(
  metrics: GradedMetric[] | undefined,
  id: GradedMetric['metric'],
  show: (v: number) => string,
): string {
  const m = metrics?.find(x => x.metric === id);
  if (!m) return '—';
  if (m.state !== 'ok' || m.value === null) return 'not enough data';
  return `${show(m.value)} (${m.grade.label})`;
}

/**
 * What the platform's money buys: its funding at today's rate (a year of it, so lines of
 * different period lengths add up), its consumer teams and the components they use it through,
 * the cost of each for readers who may see amounts, satisfaction and delivery, and the value
 * check: satisfaction and adoption falling while funding grows.
 */
export function PlatformValueCard(props: { value: PlatformValue }) {
  const v = props.value;
  const yearly = v.perDay && v.perDay.value * YEAR_DAYS;
  const per = (units: number | undefined) => {
    if (!v.perDay) return v.allowed ? 'amounts unavailable' : 'amounts hidden';
    return units
      ? `${formatMoney(yearly! / units, v.perDay.currency)} a year`
      : '—';
  };
  return (
    <LoadingCard title="Value for money" loading={v.loading}>
      {() => (
        <>
          <Grid container spacing={2} aria-label="Value for money">
            <Field label="Funding">
              {yearly !== undefined
                ? `${formatMoney(yearly, v.perDay!.currency)} a year`
                : v.shares.map(s => (
                    <div key={s.line.metadata.name}>
                      {formatShare(s.share)} of{' '}
                      <EntityRefLink entityRef={s.line} />
                    </div>
                  ))}
              {v.shares.length === 0 && 'no funding line'}
            </Field>
            <Field label="Consumer teams" xs={6}>
              {v.adoption
                ? `${v.adoption.consumers}, through ${v.adoption.consumingEntities} components and systems`
                : '—'}
            </Field>
            <Field label="Per consumer team" xs={6}>
              <span data-per-team>{per(v.adoption?.consumers)}</span>
            </Field>
            <Field label="Per consuming component" xs={6}>
              {per(v.adoption?.consumingEntities)}
            </Field>
            <Field label="Satisfaction" xs={6}>
              {graded(v.metrics, 'csat', x => `${x.toFixed(1)} / 5`)}
            </Field>
            <Field label="Adoption" xs={6}>
              {graded(v.metrics, 'adoptionShare', formatShare)}
            </Field>
            <Field label="Delivery" xs={6}>
              {graded(
                v.metrics,
                'deploymentFrequency',
                x => `${x.toFixed(1)} deployments / week`,
              )}
            </Field>
          </Grid>
          {v.finding && (
            <>
              <Typography variant="subtitle2" style={{ marginTop: 16 }}>
                Money and value part ways
              </Typography>
              <FindingsList findings={[v.finding]} />
            </>
          )}
        </>
      )}
    </LoadingCard>
  );
}
