import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import type { PlatformEntity } from '@opmodel/plugin-opmodel-common';
import { lower } from '../shared/refs';
import { AtAGlanceCard } from './AtAGlanceCard';
import { CapabilitiesCard } from './CapabilitiesCard';
import { ConsumersCard } from './ConsumersCard';
import { FundingCard } from './FundingCard';
import { ModelChecksCard } from './ModelChecksCard';
import { RolesCard } from './RolesCard';
import { SupportCard } from './SupportCard';
import { usePlatformModel } from './usePlatformModel';
import { usePlatformValue } from './usePlatformValue';
import { PlatformValueCard } from './PlatformValueCard';

/**
 * A Platform's operating model on its page: the product at a glance, capabilities, consumers by
 * interaction mode, roles and their holders (warning on an empty role), support and response
 * targets, funding, what the funding buys (value for money), and the model checks' findings with
 * their fixes.
 */
export function PlatformContent() {
  const { entity } = useEntity<PlatformEntity>();
  const platformRef = lower(stringifyEntityRef(entity));
  const model = usePlatformModel(entity);
  const value = usePlatformValue(
    { entityRef: platformRef, lifecycle: entity.spec.lifecycle },
    model.fundingLines,
  );
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <AtAGlanceCard platform={entity} />
      </Grid>
      <Grid item xs={12}>
        <CapabilitiesCard platform={entity} />
      </Grid>
      <Grid item xs={12} md={6}>
        <ConsumersCard platform={entity} />
      </Grid>
      <Grid item xs={12} md={6}>
        <SupportCard platform={entity} />
      </Grid>
      <Grid item xs={12} md={6}>
        <RolesCard platform={entity} model={model} />
      </Grid>
      <Grid item xs={12} md={6}>
        <FundingCard
          platformRef={platformRef}
          model={model}
          amounts={value.amounts}
        />
      </Grid>
      <Grid item xs={12}>
        <PlatformValueCard value={value} />
      </Grid>
      <Grid item xs={12}>
        <ModelChecksCard model={model} />
      </Grid>
    </Grid>
  );
}
