import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { PlatformEntity } from '@opmodel/plugin-opmodel-common';
import { Field } from '../shared/Field';
import { Empty, LoadingCard } from '../shared/LoadingCard';
import { SpecRef } from '../shared/refs';

/** What the platform offers, who owns it, its lifecycle, type and domain. */
export function AtAGlanceCard(props: { platform: PlatformEntity }) {
  const { spec, metadata } = props.platform;
  const ns = metadata.namespace;
  return (
    <LoadingCard title="The product at a glance" loading={false}>
      {() => (
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <Typography variant="h6" component="p">
              {spec.valueProposition ?? (
                <Empty>No value proposition declared.</Empty>
              )}
            </Typography>
            {metadata.description && (
              <Typography variant="body2">{metadata.description}</Typography>
            )}
          </Grid>
          <Field label="Owner">
            <SpecRef entityRef={spec.owner} kind="group" namespace={ns} />
          </Field>
          <Field label="Lifecycle">{spec.lifecycle}</Field>
          <Field label="Type">{spec.type}</Field>
          <Field label="Domain">
            {spec.domain ? (
              <SpecRef entityRef={spec.domain} kind="domain" namespace={ns} />
            ) : (
              '—'
            )}
          </Field>
        </Grid>
      )}
    </LoadingCard>
  );
}
