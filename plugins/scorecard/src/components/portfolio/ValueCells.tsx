import TableCell from '@material-ui/core/TableCell';
import Typography from '@material-ui/core/Typography';
import { formatMoney } from '@opmodel/plugin-opmodel-common';
import { formatCount, formatRatio } from '../format';
import type { PortfolioRow } from './columns';
import { usePortfolioStyles } from './portfolioStyles';
import type { ValueForMoney } from './valueForMoney';

/** A platform's consumer teams and the share of stream-aligned teams among all of them. */
export function AdoptionCell(props: { row: PortfolioRow }) {
  const classes = usePortfolioStyles();
  const a = props.row.adoption;
  if (!a) return <TableCell>—</TableCell>;
  const { consuming, total, share } = a.streamAligned;
  return (
    <TableCell data-adoption={props.row.entityRef}>
      <Typography variant="body2" className={classes.value}>
        {formatCount(a.consumers)} {a.consumers === 1 ? 'team' : 'teams'}
      </Typography>
      <Typography variant="caption" className={classes.words}>
        {share === null
          ? 'no stream-aligned teams'
          : `${formatCount(consuming)} of ${formatCount(
              total,
            )} stream-aligned (${formatRatio(share)})`}
      </Typography>
    </TableCell>
  );
}

/**
 * What the platform's money buys: its funding in the period, per consumer team and per consuming
 * Component or System, and its share of the portfolio's funding against its share of consumer
 * teams, flagged when the two part ways. Without the amounts, the adoption share alone.
 */
export function ValueCell(props: { row: PortfolioRow; value?: ValueForMoney }) {
  const classes = usePortfolioStyles();
  const v = props.value;
  const lines: string[] = [];
  if (v?.funding) {
    const money = (n: number) => formatMoney(n, v.funding!.currency);
    lines.push(`${money(v.funding.value)} in the period`);
    if (v.perTeam !== undefined) lines.push(`${money(v.perTeam)} per team`);
    if (v.perEntity !== undefined)
      lines.push(`${money(v.perEntity)} per consuming component`);
  }
  const shares = [
    v?.fundingShare === undefined
      ? undefined
      : `${formatRatio(v.fundingShare)} of funding`,
    v?.adoptionShare === undefined
      ? undefined
      : `${formatRatio(v.adoptionShare)} of consumer teams`,
  ].filter(Boolean);
  if (lines.length === 0 && shares.length === 0)
    return <TableCell>—</TableCell>;
  return (
    <TableCell data-value={props.row.entityRef} className={classes.words}>
      {lines.map(l => (
        <Typography key={l} variant="body2" className={classes.value}>
          {l}
        </Typography>
      ))}
      {shares.length > 0 && (
        <Typography variant="caption" display="block">
          {shares.join(' · ')}
        </Typography>
      )}
      {v?.parted && (
        <Typography variant="caption" display="block" data-parted="true">
          Funding share at least twice its share of consumers
        </Typography>
      )}
      {!v?.funding && props.row.funding.length > 0 && (
        <Typography variant="caption" display="block">
          amounts need opmodel.funding.amounts.read
        </Typography>
      )}
    </TableCell>
  );
}
