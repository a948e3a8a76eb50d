import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { childPath } from '../paths';
import type { OperatingRoleEntity, PlatformEntity } from '../types';
import { assignmentState } from './roleAssignments';
import {
  entityRefOf,
  lower,
  nameOf,
  normalize,
  readsAs,
  refFrom,
} from './refs';
import type { ModelFinding } from './types';

/**
 * Roles assumed required when no OperatingRole definitions are available. A platform holds one by
 * a ref that resolves to it in `default` or in the platform's own namespace.
 */
export const DEFAULT_REQUIRED_ROLES: Array<{
  ref: string;
  requiredFor: string[];
  exclusive: boolean;
}> = [
  {
    ref: 'operatingrole:default/platform-product-owner',
    requiredFor: ['production'],
    exclusive: true,
  },
];

/** An OperatingRole as the checks of one platform see it. */
type RoleDefinition = {
  /** The role, as a full ref. */
  ref: string;
  title: string;
  requiredFor: string[];
  exclusive: boolean;
  /** The full refs an assignment may resolve to and hold the role. */
  heldAs: Set<string>;
  /** What a fix tells the platform to write in an assignment's `role`. */
  suggested: string;
};

/**
 * The roles a platform is checked against. A defined OperatingRole is held only by assignments
 * that resolve to it as the catalog resolves them (its `assignsRole` relation), so the checks and
 * the catalog agree: a platform in `payments` naming `operatingrole:platform-product-owner` holds
 * `operatingrole:payments/platform-product-owner`. The roles assumed when no definitions are
 * known stand for whichever definition the organisation keeps: in `default`, where the built-in
 * ones live, or in the platform's own namespace, where a ref without a namespace points; either
 * holds them, since the checks cannot know which one exists.
 */
function roleDefinitions(
  namespace: string,
  roles: OperatingRoleEntity[] | undefined,
): RoleDefinition[] {
  if (roles) {
    return roles.map(r => {
      const ref = entityRefOf(r);
      return {
        ref,
        title: r.metadata.title ?? r.metadata.name,
        requiredFor: r.spec.requiredFor ?? [],
        exclusive: !!r.spec.exclusive,
        heldAs: new Set([ref]),
        suggested: refFrom(stringifyEntityRef(r), namespace),
      };
    });
  }
  return DEFAULT_REQUIRED_ROLES.map(r => {
    const { kind, name } = parseEntityRef(r.ref);
    const ref = lower(r.ref);
    return {
      ref,
      title: name,
      requiredFor: r.requiredFor,
      exclusive: r.exclusive,
      heldAs: new Set([ref, lower(`${kind}:${namespace}/${name}`)]),
      suggested: `${kind}:${name}`,
    };
  });
}

/**
 * Finds the required roles nobody holds now, the exclusive roles two hold at once and, when the
 * OperatingRole definitions are known, the assignments of roles that are not defined.
 */
export function checkPlatformRoles(
  platform: PlatformEntity,
  definedRoles: OperatingRoleEntity[] | undefined,
  now: Date,
  findings: ModelFinding[],
) {
  const ns = platform.metadata.namespace ?? 'default';
  const entityRef = entityRefOf(platform);
  const { spec } = platform;
  const assigned = (spec.roles ?? []).map((a, i) => ({
    a,
    i,
    role: normalize(a.role, 'operatingrole', ns),
  }));
  const active = assigned.filter(x => assignmentState(x.a, now) === 'active');
  const definitions = roleDefinitions(ns, definedRoles);

  for (const def of definitions) {
    const holders = active.filter(x => def.heldAs.has(x.role));
    if (def.requiredFor.includes(spec.lifecycle) && holders.length === 0) {
      // an assignment of a role of the same name elsewhere is the likelier mistake than none
      const misnamed = active.find(
        x => nameOf(x.role) === nameOf(def.ref) && !def.heldAs.has(x.role),
      );
      const rolePath =
        misnamed && `${childPath('spec.roles', misnamed.i)}.role`;
      findings.push({
        check: 'platform.required-role-missing',
        severity: 'error',
        entityRef,
        path: 'spec.roles',
        message: `a ${spec.lifecycle} platform needs a ${def.title}, and none holds the role now`,
        fix: misnamed
          ? `write role: ${def.suggested} in ${rolePath} (${readsAs(
              misnamed.a.role,
              misnamed.role,
              ns,
            )})`
          : `add - { role: ${def.suggested}, holder: user:<name> } to spec.roles`,
      });
    }
    if (def.exclusive && holders.length > 1) {
      findings.push({
        check: 'platform.exclusive-role-shared',
        severity: 'error',
        entityRef,
        path: childPath('spec.roles', holders[1].i),
        message: `${def.title} is exclusive, but ${holders
          .map(h => h.a.holder)
          .join(' and ')} hold it at the same time`,
        fix: 'keep one holder, or end the earlier assignment with until',
      });
    }
  }
  if (definedRoles) {
    const known = new Set(definitions.map(d => d.ref));
    for (const x of assigned) {
      if (known.has(x.role)) continue;
      const sameName = definitions
        .filter(d => nameOf(d.ref) === nameOf(x.role))
        .sort(
          (d1, d2) =>
            Number(d2.ref.includes(':default/')) -
            Number(d1.ref.includes(':default/')),
        );
      findings.push({
        check: 'platform.unknown-role',
        severity: 'warning',
        entityRef,
        path: `${childPath('spec.roles', x.i)}.role`,
        message: `${x.a.role} is not a defined OperatingRole`,
        fix: sameName.length
          ? `write ${sameName[0].suggested} (${readsAs(x.a.role, x.role, ns)})`
          : 'use a role your operating-model owner defines, or define it as an OperatingRole',
      });
    }
  }
}
