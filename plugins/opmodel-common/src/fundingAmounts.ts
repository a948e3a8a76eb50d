import type { DeclaredFundingPeriod } from './types';

/** Where the opmodel backend serves FundingLine amounts, below its base URL. */
export const FUNDING_AMOUNTS_PATH = '/funding/amounts';
/** The batch form of {@link FUNDING_AMOUNTS_PATH}: several FundingLines in one request. */
export const FUNDING_AMOUNTS_BY_REFS_PATH = '/funding/amounts/by-refs';
/** The most FundingLines one batch request may ask for. */
export const FUNDING_AMOUNTS_BATCH_LIMIT = 100;

/** A FundingLine's amounts, as its source file declares them. */
export type FundingAmounts = {
  /** The FundingLine, as a full entity ref (`fundingline:default/developer-platform-run-fy26`). */
  entityRef: string;
  currency: string;
  periods: DeclaredFundingPeriod[];
};

/** A FundingLine of a batch whose amounts could not be served, and why. */
export type FundingAmountsFailure = {
  entityRef: string;
  error: { name: string; message: string };
};

/** The answer to a batch request: one item per asked ref, in the order asked. */
export type FundingAmountsBatch = {
  items: Array<FundingAmounts | FundingAmountsFailure>;
};

/** True for a batch item that carries amounts rather than an error. */
export const isFundingAmounts = (
  item: FundingAmounts | FundingAmountsFailure,
): item is FundingAmounts => !('error' in item);

/**
 * The opmodel backend's funding-amounts API, typed: what the frontend plugin calls. Every call
 * needs the `opmodel.funding.amounts.read` permission and answers 403 without it.
 */
export interface FundingAmountsApi {
  getFundingAmounts(request: { entityRef: string }): Promise<FundingAmounts>;
  getFundingAmountsByRefs(request: {
    entityRefs: string[];
  }): Promise<FundingAmountsBatch>;
}
