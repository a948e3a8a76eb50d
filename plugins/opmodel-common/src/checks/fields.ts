/**
 * What `checkPlatform` reads of each OperatingRole (and shows of it: its title), so that a page
 * or an action can ask the catalog for these fields alone. The type guards test `apiVersion`.
 *
 * @public
 */
export const PLATFORM_CHECK_ROLE_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.requiredFor',
  'spec.exclusive',
];

/**
 * What `checkPlatform` reads of each FundingLine: whether a period is current, and whom it
 * allocates to.
 *
 * @public
 */
export const PLATFORM_CHECK_FUNDING_LINE_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.periods',
  'spec.allocations',
];
