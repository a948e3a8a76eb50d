import type { Entity } from '@backstage/catalog-model';
import {
  isFundingLineEntity,
  isOperatingRoleEntity,
  isPlatformEntity,
} from '../typeGuards';
import { checkFundingLine } from './funding';
import { checkPlatform } from './platform';
import type { ModelContext, ModelFinding } from './types';

export type { ModelContext, ModelFinding } from './types';
export { DEFAULT_REQUIRED_ROLES } from './platformRoles';
export { assignmentState } from './roleAssignments';
export { checkPlatform } from './platform';
export { checkFundingLine } from './funding';
export {
  PLATFORM_CHECK_FUNDING_LINE_FIELDS,
  PLATFORM_CHECK_ROLE_FIELDS,
} from './fields';

/** Every model check by id, with what it finds: for documentation and for UIs that explain a finding. */
export const MODEL_CHECKS: Record<string, string> = {
  'platform.required-role-missing':
    'a platform lacks a holder of a role required for its lifecycle (for example a production platform with no product owner)',
  'platform.exclusive-role-shared':
    'an exclusive role has two or more holders at the same time',
  'role-assignment.ended': "a role assignment's period has ended",
  'role-assignment.not-started':
    "a role assignment's period has not started yet",
  'platform.unfunded':
    'a production platform has no funding line allocating money to it',
  'platform.no-support-channel': 'a platform names no support channel',
  'platform.no-feedback-ritual':
    'a platform has no recurring feedback ritual with its consumers',
  'platform.no-consumers': 'a production platform names no consumer teams',
  'platform.no-value-proposition':
    'a platform does not say what its consumers gain',
  'platform.unknown-role':
    'a role assignment names an OperatingRole that is not defined',
  'funding-line.expired': 'every period of a funding line has ended',
  'platform.value-parting':
    "a production platform's satisfaction and adoption both fell while its funding grew (read from the scorecard's figures and the funding amounts, not from the catalog alone)",
};

/** Findings for any opmodel entity; other entities have none. */
export function checkEntity(
  entity: Entity,
  ctx: ModelContext = {},
): ModelFinding[] {
  if (isPlatformEntity(entity)) return checkPlatform(entity, ctx);
  if (isFundingLineEntity(entity)) return checkFundingLine(entity, ctx);
  return [];
}

/** Findings for a whole set of entities, each checked against the others. */
export function checkModel(
  entities: Entity[],
  now: Date = new Date(),
): ModelFinding[] {
  const roles = entities.filter(isOperatingRoleEntity);
  const fundingLines = entities.filter(isFundingLineEntity);
  const ctx: ModelContext = {
    roles: roles.length ? roles : undefined,
    fundingLines: fundingLines.length ? fundingLines : undefined,
    now,
  };
  return entities.flatMap(e => checkEntity(e, ctx));
}
