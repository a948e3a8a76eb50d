import { KIND_OPERATING_ROLE, REF_KINDS } from '../constants';
import { opmodelSchemas } from '../schemas';
import { isOperatingRoleEntity } from '../typeGuards';
import type { OperatingRoleEntity } from '../types';
import type { ValidationIssue } from '../validationIssue';
import { checkDuplicates, checkEntityRef } from '../fieldChecks';
import type { OpmodelKindDescriptor } from './OpmodelKindDescriptor';
import { ownerRelation } from './relations';

function validateOperatingRoleRules(
  entity: OperatingRoleEntity,
  ns: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { spec } = entity;
  checkEntityRef(spec.owner, 'spec.owner', REF_KINDS.owner, ns, issues);
  checkDuplicates(
    spec.responsibilities,
    r => r.activity,
    'spec.responsibilities',
    'activity',
    issues,
  );
  return issues;
}

export const operatingRoleKind: OpmodelKindDescriptor<OperatingRoleEntity> = {
  kind: KIND_OPERATING_ROLE,
  isEntity: isOperatingRoleEntity,
  schema: () => opmodelSchemas[KIND_OPERATING_ROLE],
  validateRules: validateOperatingRoleRules,
  relations: entity => [ownerRelation(entity, entity.spec.owner)],
};
