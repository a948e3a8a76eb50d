import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import type { FundingLineEntity } from '@opmodel/plugin-opmodel-common';
import { FundedPlatformsCard } from './FundedPlatformsCard';
import { PeriodsCard } from './PeriodsCard';
import { SummaryCard } from './SummaryCard';
import { useLineAmounts } from './useLineAmounts';

/**
 * A FundingLine on its page: type, model, periods and allocations as a chart, the expected value,
 * and the funded platforms with their scorecard headline. Amounts only for users the permission
 * policy allows (opmodel.funding.amounts.read), from the opmodel backend, since the catalog does
 * not carry them; others see shares.
 */
export function FundingLineContent() {
  const { entity } = useEntity<FundingLineEntity>();
  const amounts = useLineAmounts(entity);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SummaryCard line={entity} amounts={amounts} />
      </Grid>
      <Grid item xs={12} md={6}>
        <PeriodsCard line={entity} amounts={amounts} />
      </Grid>
      <Grid item xs={12} md={6}>
        <FundedPlatformsCard line={entity} amounts={amounts} />
      </Grid>
    </Grid>
  );
}
