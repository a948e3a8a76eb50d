import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { FundingLineEntity } from '@opmodel/plugin-opmodel-common';
import { allocationsOf, amountOf, formatMoney } from '../shared/funding';
import { LoadingCard } from '../shared/LoadingCard';
import type { LineAmounts } from './useLineAmounts';

const COLOURS = [
  '#1565c0',
  '#2e7d32',
  '#6a1b9a',
  '#c62828',
  '#ef6c00',
  '#00838f',
];

/**
 * Each period's allocations as a stacked bar per platform, in money for users allowed to see it
 * and in percent of the line for others, and the periods with their amounts.
 */
export function PeriodsCard(props: {
  line: FundingLineEntity;
  amounts: LineAmounts;
}) {
  const { spec } = props.line;
  const { amounts, showMoney, currency, noAmount } = props.amounts;
  const allocations = allocationsOf(props.line);
  const chartData = spec.periods.map(p => {
    const row: Record<string, string | number | null> = {
      period: `${p.start} – ${p.end}`,
    };
    const amount = amountOf(amounts, p);
    for (const a of allocations) {
      if (!showMoney) row[a.ref] = a.share * 100;
      else row[a.ref] = amount === undefined ? null : amount * a.share;
    }
    return row;
  });
  return (
    <LoadingCard
      title="Periods and allocations"
      loading={props.amounts.loading}
    >
      {() => (
        <>
          <div
            role="img"
            aria-label={`Allocations per period, in ${
              showMoney ? currency : 'percent of the line'
            }`}
          >
            <BarChart width={520} height={240} data={chartData}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="period" />
              <YAxis
                tickFormatter={v =>
                  showMoney ? formatMoney(Number(v), currency) : `${v} %`
                }
                width={100}
              />
              <Tooltip
                formatter={v =>
                  showMoney
                    ? formatMoney(Number(v), currency)
                    : `${Number(v).toFixed(1)} %`
                }
              />
              <Legend />
              {allocations.map((a, i) => (
                <Bar
                  key={a.ref}
                  dataKey={a.ref}
                  stackId="a"
                  fill={COLOURS[i % COLOURS.length]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </div>
          <Table size="small" aria-label="Periods">
            <TableHead>
              <TableRow>
                <TableCell>From</TableCell>
                <TableCell>Until (exclusive)</TableCell>
                <TableCell>Amount</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {spec.periods.map(p => {
                const amount = amountOf(amounts, p);
                return (
                  <TableRow key={p.start}>
                    <TableCell>{p.start}</TableCell>
                    <TableCell>{p.end}</TableCell>
                    <TableCell data-amount>
                      {amount === undefined
                        ? noAmount
                        : formatMoney(amount, currency)}
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
