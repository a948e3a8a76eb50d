/**
 * The opmodel catalog kinds: Platform, OperatingRole and FundingLine.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './types';
export { opmodelSchemas, storedFundingLineSchema } from './schemas';
export * from './fundingAmounts';
export * from './funding';
export { fullEntityRef } from './entityRefs';
export * from './value/valueForMoney';
export { fundingPerDayAt, platformFundingPerDayAt } from './value/fundingRate';
export * from './value/valueParting';
export { FundingAmountsClient } from './FundingAmountsClient';
export * from './validation';
export { checkEntityRef } from './fieldChecks';
export * from './kinds';
export * from './typeGuards';
export * from './checks';
export { pointerToPath } from './paths';
export { parseDuration } from './durations';
export {
  fundingAmountsReadPermission,
  opmodelPermissions,
} from './permissions';
