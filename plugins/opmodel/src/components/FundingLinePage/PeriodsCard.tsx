import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type {
  FundingLineEntity,
  FundingPeriod,
} from '@opmodel/plugin-opmodel-common';
import {
  allocationsOf,
  amountOf,
  formatMoney,
  formatShare,
} from '../shared/funding';
import { LoadingCard } from '../shared/LoadingCard';
import { NO_WRAP } from '../shared/styles';
import { useEntityTitles } from '../shared/useEntityTitles';
import type { LineAmounts } from './useLineAmounts';

const COLOURS = [
  '#1565c0',
  '#2e7d32',
  '#6a1b9a',
  '#c62828',
  '#ef6c00',
  '#00838f',
];

const colour = (i: number) => COLOURS[i % COLOURS.length];

/** A period as the page names it: its first day and the day it ends before. */
const periodLabel = (p: FundingPeriod) => `${p.start} – ${p.end}`;

/** A funded platform as the chart shows it: its ref, its title and its share of the line. */
type Funded = { ref: string; title: string; share: number };

/** How the chart reads a value: money in the line's currency, or percent of the line. */
type Scale = { money: boolean; currency: string };

function formatValue(v: unknown, scale: Scale) {
  const n = Number(v);
  return scale.money ? formatMoney(n, scale.currency) : formatShare(n / 100);
}

/**
 * Several periods: a stacked bar per period, one colour per platform, the legend and tooltip
 * naming each platform by its title.
 */
function PeriodsChart(props: {
  periods: FundingPeriod[];
  funded: Funded[];
  amounts: LineAmounts;
}) {
  const { amounts, showMoney, currency } = props.amounts;
  const scale = { money: showMoney, currency };
  // keyed by position: a ref's dots and slashes are not a data key recharts reads as one
  const data = props.periods.map(p => {
    const row: Record<string, string | number | null> = {
      period: periodLabel(p),
    };
    const amount = amountOf(amounts, p);
    props.funded.forEach((f, i) => {
      if (!showMoney) row[`p${i}`] = f.share * 100;
      else row[`p${i}`] = amount === undefined ? null : amount * f.share;
    });
    return row;
  });
  return (
    <div
      role="img"
      aria-label={`Allocations per period, in ${
        showMoney ? currency : 'percent of the line'
      }`}
    >
      <BarChart width={520} height={260} data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" />
        <YAxis
          tickFormatter={v =>
            showMoney ? formatMoney(Number(v), currency) : `${v} %`
          }
          width={100}
        />
        <Tooltip formatter={v => formatValue(v, scale)} />
        <Legend />
        {props.funded.map((f, i) => (
          <Bar
            key={f.ref}
            dataKey={`p${i}`}
            name={f.title}
            stackId="a"
            fill={colour(i)}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </div>
  );
}

/**
 * One period: a stacked bar of one period says little, so each platform gets its own bar,
 * labelled with its title and what it gets, under the period the line covers.
 */
function OnePeriodChart(props: {
  period: FundingPeriod;
  funded: Funded[];
  amounts: LineAmounts;
}) {
  const { amounts, showMoney, currency, noAmount } = props.amounts;
  const amount = amountOf(amounts, props.period);
  // money when there is an amount to share out; shares otherwise
  const scale = { money: showMoney && amount !== undefined, currency };
  const data = props.funded.map(f => ({
    name: f.title,
    value: scale.money ? amount! * f.share : f.share * 100,
  }));
  const label = periodLabel(props.period);
  return (
    <>
      <Typography variant="subtitle2" component="h3" data-period>
        Period <span style={NO_WRAP}>{label}</span>
        {scale.money
          ? `: ${formatMoney(amount!, currency)} in all`
          : `, in percent of the line (amount ${noAmount})`}
      </Typography>
      <div
        role="img"
        aria-label={`Allocations in ${label}, in ${
          scale.money ? currency : 'percent of the line'
        }`}
      >
        <BarChart
          layout="vertical"
          width={520}
          height={40 * data.length + 50}
          data={data}
          margin={{ top: 5, right: 100, bottom: 5, left: 5 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={scale.money ? [0, 'auto'] : [0, 100]}
            tickFormatter={v => formatValue(v, scale)}
          />
          <YAxis type="category" dataKey="name" width={160} />
          <Tooltip formatter={v => formatValue(v, scale)} />
          <Bar
            dataKey="value"
            name={scale.money ? `This period, in ${currency}` : 'Share'}
            isAnimationActive={false}
          >
            {props.funded.map((f, i) => (
              <Cell key={f.ref} fill={colour(i)} />
            ))}
            <LabelList
              dataKey="value"
              position="right"
              formatter={(v: unknown) => formatValue(v, scale)}
            />
          </Bar>
        </BarChart>
      </div>
    </>
  );
}

/**
 * Each period's allocations as a chart, in money for users allowed to see it and in percent of
 * the line for others, the platforms named by their titles, and the periods with their amounts.
 * Several periods read as a stacked bar per period; a single period as a bar per platform.
 */
export function PeriodsCard(props: {
  line: FundingLineEntity;
  amounts: LineAmounts;
}) {
  const { spec, metadata } = props.line;
  const { amounts, currency, noAmount } = props.amounts;
  const allocations = allocationsOf(props.line);
  const titles = useEntityTitles(
    allocations.map(a => a.ref),
    { defaultKind: 'platform', defaultNamespace: metadata.namespace },
  );
  const funded = allocations.map(a => ({
    ref: a.ref,
    title: titles.get(a.ref) ?? a.ref,
    share: a.share,
  }));
  return (
    <LoadingCard
      title="Periods and allocations"
      loading={props.amounts.loading}
    >
      {() => (
        <>
          {spec.periods.length === 1 ? (
            <OnePeriodChart
              period={spec.periods[0]}
              funded={funded}
              amounts={props.amounts}
            />
          ) : (
            <PeriodsChart
              periods={spec.periods}
              funded={funded}
              amounts={props.amounts}
            />
          )}
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
                    <TableCell style={NO_WRAP}>{p.start}</TableCell>
                    <TableCell style={NO_WRAP}>{p.end}</TableCell>
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
