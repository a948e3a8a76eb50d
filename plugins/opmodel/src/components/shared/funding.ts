import type {
  FundingAmounts,
  FundingLineEntity,
  FundingPeriod,
} from '@opmodel/plugin-opmodel-common';
import { fullRef } from './refs';

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

export const formatShare = (share: number) =>
  `${Math.round(share * 1000) / 10} %`;

/** The period that holds today ([start, end)), if any. */
export function currentPeriod(line: FundingLineEntity, now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  return line.spec.periods.find(p => p.start <= today && today < p.end);
}

/** A funding line's allocations, each with its target platform as a full lower-case ref. */
export function allocationsOf(line: FundingLineEntity) {
  const ns = line.metadata.namespace ?? 'default';
  return line.spec.allocations.map(a => ({
    ...a,
    ref: fullRef(a.target, 'platform', ns),
  }));
}

/** The share a funding line allocates to a platform (0 when none). */
export function shareFor(line: FundingLineEntity, platformRef: string): number {
  return allocationsOf(line)
    .filter(a => a.ref === platformRef)
    .reduce((sum, a) => sum + a.share, 0);
}

/** The amount a line's source declares for one of its stored periods, matched by its dates. */
export function amountOf(
  amounts: FundingAmounts | undefined,
  period: FundingPeriod,
): number | undefined {
  return amounts?.periods.find(
    p => p.start === period.start && p.end === period.end,
  )?.amount;
}
