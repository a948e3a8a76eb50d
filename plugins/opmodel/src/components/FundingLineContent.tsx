import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
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
import {
  METRIC_DEFINITIONS,
  ScorecardClient,
  type GradedMetric,
} from '@opmodel/plugin-scorecard-common';
import { amountOf, currentPeriod, formatMoney, formatShare } from './funding';
import { Empty, fullRef, LoadingCard, lower, SpecRef } from './shared';
import { useFundingAmounts } from './useFundingAmounts';

const COLOURS = [
  '#1565c0',
  '#2e7d32',
  '#6a1b9a',
  '#c62828',
  '#ef6c00',
  '#00838f',
];
const HEADLINE = [
  'uptime',
  'deploymentFrequency',
  'changeFailureRate',
] as const;

function headline(m: GradedMetric): string {
  if (m.state !== 'ok' || m.value === null) return 'not enough data';
  if (m.unit === 'ratio') return `${(m.value * 100).toFixed(1)} %`;
  if (m.unit === 'perWeek') return `${m.value.toFixed(1)} / week`;
  return `${Math.round(m.value / 60_000)} min`;
}

/** Each funded platform's headline figures from the scorecard backend, when it is installed. */
function useHeadlines(refs: string[]) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const client = useMemo(
    () => new ScorecardClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
  return useAsync(async () => {
    const out = new Map<string, GradedMetric[] | Error>();
    await Promise.all(
      refs.map(async ref => {
        try {
          out.set(ref, (await client.getScorecard({ entityRef: ref })).metrics);
        } catch (e) {
          out.set(ref, e as Error);
        }
      }),
    );
    return out;
  }, [client, refs.join(',')]);
}

/**
 * A FundingLine on its page: type, model, periods and allocations as a chart, the expected value,
 * and the funded platforms with their scorecard headline. Amounts only for users the permission
 * policy allows (opmodel.funding.amounts.read), from the opmodel backend, since the catalog does
 * not carry them; others see shares.
 */
export function FundingLineContent() {
  const { entity } = useEntity<FundingLineEntity>();
  const { spec } = entity;
  const ns = entity.metadata.namespace ?? 'default';
  const ref = lower(stringifyEntityRef(entity));
  const amounts = useFundingAmounts([ref]);
  const lineAmounts = amounts.amounts.get(ref);
  const amountsError = amounts.errors.get(ref);
  const showMoney = !amounts.loading && !!lineAmounts;
  // the source's currency goes with the source's amounts
  const currency = lineAmounts?.currency ?? spec.currency;
  /** What stands in an amount's place when there is none to show. */
  const noAmount = amounts.allowed ? 'unavailable' : 'hidden';
  const allocations = spec.allocations.map(a => ({
    ...a,
    ref: fullRef(a.target, 'platform', ns),
  }));
  const headlines = useHeadlines(allocations.map(a => a.ref));
  const period = currentPeriod(entity);

  const chartData = spec.periods.map(p => {
    const row: Record<string, string | number | null> = {
      period: `${p.start} – ${p.end}`,
    };
    const amount = amountOf(lineAmounts, p);
    for (const a of allocations) {
      if (!showMoney) row[a.ref] = a.share * 100;
      else row[a.ref] = amount === undefined ? null : amount * a.share;
    }
    return row;
  });

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <LoadingCard title="Funding line" loading={false}>
          {() => (
            <Grid container spacing={2}>
              <Grid item xs={12}>
                <Typography variant="h6" component="p">
                  {spec.expectedValue ?? (
                    <Empty>No expected value stated.</Empty>
                  )}
                </Typography>
              </Grid>
              <Grid item xs={6} md={3}>
                <Typography variant="overline" component="div">
                  Type
                </Typography>
                {spec.type === 'operational'
                  ? 'operational (keeps the platform running)'
                  : 'project (builds something new)'}
              </Grid>
              <Grid item xs={6} md={3}>
                <Typography variant="overline" component="div">
                  Model
                </Typography>
                {spec.model ?? '—'}
              </Grid>
              <Grid item xs={6} md={3}>
                <Typography variant="overline" component="div">
                  Owner
                </Typography>
                <SpecRef entityRef={spec.owner} kind="group" namespace={ns} />
              </Grid>
              <Grid item xs={6} md={3}>
                <Typography variant="overline" component="div">
                  Cost center, currency
                </Typography>
                {spec.costCenter ?? '—'}, {spec.currency}
              </Grid>
              {spec.project && (
                <Grid item xs={12}>
                  <Typography variant="body2">
                    Project {spec.project.start} – {spec.project.end}
                    {spec.project.deliverables?.length
                      ? `: ${spec.project.deliverables.join('; ')}`
                      : ''}
                  </Typography>
                </Grid>
              )}
              {!amounts.loading && !amounts.allowed && (
                <Grid item xs={12}>
                  <Alert severity="info">
                    Amounts are hidden: seeing them needs the
                    opmodel.funding.amounts.read permission. Shares are shown
                    instead.
                  </Alert>
                </Grid>
              )}
              {!amounts.loading && amountsError && (
                <Grid item xs={12}>
                  <Alert severity="warning">
                    Amounts could not be loaded: {amountsError.message}. Shares
                    are shown instead.
                  </Alert>
                </Grid>
              )}
            </Grid>
          )}
        </LoadingCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <LoadingCard title="Periods and allocations" loading={amounts.loading}>
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
                    const amount = amountOf(lineAmounts, p);
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
      </Grid>
      <Grid item xs={12} md={6}>
        <LoadingCard title="Funded platforms" loading={amounts.loading}>
          {() => (
            <Table size="small" aria-label="Funded platforms">
              <TableHead>
                <TableRow>
                  <TableCell>Platform</TableCell>
                  <TableCell>Share</TableCell>
                  <TableCell>This period</TableCell>
                  <TableCell>Scorecard</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {allocations.map(a => {
                  const h = headlines.value?.get(a.ref);
                  let score: React.ReactNode = '…';
                  if (h instanceof Error) score = 'no scorecard';
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
                  const amount = period && amountOf(lineAmounts, period);
                  let money = 'no current period';
                  if (amount !== undefined)
                    money = formatMoney(amount * a.share, currency);
                  else if (period) money = noAmount;
                  return (
                    <TableRow key={a.ref} data-platform={a.ref}>
                      <TableCell>
                        <EntityRefLink entityRef={a.ref} />
                      </TableCell>
                      <TableCell>{formatShare(a.share)}</TableCell>
                      <TableCell data-amount>{money}</TableCell>
                      <TableCell>{score}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </LoadingCard>
      </Grid>
    </Grid>
  );
}
