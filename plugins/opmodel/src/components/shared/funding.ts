import {
  fundingPeriodAt,
  type FundingLineEntity,
} from '@opmodel/plugin-opmodel-common';
import { fullRef } from './refs';

export {
  amountOf,
  formatMoney,
  fundingShareOf as shareFor,
} from '@opmodel/plugin-opmodel-common';

export const formatShare = (share: number) =>
  `${Math.round(share * 1000) / 10} %`;

/** The period that holds today ([start, end)), if any. */
export function currentPeriod(line: FundingLineEntity, now = new Date()) {
  return fundingPeriodAt(line.spec.periods, now.toISOString().slice(0, 10));
}

/** A funding line's allocations, each with its target platform as a full lower-case ref. */
export function allocationsOf(line: FundingLineEntity) {
  const ns = line.metadata.namespace ?? 'default';
  return line.spec.allocations.map(a => ({
    ...a,
    ref: fullRef(a.target, 'platform', ns),
  }));
}
