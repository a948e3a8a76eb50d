import commonSchema from './schema/common.schema.json';
import platformSchema from './schema/Platform.v1alpha1.schema.json';
import operatingRoleSchema from './schema/OperatingRole.v1alpha1.schema.json';
import fundingLineSchema from './schema/FundingLine.v1alpha1.schema.json';
import {
  KIND_FUNDING_LINE,
  KIND_OPERATING_ROLE,
  KIND_PLATFORM,
} from './constants';

/**
 * The one copy of the opmodel JSON Schemas: the catalog processor, the command-line validator
 * and the frontend all read these. They describe entities as their files declare them.
 */
export const opmodelSchemas = {
  common: commonSchema,
  [KIND_PLATFORM]: platformSchema,
  [KIND_OPERATING_ROLE]: operatingRoleSchema,
  [KIND_FUNDING_LINE]: fundingLineSchema,
} as const;

/**
 * A FundingLine as the catalog stores it: the declared schema with the period amounts taken out,
 * so a stored entity that still carried one would be invalid. Derived rather than written out,
 * so the two forms cannot drift apart.
 */
export const storedFundingLineSchema = (() => {
  const schema = JSON.parse(JSON.stringify(fundingLineSchema));
  schema.$id = 'FundingLineV1alpha1Stored';
  schema.title = 'FundingLine (as the catalog stores it)';
  const period = schema.properties.spec.properties.periods.items;
  delete period.properties.amount;
  period.required = period.required.filter((f: string) => f !== 'amount');
  return schema as typeof fundingLineSchema;
})();
