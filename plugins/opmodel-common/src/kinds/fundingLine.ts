import { DateTime } from 'luxon';
import {
  KIND_FUNDING_LINE,
  REF_KINDS,
  RELATION_FUNDED_BY,
  RELATION_FUNDS,
} from '../constants';
import { opmodelSchemas, storedFundingLineSchema } from '../schemas';
import { childPath } from '../paths';
import { isFundingLineEntity } from '../typeGuards';
import type { FundingLineEntity } from '../types';
import type { ValidationIssue } from '../validationIssue';
import {
  checkDuplicates,
  checkEntityRef,
  checkPeriod,
  checkRoleAssignments,
} from '../fieldChecks';
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

/**
 * Values under a FundingLine's periods other than their dates: amounts, or whatever an author
 * wrote in their place. Issues there never quote the value, because processing errors end up in
 * catalog responses that readers without the amounts permission get too.
 */
function isConfidential(pointer: string): boolean {
  return (
    /^\/spec\/periods(\/|$)/.test(pointer) &&
    !/^\/spec\/periods\/\d+\/(start|end)$/.test(pointer)
  );
}

/** Reports each period that starts before the one before it, in start order, ends. */
function checkPeriodsDoNotOverlap(
  periods: FundingLineEntity['spec']['periods'],
  issues: ValidationIssue[],
) {
  const sorted = periods
    .map((p, i) => ({ ...p, i }))
    .filter(
      p => DateTime.fromISO(p.start).isValid && DateTime.fromISO(p.end).isValid,
    )
    .sort((a, b) => a.start.localeCompare(b.start));
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].start < sorted[k - 1].end) {
      issues.push({
        path: `${childPath('spec.periods', sorted[k].i)}.start`,
        message: `(${sorted[k].start}) overlaps spec.periods[${
          sorted[k - 1].i
        }], which ends ${sorted[k - 1].end}`,
        fix: `start it on or after ${
          sorted[k - 1].end
        } (periods are [start, end) and must not overlap)`,
      });
    }
  }
}

function validateFundingLineRules(
  entity: FundingLineEntity,
  ns: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { spec } = entity;
  checkEntityRef(spec.owner, 'spec.owner', REF_KINDS.owner, ns, issues);
  spec.periods.forEach((p, i) =>
    checkPeriod(
      p.start,
      p.end,
      childPath('spec.periods', i),
      ['start', 'end'],
      issues,
      true,
    ),
  );
  checkPeriodsDoNotOverlap(spec.periods, issues);
  spec.allocations.forEach((a, i) =>
    checkEntityRef(
      a.target,
      `${childPath('spec.allocations', i)}.target`,
      REF_KINDS.allocation,
      ns,
      issues,
    ),
  );
  checkDuplicates(
    spec.allocations,
    a => a.target.toLocaleLowerCase('en-US'),
    'spec.allocations',
    'target',
    issues,
  );
  const total = spec.allocations.reduce((sum, a) => sum + a.share, 0);
  if (total > 1 + 1e-9) {
    issues.push({
      path: 'spec.allocations',
      message: `shares add up to ${
        Math.round(total * 1000) / 10
      } %, more than 100 %`,
      fix: 'lower the shares so that they add up to at most 1',
    });
  }
  checkRoleAssignments(spec.roles, ns, issues);
  if (spec.type === 'project' && !spec.project) {
    issues.push({
      path: 'spec.project',
      message: 'is required for a project funding line',
      fix: "add project: { start: '2026-03-01', end: '2026-09-30' }, or set type: operational",
    });
  }
  if (spec.type === 'operational' && spec.project) {
    issues.push({
      path: 'spec.project',
      message: 'is only for type: project',
      fix: 'remove spec.project, or set type: project',
    });
  }
  if (spec.project) {
    checkPeriod(
      spec.project.start,
      spec.project.end,
      'spec.project',
      ['start', 'end'],
      issues,
      true,
    );
  }
  return issues;
}

function* fundingLineRelations(
  entity: FundingLineEntity,
  now: () => Date,
): Iterable<OpmodelRelation> {
  const { self, ref } = refsOf(entity);
  const { spec } = entity;
  yield ownerRelation(entity, spec.owner);
  for (const allocation of spec.allocations) {
    yield relation(
      self,
      RELATION_FUNDS,
      ref(allocation.target, REF_KINDS.allocation),
      RELATION_FUNDED_BY,
    );
  }
  yield* roleAssignmentRelations(entity, spec.roles, now);
}

export const fundingLineKind: OpmodelKindDescriptor<FundingLineEntity> = {
  kind: KIND_FUNDING_LINE,
  isEntity: isFundingLineEntity,
  schema: form =>
    form === 'stored'
      ? storedFundingLineSchema
      : opmodelSchemas[KIND_FUNDING_LINE],
  isConfidential,
  validateRules: validateFundingLineRules,
  relations: fundingLineRelations,
};
