import { RELATION_HAS_PART, RELATION_PART_OF } from '@backstage/catalog-model';
import {
  KIND_PLATFORM,
  REF_KINDS,
  RELATION_CONSUMES_PLATFORM,
  RELATION_INCLUDED_IN,
  RELATION_INCLUDES,
  RELATION_PLATFORM_CONSUMED_BY,
} from '../constants';
import { opmodelSchemas } from '../schemas';
import { childPath } from '../paths';
import { isPlatformEntity } from '../typeGuards';
import type { PlatformEntity } from '../types';
import type { ValidationIssue } from '../validationIssue';
import {
  checkDuplicates,
  checkEntityRef,
  checkPeriod,
  checkRoleAssignments,
} from '../fieldChecks';
import { assignmentState } from '../checks/roleAssignments';
import type {
  OpmodelKindDescriptor,
  OpmodelRelation,
} from './OpmodelKindDescriptor';
import {
  ownerRelation,
  refsOf,
  relation,
  roleAssignmentRelations,
} from './relations';

function validatePlatformRules(
  entity: PlatformEntity,
  ns: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { spec } = entity;
  checkEntityRef(spec.owner, 'spec.owner', REF_KINDS.owner, ns, issues);
  if (spec.domain)
    checkEntityRef(spec.domain, 'spec.domain', REF_KINDS.domain, ns, issues);
  (spec.includes ?? []).forEach((ref, i) =>
    checkEntityRef(
      ref,
      childPath('spec.includes', i),
      REF_KINDS.includes,
      ns,
      issues,
    ),
  );
  checkDuplicates(
    spec.capabilities,
    c => c.id,
    'spec.capabilities',
    'id',
    issues,
  );
  (spec.capabilities ?? []).forEach((cap, i) =>
    (cap.implementedBy ?? []).forEach((ref, j) =>
      checkEntityRef(
        ref,
        childPath(`${childPath('spec.capabilities', i)}.implementedBy`, j),
        REF_KINDS.includes,
        ns,
        issues,
      ),
    ),
  );
  (spec.consumers ?? []).forEach((consumer, i) => {
    const path = childPath('spec.consumers', i);
    checkEntityRef(
      consumer.team,
      `${path}.team`,
      REF_KINDS.consumer,
      ns,
      issues,
    );
    checkPeriod(
      consumer.since,
      consumer.until,
      path,
      ['since', 'until'],
      issues,
      false,
    );
  });
  checkDuplicates(
    spec.consumers,
    c => c.team.toLocaleLowerCase('en-US'),
    'spec.consumers',
    'team',
    issues,
  );
  checkRoleAssignments(spec.roles, ns, issues);
  checkDuplicates(
    spec.support?.responseTargets,
    t => t.severity,
    'spec.support.responseTargets',
    'severity',
    issues,
  );
  (spec.collaboration ?? []).forEach((ritual, i) =>
    (ritual.participants ?? []).forEach((ref, j) =>
      checkEntityRef(
        ref,
        childPath(`${childPath('spec.collaboration', i)}.participants`, j),
        REF_KINDS.participant,
        ns,
        issues,
      ),
    ),
  );
  return issues;
}

function* platformRelations(
  entity: PlatformEntity,
  now: () => Date,
): Iterable<OpmodelRelation> {
  const { self, ref } = refsOf(entity);
  const { spec } = entity;
  yield ownerRelation(entity, spec.owner);
  if (spec.domain) {
    yield relation(
      self,
      RELATION_PART_OF,
      ref(spec.domain, REF_KINDS.domain),
      RELATION_HAS_PART,
    );
  }
  const includes = [
    ...(spec.includes ?? []),
    ...(spec.capabilities ?? []).flatMap(c => c.implementedBy ?? []),
  ];
  for (const target of includes) {
    yield relation(
      self,
      RELATION_INCLUDES,
      ref(target, REF_KINDS.includes),
      RELATION_INCLUDED_IN,
    );
  }
  const today = now();
  for (const consumer of spec.consumers ?? []) {
    if (assignmentState(consumer, today) === 'active') {
      yield relation(
        ref(consumer.team, REF_KINDS.consumer),
        RELATION_CONSUMES_PLATFORM,
        self,
        RELATION_PLATFORM_CONSUMED_BY,
      );
    }
  }
  yield* roleAssignmentRelations(entity, spec.roles, now);
}

export const platformKind: OpmodelKindDescriptor<PlatformEntity> = {
  kind: KIND_PLATFORM,
  isEntity: isPlatformEntity,
  schema: () => opmodelSchemas[KIND_PLATFORM],
  validateRules: validatePlatformRules,
  relations: platformRelations,
};
