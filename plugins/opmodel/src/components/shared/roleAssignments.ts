import type { Entity } from '@backstage/catalog-model';
import type { RoleAssignment } from '@opmodel/plugin-opmodel-common';
import { fullRef } from './refs';

/** A role assignment with the entity that makes it, its role and holder as full refs. */
export type PlacedAssignment = {
  entity: Entity;
  assignment: RoleAssignment;
  /** The OperatingRole, as a full lower-case ref. */
  role: string;
  /** The User or Group, as a full lower-case ref. */
  holder: string;
};

/**
 * Every role assignment in the given Platforms and FundingLines. Refs resolve in the namespace of
 * the entity that writes them, as the catalog resolves them for its relations.
 */
export function roleAssignmentsIn(entities: Entity[]): PlacedAssignment[] {
  return entities.flatMap(entity => {
    const ns = entity.metadata.namespace ?? 'default';
    const roles = ((entity.spec as any)?.roles ?? []) as RoleAssignment[];
    return roles.map(assignment => ({
      entity,
      assignment,
      role: fullRef(assignment.role, 'operatingrole', ns),
      holder: fullRef(assignment.holder, 'user', ns),
    }));
  });
}
