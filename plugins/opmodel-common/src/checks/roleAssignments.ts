import type { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { childPath } from '../paths';
import type { RoleAssignment } from '../types';
import { entityRefOf } from './refs';
import type { ModelFinding } from './types';

type AssignmentState = 'active' | 'ended' | 'not-started';

/** Whether a role assignment holds on a day; `until` is the last day it holds. */
export function assignmentState(
  a: { since?: string; until?: string },
  now: Date,
): AssignmentState {
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()!;
  if (a.since && a.since > today) return 'not-started';
  if (a.until && a.until < today) return 'ended';
  return 'active';
}

/** Warns of each assignment in `spec.roles` that has ended or has not started yet. */
export function checkAssignments(
  entity: Entity,
  roles: RoleAssignment[] | undefined,
  now: Date,
  findings: ModelFinding[],
) {
  const entityRef = entityRefOf(entity);
  (roles ?? []).forEach((a, i) => {
    const state = assignmentState(a, now);
    if (state === 'ended') {
      findings.push({
        check: 'role-assignment.ended',
        severity: 'warning',
        entityRef,
        path: `${childPath('spec.roles', i)}.until`,
        message: `${a.holder}'s assignment as ${a.role} ended on ${a.until}`,
        fix: 'remove the assignment, name the new holder, or move until to a later date',
      });
    } else if (state === 'not-started') {
      findings.push({
        check: 'role-assignment.not-started',
        severity: 'warning',
        entityRef,
        path: `${childPath('spec.roles', i)}.since`,
        message: `${a.holder}'s assignment as ${a.role} only starts on ${a.since}`,
        fix: 'name who holds the role until then in another assignment',
      });
    }
  });
}
