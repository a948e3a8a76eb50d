/**
 * Fixtures for tests of code that uses `@opmodel/plugin-opmodel-common`: valid entities of each
 * kind, malformed declarations with the field their error names, and a polling helper.
 *
 * @packageDocumentation
 */
export {
  validPlatform,
  validOperatingRole,
  validFundingLine,
} from './validEntities';
export { malformedCases, buildMalformedEntity } from './malformedCases';
export type { MalformedCase } from './malformedCases';
export * from './waitFor';
export { opmodelCatalogRules } from './catalogRules';
