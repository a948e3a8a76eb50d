import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { childPath } from './paths';
import { REF_KINDS } from './constants';
import type { RoleAssignment } from './types';
import { describeValue, ValidationIssue } from './validationIssue';

/** Validates one field holding an entity ref and returns its normalized form, or an issue. */
export function checkEntityRef(
  ref: string,
  path: string,
  allowed: readonly string[],
  namespace: string,
  issues: ValidationIssue[],
): string | undefined {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: allowed[0],
      defaultNamespace: namespace,
    });
    if (!allowed.includes(parsed.kind.toLocaleLowerCase('en-US'))) {
      issues.push({
        path,
        message: `must refer to ${allowed.join(' or ')}, not ${
          parsed.kind
        } (got '${ref}')`,
        fix: `write a ref like ${allowed[0]}:${parsed.name}`,
      });
      return undefined;
    }
    return stringifyEntityRef(parsed);
  } catch (e) {
    issues.push({
      path,
      message: `is not a valid entity ref (got ${describeValue(ref)})`,
      fix: `write a ref like ${allowed[0]}:some-name`,
    });
    return undefined;
  }
}

function checkDate(
  value: string | undefined,
  path: string,
  issues: ValidationIssue[],
): DateTime | undefined {
  if (value === undefined) return undefined;
  const date = DateTime.fromISO(value, { zone: 'utc' });
  if (!date.isValid) {
    issues.push({
      path,
      message: `is not a real calendar date (got '${value}')`,
      fix: "write a date as YYYY-MM-DD, for example '2026-01-01'",
    });
    return undefined;
  }
  return date;
}

/**
 * Checks the two dates of a period under `path`, named by `names`, and that the second is not
 * before the first; `strict` also rejects a second date on the first.
 */
export function checkPeriod(
  start: string | undefined,
  end: string | undefined,
  path: string,
  names: [string, string],
  issues: ValidationIssue[],
  strict: boolean,
) {
  const from = checkDate(start, childPath(path, names[0]), issues);
  const to = checkDate(end, childPath(path, names[1]), issues);
  if (from && to && (strict ? to <= from : to < from)) {
    issues.push({
      path: childPath(path, names[1]),
      message: `(${end}) is before ${strict ? 'or on ' : ''}${
        names[0]
      } (${start})`,
      fix: `write a ${names[1]} after ${start}, or correct ${names[0]}`,
    });
  }
}

/** Checks the refs and the period of every assignment in `spec.roles`. */
export function checkRoleAssignments(
  roles: RoleAssignment[] | undefined,
  namespace: string,
  issues: ValidationIssue[],
) {
  (roles ?? []).forEach((assignment, i) => {
    const path = childPath('spec.roles', i);
    checkEntityRef(
      assignment.role,
      `${path}.role`,
      REF_KINDS.role,
      namespace,
      issues,
    );
    checkEntityRef(
      assignment.holder,
      `${path}.holder`,
      REF_KINDS.holder,
      namespace,
      issues,
    );
    checkPeriod(
      assignment.since,
      assignment.until,
      path,
      ['since', 'until'],
      issues,
      false,
    );
  });
}

/** Reports every item of the list at `path` whose key an earlier item already has. */
export function checkDuplicates<T>(
  items: T[] | undefined,
  key: (item: T) => string,
  path: string,
  field: string,
  issues: ValidationIssue[],
) {
  const seen = new Map<string, number>();
  (items ?? []).forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) {
      issues.push({
        path: `${childPath(path, i)}.${field}`,
        message: `repeats '${k}', already used at ${childPath(path, first)}`,
        fix: `give each entry a distinct ${field}, or merge the two`,
      });
    } else {
      seen.set(k, i);
    }
  });
}
