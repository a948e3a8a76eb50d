/**
 * A platform's funding and use, as far as they are known, to set one against the other.
 *
 * @public
 */
export type FundingAndUse = {
  entityRef: string;
  /**
   * The platform's funding in the period: its part of its lines' amounts, when every amount is
   * known and in one currency.
   */
  funding?: { value: number; currency: string };
  /** Its consumer teams (declared or observed). */
  consumerTeams?: number;
  /** The Components and Systems its consumer teams use it through. */
  consumingEntities?: number;
};

/**
 * What a platform's money buys: cost per consumer team and per consuming Component or System,
 * and its share of the compared platforms' funding against its share of their consumer teams.
 *
 * @public
 */
export type ValueForMoney = {
  funding?: { value: number; currency: string };
  perTeam?: number;
  perEntity?: number;
  /** Its part of the compared platforms' funding (in the currency most are funded in). */
  fundingShare?: number;
  /** Its part of the compared platforms' consumer teams. */
  adoptionShare?: number;
  /** The funding share is at least {@link PARTED_RATIO} times the adoption share. */
  parted: boolean;
};

/**
 * How far a platform's share of the funding may exceed its share of the consumer teams before
 * money and use are said to part ways.
 *
 * @public
 */
export const PARTED_RATIO = 2;

/**
 * Each platform's funding set against its use, among the platforms compared (a portfolio, the
 * platforms one funding line funds). Funding shares compare platforms in the currency most of
 * them are funded in; a platform funded in another has none.
 *
 * @public
 */
export function valueForMoney(
  platforms: FundingAndUse[],
): Map<string, ValueForMoney> {
  const currencies = new Map<string, number>();
  for (const p of platforms)
    if (p.funding)
      currencies.set(
        p.funding.currency,
        (currencies.get(p.funding.currency) ?? 0) + 1,
      );
  const currency = [...currencies.entries()].sort(
    (a, b) => b[1] - a[1],
  )[0]?.[0];
  let totalFunding = 0;
  for (const p of platforms)
    if (p.funding && p.funding.currency === currency)
      totalFunding += p.funding.value;
  const totalTeams = platforms.reduce(
    (sum, p) => sum + (p.consumerTeams ?? 0),
    0,
  );
  return new Map(
    platforms.map(p => {
      const f = p.funding;
      const fundingShare =
        f && f.currency === currency && totalFunding > 0
          ? f.value / totalFunding
          : undefined;
      const adoptionShare =
        p.consumerTeams !== undefined && totalTeams > 0
          ? p.consumerTeams / totalTeams
          : undefined;
      return [
        p.entityRef,
        {
          funding: f,
          perTeam: f && p.consumerTeams ? f.value / p.consumerTeams : undefined,
          perEntity:
            f && p.consumingEntities
              ? f.value / p.consumingEntities
              : undefined,
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
