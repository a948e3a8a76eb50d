export {
  validPlatform,
  validOperatingRole,
  validFundingLine,
} from './validEntities';
export { malformedCases, buildMalformedEntity } from './malformedCases';
export type { MalformedCase } from './malformedCases';
export * from './waitFor';
