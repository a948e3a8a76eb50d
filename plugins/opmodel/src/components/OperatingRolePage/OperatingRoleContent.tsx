import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import type { OperatingRoleEntity } from '@opmodel/plugin-opmodel-common';
import { lower } from '../shared/refs';
import { HoldingsCard } from './HoldingsCard';
import { ResponsibilitiesCard } from './ResponsibilitiesCard';

/**
 * An OperatingRole on its page: its responsibilities as a RACI table, and every Platform and
 * FundingLine where it is held, by whom and since when.
 */
export function OperatingRoleContent() {
  const { entity } = useEntity<OperatingRoleEntity>();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <ResponsibilitiesCard role={entity} />
      </Grid>
      <Grid item xs={12} md={5}>
        <HoldingsCard roleRef={lower(stringifyEntityRef(entity))} />
      </Grid>
    </Grid>
  );
}
