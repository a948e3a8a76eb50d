import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  valueForMoney,
  type FundingLineEntity,
} from '@opmodel/plugin-opmodel-common';
import type { GradedMetric } from '@opmodel/plugin-scorecard-common';
import {
  allocationsOf,
  amountOf,
  currentPeriod,
  formatMoney,
  formatShare,
} from '../shared/funding';
import { LoadingCard } from '../shared/LoadingCard';
import { useAdoptionSummaries } from '../shared/useAdoptionSummaries';
import type { LineAmounts } from './useLineAmounts';
import type { ScorecardHeadlines } from './useScorecardHeadlines';

/** Satisfaction as the row reads it: the mean on its scale with its grade, or why there is none. */
function satisfaction(metrics: GradedMetric[] | Error | undefined): string {
  if (!metrics || metrics instanceof Error) return '—';
  const csat = metrics.find(m => m.metric === 'csat');
  if (!csat) return '—';
  if (csat.state !== 'ok' || csat.value === null) return 'not enough data';
  return `${csat.value.toFixed(1)} / 5 (${csat.grade.label})`;
}

/**
 * What the line's money buys on each platform it funds: consumer teams, satisfaction, the cost
 * per consumer team and per consuming Component or System (for users who may see amounts), and
 * the platform's share of the line against its share of the funded platforms' consumer teams,
 * flagged where the two part ways. Shares need no amounts: within one line they are the money.
 */
export function ValueForMoneyCard(props: {
  line: FundingLineEntity;
  amounts: LineAmounts;
  headlines: ScorecardHeadlines;
}) {
  const adoption = useAdoptionSummaries();
  const allocations = allocationsOf(props.line);
  const { amounts, currency, noAmount } = props.amounts;
  const period = currentPeriod(props.line);
  const lineAmount = period && amountOf(amounts, period);
  const compared = valueForMoney(
    allocations.map(a => ({
      entityRef: a.ref,
      funding: { value: a.share, currency: 'share of the line' },
      consumerTeams: adoption.value?.get(a.ref)?.consumers,
    })),
  );
  /** A platform's part of this period's amount, per one of `units` (teams, components). */
  const perUnit = (share: number, units: number | undefined) => {
    if (lineAmount === undefined)
      return period ? noAmount : 'no current period';
    return units ? formatMoney((lineAmount * share) / units, currency) : '—';
  };
  return (
    <LoadingCard
      title="Value for money"
      loading={props.amounts.loading || adoption.loading}
    >
      {() => (
        <>
          {adoption.error && (
            <Typography variant="body2" color="textSecondary">
              Adoption could not be loaded from the scorecard backend:{' '}
              {adoption.error.message}
            </Typography>
          )}
          <Table size="small" aria-label="Value for money">
            <TableHead>
              <TableRow>
                <TableCell>Platform</TableCell>
                <TableCell>Consumer teams</TableCell>
                <TableCell>Satisfaction</TableCell>
                <TableCell>Per consumer team</TableCell>
                <TableCell>Per consuming component</TableCell>
                <TableCell>Money against use</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {allocations.map(a => {
                const use = adoption.value?.get(a.ref);
                const value = compared.get(a.ref)!;
                return (
                  <TableRow key={a.ref} data-value-platform={a.ref}>
                    <TableCell>
                      <EntityRefLink entityRef={a.ref} />
                    </TableCell>
                    <TableCell>{use?.consumers ?? '—'}</TableCell>
                    <TableCell>
                      {satisfaction(props.headlines.value?.get(a.ref))}
                    </TableCell>
                    <TableCell data-per-team>
                      {perUnit(a.share, use?.consumers)}
                    </TableCell>
                    <TableCell>
                      {perUnit(a.share, use?.consumingEntities)}
                    </TableCell>
                    <TableCell data-parted={value.parted || undefined}>
                      {formatShare(a.share)} of the money
                      {value.adoptionShare !== undefined &&
                        `, ${formatShare(
                          value.adoptionShare,
                        )} of the consumer teams`}
                      {value.parted && (
                        <Typography
                          variant="body2"
                          color="error"
                          component="div"
                        >
                          money and use part ways
                        </Typography>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
    </LoadingCard>
  );
}
