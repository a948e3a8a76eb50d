import { amountOf, fundingPeriodAt } from '../funding';
import type { FundingAmounts } from '../fundingAmounts';
import type { FundingPeriod } from '../types';

const DAY = 86_400_000;

/**
 * A platform's funding from one line as a daily rate: its share of the amount of the line's
 * period that holds `day` (`YYYY-MM-DD`), spread over that period's days. Periods differ in
 * length (a half year, a year), so only rates can be compared across them. Zero when no period
 * holds the day (the line funds nothing then); undefined when the amounts are not known.
 *
 * @public
 */
export function fundingPerDayAt(
  periods: FundingPeriod[],
  amounts: FundingAmounts | undefined,
  share: number,
  day: string,
): { value: number; currency: string } | undefined {
  if (!amounts) return undefined;
  const period = fundingPeriodAt(periods, day);
  if (!period) return { value: 0, currency: amounts.currency };
  const amount = amountOf(amounts, period);
  if (amount === undefined) return undefined;
  const days = (Date.parse(period.end) - Date.parse(period.start)) / DAY;
  if (!(days > 0)) return undefined;
  return { value: (amount * share) / days, currency: amounts.currency };
}

/**
 * A platform's funding per day on `day` from all its lines (each with its periods, its amounts
 * and the platform's share of it); unknown unless every line's rate is known, in one currency.
 *
 * @public
 */
export function platformFundingPerDayAt(
  lines: Array<{
    periods: FundingPeriod[];
    amounts: FundingAmounts | undefined;
    share: number;
  }>,
  day: string,
): { value: number; currency: string } | undefined {
  const rates = lines.map(l =>
    fundingPerDayAt(l.periods, l.amounts, l.share, day),
  );
  if (rates.length === 0 || rates.some(r => !r)) return undefined;
  if (new Set(rates.map(r => r!.currency)).size > 1) return undefined;
  return {
    value: rates.reduce((sum, r) => sum + r!.value, 0),
    currency: rates[0]!.currency,
  };
}
