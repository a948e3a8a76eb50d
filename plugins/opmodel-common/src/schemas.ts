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
 * and the frontend all read these.
 */
export const opmodelSchemas = {
  common: commonSchema,
  [KIND_PLATFORM]: platformSchema,
  [KIND_OPERATING_ROLE]: operatingRoleSchema,
  [KIND_FUNDING_LINE]: fundingLineSchema,
} as const;
