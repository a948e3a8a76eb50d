import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import {
  REF_KINDS,
  RELATION_ASSIGNS_ROLE,
  RELATION_HAS_ROLE_HOLDER,
  RELATION_HOLDS_ROLE_IN,
  RELATION_ROLE_ASSIGNED_IN,
} from '../constants';
import type { RoleAssignment } from '../types';
import { assignmentState } from '../checks/roleAssignments';
import type { OpmodelRelation } from './OpmodelKindDescriptor';

export function relation(
  source: CompoundEntityRef,
  type: string,
  target: CompoundEntityRef,
  reverseType: string,
): OpmodelRelation {
  return { source, type, target, reverseType };
}

/**
 * The entity's own ref, and a reader of the refs it writes as the catalog reads them: a missing
 * kind is the field's first kind, a missing namespace the entity's own.
 */
export function refsOf(entity: Entity) {
  const self = getCompoundEntityRef(entity);
  const ref = (target: string, kinds: readonly string[]): CompoundEntityRef =>
    parseEntityRef(target, {
      defaultKind: kinds[0],
      defaultNamespace: self.namespace,
    });
  return { self, ref };
}

/** The entity is owned by its `spec.owner`. */
export function ownerRelation(entity: Entity, owner: string): OpmodelRelation {
  const { self, ref } = refsOf(entity);
  return relation(
    self,
    RELATION_OWNED_BY,
    ref(owner, REF_KINDS.owner),
    RELATION_OWNER_OF,
  );
}

/** Every assigned role, and the holders of the assignments that hold today. */
export function* roleAssignmentRelations(
  entity: Entity,
  assignments: RoleAssignment[] | undefined,
  now: () => Date,
): Iterable<OpmodelRelation> {
  const { self, ref } = refsOf(entity);
  const today = now();
  for (const a of assignments ?? []) {
    yield relation(
      self,
      RELATION_ASSIGNS_ROLE,
      ref(a.role, REF_KINDS.role),
      RELATION_ROLE_ASSIGNED_IN,
    );
    if (assignmentState(a, today) === 'active') {
      yield relation(
        ref(a.holder, REF_KINDS.holder),
        RELATION_HOLDS_ROLE_IN,
        self,
        RELATION_HAS_ROLE_HOLDER,
      );
    }
  }
}
