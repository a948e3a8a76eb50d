import type { PortfolioRow } from './columns';

/** What a platform's money buys, as far as its funding and adoption are known. */
export type ValueForMoney = {
  /** The platform's funding in the period holding the window's end (amounts known, one currency). */
  funding?: { value: number; currency: string };
  /** Funding per consumer team, and per Component or System the teams use it through. */
  perTeam?: number;
  perEntity?: number;
  /** The platform's part of the shown platforms' funding (in the same currency), and of their consumer teams. */
  fundingShare?: number;
  adoptionShare?: number;
  /** The funding share is at least twice the adoption share: money and use part ways. */
  parted: boolean;
};

/** How far the funding share may exceed the adoption share before the two are said to part. */
const PARTED_RATIO = 2;

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
 * consumer teams. Funding shares compare platforms in the currency most of them are funded in.
 */
export function valueForMoney(
  rows: PortfolioRow[],
): Map<string, ValueForMoney> {
  const funding = new Map(rows.map(r => [r.entityRef, fundingOf(r)]));
  const currencies = new Map<string, number>();
  for (const f of funding.values())
    if (f) currencies.set(f.currency, (currencies.get(f.currency) ?? 0) + 1);
  const currency = [...currencies.entries()].sort(
    (a, b) => b[1] - a[1],
  )[0]?.[0];
  const totalFunding = [...funding.values()]
    .filter(f => f && f.currency === currency)
    .reduce((sum, f) => sum + f!.value, 0);
  const totalConsumers = rows.reduce(
    (sum, r) => sum + (r.adoption?.consumers ?? 0),
    0,
  );

  return new Map(
    rows.map(r => {
      const f = funding.get(r.entityRef);
      const consumers = r.adoption?.consumers;
      const entities = r.adoption?.consumingEntities;
      const fundingShare =
        f && f.currency === currency && totalFunding > 0
          ? f.value / totalFunding
          : undefined;
      const adoptionShare =
        consumers !== undefined && totalConsumers > 0
          ? consumers / totalConsumers
          : undefined;
      return [
        r.entityRef,
        {
          funding: f,
          perTeam: f && consumers ? f.value / consumers : undefined,
          perEntity: f && entities ? f.value / entities : undefined,
          fundingShare,
          adoptionShare,
          parted:
            fundingShare !== undefined &&
            adoptionShare !== undefined &&
            fundingShare >= PARTED_RATIO * adoptionShare,
        },
      ];
    }),
  );
}
