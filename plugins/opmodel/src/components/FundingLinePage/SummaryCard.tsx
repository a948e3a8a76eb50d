import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import type { FundingLineEntity } from '@opmodel/plugin-opmodel-common';
import { Field } from '../shared/Field';
import { Empty, LoadingCard } from '../shared/LoadingCard';
import { SpecRef } from '../shared/refs';
import type { LineAmounts } from './useLineAmounts';

/** The line's expected value, type, model, owner and cost center, and why amounts are missing. */
export function SummaryCard(props: {
  line: FundingLineEntity;
  amounts: LineAmounts;
}) {
  const { spec, metadata } = props.line;
  const { amounts } = props;
  return (
    <LoadingCard title="Funding line" loading={false}>
      {() => (
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <Typography variant="h6" component="p">
              {spec.expectedValue ?? <Empty>No expected value stated.</Empty>}
            </Typography>
          </Grid>
          <Field label="Type" xs={6}>
            {spec.type === 'operational'
              ? 'operational (keeps the platform running)'
              : 'project (builds something new)'}
          </Field>
          <Field label="Model" xs={6}>
            {spec.model ?? '—'}
          </Field>
          <Field label="Owner" xs={6}>
            <SpecRef
              entityRef={spec.owner}
              kind="group"
              namespace={metadata.namespace ?? 'default'}
            />
          </Field>
          <Field label="Cost center, currency" xs={6}>
            {spec.costCenter ?? '—'}, {spec.currency}
          </Field>
          {spec.project && (
            <Grid item xs={12}>
              <Typography variant="body2">
                Project {spec.project.start} – {spec.project.end}
                {spec.project.deliverables?.length
                  ? `: ${spec.project.deliverables.join('; ')}`
                  : ''}
              </Typography>
            </Grid>
          )}
          {!amounts.loading && !amounts.allowed && (
            <Grid item xs={12}>
              <Alert severity="info">
                Amounts are hidden: seeing them needs the
                opmodel.funding.amounts.read permission. Shares are shown
                instead.
              </Alert>
            </Grid>
          )}
          {!amounts.loading && amounts.error && (
            <Grid item xs={12}>
              <Alert severity="warning">
                Amounts could not be loaded: {amounts.error.message}. Shares are
                shown instead.
              </Alert>
            </Grid>
          )}
        </Grid>
      )}
    </LoadingCard>
  );
}
