import { fullEntityRef } from './entityRefs';
import type { FundingAmounts } from './fundingAmounts';
import type { FundingLineEntity, FundingPeriod } from './types';

/**
 * An amount in its currency, in whole units: "€600,000"; an unknown currency code after it.
 *
 * @public
 */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${amount.toLocaleString('en')} ${currency}`;
  }
}

/**
 * The share (0..1) a FundingLine allocates to a platform, given as a full ref; 0 when none.
 * Allocation targets may leave out the kind (platform) and the namespace (the line's own).
 *
 * @public
 */
export function fundingShareOf(
  line: FundingLineEntity,
  platformRef: string,
): number {
  const namespace = line.metadata.namespace ?? 'default';
  const wanted = platformRef.toLocaleLowerCase('en-US');
  // a malformed target allocates nothing; the model check reports it
  return (line.spec.allocations ?? [])
    .filter(
      a =>
        fullEntityRef(a.target, {
          defaultKind: 'platform',
          defaultNamespace: namespace,
        }) === wanted,
    )
    .reduce((sum, a) => sum + a.share, 0);
}

/**
 * The period of `periods` that holds `day` (`YYYY-MM-DD`; periods are [start, end)).
 *
 * @public
 */
export function fundingPeriodAt<P extends FundingPeriod>(
  periods: P[],
  day: string,
): P | undefined {
  return periods.find(p => p.start <= day && day < p.end);
}

/**
 * The amount a line's source declares for one of its stored periods, matched by its dates.
 *
 * @public
 */
export function amountOf(
  amounts: FundingAmounts | undefined,
  period: FundingPeriod,
): number | undefined {
  return amounts?.periods.find(
    p => p.start === period.start && p.end === period.end,
  )?.amount;
}
