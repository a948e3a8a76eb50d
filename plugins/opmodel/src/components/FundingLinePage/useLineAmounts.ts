import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  FundingAmounts,
  FundingLineEntity,
} from '@opmodel/plugin-opmodel-common';
import { lower } from '../shared/refs';
import { useFundingAmounts } from '../shared/useFundingAmounts';

/** A FundingLine's amounts as its page shows them, or what stands in their place. */
export type LineAmounts = {
  /** Still asking the permission or the backend. */
  loading: boolean;
  /** The user may see amounts. */
  allowed: boolean;
  /** The line's amounts, once loaded. */
  amounts?: FundingAmounts;
  /** Why the amounts could not be loaded. */
  error?: Error;
  /** Amounts are shown; otherwise shares are. */
  showMoney: boolean;
  /** The currency amounts are shown in. */
  currency: string;
  /** What stands in an amount's place when there is none to show. */
  noAmount: string;
};

/**
 * The amounts of one FundingLine, from the opmodel backend for users the permission policy allows
 * (the catalog does not carry them).
 */
export function useLineAmounts(line: FundingLineEntity): LineAmounts {
  const ref = lower(stringifyEntityRef(line));
  const state = useFundingAmounts([ref]);
  const amounts = state.amounts.get(ref);
  return {
    loading: state.loading,
    allowed: state.allowed,
    amounts,
    error: state.errors.get(ref),
    showMoney: !state.loading && !!amounts,
    // the source's currency goes with the source's amounts
    currency: amounts?.currency ?? line.spec.currency,
    noAmount: state.allowed ? 'unavailable' : 'hidden',
  };
}
