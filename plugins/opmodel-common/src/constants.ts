/** The apiVersion of every opmodel kind. */
export const OPMODEL_API_VERSION = 'opmodel.dev/v1alpha1';

export const KIND_PLATFORM = 'Platform';
export const KIND_OPERATING_ROLE = 'OperatingRole';
export const KIND_FUNDING_LINE = 'FundingLine';

/** The kinds opmodel adds to the catalog. */
export const OPMODEL_KINDS = [
  KIND_PLATFORM,
  KIND_OPERATING_ROLE,
  KIND_FUNDING_LINE,
] as const;

export type OpmodelKind = (typeof OPMODEL_KINDS)[number];

/** The entity kinds each reference field may point to; the first is the default kind. */
export const REF_KINDS = {
  owner: ['group', 'user'],
  domain: ['domain'],
  includes: ['system', 'component', 'resource', 'api'],
  consumer: ['group'],
  role: ['operatingrole'],
  holder: ['user', 'group'],
  allocation: ['platform'],
  participant: ['group', 'user', 'operatingrole'],
} as const;

/**
 * Set by the catalog processor on every FundingLine it stores: the period amounts were declared in
 * the entity's source file and left out of the catalog, which cannot hide single fields from
 * readers. The opmodel backend reads them from there for callers allowed to see them.
 */
export const ANNOTATION_FUNDING_AMOUNTS = 'opmodel.dev/funding-amounts';
/** The value of {@link ANNOTATION_FUNDING_AMOUNTS}: the amounts are in the source location. */
export const FUNDING_AMOUNTS_IN_SOURCE_LOCATION = 'in-source-location';

/** A Platform includes a System, Component, Resource or API as a building block. */
export const RELATION_INCLUDES = 'includes';
/** Reverse of {@link RELATION_INCLUDES}. */
export const RELATION_INCLUDED_IN = 'includedIn';
/** A Group pulls from a Platform. */
export const RELATION_CONSUMES_PLATFORM = 'consumesPlatform';
/** Reverse of {@link RELATION_CONSUMES_PLATFORM}. */
export const RELATION_PLATFORM_CONSUMED_BY = 'platformConsumedBy';
/** A FundingLine funds a Platform. */
export const RELATION_FUNDS = 'funds';
/** Reverse of {@link RELATION_FUNDS}. */
export const RELATION_FUNDED_BY = 'fundedBy';
/** A User or Group holds an operating-model role in a Platform or FundingLine. */
export const RELATION_HOLDS_ROLE_IN = 'holdsRoleIn';
/** Reverse of {@link RELATION_HOLDS_ROLE_IN}. */
export const RELATION_HAS_ROLE_HOLDER = 'hasRoleHolder';
/** A Platform or FundingLine assigns an OperatingRole. */
export const RELATION_ASSIGNS_ROLE = 'assignsRole';
/** Reverse of {@link RELATION_ASSIGNS_ROLE}. */
export const RELATION_ROLE_ASSIGNED_IN = 'roleAssignedIn';

/** The relation pairs opmodel adds, forward first, for the catalog graph and for tests. */
export const OPMODEL_RELATION_PAIRS: ReadonlyArray<readonly [string, string]> =
  [
    [RELATION_INCLUDES, RELATION_INCLUDED_IN],
    [RELATION_CONSUMES_PLATFORM, RELATION_PLATFORM_CONSUMED_BY],
    [RELATION_FUNDS, RELATION_FUNDED_BY],
    [RELATION_HOLDS_ROLE_IN, RELATION_HAS_ROLE_HOLDER],
    [RELATION_ASSIGNS_ROLE, RELATION_ROLE_ASSIGNED_IN],
  ];

/** Capability domains, after the CNCF platforms white paper. */
export const CAPABILITY_DOMAINS = [
  'portal',
  'provisioning',
  'golden-path',
  'build-test',
  'delivery',
  'dev-environment',
  'observability',
  'infrastructure',
  'data',
  'messaging',
  'identity-secrets',
  'security',
  'artifacts',
] as const;

/** Team Topologies interaction modes. */
export const INTERACTION_MODES = [
  'x-as-a-service',
  'collaboration',
  'facilitating',
] as const;
