import {
  valueForMoney as compareFundingWithUse,
  type ValueForMoney,
} from '@opmodel/plugin-opmodel-common';
import type { PortfolioRow } from './columns';

export type { ValueForMoney };

/** A platform's funding from its lines' amounts; undefined unless every amount is known, in one currency. */
function fundingOf(row: PortfolioRow) {
  if (row.funding.length === 0) return undefined;
  const amounts = row.funding.map(f => f.amount);
  if (amounts.some(a => !a)) return undefined;
  const currency = amounts[0]!.currency;
  if (amounts.some(a => a!.currency !== currency)) return undefined;
  return { value: amounts.reduce((sum, a) => sum + a!.value, 0), currency };
}

/**
 * Each row's funding set against its adoption: cost per consumer team and per consuming
 * Component or System, and its share of the shown platforms' funding against its share of their
 * consumer teams (see opmodel-common's valueForMoney).
 */
export function valueForMoney(
  rows: PortfolioRow[],
): Map<string, ValueForMoney> {
  return compareFundingWithUse(
    rows.map(r => ({
      entityRef: r.entityRef,
      funding: fundingOf(r),
      consumerTeams: r.adoption?.consumers,
      consumingEntities: r.adoption?.consumingEntities,
    })),
  );
}
