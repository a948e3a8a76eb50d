import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { FundingLineEntity } from '@opmodel/plugin-opmodel-common';
import {
  amountOf,
  currentPeriod,
  formatMoney,
  formatShare,
  shareFor,
} from '../shared/funding';
import { Empty, LoadingCard } from '../shared/LoadingCard';
import { lower } from '../shared/refs';
import type { FundingAmountsState } from '../shared/useFundingAmounts';
import type { PlatformModel } from './usePlatformModel';

function FundingTable(props: {
  platformRef: string;
  lines: FundingLineEntity[];
  amounts: FundingAmountsState;
}) {
  const funding = props.lines
    .map(line => ({
      line,
      ref: lower(stringifyEntityRef(line)),
      share: shareFor(line, props.platformRef),
    }))
    .filter(f => f.share > 0);
  const { amounts } = props;
  if (funding.length === 0)
    return <Empty>No funding line allocates to this platform.</Empty>;
  return (
    <Table size="small" aria-label="Funding lines">
      <TableHead>
        <TableRow>
          <TableCell>Funding line</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Share to this platform</TableCell>
          <TableCell>This period</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {funding.map(({ line, ref, share }) => {
          const period = currentPeriod(line);
          const lineAmounts = amounts.amounts.get(ref);
          const amount = period && amountOf(lineAmounts, period);
          let money = 'no current period';
          if (amount !== undefined)
            money = formatMoney(amount * share, lineAmounts!.currency);
          else if (period && amounts.allowed) money = 'amount unavailable';
          else if (period) money = 'amount hidden';
          return (
            <TableRow key={ref}>
              <TableCell>
                <EntityRefLink entityRef={line} />
              </TableCell>
              <TableCell>
                {line.spec.type}
                {line.spec.model ? `, ${line.spec.model}` : ''}
              </TableCell>
              <TableCell>{formatShare(share)}</TableCell>
              <TableCell>{amounts.loading ? '…' : money}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * The funding lines that allocate to the platform: type, share, and what the platform gets this
 * period for users allowed to see amounts.
 */
export function FundingCard(props: {
  platformRef: string;
  model: PlatformModel;
  /** The amounts of the platform's lines, read once for the page (see usePlatformValue). */
  amounts: FundingAmountsState;
}) {
  const { model } = props;
  return (
    <LoadingCard title="Funding" loading={model.loading} error={model.error}>
      {() => (
        <FundingTable
          platformRef={props.platformRef}
          lines={model.fundingLines}
          amounts={props.amounts}
        />
      )}
    </LoadingCard>
  );
}
