import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ReactNode } from 'react';
import type { FundingLineEntity } from '@opmodel/plugin-opmodel-common';
import {
  METRIC_DEFINITIONS,
  type GradedMetric,
} from '@opmodel/plugin-scorecard-common';
import {
  allocationsOf,
  amountOf,
  currentPeriod,
  formatMoney,
  formatShare,
} from '../shared/funding';
import { LoadingCard } from '../shared/LoadingCard';
import type { LineAmounts } from './useLineAmounts';
import type { ScorecardHeadlines } from './useScorecardHeadlines';

/** The metrics a funded platform's row shows: is it up, does it ship, does shipping break it. */
const HEADLINE = [
  'uptime',
  'deploymentFrequency',
  'changeFailureRate',
] as const;

/** Shares and amounts stay whole however narrow the card: "80 %", never "8" over "0 %". */
const NO_BREAK = { whiteSpace: 'nowrap' } as const;

function headline(m: GradedMetric): string {
  if (m.state !== 'ok' || m.value === null) return 'not enough data';
  if (m.unit === 'ratio') return `${(m.value * 100).toFixed(1)} %`;
  if (m.unit === 'perWeek') return `${m.value.toFixed(1)} / week`;
  return `${Math.round(m.value / 60_000)} min`;
}

/**
 * Why a platform's headline is missing: it has no scorecard (the scorecard backend does not know
 * it), or the read failed, which a later visit may not.
 */
function scorecardError(error: Error): string {
  const status = (error as { response?: { status?: number } }).response?.status;
  if (status === 404) return 'no scorecard';
  const said = (error as { body?: { error?: { message?: string } } }).body
    ?.error?.message;
  return `scorecard unavailable: ${said ?? error.message}`;
}

/** The platforms the line funds: share, what each gets this period, and its scorecard headline. */
export function FundedPlatformsCard(props: {
  line: FundingLineEntity;
  amounts: LineAmounts;
  headlines: ScorecardHeadlines;
}) {
  const { amounts, currency, noAmount } = props.amounts;
  const allocations = allocationsOf(props.line);
  const { headlines } = props;
  const period = currentPeriod(props.line);
  return (
    <LoadingCard title="Funded platforms" loading={props.amounts.loading}>
      {() => (
        <Table size="small" aria-label="Funded platforms">
          <TableHead>
            <TableRow>
              <TableCell>Platform</TableCell>
              <TableCell style={NO_BREAK}>Share</TableCell>
              <TableCell style={NO_BREAK}>This period</TableCell>
              <TableCell>Scorecard</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {allocations.map(a => {
              const h = headlines.value?.get(a.ref);
              let score: ReactNode = '…';
              if (h instanceof Error) score = scorecardError(h);
              else if (h)
                score = HEADLINE.map(id => {
                  const m = h.find(x => x.metric === id);
                  return m ? (
                    <div key={id}>
                      {METRIC_DEFINITIONS[id].title}: {headline(m)} (
                      {m.grade.label})
                    </div>
                  ) : null;
                });
              else if (!headlines.loading) score = '—';
              const amount = period && amountOf(amounts, period);
              let money = 'no current period';
              if (amount !== undefined)
                money = formatMoney(amount * a.share, currency);
              else if (period) money = noAmount;
              return (
                <TableRow key={a.ref} data-platform={a.ref}>
                  <TableCell>
                    <EntityRefLink entityRef={a.ref} />
                  </TableCell>
                  <TableCell style={NO_BREAK}>{formatShare(a.share)}</TableCell>
                  <TableCell style={NO_BREAK} data-amount>
                    {money}
                  </TableCell>
                  <TableCell>{score}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </LoadingCard>
  );
}
