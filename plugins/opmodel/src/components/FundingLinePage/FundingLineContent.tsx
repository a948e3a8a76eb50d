import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import type { FundingLineEntity } from '@opmodel/plugin-opmodel-common';
import { FundedPlatformsCard } from './FundedPlatformsCard';
import { PeriodsCard } from './PeriodsCard';
import { SummaryCard } from './SummaryCard';
import { useLineAmounts } from './useLineAmounts';
import { useScorecardHeadlines } from './useScorecardHeadlines';
import { ValueForMoneyCard } from './ValueForMoneyCard';
import { allocationsOf } from '../shared/funding';

/**
 * A FundingLine on its page: type, model, periods and allocations as a chart, the expected value,
 * the funded platforms with their scorecard headline, and what the money buys on each (value for
 * money). Amounts only for users the permission
 * policy allows (opmodel.funding.amounts.read), from the opmodel backend, since the catalog does
 * not carry them; others see shares.
 */
export function FundingLineContent() {
  const { entity } = useEntity<FundingLineEntity>();
  const amounts = useLineAmounts(entity);
  // one read of each funded platform's scorecard, for both cards that show its figures
  const headlines = useScorecardHeadlines(
    allocationsOf(entity).map(a => a.ref),
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SummaryCard line={entity} amounts={amounts} />
      </Grid>
      <Grid item xs={12} md={6}>
        <PeriodsCard line={entity} amounts={amounts} />
      </Grid>
      <Grid item xs={12} md={6}>
        <FundedPlatformsCard
          line={entity}
          amounts={amounts}
          headlines={headlines}
        />
      </Grid>
      <Grid item xs={12}>
        <ValueForMoneyCard
          line={entity}
          amounts={amounts}
          headlines={headlines}
        />
      </Grid>
    </Grid>
  );
}
